"""Backup and restore at scale: 100,000 reports, 10,000 of them with a photo, through `solidarity backup` and
`solidarity restore`.

Why: a backup that takes all night, fills the disk or is killed for its memory is a backup nobody runs, and a
restore is needed on the worst day, under time pressure. The issue's goal is "backup of 100k reports with 10k
photos: time and size", with no number attached, so this reports what it takes rather than a verdict.

What it measures, each command in its own process as an operator would run it (wall time around it, and peak
RSS as that process's own ``ru_maxrss``, taken with os.wait4 in a small launcher process, because Linux carries
a parent's high-water mark into a child it forks):

* ``solidarity backup PATH`` of the seeded instance: time, archive size, records and files, peak RSS;
* ``solidarity restore PATH`` of that archive into a second, empty instance (a new SQLite file, or a new
  database on the same PostgreSQL server, and a new data folder): the same figures;
* ``solidarity check`` for the baseline memory of a process that has loaded Django;
* with ``--profile``, where the time goes: the records' part alone (``dumpdata`` with backup's options;
  ``migrate`` and ``loaddata`` into another empty instance), then each command once more under cProfile
  (dumpdata, copying, hashing, tar, loaddata). cProfile slows Python-heavy code (serialising) far more than
  file copying and hashing, so its figures say what dominates, not what each part costs without it.

Before each timed command the script writes out the page cache's dirty pages (os.sync: seeding leaves
gigabytes of photos to flush) and waits up to 10 minutes for the CPU to be at least 90% idle; the table shows
how idle it was. Every file is still in the page cache (the machine has far more RAM than the data), so the
figures are for a warm cache: reading the photos from a cold disk would add to them.

Data: the demo (campaigns, registry), then N reports bulk-created into one campaign by bench/seed_reports.py
(real gazetteer cities, 85% published), of which M have one photo each: a full-size photo and its thumbnail,
made by the app's own re-encoding (solidarity.lib.images.reencode) of noisy 12-megapixel pictures, so they are
shaped like what the app stores (2000x1500, ~290 KB, and a 480 px thumbnail, ~18 KB). Re-encoding takes ~0.2 s a
photo, so VARIANTS distinct photos are made and each is written under many names (every file is its own copy on
disk; the archive is not compressed, so equal bytes cost the same as different ones).

Throwaway instances: SQLite at /tmp/bench-backup.sqlite3 and data folder /tmp/bench-backup-data, unless
DATABASE_URL is already set (scripts/with-postgres.sh); the restore goes to /tmp/bench-backup-restored (SQLite
file inside it) or to a new database `bench_restore` on the same server. The archive is /tmp/bench-backup.tar.
The archive, the restored instance and the seeded photos are deleted at the end unless ``--keep``.

Usage: .venv/bin/python -u bench/backup.py [--reports 100000] [--photos 10000] [--profile] [--keep]
       .venv/bin/python -u bench/backup.py --reports 2000 --photos 200          (a quick check of the script)
       PGTEST_PORT=55447 scripts/with-postgres.sh .venv/bin/python -u bench/backup.py      (PostgreSQL)
"""

from __future__ import annotations

import argparse
import io
import json
import os
import pstats
import shutil
import subprocess
import sys
import tarfile
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
from benchlib import idle_percent, prepare_environment  # noqa: E402

SQLITE_PATH = Path("/tmp/bench-backup.sqlite3")
DATA_DIR = Path(os.environ.get("BENCH_BACKUP_DATA_DIR", "/tmp/bench-backup-data"))
RESTORED_DIR = Path("/tmp/bench-backup-restored")
ARCHIVE = Path("/tmp/bench-backup.tar")
PROFILES = Path("/tmp/bench-backup-profiles")
RESTORE_DB = "bench_restore"
SLUG = "remember-to-fight-2023"
VARIANTS = 100
IDLE_ENOUGH = 90  # % of CPU idle before a timed command, as the other benchmarks wait for

