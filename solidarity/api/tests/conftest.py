"""Fixtures for the API tests: a partner's key (made by Alice, the organiser) and helpers for requests."""

from __future__ import annotations

import datetime

import pytest
from django.test import Client

from solidarity.api.services import api_key_create
from solidarity.reports import services
from solidarity.reports.tests.factories import submit

BASE = "/api/v1"


def reports_url(slug: str = "week-of-action") -> str:
    return f"{BASE}/campaigns/{slug}/reports"


def auth(raw_key: str) -> dict[str, str]:
    return {"HTTP_AUTHORIZATION": f"Bearer {raw_key}"}


def publish(campaign, moderator, city="Berlin", action="picket", days_ago=0, **fields):
    """A report sent through the real service and published by a moderator."""
    held_on = campaign.starts_on + datetime.timedelta(days=3 - days_ago)
    fields.setdefault("public_text", f"{action} in {city}")
    report = submit(campaign, city, action=action, held_on=held_on, **fields)
    return services.report_publish(report=report, actor=moderator)


def report_json(campaign, **overrides) -> dict:
    data = {
        "held_on": campaign.starts_on.isoformat(),
        "city": "München",
        "action_type": "picket",
        "participants": 12,
        "public_text": "Picket at the consulate.",
        "reporter_name": "Partner group",
        "reporter_contact": "group@example.org",
        "consent_name": False,
        "consent_photos": False,
    }
    data.update(overrides)
    return data


@pytest.fixture
def partner_key(campaign, organiser):
    """A key for every campaign: (stored key, the full key text the partner holds)."""
    return api_key_create(name="Partner site", actor=organiser)


@pytest.fixture
def api() -> Client:
    """A partner's server: no cookies, no session."""
    return Client()
