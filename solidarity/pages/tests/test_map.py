"""The campaign map: one cached GeoJSON document per campaign, the drawn map without JavaScript, the full page."""

from __future__ import annotations

import datetime
import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from solidarity.campaigns.models import Campaign
from solidarity.reports import services
from solidarity.reports.mapdata import LATEST_PER_CITY, TEXT_CHARS, build_geojson
from solidarity.reports.tests.factories import submit


def publish(campaign, moderator, city, **fields):
    return services.report_publish(report=submit(campaign, city, **fields), actor=moderator)


def geojson(client, campaign):
    response = client.get(f"/c/{campaign.slug}/map.geojson")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/geo+json"
    return json.loads(response.content)


def test_one_feature_per_city_at_its_centroid_with_counts(campaign, moderator, supporter):
    for _ in range(3):
        publish(campaign, moderator, "Berlin")
    publish(campaign, moderator, "Hamburg")
    publish(campaign, moderator, "Paris")
    submit(campaign, "Rome", public_text="not reviewed yet")

    data = geojson(supporter, campaign)
    assert data["type"] == "FeatureCollection" and data["actions"] == 5
    cities = {f["properties"]["city"]: f for f in data["features"]}
    assert set(cities) == {"Berlin", "Hamburg", "Paris"}
    berlin = cities["Berlin"]
    assert berlin["properties"] == {"id": 2950159, "city": "Berlin", "country": "DE", "actions": 3}
    lon, lat = berlin["geometry"]["coordinates"]
    assert 13.3 < lon < 13.5 and 52.4 < lat < 52.6  # the city centre, longitude first (RFC 7946)
    germany = next(c for c in data["countries"] if c["code"] == "DE")
    assert germany == {"code": "DE", "numeric": "276", "name": "Germany", "actions": 4, "cities": 2}
    assert [c["code"] for c in data["countries"]] == ["DE", "FR"]  # most actions first


def test_a_citys_popup_gets_its_newest_actions_only_and_short_text(campaign, moderator, supporter):
    long_text = "word " * 200
    for day in range(LATEST_PER_CITY + 2):
        publish(
            campaign,
            moderator,
            "Berlin",
            held_on=campaign.starts_on - datetime.timedelta(days=day),
            public_text=f"day {day} " + long_text,
        )
    publish(campaign, moderator, "Paris", public_text="elsewhere")
    submit(campaign, "Berlin", held_on=campaign.starts_on + datetime.timedelta(days=1), public_text="not reviewed")
    berlin = geojson(supporter, campaign)["features"][0]["properties"]
    assert berlin["city"] == "Berlin" and berlin["actions"] == LATEST_PER_CITY + 2
    response = supporter.get(f"/c/{campaign.slug}/map/{berlin['id']}.json")
    assert response.status_code == 200 and response["Content-Type"] == "application/json"
    latest = json.loads(response.content)
    assert [item["text"].split()[1] for item in latest] == [str(day) for day in range(LATEST_PER_CITY)]
    assert all(len(item["text"]) <= TEXT_CHARS + 1 and item["text"].endswith("…") for item in latest)
    assert set(latest[0]) == {"id", "date", "action", "participants", "text"}
    assert json.loads(supporter.get(f"/c/{campaign.slug}/map/1.json").content) == []  # a city with nothing


def test_the_document_takes_one_query_however_many_reports(campaign, moderator):
    for city in ("Berlin", "Paris", "Rome", "Madrid", "Oslo"):
        publish(campaign, moderator, city)
    with CaptureQueriesContext(connection) as few:
        build_geojson(campaign)
    for city in ("Vienna", "Prague", "Warsaw", "Lisbon", "Dublin", "Athens"):
        publish(campaign, moderator, city)
    with CaptureQueriesContext(connection) as more:
        data = build_geojson(campaign)
    assert len(data["features"]) == 11
    assert len(few.captured_queries) == len(more.captured_queries) == 1


def test_cached_until_the_public_data_changes(campaign, moderator, supporter):
    publish(campaign, moderator, "Berlin")
    first = geojson(supporter, campaign)
    with CaptureQueriesContext(connection) as queries:
        assert geojson(supporter, campaign) == first
    # the version (for the ETag) and the campaign; the document itself comes from the cache
    assert len(queries.captured_queries) == 2
    publish(campaign, moderator, "Paris")
    assert geojson(supporter, campaign)["actions"] == 2


def test_drafts_have_no_map(campaign, supporter):
    campaign.status = Campaign.Status.DRAFT
    campaign.save()
    assert supporter.get(f"/c/{campaign.slug}/map.geojson").status_code == 404
    assert supporter.get(f"/en/c/{campaign.slug}/map/").status_code == 404


@pytest.mark.parametrize("path", ["/en/c/{slug}/", "/en/c/{slug}/map/"])
def test_pages_carry_the_drawn_map_and_the_interactive_one(campaign, moderator, supporter, path):
    publish(campaign, moderator, "Berlin")
    body = supporter.get(path.format(slug=campaign.slug)).content.decode()
    assert "<svg" in body and 'role="img"' in body  # drawn on the server: works without JavaScript
    assert 'data-map-url="/c/week-of-action/map.geojson"' in body
    assert "/static/vendor/leaflet/leaflet.js" in body and "/static/solidarity/map.js" in body
    assert 'id="map-options"' in body and "countries-110m.json" in body


def test_map_options_say_actions_in_the_readers_plural_forms(campaign, supporter):
    body = supporter.get(f"/ru/c/{campaign.slug}/map/").content.decode()
    options = json.loads(body.split('<script id="map-options" type="application/json">')[1].split("</script>")[0])
    assert options["tiles"] == ""  # no tile server unless the operator asks for one
    assert set(options["actions"]) == {"one", "two", "few", "many", "other"}
    assert options["labels"]["picket"]


def test_a_tile_server_is_the_only_origin_the_policy_adds(campaign, supporter, settings):
    settings.SOLIDARITY = {**settings.SOLIDARITY, "TILE_URL": "https://{s}.tiles.example.net/{z}/{x}/{y}.png"}
    response = supporter.get(f"/en/c/{campaign.slug}/map/")
    policy = response["Content-Security-Policy"]
    assert "img-src 'self' data: https://*.tiles.example.net;" in policy
    assert "script-src 'self';" in policy and "connect-src 'self';" in policy
    assert "https://*.tiles.example.net" in response.content.decode()  # the <meta> policy says the same


def test_without_a_tile_server_the_policy_names_no_other_origin(campaign, supporter):
    policy = supporter.get(f"/en/c/{campaign.slug}/map/")["Content-Security-Policy"]
    assert "http" not in policy


def test_readers_caches_revalidate_so_a_withdrawn_report_leaves_at_once(campaign, moderator, supporter):
    report = publish(campaign, moderator, "Berlin")
    first = supporter.get(f"/c/{campaign.slug}/map.geojson")
    assert "no-cache" in first["Cache-Control"] and first["ETag"]
    again = supporter.get(f"/c/{campaign.slug}/map.geojson", HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
    services.report_reject(report=report, actor=moderator)
    changed = supporter.get(f"/c/{campaign.slug}/map.geojson", HTTP_IF_NONE_MATCH=first["ETag"])
    assert changed.status_code == 200 and json.loads(changed.content)["features"] == []
