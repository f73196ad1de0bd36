"""The campaign summary in a real browser: headline, drawn map and chart, photos, all from our own origin and
with no inline style the content security policy would have to block."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from solidarity.campaigns.models import Campaign
from solidarity.reports import services
from solidarity.reports.summary import build_summary
from solidarity.reports.tests.factories import submit
from tests.browser.helpers import foreign, watch_requests


def publish(campaign, moderator):
    for city in ("Berlin", "Berlin", "Hamburg", "Paris", "Buenos Aires"):
        services.report_publish(report=submit(campaign, city, public_text=f"Picket in {city}"), actor=moderator)
    report = submit(
        campaign,
        "Lyon",
        action="banner",
        photos=1,
        held_on=campaign.starts_on,
        public_text="A banner over the river.",
        consent_photos=True,
    )
    services.report_publish(report=report, actor=moderator)


@pytest.mark.browser
def test_summary_page_shows_headline_map_and_chart_from_our_origin_only(campaign, moderator, new_context, site):
    publish(campaign, moderator)
    context = new_context()
    requests = watch_requests(context)
    page = context.new_page()
    response = page.goto(f"/en/c/{campaign.slug}/summary/")
    assert response is not None and response.ok

    expected = build_summary(Campaign.objects.get(pk=campaign.pk), "en").headline
    assert expected.startswith("6 actions in 5 cities of 3 countries")
    expect(page.locator(".summary-headline")).to_have_text(expected)
    world = page.locator("svg.world-map")
    expect(world).to_be_visible()
    assert world.bounding_box()["width"] > 300
    assert world.locator("circle").count() == 5 + 1  # the cities and the legend's sample
    assert world.locator("path[data-actions]").count() == 3
    chart = page.locator("svg.chart")
    expect(chart).to_be_visible()
    assert chart.bounding_box()["height"] > 100
    # the chart's bars kept their colour: presentation attributes, not inline styles the CSP would block
    assert chart.locator('path[fill="#b3001b"]').count() >= 1
    expect(page.get_by_role("heading", level=2, name="Germany")).to_be_visible()
    photo = page.locator(".summary-photos img")
    expect(photo).to_have_count(1)
    expect(photo).to_have_js_property("complete", True)
    assert photo.evaluate("img => img.naturalWidth") > 0

    pdf = page.get_by_role("link", name="Download the summary as PDF")
    download = page.request.get(pdf.get_attribute("href"))
    assert download.ok and download.headers["content-type"] == "application/pdf"

    assert foreign(requests, site) == []
    paths = {urlsplit(u).path for u in requests}
    assert f"/en/c/{campaign.slug}/summary/" in paths and "/static/solidarity/summary.css" in paths
    assert page.evaluate("window.__cspViolations") == []


@pytest.mark.browser
def test_summary_reads_without_javascript(campaign, moderator, new_context):
    publish(campaign, moderator)
    page = new_context(java_script_enabled=False).new_page()
    page.goto(f"/c/{campaign.slug}/summary/")  # the unprefixed address picks a language
    assert page.url.endswith(f"/en/c/{campaign.slug}/summary/")
    expect(page.locator("svg.world-map")).to_be_visible()
    expect(page.locator("svg.chart")).to_be_visible()
    expect(page.get_by_text("A banner over the river.")).to_be_visible()
