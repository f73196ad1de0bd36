"""The map and the gallery in a real browser: markers, clusters and shaded countries drawn from our own files
only; the lightbox driven from the keyboard alone."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from solidarity.reports import services
from solidarity.reports.tests.factories import photo_token, submit
from tests.browser.helpers import foreign, watch_requests

CITIES = ["Berlin", "Hamburg", "Paris", "Lyon", "Madrid", "Warsaw", "Helsinki", "Buenos Aires", "Tokyo"]


def publish_actions(campaign, moderator):
    for number, city in enumerate(CITIES):
        for _ in range(1 + number % 3):
            services.report_publish(report=submit(campaign, city, public_text=f"Picket in {city}"), actor=moderator)


@pytest.mark.browser
def test_map_draws_markers_and_shaded_countries_from_our_origin(campaign, moderator, new_context, site):
    publish_actions(campaign, moderator)
    context = new_context()
    requests = watch_requests(context)
    page = context.new_page()
    page.goto(f"/en/c/{campaign.slug}/map/")

    figure = page.locator("[data-map-url]")
    expect(figure).to_have_attribute("data-map-ready", "1")
    expect(page.locator(".map-drawn")).to_be_hidden()
    # every country of the world drawn, the ones with actions shaded
    assert page.locator("path.country").count() > 150
    shaded = page.locator("path.country:not(.shade-0)")
    assert shaded.count() == 7  # DE, FR, ES, PL, FI, AR, JP
    # markers or clusters carry the counts, and together they add up to every published action
    counts = page.locator(".map-count span").all_inner_texts()
    assert counts and sum(int(text) for text in counts) == sum(1 + n % 3 for n in range(len(CITIES)))

    # Tokyo is far from every other city, so it is a marker of its own; its popup tells what happened there
    tokyo = page.locator(".leaflet-marker-icon[title='Tokyo']")
    expect(tokyo).to_have_text("3")
    tokyo.click()
    popup = page.locator(".map-popup")
    expect(popup.get_by_role("heading")).to_have_text("Tokyo, Japan")
    expect(popup).to_contain_text("3 actions")
    expect(popup).to_contain_text("Picket in Tokyo")
    expect(popup.get_by_role("link", name="All actions in this city")).to_have_attribute(
        "href", f"/en/c/{campaign.slug}/reports/?country=JP&city=Tokyo"
    )
    # European cities close together are clustered; a cluster's number is the sum of its cities' actions
    assert page.locator(".map-cluster").count() >= 1

    assert foreign(requests, site) == []
    paths = {urlsplit(u).path for u in requests}
    assert {f"/c/{campaign.slug}/map.geojson", "/static/vendor/world-atlas/countries-110m.json"} <= paths
    assert page.evaluate("window.__cspViolations") == []


@pytest.mark.browser
def test_without_javascript_the_drawn_map_shows(campaign, moderator, new_context):
    publish_actions(campaign, moderator)
    page = new_context(java_script_enabled=False).new_page()
    page.goto(f"/en/c/{campaign.slug}/")
    drawn = page.locator(".map-drawn svg")
    expect(drawn).to_be_visible()
    assert drawn.bounding_box()["width"] > 300


@pytest.mark.browser
def test_gallery_lightbox_works_from_the_keyboard(campaign, moderator, new_context):
    for city in ("Berlin", "Paris", "Rome"):
        token = photo_token()
        report = submit(campaign, city, consent_photos=True)
        services._attach_photos(report, [token], [])
        services.report_publish(report=report, actor=moderator)
    page = new_context().new_page()
    page.goto(f"/en/c/{campaign.slug}/photos/")
    thumbs = page.locator("[data-lightbox] a")
    expect(thumbs).to_have_count(3)
    # newest action first; the three were held on the same day, so the last stored comes first
    thumbs.first.focus()
    page.keyboard.press("Enter")
    dialog = page.get_by_role("dialog", name="Photo viewer")
    expect(dialog).to_be_visible()
    expect(dialog.locator("figcaption")).to_contain_text("Rome")
    expect(dialog.locator(".lightbox-position")).to_have_text("Photo 1 of 3")
    expect(dialog.get_by_role("button", name="Close")).to_be_focused()
    image = dialog.locator("img")
    expect(image).to_have_js_property("complete", True)
    assert image.evaluate("img => img.naturalWidth") > 0

    page.keyboard.press("ArrowRight")
    expect(dialog.locator(".lightbox-position")).to_have_text("Photo 2 of 3")
    expect(dialog.locator("figcaption")).to_contain_text("Paris")
    page.keyboard.press("ArrowLeft")
    page.keyboard.press("ArrowLeft")
    expect(dialog.locator(".lightbox-position")).to_have_text("Photo 3 of 3")  # wraps around
    page.keyboard.press("Escape")
    expect(dialog).to_be_hidden()
    expect(thumbs.first).to_be_focused()  # back where the reader was
