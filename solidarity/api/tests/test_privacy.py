"""The canary test: a value planted in every private field of a published report appears in no API response,
whether read (every GET endpoint) or written back (the POST answer, its errors included)."""

from __future__ import annotations

import json
import logging

from django.test import Client

from solidarity.api.tests.conftest import BASE, auth, report_json, reports_url
from solidarity.reports import services
from solidarity.reports.models import Report
from solidarity.reports.tests.factories import planted_report

CANARY = "canary-api-4d2a91"


def planted(campaign, moderator):
    """A published report whose every private field holds the canary; photos without consent."""
    return planted_report(campaign, moderator, CANARY)


def every_get(client, slug):
    first = client.get(f"{BASE}/campaigns/{slug}/reports", {"limit": 1})
    cursor = first.json()["next"]
    urls = [
        f"{BASE}/campaigns",
        f"{BASE}/campaigns?lang=ru",
        f"{BASE}/campaigns/{slug}",
        f"{BASE}/campaigns/{slug}?lang=fr",
        f"{BASE}/campaigns/{slug}/reports",
        f"{BASE}/campaigns/{slug}/reports?country=DE&city=Berlin&action_type=picket&limit=200",
        f"{BASE}/campaigns/{slug}/reports?limit=1&cursor={cursor}",
        f"{BASE}/campaigns/{slug}/reports?held_from=2000-01-01&held_to=2100-01-01",
        f"{BASE}/campaigns/{slug}/tally",
        f"{BASE}/openapi.json",
        f"{BASE}/docs",
        f"{BASE}/",
        f"{BASE}/campaigns/{slug}/reports?cursor=broken",
    ]
    bodies = {"first page": first.content.decode() + str(first.headers)}
    for url in urls:
        response = client.get(url)
        assert response.status_code < 500, url
        bodies[url] = response.content.decode() + str(response.headers)
    return bodies


def test_no_private_field_reaches_any_api_response(campaign, moderator, partner_key, caplog):
    caplog.set_level(logging.DEBUG)
    planted(campaign, moderator)
    planted(campaign, moderator)  # two, so the reports list has a second page and a cursor
    client = Client()
    bodies = every_get(client, campaign.slug)
    assert "Public words." in bodies[f"{BASE}/campaigns/{campaign.slug}/reports"]  # the control: it is listed
    for url, body in bodies.items():
        assert CANARY not in body, url
    assert CANARY not in caplog.text


def test_the_post_answer_echoes_nothing_private(campaign, moderator, partner_key, caplog):
    caplog.set_level(logging.DEBUG)
    _key, raw_key = partner_key
    private = {
        "reporter_name": f"Name {CANARY}-name",
        "reporter_contact": f"{CANARY}-contact@example.org",
        "idempotency_key": f"{CANARY}-idem",
    }
    api = Client()
    responses = [
        api.post(reports_url(), json.dumps(data), content_type="application/json", **auth(raw_key))
        for data in (
            report_json(campaign, city=None, geonameid=2950159, **private),  # created
            report_json(campaign, city=None, geonameid=2950159, **private),  # repeated
            report_json(campaign, city=None, geonameid=2950159, **{**private, "public_text": "other"}),  # conflict
            report_json(campaign, city=f"Nowhere {CANARY}-city"),  # unknown city
            report_json(campaign, city=f"Nowhere {CANARY}-city", action_type=f"{CANARY}-action"),  # invalid
        )
    ]
    assert [response.status_code for response in responses] == [201, 200, 409, 422, 422]
    for response in responses:
        assert CANARY not in response.content.decode() + str(response.headers)
    assert set(responses[0].json()) == {"id", "status", "message"}
    report = Report.objects.get()
    services.report_publish(report=report, actor=moderator)
    for url, body in every_get(api, campaign.slug).items():
        assert CANARY not in body, url
    assert CANARY not in caplog.text
