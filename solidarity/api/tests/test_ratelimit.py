"""Too many requests get a 429 with Retry-After: reads per client address, submissions per API key."""

from __future__ import annotations

import json

from django.test import Client

from solidarity.api.services import api_key_create
from solidarity.api.tests.conftest import BASE, auth, report_json, reports_url


def limits(settings, **values):
    settings.SOLIDARITY = {**settings.SOLIDARITY, **values}


def assert_limited(response, window):
    assert response.status_code == 429, response.content
    assert response.json()["error"]["code"] == "rate_limited"
    assert 1 <= int(response["Retry-After"]) <= window
    assert response["Cache-Control"] == "no-store"  # a proxy must not serve the refusal to everyone


def test_reads_are_limited_per_client(campaign, settings):
    limits(settings, API_READ_RATE_LIMIT=3, API_READ_RATE_WINDOW=60)
    first = Client(REMOTE_ADDR="192.0.2.1")
    for path in ("/campaigns", "/campaigns/week-of-action", "/campaigns/week-of-action/tally"):
        assert first.get(f"{BASE}{path}").status_code == 200
    assert_limited(first.get(f"{BASE}/campaigns/week-of-action/reports"), 60)
    assert Client(REMOTE_ADDR="192.0.2.2").get(f"{BASE}/campaigns").status_code == 200  # someone else


def test_submissions_are_limited_per_key_whatever_the_address(campaign, organiser, partner_key, settings):
    limits(settings, API_SUBMIT_RATE_LIMIT=2, API_SUBMIT_RATE_WINDOW=600)
    _key, raw_key = partner_key
    body = json.dumps(report_json(campaign))

    def send(address, key):
        client = Client(REMOTE_ADDR=address)
        return client.post(reports_url(), body, content_type="application/json", **auth(key))

    assert send("192.0.2.1", raw_key).status_code == 201
    assert send("192.0.2.2", raw_key).status_code == 201
    assert_limited(send("192.0.2.3", raw_key), 600)
    _other, other_key = api_key_create(name="Another partner", actor=organiser)
    assert send("192.0.2.1", other_key).status_code == 201


def test_a_zero_limit_turns_limiting_off(campaign, settings):
    limits(settings, API_READ_RATE_LIMIT=0)
    client = Client()
    assert all(client.get(f"{BASE}/campaigns").status_code == 200 for _ in range(5))


def test_no_address_is_kept_in_the_cache_keys(campaign, settings):
    from django.core.cache import cache

    limits(settings, API_READ_RATE_LIMIT=5)
    Client(REMOTE_ADDR="198.51.100.77").get(f"{BASE}/campaigns")
    keys = list(cache._cache.keys()) if hasattr(cache, "_cache") else []
    assert keys and not any("198.51.100.77" in key for key in keys)
