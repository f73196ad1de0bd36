"""The language is in the URL: the switcher moves between /en/ and /ru/, and an unprefixed link follows the
browser's language."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.browser.helpers import CAMPAIGN_URL, SLUG


@pytest.mark.browser
def test_language_switcher_moves_to_russian(campaign, new_context):
    page = new_context().new_page()
    page.goto(CAMPAIGN_URL)
    expect(page.locator("html")).to_have_attribute("lang", "en")
    switcher = page.locator("nav.languages")
    expect(switcher.locator("[aria-current=true]")).to_have_text("English")

    switcher.get_by_role("link", name="Русский").click()
    expect(page).to_have_url(re.compile(rf"^http://[^/]+/ru/c/{SLUG}/$"))
    expect(page.locator("html")).to_have_attribute("lang", "ru")
    expect(switcher.locator("[aria-current=true]")).to_have_text("Русский")
    expect(switcher.get_by_role("link", name="English")).to_have_attribute("href", CAMPAIGN_URL)
    expect(page.get_by_role("heading", level=1)).to_have_text("Week of action")  # the call, not yet translated


@pytest.mark.browser
@pytest.mark.parametrize(
    ("locale", "language"), [("ru-RU", "ru"), ("en-US", "en"), ("uk-UA", "uk"), ("de-AT", "de"), ("it-IT", "en")]
)
def test_unprefixed_link_follows_the_browser_language(campaign, new_context, locale, language):
    page = new_context(locale=locale).new_page()
    response = page.goto(f"/c/{SLUG}/")
    assert response is not None and response.ok
    redirect = response.request.redirected_from
    assert redirect is not None and redirect.url.endswith(f"/c/{SLUG}/")  # reached through a redirect
    expect(page).to_have_url(re.compile(rf"^http://[^/]+/{language}/c/{SLUG}/$"))
    expect(page.locator("html")).to_have_attribute("lang", language)


@pytest.mark.browser
def test_every_language_is_offered_named_in_itself_and_dates_follow_it(campaign, new_context):
    page = new_context().new_page()
    page.goto(CAMPAIGN_URL)
    switcher = page.locator("nav.languages")
    names = ["English", "Русский", "Українська", "Deutsch", "Français", "Español", "Nederlands", "Türkçe"]
    expect(switcher.locator("a, strong")).to_have_text(names)
    switcher.get_by_role("link", name="Deutsch").click()
    expect(page).to_have_url(re.compile(rf"^http://[^/]+/de/c/{SLUG}/$"))
    expect(page.locator("html")).to_have_attribute("lang", "de")
    expect(page.get_by_role("link", name="Von Ihrer Aktion berichten")).to_be_visible()
    dates = page.locator("time").first.inner_text()
    months = ["Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober"]
    assert any(month in dates for month in [*months, "November", "Dezember"]), dates
    # the link keeps the language: a shared address opens in German, whatever the recipient's browser says
    other = new_context(locale="ru-RU").new_page()
    other.goto(page.url)
    expect(other.locator("html")).to_have_attribute("lang", "de")
