"""Partners read public campaigns: published and closed ones, never drafts, in the language they ask for."""

from __future__ import annotations

import datetime

from solidarity.api.tests.conftest import BASE
from solidarity.campaigns.models import Campaign, CampaignTranslation


def make_campaign(organisation, slug, status, days_ago=0):
    start = datetime.date(2025, 1, 10) - datetime.timedelta(days=days_ago)
    return Campaign.objects.create(
        slug=slug,
        title=f"Title of {slug}",
        organiser=organisation,
        starts_on=start,
        ends_on=start + datetime.timedelta(days=5),
        status=status,
    )


def test_lists_published_and_closed_campaigns_but_never_drafts(campaign, organisation, api):
    make_campaign(organisation, "closed-call", Campaign.Status.CLOSED, days_ago=400)
    make_campaign(organisation, "secret-draft", Campaign.Status.DRAFT)
    response = api.get(f"{BASE}/campaigns")
    assert response.status_code == 200
    items = response.json()
    assert [item["slug"] for item in items] == ["week-of-action", "closed-call"]  # the latest first
    assert [item["status"] for item in items] == ["published", "closed"]
    assert [item["accepts_reports"] for item in items] == [True, False]
    assert "secret-draft" not in response.content.decode()


def test_one_campaign_carries_the_public_fields_of_its_call(campaign, api):
    response = api.get(f"{BASE}/campaigns/week-of-action")
    assert response.status_code == 200
    data = response.json()
    assert data["title"] == "Week of action" and data["summary"] == "A week of pickets."
    assert data["starts_on"] == campaign.starts_on.isoformat() and data["ends_on"] == campaign.ends_on.isoformat()
    assert data["timezone"] == "Europe/Berlin"
    assert data["slogans"] == ["Freedom to all political prisoners!"] and data["demands"] == ["Release them all."]
    assert data["action_types"] == [{"code": "picket", "label": "picket"}, {"code": "meeting", "label": "open meeting"}]
    assert data["languages"] == ["en", "fr"] and data["report_email"] == "reports@example.org"
    assert data["status"] == "published" and data["organiser"] == "Russian Socialist Movement"
    assert data["url"] == "http://testserver/en/c/week-of-action/"
    assert "<strong>picket</strong>" in data["body_html"]
    assert (data["language"], data["is_fallback"]) == ("en", False)


def test_a_draft_is_not_found(organisation, api):
    make_campaign(organisation, "secret-draft", Campaign.Status.DRAFT)
    response = api.get(f"{BASE}/campaigns/secret-draft")
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"
    assert api.get(f"{BASE}/campaigns/secret-draft/reports").status_code == 404
    assert api.get(f"{BASE}/campaigns/secret-draft/tally").status_code == 404


def test_lang_gives_the_translation_with_field_by_field_fallback(campaign, api):
    CampaignTranslation.objects.create(campaign=campaign, language="ru", title="Неделя действий", slogans=["Свободу!"])
    data = api.get(f"{BASE}/campaigns/week-of-action", {"lang": "ru"}).json()
    assert data["title"] == "Неделя действий" and data["slogans"] == ["Свободу!"]
    assert data["summary"] == "A week of pickets."  # not translated: the original
    assert (data["language"], data["is_fallback"]) == ("ru", False)
    assert data["url"] == "http://testserver/ru/c/week-of-action/"
    listed = api.get(f"{BASE}/campaigns", {"lang": "RU"}).json()
    assert listed[0]["title"] == "Неделя действий"


def test_a_language_without_translation_falls_back_to_the_original(campaign, api):
    data = api.get(f"{BASE}/campaigns/week-of-action", {"lang": "de"}).json()
    assert data["title"] == "Week of action"
    assert (data["language"], data["is_fallback"]) == ("en", True)
    bad = api.get(f"{BASE}/campaigns/week-of-action", {"lang": "<script>"})
    assert bad.status_code == 422 and "lang" in bad.json()["error"]["fields"]


def test_public_reads_set_no_cookie_and_may_be_cached_for_a_minute(campaign, api):
    for path in (
        "/campaigns",
        "/campaigns/week-of-action",
        "/campaigns/week-of-action/reports",
        "/campaigns/week-of-action/tally",
    ):
        response = api.get(f"{BASE}{path}")
        assert response.status_code == 200, path
        assert response["Cache-Control"] == "public, max-age=60", path
        assert not response.cookies, path
        assert response["Content-Type"].startswith("application/json")
    missing = api.get(f"{BASE}/campaigns/nothing-here")
    assert missing["Cache-Control"] == "no-store"
