"""Organisers write calls in the admin; every change is audited and reaches the public page at once."""

from __future__ import annotations

from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client

from conftest import verified_client
from solidarity.campaigns.models import Campaign
from solidarity.lib.models import AuditEntry


def campaign_form(organisation, **overrides):
    data = {
        "slug": "free-them",
        "title": "Free them",
        "organiser": organisation.pk,
        "language": "en",
        "starts_on": "2026-01-19",
        "ends_on": "2026-01-24",
        "timezone": "Europe/Paris",
        "summary": "",
        "body": "Come.",
        "slogans": "Free them all!\n\n  Solidarity!  ",
        "demands": "Release everyone.",
        "action_types": ["picket", "online"],
        "call_languages": "en, fr",
        "report_email": "",
        "status": "published",
        "translations-TOTAL_FORMS": "1",
        "translations-INITIAL_FORMS": "0",
        "translations-MIN_NUM_FORMS": "0",
        "translations-MAX_NUM_FORMS": "1000",
        "translations-0-language": "ru",
        "translations-0-title": "Свободу им",
        "translations-0-slogans": "Свободу всем!",
        "translations-0-demands": "",
        "translations-0-summary": "",
        "translations-0-body": "",
    }
    data.update(overrides)
    return data


def test_organiser_creates_a_call_with_lists_one_per_line(organisation, organiser):
    client = verified_client(organiser)
    response = client.post("/admin/campaigns/campaign/add/", campaign_form(organisation))
    assert response.status_code == 302, response.content.decode()[:3000]
    campaign = Campaign.objects.get(slug="free-them")
    assert campaign.slogans == ["Free them all!", "Solidarity!"]
    assert campaign.action_types == ["picket", "online"] and campaign.call_languages == ["en", "fr"]
    assert campaign.translations.get().slogans == ["Свободу всем!"]
    actions = set(AuditEntry.objects.filter(actor=organiser).values_list("action", flat=True))
    assert {"campaigns.campaign.created", "campaigns.translation.saved"} <= actions
    assert "Free them all!" in Client().get("/en/c/free-them/").content.decode()
    assert "Свободу всем!" in Client().get("/ru/c/free-them/").content.decode()


def test_bad_call_is_refused_with_reasons_and_nothing_saved(organisation, organiser):
    client = verified_client(organiser)
    response = client.post(
        "/admin/campaigns/campaign/add/",
        campaign_form(organisation, ends_on="2025-01-01", timezone="Mars/Olympus", call_languages="english"),
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "cannot be before the first day" in body and "Mars/Olympus is not a known time zone" in body
    assert "two-letter language codes" in body
    assert not Campaign.objects.filter(slug="free-them").exists()


def test_edit_is_audited_with_before_and_after(campaign, organiser):
    client = verified_client(organiser)
    data = campaign_form(
        campaign.organiser, slug=campaign.slug, title="Renamed week", **{"translations-TOTAL_FORMS": "0"}
    )
    response = client.post(f"/admin/campaigns/campaign/{campaign.pk}/change/", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    entry = AuditEntry.objects.get(action="campaigns.campaign.changed")
    assert entry.data["before"]["title"] == "Week of action" and entry.data["after"]["title"] == "Renamed week"
    assert "Renamed week" in Client().get(f"/en/c/{campaign.slug}/").content.decode()


def test_moderator_cannot_create_campaigns(organisation, moderator):
    client = verified_client(moderator)
    assert client.get("/admin/campaigns/campaign/add/").status_code == 403
    assert client.post("/admin/campaigns/campaign/add/", campaign_form(organisation)).status_code == 403


@pytest.mark.django_db
def test_createstaff_makes_a_verified_only_account(tmp_path):
    password = tmp_path / "pw"
    password.write_text("a long enough password\n")
    out = StringIO()
    call_command("createstaff", "erin", "--role", "organiser", "--password-file", str(password), stdout=out)
    user = get_user_model().objects.get(username="erin")
    assert user.is_staff and user.check_password("a long enough password")
    assert user.groups.get().name == "Organisers"
    assert "otpauth://totp/" in out.getvalue()
    assert user.totpdevice_set.get().confirmed
    client = Client()
    client.force_login(user)
    assert client.get("/admin/").status_code == 302  # still needs the code from the app


def test_translations_older_than_the_call_are_named_in_the_admin(organisation, organiser, settings):
    settings.LANGUAGES = [("en", "English"), ("ru", "Russian"), ("fr", "French")]
    client = verified_client(organiser)
    assert client.post("/admin/campaigns/campaign/add/", campaign_form(organisation)).status_code == 302
    campaign = Campaign.objects.get(slug="free-them")
    row = campaign.translations.get()
    listing = client.get("/admin/campaigns/campaign/").content.decode()
    assert '<span class="translation-current">ru: ' in listing and '<span class="translation-missing">fr: ' in listing

    # a new status leaves the text alone: the Russian call is still a translation of this one
    edit = {"translations-TOTAL_FORMS": "1", "translations-INITIAL_FORMS": "1", "translations-0-id": str(row.pk)}
    edit["translations-0-campaign"] = str(campaign.pk)
    assert (
        client.post(
            f"/admin/campaigns/campaign/{campaign.pk}/change/", campaign_form(organisation, status="closed", **edit)
        ).status_code
        == 302
    )
    assert '<span class="translation-current">ru: ' in client.get("/admin/campaigns/campaign/").content.decode()

    # a new demand is not in the Russian call yet
    assert (
        client.post(
            f"/admin/campaigns/campaign/{campaign.pk}/change/",
            campaign_form(organisation, status="closed", demands="Release everyone.\nDrop the charges.", **edit),
        ).status_code
        == 302
    )
    page = client.get(f"/admin/campaigns/campaign/{campaign.pk}/change/").content.decode()
    assert '<span class="translation-outdated">ru: ' in page

    # the translator catches up
    updated = campaign_form(organisation, status="closed", demands="Release everyone.\nDrop the charges.", **edit)
    updated["translations-0-demands"] = "Освободить всех.\nСнять обвинения."
    assert client.post(f"/admin/campaigns/campaign/{campaign.pk}/change/", updated).status_code == 302
    assert '<span class="translation-current">ru: ' in client.get("/admin/campaigns/campaign/").content.decode()


def test_a_translation_into_the_calls_own_language_is_refused(organisation, organiser):
    response = verified_client(organiser).post(
        "/admin/campaigns/campaign/add/", campaign_form(organisation, **{"translations-0-language": "en"})
    )
    assert response.status_code == 200
    assert "The original is written in this language" in response.content.decode()
    assert not Campaign.objects.exists()