# Runs one command and reports that child's own wall time and peak RSS (see the docstring) with its output.
# The output goes through files, not pipes: communicate() would reap the child before os.wait4 could.
LAUNCHER = """
import json, os, subprocess, sys, tempfile, time
with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
    start = time.perf_counter()
    child = subprocess.Popen(sys.argv[1:], stdout=out, stderr=err, text=True)
    _pid, status, usage = os.wait4(child.pid, 0)
    seconds = time.perf_counter() - start
    child.returncode = os.waitstatus_to_exitcode(status)
    out.seek(0), err.seek(0)
    figures = {"seconds": seconds, "kb": usage.ru_maxrss, "code": child.returncode}
    print(json.dumps({**figures, "stdout": out.read(), "stderr": err.read()[-4000:]}))
"""


@dataclass
class Run:
    """One command's figures, as printed in the table."""

    label: str
    seconds: float
    peak_mb: float
    idle: int | None
    detail: str = ""


# --- seeding -------------------------------------------------------------------------------------------------


def seed(reports: int, photos: int) -> None:
    """The demo, then ``reports`` bulk-created reports in one campaign, ``photos`` of them with one photo."""
    from django.core.management import call_command
    from django.db import connection
    from seed_reports import seed as seed_reports

    from solidarity.campaigns.models import Campaign
    from solidarity.demo.load import load_demo

    start = time.perf_counter()
    call_command("migrate", verbosity=0)
    load_demo()
    seed_reports(Campaign.objects.get(slug=SLUG), reports)
    print(f"seeded {reports} reports in {time.perf_counter() - start:.0f} s")
    start = time.perf_counter()
    add_photos(photos)
    if connection.vendor == "postgresql":  # what autovacuum would do within a minute of a bulk load
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
    print(f"added {photos} photos ({min(VARIANTS, photos)} distinct) in {time.perf_counter() - start:.0f} s")


def photo_variants(count: int) -> list[tuple[bytes, bytes, int, int]]:
    """``count`` distinct (photo, thumbnail, width, height), re-encoded by the app from 12 MP noisy pictures:
    different crops of one larger picture, so only one picture has to be drawn."""
    from make_photo import picture

    from solidarity.lib.images import reencode

    big = picture(4032 + 400, 3024 + 300, seed=2024)
    variants = []
    for number in range(count):
        dx, dy = (number * 37) % 400, (number * 53) % 300
        source = io.BytesIO()
        big.crop((dx, dy, dx + 4032, dy + 3024)).save(source, format="JPEG", quality=92)
        source.seek(0)
        encoded = reencode(source, max_bytes=1 << 30, max_pixels=1 << 30, long_side=2000, thumb_side=480)
        variants.append((encoded.data, encoded.thumbnail, encoded.width, encoded.height))
    return variants


