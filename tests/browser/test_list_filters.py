"""The list of actions in a real browser: filters by country, action and date narrow it, counts say so, and the
filtered page can be shared as a link."""

from __future__ import annotations

import datetime

import pytest
from playwright.sync_api import expect

from solidarity.reports import services
from solidarity.reports.tests.factories import submit


@pytest.mark.browser
def test_filters_narrow_the_list_and_keep_it_in_the_address(campaign, moderator, new_context):
    day = campaign.starts_on
    for city, action, held_on in [
        ("Berlin", "picket", day),
        ("Hamburg", "meeting", day),
        ("Paris", "picket", day + datetime.timedelta(days=1)),
        ("Lyon", "picket", day + datetime.timedelta(days=2)),
    ]:
        report = submit(campaign, city, action=action, held_on=held_on, public_text=f"Held in {city}")
        services.report_publish(report=report, actor=moderator)
    page = new_context().new_page()
    page.goto(f"/en/c/{campaign.slug}/reports/")
    expect(page.locator("p.count")).to_contain_text("4 actions match.")

    page.get_by_label("Country", exact=True).select_option(label="Germany (2)")
    page.get_by_role("button", name="Show").click()
    expect(page.locator("p.count")).to_contain_text("2 actions match.")
    expect(page.locator("article.report")).to_have_count(2)
    expect(page.locator("main")).not_to_contain_text("Held in Paris")
    assert "country=DE" in page.url

    page.get_by_label("Action", exact=True).select_option("picket")
    page.get_by_role("button", name="Show").click()
    expect(page.locator("article.report")).to_have_count(1)
    expect(page.locator("article.report")).to_contain_text("Held in Berlin")

    # the address alone reproduces the filtered list, e.g. when shared
    page.goto(f"/en/c/{campaign.slug}/reports/?country=FR&held_from={(day + datetime.timedelta(days=2)).isoformat()}")
    expect(page.locator("article.report")).to_have_count(1)
    expect(page.locator("article.report")).to_contain_text("Held in Lyon")

    page.get_by_role("link", name="Clear filters").click()
    expect(page.locator("p.count")).to_contain_text("4 actions match.")
