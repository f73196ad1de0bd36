"""Bulk-load synthetic reports into one campaign, spread like a real surge.

Used by bench/tally.py (100k reports) and by bench/submission_surge.sh with PRESEED=N (how submissions cope
with a campaign that already holds many reports). Cities are real gazetteer entries: the 20 most populous of
each of the 100 countries with the most cities (~2,000), with a long-tailed share of reports per city; 85% of
reports are published, the rest spread over the other statuses. Deterministic (fixed seed).

Usage (Django configured by the environment, as manage.py would be):
    .venv/bin/python bench/seed_reports.py N [SLUG]
"""

from __future__ import annotations

import datetime
import hashlib
import os
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def seed(
    campaign,
    count: int,
    *,
    seed_value: int = 42,
    batch_size: int = 5000,  # noqa: ANN001
    all_published: bool = False,
) -> None:
    from solidarity.campaigns.models import ActionType
    from solidarity.places.geocode import _gazetteer
    from solidarity.reports.models import Report

    by_country: dict[str, list] = {}
    for city in _gazetteer()[0].values():
        by_country.setdefault(city.country_code, []).append(city)
    countries = sorted(by_country, key=lambda code: -len(by_country[code]))[:100]
    cities = [c for code in countries for c in sorted(by_country[code], key=lambda c: -c.population)[:20]]
    rng = random.Random(seed_value)
    weights = [1 / (rank + 1) ** 0.8 for rank in range(len(cities))]  # a few busy cities, a long tail
    rng.shuffle(weights)
    statuses = (
        [Report.Status.PUBLISHED] * 85
        + [Report.Status.RECEIVED] * 6
        + [Report.Status.NEEDS_REVIEW] * 4
        + [Report.Status.REJECTED] * 3
        + [Report.Status.DUPLICATE] * 2
    )
    if all_published:  # bench/export.py: every report counts
        statuses = [Report.Status.PUBLISHED]
    actions = list(ActionType.values)
    now = datetime.datetime.now(datetime.UTC)
    batch: list[Report] = []
    for number, city in enumerate(rng.choices(cities, weights=weights, k=count)):
        status = rng.choice(statuses)
        text = f"seeded report {seed_value}-{number}"
        digest = hashlib.sha256(text.encode()).hexdigest()
        batch.append(
            Report(
                campaign=campaign,
                status=status,
                held_on=datetime.date(2023, 1, 18 + number % 7),
                city=city.name,
                country=city.country_code,
                geonameid=city.geonameid,
                latitude=city.latitude,
                longitude=city.longitude,
                action_type=rng.choice(actions),
                public_text=text,
                published_at=now if status == Report.Status.PUBLISHED else None,
                content_hash=digest,
                # as the web form stores them: one idempotency key per copy of the form (see ReportForm.to_input)
                message_id=f"web:{rng.getrandbits(64):016x}:{digest[:24]}",
            )
        )
        if len(batch) == batch_size:
            Report.objects.bulk_create(batch)
            batch = []
    Report.objects.bulk_create(batch)


if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "solidarity.settings")
    import django

    django.setup()
    from solidarity.campaigns.models import Campaign
    from solidarity.campaigns.services import campaign_changed

    target = Campaign.objects.get(slug=sys.argv[2] if len(sys.argv) > 2 else "remember-to-fight-2023")
    seed(target, int(sys.argv[1]))
    campaign_changed(target)  # the published view changed: new tally key, snapshots dropped
    print(f"seeded {sys.argv[1]} reports into {target.slug}")
