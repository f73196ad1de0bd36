"""The public campaign page: the call, how to take part, the live tally — in the reader's language."""

from __future__ import annotations

import datetime

import pytest
from django.test import Client

from solidarity.campaigns.models import CampaignTranslation
from solidarity.reports import services
from solidarity.reports.tests.factories import submit


def test_page_shows_the_call_and_how_to_report(campaign, supporter):
    body = supporter.get("/en/c/week-of-action/").content.decode()
    for text in (
        "Week of action",
        "Freedom to all political prisoners!",
        "Release them all.",
        "<strong>picket</strong>",
        "Report your action",
        "/en/c/week-of-action/report/",
        "mailto:reports@example.org",
        "0 actions",
        "French",
    ):
        assert text in body, text


def test_tally_and_published_reports_appear(campaign, supporter, moderator):
    for city in ("Berlin", "Paris"):
        services.report_publish(report=submit(campaign, city, public_text=f"Action in {city}"), actor=moderator)
    submit(campaign, "Rome", public_text="Waiting in Rome")
    body = supporter.get("/en/c/week-of-action/").content.decode()
    assert "2 actions" in body and "in 2 cities" in body and "of 2 countries" in body
    assert "Action in Berlin" in body and "Waiting in Rome" not in body


def test_markdown_is_sanitised(campaign, supporter):
    campaign.body = (
        'Hi <script>alert(1)</script> [x](javascript:alert(2)) <img src="https://tracker.example/p">'
        ' <a href="https://example.org" onclick="x()">ok</a>'
    )
    campaign.save()
    body = supporter.get("/en/c/week-of-action/").content.decode()
    assert "<script>alert" not in body and "javascript:" not in body and "tracker.example" not in body
    assert "onclick" not in body and 'rel="noopener noreferrer nofollow"' in body


def test_translation_and_fallback(campaign, supporter):
    CampaignTranslation.objects.create(
        campaign=campaign, language="ru", title="Неделя действий", slogans=["Свободу политзаключённым!"]
    )
    ru = supporter.get("/ru/c/week-of-action/").content.decode()
    assert "Неделя действий" in ru and "Свободу политзаключённым!" in ru
    assert "Release them all." in ru  # untranslated demands fall back to the original
    assert '<html lang="ru">' in ru
    campaign.translations.all().delete()
    ru = Client().get("/ru/c/week-of-action/").content.decode()
    assert "Week of action" in ru and "original language" not in ru  # the note itself is translated
    assert 'lang="en"' in ru


def test_language_follows_the_browser_and_the_url(campaign):
    response = Client(HTTP_ACCEPT_LANGUAGE="ru-RU,ru;q=0.9").get("/c/week-of-action/")
    assert response.status_code == 302 and response["Location"] == "/ru/c/week-of-action/"
    response = Client(HTTP_ACCEPT_LANGUAGE="de-DE").get("/c/week-of-action/")
    assert response["Location"] == "/de/c/week-of-action/"
    response = Client(HTTP_ACCEPT_LANGUAGE="it-IT,pt;q=0.8").get("/c/week-of-action/")  # none we offer: English
    assert response["Location"] == "/en/c/week-of-action/"
    body = Client().get("/en/c/week-of-action/").content.decode()
    for code in ("ru", "uk", "de", "fr", "es", "nl", "tr"):
        assert f'href="/{code}/c/week-of-action/"' in body


def test_draft_is_not_public(campaign, supporter):
    campaign.status = "draft"
    campaign.save()
    assert supporter.get("/en/c/week-of-action/").status_code == 404
    assert supporter.get("/c/week-of-action/tally.json").status_code == 404
    assert "Week of action" not in supporter.get("/en/").content.decode()


def test_closed_campaign_still_shows_its_results_but_no_form(campaign, supporter):
    campaign.status = "closed"
    campaign.save()
    body = supporter.get("/en/c/week-of-action/").content.decode()
    assert "This campaign is closed." in body and "Report your action" not in body


def test_page_loads_nothing_from_other_origins(campaign, supporter):
    response = supporter.get("/en/c/week-of-action/")
    csp = response["Content-Security-Policy"]
    assert "default-src 'self'" in csp and "frame-ancestors 'none'" in csp
    assert response["Referrer-Policy"] == "same-origin"
    assert "camera=()" in response["Permissions-Policy"]
    body = response.content.decode()
    for attr in ('src="http', "src='http", 'href="//', 'src="//'):
        assert attr not in body


def test_page_query_count_is_pinned(campaign, supporter, moderator, django_assert_max_num_queries, settings):
    settings.SOLIDARITY = {**settings.SOLIDARITY, "SNAPSHOTS": False}
    for city in ("Berlin", "Paris", "Rome", "Oslo"):
        services.report_publish(report=submit(campaign, city), actor=moderator)
    # campaign, translations, tally, latest reports, their photos, the photo strip, the drawn map's cities —
    # however many reports there are
    with django_assert_max_num_queries(7):
        supporter.get("/en/c/week-of-action/")


def test_tally_json(campaign, supporter, moderator):
    services.report_publish(report=submit(campaign, "Berlin"), actor=moderator)
    data = supporter.get("/c/week-of-action/tally.json").json()
    assert data["actions"] == 1 and data["by_country"]["Germany"]["cities"] == ["Berlin"]


@pytest.mark.parametrize(
    ("language", "written"),
    [
        ("en", "19 January 2026"),
        ("ru", "19 января 2026"),
        ("uk", "19 січня 2026"),
        ("de", "19. Januar 2026"),
        ("fr", "19 janvier 2026"),
        ("es", "19 de enero de 2026"),
        ("nl", "19 januari 2026"),
        ("tr", "19 Ocak 2026"),
    ],
)
def test_dates_are_written_the_way_each_language_writes_them(campaign, language, written):
    campaign.starts_on = datetime.date(2026, 1, 19)
    campaign.save()
    body = Client().get(f"/{language}/c/week-of-action/").content.decode()
    assert f'<time datetime="2026-01-19">{written}' in body


@pytest.mark.parametrize(
    ("language", "written"),
    [("en", "1,234"), ("de", "1.234"), ("es", "1 234"), ("fr", "1 234"), ("nl", "1.234"), ("tr", "1.234")],
)
def test_counts_are_grouped_the_way_each_language_groups_them(language, written):
    from django.template.loader import render_to_string
    from django.utils import translation

    with translation.override(language):
        text = render_to_string("pages/_headline.txt", {"tally": {"actions": 1234, "cities": 2, "countries": 1}})
    headline = " ".join(text.replace("\xa0", " ").replace("\u202f", " ").split())
    assert headline.startswith(written + " ")  # and the plural form still follows the number
    assert "1234" not in headline


def test_russian_groups_thousands_with_a_space_and_picks_the_plural_by_the_number():
    from django.template.loader import render_to_string
    from django.utils import translation

    with translation.override("ru"):
        text = render_to_string("pages/_headline.txt", {"tally": {"actions": 1221, "cities": 1, "countries": 1}})
    assert " ".join(text.split()).replace("\xa0", " ").startswith("1 221 акция в 1 городе")
