"""E-mail intake throughput and memory: a generated mbox through ``solidarity import-mail``.

Builds an mbox of N report e-mails (the labelled fixture reports in 15 languages, each made unique), optionally
with one ~3 MB phone photo each (bench/make_photo.py's picture), on a fresh SQLite database, and times the import
as a separate process (its peak RSS from the kernel). Run twice with different N: a flat memory profile shows as
the same peak for both.

Usage: .venv/bin/python bench/intake.py [--count 10000] [--photo] [--keep DIR]
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import subprocess
import sys
import tempfile
import time
from email.message import EmailMessage
from email.utils import format_datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from solidarity.intake.tests.labelled import LABELLED  # noqa: E402


def photo() -> bytes:
    from make_photo import encode, picture

    return encode(picture(), 3 * 1024 * 1024)


def write_mbox(path: Path, count: int, with_photo: bool) -> int:
    picture = photo() if with_photo else b""
    with path.open("wb") as out:
        for i in range(count):
            row = LABELLED[i % len(LABELLED)]
            msg = EmailMessage()
            msg["From"] = f"Supporter {i} <s{i}@example.net>"
            msg["To"] = "reports@example.org"
            msg["Subject"] = row["subject"]
            msg["Date"] = format_datetime(datetime.datetime.fromisoformat(row["sent"] + "T12:00+00:00"))
            msg["Message-ID"] = f"<bench-{i}@example.net>"
            msg.set_content(f"{row['body']}\n\nRef {i}.")
            if with_photo:
                msg.add_attachment(picture, maintype="image", subtype="jpeg", filename="photo.jpg")
            out.write(b"From bench@example.net Mon Mar 19 09:30:00 2018\n")
            out.write(msg.as_bytes().replace(b"\r\n", b"\n").replace(b"\nFrom ", b"\n>From "))
            out.write(b"\n\n")
    return path.stat().st_size


def run(count: int, with_photo: bool, work: Path, workers: int | None = None) -> dict:
    db, data = work / "db.sqlite3", work / "data"
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{db}", "SOLIDARITY_DATA_DIR": str(data),
           "DJANGO_SETTINGS_MODULE": "solidarity.settings", "SOLIDARITY_LOG_LEVEL": "ERROR"}  # fmt: skip
    manage = [sys.executable, str(ROOT / "manage.py")]
    subprocess.run([*manage, "migrate", "-v0"], env=env, check=True, cwd=ROOT)
    subprocess.run([*manage, "shell", "-c", (
        "import datetime; from solidarity.campaigns.models import Campaign; "
        "from solidarity.registry.models import Organisation; "
        "o = Organisation.objects.create(slug='o', name='Org', kind='movement'); "
        "Campaign.objects.create(slug='bench', title='Bench', organiser=o, status='published', "
        "starts_on=datetime.date(2018, 3, 10), ends_on=datetime.date(2018, 3, 25))")],
        env=env, check=True, cwd=ROOT, stdout=subprocess.DEVNULL)  # fmt: skip
    # as on any box after its first process: the gazetteer index is loaded from its cache, not built
    subprocess.run([*manage, "shell", "-c", "from solidarity.places.geocode import preload; preload()"],
                   env=env, check=True, cwd=ROOT, stdout=subprocess.DEVNULL)  # fmt: skip
    mbox = work / "in.mbox"
    size = write_mbox(mbox, count, with_photo)
    started = time.perf_counter()
    out = work / "result.json"
    with out.open("wb") as sink:
        process = subprocess.Popen(
            [*manage, "import_mail", "--campaign", "bench", str(mbox), "--json", "--no-progress",
             *(["--workers", str(workers)] if workers is not None else [])],
            env=env, cwd=ROOT, stdout=sink,
        )  # fmt: skip
        _pid, status, usage = os.wait4(process.pid, 0)  # this process's own peak, not the set-up's
    seconds = time.perf_counter() - started
    if status != 0:
        raise SystemExit(f"import_mail failed with status {status}")
    result = json.loads(out.read_bytes())
    peak_mb = usage.ru_maxrss / 1024
    return {
        "messages": result["messages"], "reports": result["reports"], "photos": sum(i["photos"] for i in result["items"]),
        "mbox_mb": round(size / 1e6, 1), "seconds": round(seconds, 1), "per_second": round(count / seconds, 1),
        "peak_rss_mb": round(peak_mb),
    }  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=10_000)
    parser.add_argument("--photo", action="store_true", help="one ~3 MB JPEG per message")
    parser.add_argument("--keep", type=Path, help="work in this folder and keep it")
    parser.add_argument("--workers", type=int, help="import-mail --workers (default: its own, one per core)")
    args = parser.parse_args()
    if args.keep:
        args.keep.mkdir(parents=True, exist_ok=True)
        print(json.dumps(run(args.count, args.photo, args.keep, args.workers)))
        return
    with tempfile.TemporaryDirectory(prefix="intake-bench-") as work:
        print(json.dumps(run(args.count, args.photo, Path(work), args.workers)))


if __name__ == "__main__":
    main()
