"""Kill the import with SIGKILL at several points, run it again: nothing lost, nothing twice.

The import runs as a real ``solidarity import-mail`` process on its own SQLite database, since the point is what a
killed process leaves on disk; the test database of pytest-django cannot show that.
"""

from __future__ import annotations

import datetime
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from solidarity.intake.tests import mail
from solidarity.intake.tests.labelled import LABELLED

ROOT = Path(__file__).resolve().parents[3]
pytestmark = pytest.mark.skipif(os.name != "posix", reason="needs SIGKILL")


def build_mbox(path: Path) -> dict[str, int]:
    """Every labelled report (each fourth with a photo), eight re-sent under new Message-IDs, four not reports."""
    messages, photos = [], 0
    for i, row in enumerate(LABELLED):
        sent = datetime.datetime.fromisoformat(row["sent"] + "T12:00+00:00")
        if i % 4 == 0:
            raw = mail.with_photos(row["subject"], row["body"], [("p.jpg", mail.photo_bytes(), "jpeg")], sent=sent)
            photos += 1
        else:
            raw = mail.plain(row["subject"], row["body"], sent=sent)
        messages.append(raw)
    resent = [mail.plain(LABELLED[i]["subject"], LABELLED[i]["body"]) for i in (1, 2, 3, 5, 6, 7, 9, 10)]
    others = [mail.spam(), mail.question(), mail.auto_reply(), mail.bounce()]
    path.write_bytes(mail.mbox(messages + resent + others))
    return {
        "messages": len(messages) + 12,
        "reports": len(messages),
        "duplicates": 8,
        "not_reports": 4,
        "photos": photos,
    }


def count(db: Path, table: str) -> int:
    try:
        with sqlite3.connect(db, timeout=10) as conn:
            return conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]  # noqa: S608 - fixed table names
    except sqlite3.OperationalError:
        return 0


def readers_left(mbox: Path) -> list[int]:
    """Processes still running the import of ``mbox`` (given a moment to receive their parent-death signal)."""
    time.sleep(0.5)
    left = []
    for proc in Path("/proc").iterdir():
        try:
            if proc.name.isdigit() and str(mbox).encode() in (proc / "cmdline").read_bytes():
                left.append(int(proc.name))
        except OSError:
            continue
    return left


def test_sigkill_at_any_point_then_rerun_gives_exact_counts(tmp_path):
    db = tmp_path / "db.sqlite3"
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{db}",
        "SOLIDARITY_DATA_DIR": str(tmp_path / "data"),
        "DJANGO_SETTINGS_MODULE": "solidarity.settings",
        "SOLIDARITY_LOG_LEVEL": "ERROR",
    }
    manage = [sys.executable, str(ROOT / "manage.py")]
    subprocess.run([*manage, "migrate", "-v0"], env=env, check=True, cwd=ROOT)
    subprocess.run(
        [*manage, "shell", "-c", (
            "import datetime; from solidarity.campaigns.models import Campaign; "
            "from solidarity.registry.models import Organisation; "
            "o = Organisation.objects.create(slug='o', name='Org', kind='movement'); "
            "Campaign.objects.create(slug='spring-2018', title='Spring', organiser=o, status='published', "
            "starts_on=datetime.date(2018, 3, 10), ends_on=datetime.date(2018, 3, 25))"
        )],
        env=env, check=True, cwd=ROOT,
    )  # fmt: skip
    expected = build_mbox(tmp_path / "in.mbox")
    command = [*manage, "import_mail", "--campaign", "spring-2018", str(tmp_path / "in.mbox"), "--no-progress"]

    kills = 0
    for stop_at in (5, 20, 40):  # messages stored before each kill
        process = subprocess.Popen(command, env=env, cwd=ROOT, stdout=subprocess.DEVNULL)
        deadline = time.monotonic() + 60
        while count(db, "intake_message") < stop_at and process.poll() is None and time.monotonic() < deadline:
            time.sleep(0.005)
        if process.poll() is None:
            process.send_signal(signal.SIGKILL)
            kills += 1
        process.wait()
    assert kills >= 2, "the import finished before it could be killed; make the mailbox bigger"
    assert not readers_left(tmp_path / "in.mbox"), "a killed import left its reading processes behind"

    done = subprocess.run([*command, "--json"], env=env, cwd=ROOT, capture_output=True, check=True)
    result = json.loads(done.stdout)
    assert {k: result[k] for k in ("messages", "reports", "duplicates", "not_reports")} == {
        k: expected[k] for k in ("messages", "reports", "duplicates", "not_reports")
    }
    assert count(db, "intake_message") == expected["messages"]
    assert count(db, "reports_report") == expected["reports"]
    assert count(db, "reports_photo") == expected["photos"]
    with sqlite3.connect(db) as conn:
        names = [row[0] for row in conn.execute("SELECT image FROM reports_photo")]
        unlinked = conn.execute(
            "SELECT count(*) FROM intake_message WHERE verdict = 'report' AND report_id IS NULL"
        ).fetchone()[0]
    assert unlinked == 0
    assert all((tmp_path / "data" / "media" / name).exists() for name in names)


@pytest.mark.django_db(transaction=True)
def test_an_import_process_with_readers_writes_to_postgresql(spring_campaign, tmp_path):
    """The production path on PostgreSQL: a real ``import-mail`` process closes its connection, forks its
    readers, and stores every message through a fresh one; run twice, it stores nothing twice."""
    from django.db import connection

    from solidarity.intake.models import Message
    from solidarity.reports.models import Photo, Report

    if connection.vendor != "postgresql":
        pytest.skip("the SQLite pass runs the same command in the test above")
    db = connection.settings_dict
    url = f"postgres://{db['USER']}:{db['PASSWORD'] or ''}@{db['HOST']}:{db['PORT']}/{db['NAME']}"
    expected = build_mbox(tmp_path / "in.mbox")
    env = {**os.environ, "DATABASE_URL": url, "SOLIDARITY_DATA_DIR": str(tmp_path / "data"),
           "DJANGO_SETTINGS_MODULE": "solidarity.settings", "SOLIDARITY_LOG_LEVEL": "ERROR"}  # fmt: skip
    command = [sys.executable, str(ROOT / "manage.py"), "import_mail", "--campaign", spring_campaign.slug,
               str(tmp_path / "in.mbox"), "--json", "--no-progress", "--workers", "2"]  # fmt: skip
    for _run in range(2):
        done = subprocess.run(command, env=env, cwd=ROOT, capture_output=True, check=True)
        result = json.loads(done.stdout)
        assert {k: result[k] for k in ("messages", "reports", "duplicates", "not_reports")} == {
            k: expected[k] for k in ("messages", "reports", "duplicates", "not_reports")
        }
    assert Message.objects.filter(campaign=spring_campaign).count() == expected["messages"]
    assert Report.objects.filter(campaign=spring_campaign).count() == expected["reports"]
    assert Photo.objects.filter(report__campaign=spring_campaign).count() == expected["photos"]
    assert not Message.objects.filter(verdict=Message.Verdict.REPORT, report__isnull=True).exists()
