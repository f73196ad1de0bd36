"""Report exports at scale: N published reports (default 1,000,000) exported by `solidarity export`.

Why: the public downloads (/c/<slug>/reports.csv|json|geojson) and the organisers' full export stream every
report of a campaign. They must stay in flat memory and finish in reasonable time however big a campaign
grows. Goal (from the issue): the CSV of 1M reports in < 60 s with peak memory < 200 MB.

Each export runs as its own process (`manage.py export SLUG --format F > /dev/null`), exactly as an operator
would run it; wall time is measured around it and peak RSS is that child's own `ru_maxrss` (os.wait4 in a
small launcher process, see LAUNCHER). A first run exports the small demo campaign, for the baseline memory of
a process that has loaded Django.

Data: a throwaway database, SQLite at /tmp/bench-export.sqlite3 unless DATABASE_URL is already set (e.g. by
scripts/with-postgres.sh), data dir /tmp/bench-export-data. Reports come from bench/seed_reports.py (real
gazetteer cities, all published here); every 10th has a consented photo row (no file: only its URL is
exported) and every 7th a consented reporter's name, so the per-chunk photo query and the consent paths run.
`--reuse` keeps a SQLite database already seeded with the same number of reports (seeding 1M takes minutes).

Usage: .venv/bin/python bench/export.py [--reports 1000000] [--formats csv,json,geojson] [--private] [--reuse]
       PGTEST_PORT=54332 scripts/with-postgres.sh .venv/bin/python bench/export.py      (PostgreSQL)
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
from benchlib import idle_percent, prepare_environment  # noqa: E402

SQLITE_PATH = Path("/tmp/bench-export.sqlite3")
DATA_DIR = Path(os.environ.get("BENCH_EXPORT_DATA_DIR", "/tmp/bench-export-data"))
SLUG = "remember-to-fight-2023"
BASELINE_SLUG = "days-of-solidarity-2014"
GOAL_SECONDS, GOAL_MB = 60, 200


def load(count: int) -> None:
    """The demo campaigns, then ``count`` published reports with some consented names and photos."""
    from django.core.management import call_command
    from django.db import connection
    from django.db.models import F
    from django.db.models.functions import Mod
    from seed_reports import seed

    from solidarity.campaigns.models import Campaign
    from solidarity.demo.load import load_demo
    from solidarity.reports.models import Photo, Report

    call_command("migrate", verbosity=0)
    load_demo()
    campaign = Campaign.objects.get(slug=SLUG)
    seeded = Report.objects.filter(campaign=campaign, public_text__startswith="seeded report")
    existing = seeded.count()
    if existing == count:
        print(f"reusing {count} seeded reports")
        return
    if existing:
        raise SystemExit(f"the database holds {existing} seeded reports, not {count}: run without --reuse")
    start = time.perf_counter()
    seed(campaign, count, all_published=True)
    seeded.annotate(m=Mod(F("id"), 7)).filter(m=0).update(consent_name=True, reporter_name="Seeded Reporter")
    seeded.annotate(m=Mod(F("id"), 10)).filter(m=0).update(consent_photos=True)
    batch = []
    for report_id in list(seeded.filter(consent_photos=True).values_list("id", flat=True)):
        # width and height given, so the ImageField does not open the (absent) file to measure it
        batch.append(
            Photo(
                report_id=report_id,
                image="photos/seeded.jpg",
                thumbnail="photos/seeded-thumb.jpg",
                width=2000,
                height=1500,
            )
        )
        if len(batch) == 5000:
            Photo.objects.bulk_create(batch)
            batch = []
    Photo.objects.bulk_create(batch)
    if connection.vendor == "postgresql":  # what autovacuum would do within a minute of a bulk load
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE reports_report")
            cursor.execute("VACUUM ANALYZE reports_photo")
    print(f"seeded {count} reports in {time.perf_counter() - start:.0f} s")


# A child's peak RSS starts at its parent's: Linux keeps the high-water mark across fork and exec. This process
# holds the gazetteer (~200 MB) after seeding, so the export is started from a small launcher process instead,
# which waits for it and reports that child's own rusage (os.wait4, not RUSAGE_CHILDREN over all children).
LAUNCHER = """
import json, os, subprocess, sys, time
start = time.perf_counter()
child = subprocess.Popen(sys.argv[1:], stdout=subprocess.DEVNULL)
_pid, status, usage = os.wait4(child.pid, 0)
child.returncode = os.waitstatus_to_exitcode(status)
print(json.dumps({"seconds": time.perf_counter() - start, "kb": usage.ru_maxrss, "code": child.returncode}))
"""


def run_export(slug: str, fmt: str, *, private: bool = False) -> tuple[float, float]:
    """Seconds and peak RSS (MB) of one export process writing to /dev/null."""
    command = [sys.executable, str(ROOT / "manage.py"), "export", slug, "--format", fmt]
    if private:
        command += ["--private", "--user", "bench-organiser"]
    result = subprocess.run([sys.executable, "-c", LAUNCHER, *command], cwd=ROOT, capture_output=True, text=True)
    try:
        figures = json.loads(result.stdout.strip().splitlines()[-1])
    except (IndexError, ValueError):
        figures = {"code": -1}
    if result.returncode or figures["code"]:
        raise SystemExit(f"export failed: {result.stderr}")
    return figures["seconds"], figures["kb"] / 1024  # Linux reports kilobytes


def organiser() -> None:
    """The user a private export is recorded for, with just the export permission (no password, no device:
    the command needs neither)."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Permission

    user, _created = get_user_model().objects.get_or_create(username="bench-organiser", defaults={"is_staff": True})
    user.user_permissions.add(Permission.objects.get(content_type__app_label="reports", codename="export_private"))


