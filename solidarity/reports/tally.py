"""The tally: how many actions, in how many cities of how many countries."""

from __future__ import annotations

from typing import Any

from django.core.cache import cache
from django.db.models import Count

from solidarity.campaigns.models import Campaign
from solidarity.places.countries import country_name
from solidarity.reports.models import Report

CACHE_SECONDS = 3600


def tally(campaign: Campaign, *, include_unreviewed: bool = False) -> dict[str, Any]:
    """Counts from published reports (plus those awaiting review if asked), in the DESIGN §5 shape.

    Cities are counted as distinct (country, city) pairs. Duplicates and rejected reports never count. The
    published tally is cached under the campaign's data version, which every service that changes public data
    bumps, so a cached figure is never stale; the one-query computation runs on a miss.
    """
    if include_unreviewed:
        return _compute(campaign, [Report.Status.PUBLISHED, *Report.REVIEW_STATUSES])
    key = f"tally:{campaign.pk}:{campaign.data_version}"
    result = cache.get(key)
    if result is None:
        result = _compute(campaign, [Report.Status.PUBLISHED])
        cache.set(key, result, CACHE_SECONDS)
    return result


def _compute(campaign: Campaign, statuses: list[str]) -> dict[str, Any]:
    rows = (
        Report.objects.filter(campaign_id=campaign.pk, status__in=statuses)
        .values_list("country", "city")
        .annotate(n=Count("id"))
        .order_by()
    )
    countries: dict[str, dict[str, Any]] = {}
    for code, city, count in rows:
        entry = countries.setdefault(code, {"actions": 0, "cities": {}})
        entry["actions"] += count
        entry["cities"][city] = entry["cities"].get(city, 0) + count
    by_country = {}
    for code, entry in sorted(countries.items(), key=lambda item: (-item[1]["actions"], country_name(item[0]))):
        cities = sorted(entry["cities"].items(), key=lambda item: (-item[1], item[0]))
        by_country[country_name(code)] = {
            "actions": entry["actions"],
            "cities": [name for name, _n in cities],
            "code": code,  # ISO 3166 alpha-2, so pages can name the country in the reader's language
        }
    return {
        "campaign": campaign.slug,
        "actions": sum(entry["actions"] for entry in countries.values()),
        "cities": sum(len(entry["cities"]) for entry in countries.values()),
        "countries": len(countries),
        "by_country": by_country,
    }
