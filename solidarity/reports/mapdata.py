"""The map's data: one GeoJSON document per campaign, however many reports it has.

Every published action sits at its city's centroid (the gazetteer's point, never anything more exact), so the
map draws one feature per city with its number of actions; the browser clusters cities by summing their counts.
That keeps the document small at any scale (a city per feature, not a report per feature: 2,000 cities of
100,000 reports are about 200 KB) and lets one grouped query, answered from the ``report_map`` index alone,
build it. A city's newest actions, for its popup, are fetched when the popup opens (:func:`city_actions`), one
small cached document per city, instead of windowing over every report to build the map. Countries carry their
ISO numeric code too, because the Natural Earth shapes the page draws are keyed by it.

Both documents are cached as bytes under the campaign's data version, which every service that changes public
data bumps: a cached map is never stale, and a surge of readers costs one build.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache as memoize

import pycountry
from django.core.cache import cache
from django.db.models import Count
from django.db.models.functions import Substr
from django.utils.translation import get_language

from solidarity.campaigns.models import Campaign
from solidarity.places.countries import country_name
from solidarity.reports.models import Report

CACHE_SECONDS = 3600
LATEST_PER_CITY = 5
TEXT_CHARS = 280


@dataclass(frozen=True)
class CityCount:
    """A city on the map: where it is and how many published actions it had."""

    geonameid: int | None
    city: str
    country: str
    latitude: float
    longitude: float
    actions: int


def city_counts(campaign: Campaign) -> list[CityCount]:
    """Published actions per city, biggest first (one grouped query, answered from the report_map index alone)."""
    rows = (
        Report.objects.filter(campaign_id=campaign.pk, status=Report.Status.PUBLISHED, latitude__isnull=False)
        .values_list("geonameid", "city", "country", "latitude", "longitude")
        .annotate(n=Count("id"))
        .order_by("-n", "city")
    )
    return [CityCount(*row) for row in rows]


@memoize
def numeric_code(alpha2: str) -> str | None:
    """ISO 3166 numeric code ("276" for DE), the key of the Natural Earth shapes."""
    country = pycountry.countries.get(alpha_2=alpha2.upper())
    return country.numeric if country else None


def build_geojson(campaign: Campaign) -> dict[str, object]:
    """The map document: a FeatureCollection of cities plus, as foreign members, the per-country counts."""
    cities = city_counts(campaign)
    features = []
    countries: dict[str, dict[str, object]] = {}
    for item in cities:
        features.append(
            {
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [round(item.longitude, 4), round(item.latitude, 4)]},
                "properties": {
                    "id": item.geonameid,
                    "city": item.city,
                    "country": item.country,
                    "actions": item.actions,
                },
            }
        )
        entry = countries.setdefault(
            item.country,
            {"code": item.country, "numeric": numeric_code(item.country), "name": country_name(item.country)},
        )
        entry["actions"] = int(entry.get("actions", 0)) + item.actions
        entry["cities"] = int(entry.get("cities", 0)) + 1
    return {
        "type": "FeatureCollection",
        "campaign": campaign.slug,
        "actions": sum(item.actions for item in cities),
        "countries": sorted(countries.values(), key=lambda entry: (-int(entry["actions"]), entry["name"])),
        "features": features,
    }


def map_geojson_bytes(campaign: Campaign) -> bytes:
    """The map document as UTF-8 JSON, cached per data version."""
    key = f"mapdata:{campaign.pk}:{campaign.data_version}"
    body = cache.get(key)
    if body is None:
        body = json.dumps(build_geojson(campaign), ensure_ascii=False, separators=(",", ":")).encode()
        cache.set(key, body, CACHE_SECONDS)
    return body


def city_actions(campaign: Campaign, geonameid: int) -> list[dict[str, object]]:
    """The newest published actions of one city, for its popup: public fields only, text shortened."""
    rows = (
        Report.objects.filter(campaign_id=campaign.pk, status=Report.Status.PUBLISHED, geonameid=geonameid)
        .annotate(excerpt=Substr("public_text", 1, TEXT_CHARS + 1))
        .order_by("-held_on", "-id")
        .values_list("id", "held_on", "action_type", "participants", "excerpt")[:LATEST_PER_CITY]
    )
    return [
        {
            "id": pk,
            "date": held_on.isoformat(),
            "action": action,
            "participants": participants,
            "text": excerpt if len(excerpt) <= TEXT_CHARS else excerpt[:TEXT_CHARS].rstrip() + "…",
        }
        for pk, held_on, action, participants, excerpt in rows
    ]


def city_actions_bytes(campaign: Campaign, geonameid: int) -> bytes:
    """A city's popup document as UTF-8 JSON, cached per data version."""
    key = f"mapcity:{campaign.pk}:{campaign.data_version}:{geonameid}"
    body = cache.get(key)
    if body is None:
        body = json.dumps(city_actions(campaign, geonameid), ensure_ascii=False, separators=(",", ":")).encode()
        cache.set(key, body, CACHE_SECONDS)
    return body


def map_svg(campaign: Campaign, title: str) -> str:
    """The server-drawn map (countries shaded, cities as circles) for readers without JavaScript, for the
    summary, and as what shows before the interactive map loads; cached per data version and language."""
    from solidarity.places.worldmap import MapPoint, render_world_svg

    key = f"mapsvg:{campaign.pk}:{campaign.data_version}:{get_language()}"
    svg = cache.get(key)
    if svg is None:
        cities = city_counts(campaign)
        countries: dict[str, int] = {}
        for item in cities:
            countries[item.country] = countries.get(item.country, 0) + item.actions
        points = [MapPoint(item.longitude, item.latitude, item.actions, item.city) for item in cities]
        svg = render_world_svg(countries, points, title=title)
        cache.set(key, svg, CACHE_SECONDS)
    return svg
