"""The calendar through the API: published events only, public people only, text in the language asked for."""

from __future__ import annotations

import pytest
from django.test import Client

from solidarity.api.tests.conftest import BASE
from solidarity.events.models import Event
from solidarity.events.tests import builders
from solidarity.registry.tests import factories

pytestmark = pytest.mark.django_db


def test_events_list_and_detail(campaign):
    international_day = builders.event(
        "International Day", "2019-12-09", all_day=True, zone="UTC", city=None, kind="international_day",
        recurrence="yearly",
    )  # fmt: skip
    hidden = factories.person("Canary Hidden-Person", hidden=True)
    shown = factories.person("Nikita Oleinik")
    courier = factories.organisation("Courier", kind="union")
    picket = builders.event(
        "Picket at the embassy",
        "2026-12-05 12:00",
        kind="picket",
        address="Embassy Row",
        people=[hidden, shown],
        organisers=[courier],
        campaign=campaign,
        translations={"ru": {"title": "Пикет у посольства", "description": ""}},
    )
    builders.event("Canary draft", "2026-12-06 12:00", status=Event.Status.DRAFT)
    client = Client()
    response = client.get(f"{BASE}/events")
    assert response.status_code == 200 and response["Cache-Control"] == "public, max-age=60"
    assert "Canary" not in response.content.decode()
    items = {item["slug"]: item for item in response.json()}
    assert set(items) == {picket.slug, international_day.slug}
    data = items[picket.slug]
    assert data["people"] == [{"slug": shown.slug, "name": "Nikita Oleinik"}]
    assert data["organisers"] == [{"slug": courier.slug, "name": "Courier"}]
    assert data["campaign"] == {"slug": campaign.slug, "title": campaign.title}
    assert data["place"]["city"] == "Moscow" and data["place"]["address"] == "Embassy Row"
    assert data["starts_at"] == "2026-12-05T09:00:00Z" and data["timezone"] == "Europe/Moscow"
    assert data["url"] == f"http://testserver/en/events/{picket.slug}/"
    assert data["ical_url"] == f"http://testserver/events/{picket.slug}.ics?lang=en"
    day = items[international_day.slug]
    assert day["recurrence"] == "yearly" and day["next"]["starts_at"].endswith("-12-09T00:00:00Z")
    assert day["place"] is None

    russian = client.get(f"{BASE}/events/{picket.slug}?lang=ru").json()
    assert russian["title"] == "Пикет у посольства" and russian["language"] == "ru" and not russian["is_fallback"]
    assert russian["url"].endswith(f"/ru/events/{picket.slug}/")
    assert client.get(f"{BASE}/events?kind=international_day").json()[0]["slug"] == international_day.slug
    assert client.get(f"{BASE}/events?campaign={campaign.slug}").json()[0]["slug"] == picket.slug
    assert client.get(f"{BASE}/events?country=de").json() == []
    assert client.get(f"{BASE}/events/canary-draft").status_code == 404
    assert client.get(f"{BASE}/events?kind=riot").status_code == 422
