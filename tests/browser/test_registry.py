"""The registry in a real browser: a supporter searches for a name in Cyrillic, finds the person, reads their
status and where it comes from, and nothing is loaded from anyone else's server."""

from __future__ import annotations

import datetime
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from solidarity.registry import services
from solidarity.registry.models import StatusEvent
from solidarity.registry.tests import factories
from tests.browser.helpers import foreign, watch_requests

SOURCE_URL = "https://news.example/tyumen-arrests"


@pytest.mark.browser
def test_search_in_cyrillic_then_read_the_person_page(new_context, site):
    article = factories.source(
        "Anarchists detained in Tyumen",
        url=SOURCE_URL,
        publisher="Example News",
        published_on=datetime.date(2023, 8, 3),
    )
    person = factories.person(
        "Nikita Oleinik",
        native_name="Никита Олейник",
        country="RU",
        status="detained",
        on=datetime.date(2022, 6, 25),
        case_name="Tyumen case",
        evidence=article,
    )
    services.status_event_save(
        event=StatusEvent(
            person=person,
            kind="custody",
            on=datetime.date(2022, 7, 1),
            precision="month",
            source=article,
            quote="He has been held since July.",
        ),
        actor=None,
    )
    factories.person("Oleg Orlov", native_name="Олег Орлов", status="fined")
    factories.person("Canary Zzyzx-Hidden", native_name="Анна Олейник", status="custody", hidden=True)

    context = new_context()
    requests = watch_requests(context)
    page = context.new_page()
    page.goto("/en/people/")
    expect(page.locator("p.count")).to_contain_text("2 people found.")

    page.get_by_label("Name", exact=True).fill("Олейник")
    with page.expect_navigation():
        page.get_by_role("button", name="Search").click()
    assert "q=" in page.url
    expect(page.locator("p.count")).to_contain_text("1 person found.")
    expect(page.get_by_label("Name", exact=True)).to_have_value("Олейник")  # what was typed stays
    expect(page.locator("main")).not_to_contain_text("Oleg Orlov")
    expect(page.locator("main")).not_to_contain_text("Zzyzx")

    with page.expect_navigation():
        page.get_by_role("link", name="Nikita Oleinik").click()
    assert urlsplit(page.url).path == "/en/people/nikita-oleinik/"
    expect(page.get_by_role("heading", level=1)).to_have_text("Nikita Oleinik")
    expect(page.locator(".current-status")).to_contain_text("in custody")
    expect(page.locator(".current-status")).to_contain_text("July 2022")
    timeline = page.locator("ol.timeline")
    expect(timeline.locator("li")).to_have_count(2)
    source_link = timeline.get_by_role("link", name="Anarchists detained in Tyumen").first
    expect(source_link).to_have_attribute("href", SOURCE_URL)
    expect(timeline).to_contain_text("He has been held since July.")

    assert foreign(requests, site) == []
    assert page.evaluate("window.__cspViolations") == []
    paths = {urlsplit(url).path for url in requests}
    assert {"/en/people/", "/en/people/nikita-oleinik/"} <= paths  # the recording saw the pages
