"""Publish one waiting report every INTERVAL seconds, COUNT times, as a moderator would during a surge.

Each publication goes through reports.services.report_publish, so it bumps the campaign's data version and
deletes its snapshots: the next readers of the campaign page fall through to Django until one of them has
re-rendered it. Used by bench/read_while_publishing.sh. Bounded by COUNT.

Usage (Django configured by the environment): .venv/bin/python bench/publisher.py COUNT INTERVAL [SLUG]
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "solidarity.settings")
    import django

    django.setup()
    from solidarity.reports.models import Report
    from solidarity.reports.services import report_publish

    count, interval = int(sys.argv[1]), float(sys.argv[2])
    slug = sys.argv[3] if len(sys.argv) > 3 else "remember-to-fight-2023"
    waiting = Report.objects.filter(campaign__slug=slug, status=Report.Status.RECEIVED).order_by("id")
    done = 0
    for report in waiting[:count]:
        report_publish(report=report, actor=None)
        done += 1
        time.sleep(interval)
    print(f"published {done} reports, one every {interval} s")
