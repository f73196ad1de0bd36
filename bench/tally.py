"""Tally at scale: 100,000 reports for one campaign, then time the tally uncached and cached.

Why: the tally (actions / cities / countries, per country) is on the campaign page, the home page and
/c/<slug>/tally.json. It is cached under the campaign's data version, but every publication bumps that
version, so during a busy moderation session the uncached one-query computation runs again and again.
Goal (from the issue): p95 < 50 ms.

Besides the tally itself, with 100k rows in place this also times two things that grow with the table:
  * the idempotency check every submission runs (report_submit -> _existing: campaign + form-copy key), and
  * rendering the campaign page after an invalidation (what the first reader pays before the snapshot exists).

Runs in a throwaway database: SQLite at /tmp/bench-tally.sqlite3 unless DATABASE_URL is already set (e.g. by
scripts/with-postgres.sh). Reports come from bench/seed_reports.py: ~2,000 real gazetteer cities in 100
countries, 85% published.

Usage: .venv/bin/python bench/tally.py [--reports 100000] [--runs 60] [--no-vacuum]
       scripts/with-postgres.sh .venv/bin/python bench/tally.py        (PostgreSQL)
"""

from __future__ import annotations

import argparse
import hashlib
import os
import statistics
import sys
import time
from pathlib import Path
from types import SimpleNamespace

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
from benchlib import idle_percent, pct, prepare_environment, timed  # noqa: E402

SQLITE_PATH = Path("/tmp/bench-tally.sqlite3")
DATA_DIR = Path(os.environ.get("BENCH_TALLY_DATA_DIR", "/tmp/bench-tally-data"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--reports", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=60)
    parser.add_argument("--no-vacuum", action="store_true", help="PostgreSQL: skip VACUUM ANALYZE after loading")
    args = parser.parse_args()
    vendor = prepare_environment(SQLITE_PATH, DATA_DIR)

    import django

    django.setup()
    from django.core.cache import cache
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from seed_reports import seed

    from solidarity.campaigns.models import Campaign
    from solidarity.demo.load import load_demo
    from solidarity.reports.mapdata import map_geojson_bytes
    from solidarity.reports.models import Report
    from solidarity.reports.services import _existing
    from solidarity.reports.tally import _compute, tally

    call_command("migrate", verbosity=0)
    load_demo()
    campaign = Campaign.objects.get(slug="remember-to-fight-2023")

    start = time.perf_counter()
    seed(campaign, args.reports)
    if connection.vendor == "postgresql" and not args.no_vacuum:
        # Autovacuum would do this within a minute of a bulk load; without it the planner has no statistics and
        # the tally's index-only scan has no visibility map. (SQLite is left as production runs it: no ANALYZE.)
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE reports_report")
    total = Report.objects.filter(campaign=campaign).count()
    published = [Report.Status.PUBLISHED]
    result = _compute(campaign, published)
    analyzed = " (after VACUUM ANALYZE)" if connection.vendor == "postgresql" and not args.no_vacuum else ""
    print(
        f"database: {vendor} ({connection.vendor}){analyzed}; {total} reports in the campaign, "
        f"{Report.objects.filter(campaign=campaign, status='published').count()} published; "
        f"tally: {result['actions']} actions, {result['cities']} cities, {result['countries']} countries; "
        f"loaded in {time.perf_counter() - start:.1f} s"
    )

    print(f"machine {idle_percent()}% idle before timing (2 cores; < 90% means other processes skew the figures)")
    rows = []

    def record(label: str, samples: list[float]) -> None:
        rows.append((label, statistics.median(samples), pct(samples, 95), max(samples), len(samples)))

    record("tally uncached (_compute, published)", timed(lambda: _compute(campaign, published), args.runs))
    record("tally uncached (cache cleared, tally())", timed(lambda: tally(campaign), args.runs, before=cache.clear))
    record("tally with unreviewed (never cached)", timed(lambda: tally(campaign, include_unreviewed=True), args.runs))
    tally(campaign)
    record("tally cached (tally(), locmem hit)", timed(lambda: tally(campaign), max(args.runs, 1000)))

    # The map's one GeoJSON document (reports/mapdata.py): built from two queries on a miss, bytes from the cache
    # on a hit; and the same through the view, as a browser asks for it.
    record(
        "map GeoJSON uncached (build + serialise)",
        timed(lambda: map_geojson_bytes(campaign), args.runs, before=cache.clear),
    )
    map_geojson_bytes(campaign)
    record("map GeoJSON cached (locmem hit)", timed(lambda: map_geojson_bytes(campaign), max(args.runs, 1000)))
    geo_client = Client(HTTP_HOST="127.0.0.1")

    def fetch_map() -> None:
        response = geo_client.get(f"/c/{campaign.slug}/map.geojson")
        assert response.status_code == 200, response.status_code

    record("map GeoJSON view, cached (Django test client)", timed(fetch_map, args.runs))
    map_size = len(map_geojson_bytes(campaign))

    # The idempotency check each web submission runs before inserting (reports.services._existing): is there
    # already a report with this form copy's key? Asked here for a key that is not stored, as for a new report.
    missing = SimpleNamespace(message_id=f"web:{'0' * 16}:{hashlib.sha256(b'not stored').hexdigest()[:24]}")
    record("submission idempotency check (_existing)", timed(lambda: _existing(campaign, missing), args.runs))
    with CaptureQueriesContext(connection) as queries:  # the query _existing really runs, whatever it is
        _existing(campaign, missing)
    sql = queries.captured_queries[-1]["sql"] if queries.captured_queries else "SELECT 1"
    with connection.cursor() as cursor:
        cursor.execute(("EXPLAIN QUERY PLAN " if connection.vendor == "sqlite" else "EXPLAIN ") + sql)
        plan = " | ".join(str(row[-1] if connection.vendor == "sqlite" else row[0]) for row in cursor.fetchall())

    # The campaign page rendered after an invalidation (the snapshot deleted and the tally cache cold).
    client = Client(HTTP_HOST="127.0.0.1")
    page = f"/en/c/{campaign.slug}/"
    snapshot = DATA_DIR / "snapshots" / "en" / "c" / campaign.slug / "index.html"

    def invalidate() -> None:
        snapshot.unlink(missing_ok=True)
        cache.clear()

    def render() -> None:
        response = client.get(page)
        assert response.status_code == 200, response.status_code

    record("campaign page render after invalidation", timed(render, max(10, args.runs // 3), before=invalidate))

    print(f"\n{'measure':44s} {'p50 ms':>8s} {'p95 ms':>8s} {'max ms':>8s} {'runs':>6s}")
    for label, p50, p95, worst, n in rows:
        print(f"{label:44s} {p50:8.2f} {p95:8.2f} {worst:8.2f} {n:6d}")
    uncached_p95 = rows[0][2]
    print(f"\ngoal tally p95 < 50 ms (uncached): {'MET' if uncached_p95 < 50 else 'NOT MET'} ({uncached_p95:.1f} ms)")
    by_label = {row[0]: row for row in rows}
    map_uncached = by_label["map GeoJSON uncached (build + serialise)"][2]
    map_view = by_label["map GeoJSON view, cached (Django test client)"][2]
    print(
        f"goal map GeoJSON p95 < 50 ms: uncached {'MET' if map_uncached < 50 else 'NOT MET'} ({map_uncached:.1f} ms), "
        f"served {'MET' if map_view < 50 else 'NOT MET'} ({map_view:.1f} ms); document {map_size / 1024:.0f} KiB"
    )
    print(f"idempotency-check plan: {plan}")


if __name__ == "__main__":
    main()