def add_photos(count: int) -> None:
    """One photo on each of ``count`` seeded reports spread over the campaign, its files where the app puts
    them (``photos/<key>.jpg`` and ``photos/<key>-thumb.jpg``), its row bulk-created."""
    from django.conf import settings

    from solidarity.reports.models import Photo, Report

    ids = list(
        Report.objects.filter(public_text__startswith="seeded report").order_by("id").values_list("id", flat=True)
    )
    chosen = ids[:: max(1, len(ids) // count)][:count] if count else []
    Report.objects.filter(id__in=chosen).update(consent_photos=True)
    variants = photo_variants(min(VARIANTS, count))
    folder = Path(settings.MEDIA_ROOT) / "photos"
    folder.mkdir(parents=True, exist_ok=True)
    batch = []
    for number, report_id in enumerate(chosen):
        data, thumb, width, height = variants[number % len(variants)]
        key = uuid.uuid4()
        (folder / f"{key}.jpg").write_bytes(data)
        (folder / f"{key}-thumb.jpg").write_bytes(thumb)
        image, thumbnail = f"photos/{key}.jpg", f"photos/{key}-thumb.jpg"
        batch.append(Photo(report_id=report_id, key=key, image=image, thumbnail=thumbnail, width=width, height=height))
        if len(batch) == 2000:
            Photo.objects.bulk_create(batch)
            batch = []
    Photo.objects.bulk_create(batch)


def describe_data() -> str:
    """Rows and bytes of the seeded instance, for the results (what a reader needs to compare)."""
    from django.conf import settings

    from solidarity.reports.models import Photo, Report

    media = Path(settings.MEDIA_ROOT)
    files = [p for p in media.rglob("*") if p.is_file()]
    photos = [p.stat().st_size for p in files if p.parent.name == "photos" and not p.name.endswith("-thumb.jpg")]
    thumbs = [p.stat().st_size for p in files if p.name.endswith("-thumb.jpg")]
    line = (
        f"{Report.objects.count()} reports, {Photo.objects.count()} photos; media: {len(files)} files, "
        f"{sum(p.stat().st_size for p in files) / 1e6:.0f} MB (photo avg {avg_kb(photos)} KB, "
        f"thumbnail avg {avg_kb(thumbs)} KB)"
    )
    if SQLITE_PATH.exists() and "sqlite" in os.environ["DATABASE_URL"]:
        line += f"; SQLite file {SQLITE_PATH.stat().st_size / 1e6:.0f} MB"
    return line


def avg_kb(sizes: list[int]) -> int:
    return round(sum(sizes) / max(1, len(sizes)) / 1024)


# --- instances and runs --------------------------------------------------------------------------------------


def instance_env(database_url: str, data_dir: Path) -> dict[str, str]:
    """The environment of a separate Solidarity instance, as test_backup.py builds it."""
    data_dir.mkdir(parents=True, exist_ok=True)
    return {**os.environ, "DATABASE_URL": database_url, "SOLIDARITY_DATA_DIR": str(data_dir)}


def restore_target() -> str:
    """An empty database for the restore: a new SQLite file, or a new database on the PostgreSQL server."""
    shutil.rmtree(RESTORED_DIR, ignore_errors=True)
    RESTORED_DIR.mkdir(parents=True)
    server = os.environ["DATABASE_URL"]
    if not server.startswith(("postgres://", "postgresql://")):
        return f"sqlite:///{RESTORED_DIR / 'db.sqlite3'}"
    import psycopg

    with psycopg.connect(server, autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{RESTORE_DB}" WITH (FORCE)')
        admin.execute(f'CREATE DATABASE "{RESTORE_DB}"')
    return f"{server.rsplit('/', 1)[0]}/{RESTORE_DB}"


def run(env: dict[str, str], *args: str, profile: Path | None = None) -> tuple[float, float, str]:
    """Seconds, peak RSS (MB) and standard output of one ``solidarity`` command in its own process."""
    command = [sys.executable, "-m", "solidarity", *args]
    if profile:
        command = [sys.executable, "-m", "cProfile", "-o", str(profile), "-m", "solidarity", *args]
    launcher = [sys.executable, "-c", LAUNCHER, *command]
    done = subprocess.run(launcher, cwd=ROOT, env=env, capture_output=True, text=True)
    try:
        figures = json.loads(done.stdout.strip().splitlines()[-1])
    except (IndexError, ValueError):
        figures = {"code": -1, "stderr": done.stderr}
    if done.returncode or figures["code"]:
        raise SystemExit(f"solidarity {' '.join(args)} failed:\n{figures.get('stderr', '')}")
    return figures["seconds"], figures["kb"] / 1024, figures["stdout"]  # Linux reports kilobytes


def archive_contents(path: Path) -> tuple[int, int]:
    """Bytes of the records (JSON lines) and of the media files in the archive, from its manifest."""
    with tarfile.open(path) as archive:
        files = json.loads(archive.extractfile("manifest.json").read())["files"]
    records = sum(f["size"] for name, f in files.items() if not name.startswith("media/"))
    return records, sum(f["size"] for name, f in files.items() if name.startswith("media/"))


def settle(wait: float = 600) -> int:
    """Write out what earlier steps left in the page cache (gigabytes of photos), so the kernel does not flush
    it during the timed command; then wait up to ``wait`` seconds for the CPU to be idle (on 2 cores, another
    process's tests halve what is left). Returns the share of CPU idle just before the command."""
    os.sync()
    deadline = time.monotonic() + wait
    idle = idle_percent()
    while idle < IDLE_ENOUGH and time.monotonic() < deadline:
        idle = idle_percent(5)
    return idle


def time_backup(env: dict[str, str]) -> Run:
    """``solidarity backup`` of the seeded instance into a new archive."""
    ARCHIVE.unlink(missing_ok=True)
    idle = settle()
    seconds, peak, out = run(env, "backup", str(ARCHIVE), "--json")
    figures = json.loads(out)
    records, media = archive_contents(ARCHIVE)
    detail = (
        f"{figures['records']} records, {figures['files']} files, archive {figures['bytes'] / 1e6:.0f} MB "
        f"(records {records / 1e6:.1f} MB, media {media / 1e6:.0f} MB)"
    )
    return Run("backup", seconds, peak, idle, detail)


def time_restore() -> Run:
    """``solidarity restore`` of the archive into a new, empty instance."""
    env = instance_env(restore_target(), RESTORED_DIR)
    idle = settle()
    seconds, peak, out = run(env, "restore", str(ARCHIVE), "--json")
    figures = json.loads(out)
    return Run("restore", seconds, peak, idle, f"{figures['records']} records, {figures['files']} files")


# --- where the time goes -------------------------------------------------------------------------------------

# (label, file name ending, function name) of the parts of backup.py and of what it calls; indented labels are
# inside the one above them.
BACKUP_PARTS = [
    ("backup() in all", "lib/backup.py", "backup"),
    ("  SQLite online copy of the database", "~", "<method 'backup' of 'sqlite3.Connection' objects>"),
    ("  dumpdata (records to JSON lines)", "commands/dumpdata.py", "handle"),
    ("  row counts", "lib/backup.py", "_row_counts"),
    ("  copy media to staging", "lib/backup.py", "_copy_media"),
    ("  SHA-256 of every member", "lib/backup.py", "_describe"),
    ("  tar the staging folder", "tarfile.py", "add"),
]
RESTORE_PARTS = [
    ("restore() in all", "lib/backup.py", "restore"),
    ("  unpack and check the archive", "lib/backup.py", "_unpack"),
    ("    extract", "tarfile.py", "extractall"),
    ("    SHA-256 of every member", "lib/backup.py", "_describe"),
    ("  migrate the empty database", "commands/migrate.py", "handle"),
    ("  place media", "lib/backup.py", "_place_media"),
    ("  loaddata (records from JSON lines)", "commands/loaddata.py", "handle"),
    ("  row counts", "lib/backup.py", "_row_counts"),
]


def profile_parts(path: Path, parts: list[tuple[str, str, str]]) -> list[tuple[str, float]]:
    """Cumulative seconds of each named function in a cProfile dump (several matches are added up)."""
    stats = pstats.Stats(str(path)).stats  # type: ignore[attr-defined]
    found = []
    for label, filename, function in parts:
        total = sum(
            entry[3]
            for (file, _line, name), entry in stats.items()
            if name == function and (file == filename or file.endswith(filename))
        )
        found.append((label, total))
    return found


def records_alone(env: dict[str, str]) -> None:
    """The records' part of each command timed on its own, without the profiler: ``dumpdata`` as backup runs it,
    and ``migrate`` then ``loaddata`` of the archive's records into another empty instance."""
    with tarfile.open(ARCHIVE) as archive:
        archive.extract("data/records.jsonl", PROFILES, filter="data")
    print(f"\nmachine {settle()}% idle before the parts and the profiled runs")
    dump = ["--format", "exact-jsonl", "--natural-foreign", "--all", "-e", "contenttypes", "-e", "auth.permission"]
    seconds, peak, _out = run(env, "dumpdata", *dump, "-e", "sessions", "-o", str(PROFILES / "dump.jsonl"))
    print(f"alone, without the profiler: dumpdata {seconds:.1f} s ({peak:.0f} MB peak)")
    target = instance_env(restore_target(), RESTORED_DIR)
    seconds, peak, _out = run(target, "migrate", "-v0")
    print(f"alone, without the profiler: migrate of an empty database {seconds:.1f} s ({peak:.0f} MB peak)")
    seconds, peak, _out = run(target, "loaddata", str(PROFILES / "data" / "records.jsonl"), "-v0")
    print(f"alone, without the profiler: loaddata {seconds:.1f} s ({peak:.0f} MB peak)")


def profile(env: dict[str, str]) -> None:
    """Where the time goes: the records' part alone, then backup and restore once more under cProfile."""
    shutil.rmtree(PROFILES, ignore_errors=True)
    PROFILES.mkdir()
    records_alone(env)
    ARCHIVE.unlink(missing_ok=True)
    settle()
    seconds, _peak, _out = run(env, "backup", str(ARCHIVE), profile=PROFILES / "backup.prof")
    print(f"\nunder cProfile (inflates Python-heavy parts such as dumpdata and loaddata): backup {seconds:.1f} s")
    for label, part in profile_parts(PROFILES / "backup.prof", BACKUP_PARTS):
        print(f"  {label:44s} {part:8.1f} s")
    target = instance_env(restore_target(), RESTORED_DIR)
    settle()
    seconds, _peak, _out = run(target, "restore", str(ARCHIVE), profile=PROFILES / "restore.prof")
    print(f"under cProfile: restore {seconds:.1f} s")
    for label, part in profile_parts(PROFILES / "restore.prof", RESTORE_PARTS):
        print(f"  {label:44s} {part:8.1f} s")


# --- the run -------------------------------------------------------------------------------------------------


def clean_up(keep: bool) -> None:
    """Free the disk (the archive, the restored instance and the seeded media are each the size of the photos)."""
    if keep:
        return
    ARCHIVE.unlink(missing_ok=True)
    shutil.rmtree(RESTORED_DIR, ignore_errors=True)
    shutil.rmtree(DATA_DIR / "media", ignore_errors=True)
    shutil.rmtree(PROFILES, ignore_errors=True)


def print_table(vendor: str, runs: list[Run]) -> None:
    print(f"\ndatabase: {vendor}; {os.cpu_count()} cores")
    print(f"{'command':10s} {'seconds':>8s} {'peak MB':>8s} {'idle %':>7s}  detail")
    for row in runs:
        idle = "" if row.idle is None else row.idle
        print(f"{row.label:10s} {row.seconds:8.1f} {row.peak_mb:8.1f} {idle:>7}  {row.detail}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--reports", type=int, default=100_000)
    parser.add_argument("--photos", type=int, default=10_000)
    parser.add_argument("--profile", action="store_true", help="then run each command once more under cProfile")
    parser.add_argument("--keep", action="store_true", help="keep the archive, restored instance and media")
    args = parser.parse_args()
    vendor = prepare_environment(SQLITE_PATH, DATA_DIR)

    import django

    django.setup()
    from django.db import connection

    seed(args.reports, args.photos)
    print(describe_data())
    connection.close()  # nothing of ours holds the database while the commands run
    source = instance_env(os.environ["DATABASE_URL"], DATA_DIR)
    baseline_seconds, baseline_peak, _out = run(source, "check")
    runs = [Run("check", baseline_seconds, baseline_peak, None, "baseline: a process that has loaded Django")]
    runs.append(time_backup(source))
    runs.append(time_restore())
    print_table(vendor, runs)
    if args.profile:
        profile(source)
    clean_up(args.keep)


if __name__ == "__main__":
    main()
