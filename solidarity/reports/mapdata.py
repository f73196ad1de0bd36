"""The map's data: one GeoJSON document per campaign, however many reports it has.

Every published action sits at its city's centroid (the gazetteer's point, never anything more exact), so the
map draws one feature per city with its number of actions and the newest few actions for the popup; the list
page holds the rest. That keeps the document small at any scale (a city per feature, not a report per feature)
and lets the browser cluster cities by summing their counts. Countries carry their ISO numeric code too, because
the Natural Earth shapes the page draws are keyed by it.

The document is built with two queries and cached as bytes under the campaign's data version, which every
service that changes public data bumps: a cached map is never stale, and a surge of readers costs one build.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache as memoize

import pycountry
from django.core.cache import cache
from django.db.models import Count, F, Window
from django.db.models.functions import RowNumber, Substr
from django.utils.translation import get_language

from solidarity.campaigns.models import Campaign
from solidarity.places.countries import country_name
from solidarity.reports.models import Report

CACHE_SECONDS = 3600
LATEST_PER_CITY = 3
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
    """Published actions per city, biggest first (one grouped query on the tally index)."""
    rows = (
        Report.objects.filter(campaign_id=campaign.pk, status=Report.Status.PUBLISHED, latitude__isnull=False)
        .values_list("geonameid", "city", "country", "latitude", "longitude")
        .annotate(n=Count("id"))
        .order_by("-n", "city")
    )
    return [CityCount(*row) for row in rows]


def _latest_per_city(campaign: Campaign) -> dict[tuple[int | None, str, str], list[dict[str, object]]]:
    """The newest few actions of every city, for popups, in one windowed query (no query per city)."""
    ranked = (
        Report.objects.filter(campaign_id=campaign.pk, status=Report.Status.PUBLISHED, latitude__isnull=False)
        .annotate(
            rank=Window(
                RowNumber(),
                partition_by=[F("geonameid"), F("country"), F("city")],
                order_by=[F("held_on").desc(), F("id").desc()],
            ),
            excerpt=Substr("public_text", 1, TEXT_CHARS + 1),
        )
        .filter(rank__lte=LATEST_PER_CITY)
        .values_list("id", "geonameid", "country", "city", "held_on", "action_type", "participants", "excerpt")
        .order_by()
    )
    latest: dict[tuple[int | None, str, str], list[dict[str, object]]] = {}
    for pk, geonameid, country, city, held_on, action, participants, excerpt in ranked:
        text = excerpt if len(excerpt) <= TEXT_CHARS else excerpt[:TEXT_CHARS].rstrip() + "…"
        latest.setdefault((geonameid, country, city), []).append(
            {"id": pk, "date": held_on.isoformat(), "action": action, "participants": participants, "text": text}
        )
    for actions in latest.values():
        actions.sort(key=lambda item: (item["date"], item["id"]), reverse=True)
    return latest


@memoize
def numeric_code(alpha2: str) -> str | None:
    """ISO 3166 numeric code ("276" for DE), the key of the Natural Earth shapes."""
    country = pycountry.countries.get(alpha_2=alpha2.upper())
    return country.numeric if country else None


def build_geojson(campaign: Campaign) -> dict[str, object]:
    """The map document: a FeatureCollection of cities plus, as foreign members, the per-country counts."""
    cities = city_counts(campaign)
    latest = _latest_per_city(campaign)
    features = []
    countries: dict[str, dict[str, object]] = {}
    for item in cities:
        features.append(
            {
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [round(item.longitude, 4), round(item.latitude, 4)]},
                "properties": {
                    "city": item.city,
                    "country": item.country,
                    "actions": item.actions,
                    "latest": latest.get((item.geonameid, item.country, item.city), []),
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