def query_plans() -> list[tuple[str, str]]:
    """How the database runs one chunk of the public export: the reports (keyset by id) and their photos."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from solidarity.campaigns.models import Campaign
    from solidarity.reports.exports import public_rows

    with CaptureQueriesContext(connection) as queries:
        next(public_rows(Campaign.objects.get(slug=SLUG)))
    plans = []
    for label, query in zip(("reports", "photos"), queries.captured_queries[-2:], strict=True):
        with connection.cursor() as cursor:
            cursor.execute(("EXPLAIN QUERY PLAN " if connection.vendor == "sqlite" else "EXPLAIN ") + query["sql"])
            rows = cursor.fetchall()
        plans.append((label, " | ".join(str(row[-1] if connection.vendor == "sqlite" else row[0]) for row in rows)))
    return plans


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--reports", type=int, default=1_000_000)
    parser.add_argument("--formats", default="csv", help="comma-separated: csv,json,geojson")
    parser.add_argument("--private", action="store_true", help="also time the private CSV export")
    parser.add_argument("--reuse", action="store_true", help="keep a database seeded by an earlier run")
    args = parser.parse_args()
    vendor = prepare_environment(SQLITE_PATH, DATA_DIR, reuse=args.reuse)

    import django

    django.setup()
    from django.db import connection

    load(args.reports)
    if args.private:
        organiser()
    plans = query_plans()
    connection.close()  # nothing of ours holds the database while the exports run

    rows = []
    baseline = run_export(BASELINE_SLUG, "csv")
    rows.append((f"csv, demo campaign {BASELINE_SLUG} (baseline)", *baseline, None))
    runs = [(fmt, False) for fmt in args.formats.split(",")] + ([("csv", True)] if args.private else [])
    for fmt, private in runs:
        idle = idle_percent()
        seconds, peak = run_export(SLUG, fmt, private=private)
        rows.append((f"{fmt}{' private' if private else ''}, {args.reports} reports", seconds, peak, idle))

    print(f"\ndatabase: {vendor}; {os.cpu_count()} cores")
    print(f"{'export':56s} {'seconds':>8s} {'peak MB':>8s} {'idle %':>7s}")
    for label, seconds, peak, idle in rows:
        print(f"{label:56s} {seconds:8.1f} {peak:8.1f} {'' if idle is None else idle:>7}")
    for label, plan in plans:
        print(f"plan, {label}: {plan}")
    csv_row = next((row for row in rows[1:] if row[0].startswith("csv,")), None)
    if csv_row:
        met = csv_row[1] < GOAL_SECONDS and csv_row[2] < GOAL_MB
        print(f"\ngoal CSV < {GOAL_SECONDS} s and < {GOAL_MB} MB: {'MET' if met else 'NOT MET'}")


if __name__ == "__main__":
    main()
