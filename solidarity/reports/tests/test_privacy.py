"""Nothing a reporter keeps private ever appears in a public page, snapshot, JSON answer, error page or log."""

from __future__ import annotations

import logging

import pytest
from django.test import Client

from solidarity.reports import services
from solidarity.reports.models import Report
from solidarity.reports.tests import factories

CANARY = "canary-9f3e1b7c"


def planted_report(campaign, moderator, **consents):
    return factories.planted_report(campaign, moderator, CANARY, **consents)


def public_urls(campaign, report):
    photo = report.photos.get()
    slug = campaign.slug
    return [
        "/en/",
        "/ru/",
        f"/en/c/{slug}/",
        f"/ru/c/{slug}/",
        f"/en/c/{slug}/",
        f"/c/{slug}/tally.json",
        f"/c/{slug}/map.geojson",
        f"/c/{slug}/map/{report.geonameid}.json",
        f"/en/c/{slug}/map/",
        f"/en/c/{slug}/photos/",
        f"/en/c/{slug}/preview.png",
        f"/en/c/{slug}/summary/",
        f"/ru/c/{slug}/summary/",
        f"/c/{slug}/reports.csv",
        f"/c/{slug}/reports.json",
        f"/c/{slug}/reports.geojson",
        f"/api/v1/campaigns/{slug}",
        f"/api/v1/campaigns/{slug}/reports",
        f"/api/v1/campaigns/{slug}/tally",
        f"/en/c/{slug}/report/",
        f"/en/c/{slug}/reports/",
        f"/en/c/{slug}/feed/",
        f"/ru/c/{slug}/reports/?country=DE",
        f"/en/c/{slug}/report/thanks/",
        "/places/lookup/?q=Berlin",
        f"/media/photos/{photo.key}.jpg",
        f"/media/photos/{photo.key}-thumb.jpg",
        "/en/no-such-page/",
        "/admin/login/",
        "/healthz",
    ]


def fetch_everything(campaign, report):
    client = Client()
    bodies = {}
    for url in public_urls(campaign, report):
        response = client.get(url)
        content = b"".join(response.streaming_content) if response.streaming else response.content
        bodies[url] = (response.status_code, content.decode("utf-8", "replace") + str(response.headers))
    return bodies


def test_canary_in_private_fields_never_reaches_public_output(campaign, moderator, caplog, settings):
    caplog.set_level(logging.DEBUG)
    report = planted_report(campaign, moderator)
    bodies = fetch_everything(campaign, report)

    assert "Public words." in bodies[f"/en/c/{campaign.slug}/"][1]  # the page does show the report
    for url, (_status, body) in bodies.items():
        assert CANARY not in body, url
    for snapshot in settings.SNAPSHOT_ROOT.rglob("*.html"):
        assert CANARY not in snapshot.read_text(encoding="utf-8"), snapshot
    assert CANARY not in caplog.text
    # photos of a reporter who did not consent are not served at all
    assert bodies[f"/media/photos/{report.photos.get().key}.jpg"][0] == 404


def test_name_and_photos_appear_only_with_consent(campaign, moderator):
    report = planted_report(campaign, moderator, consent_name=True, consent_photos=True)
    bodies = fetch_everything(campaign, report)
    page = bodies[f"/en/c/{campaign.slug}/"][1]
    assert f"{CANARY}-name" in page  # the positive control: consent given, name shown
    assert f"{CANARY}-contact" not in page and f"{CANARY}-place" not in page
    assert bodies[f"/media/photos/{report.photos.get().key}.jpg"][0] == 200


@pytest.mark.parametrize("status", ["received", "rejected", "duplicate"])
def test_unpublished_reports_show_nowhere(campaign, moderator, status):
    report = planted_report(campaign, moderator, consent_photos=True)
    Report.objects.filter(pk=report.pk).update(status=status)
    services.report_update(report=report, changes={"public_text": "Hidden words."}, actor=moderator)
    bodies = fetch_everything(campaign, report)
    for url, (_code, body) in bodies.items():
        assert "Hidden words." not in body, url
    assert bodies[f"/media/photos/{report.photos.get().key}-thumb.jpg"][0] == 404


def test_server_error_page_shows_nothing_private(campaign, moderator, settings, monkeypatch):
    report = planted_report(campaign, moderator)
    client = Client(raise_request_exception=False)

    def explode(*args, **kwargs):
        raise RuntimeError(f"{CANARY}-contact@example.org")

    monkeypatch.setattr("solidarity.pages.views.recent_public_reports", explode)
    response = client.get(f"/en/c/{campaign.slug}/")
    assert response.status_code == 500
    assert CANARY not in response.content.decode()
    assert report.pk
