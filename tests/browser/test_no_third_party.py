"""A supporter's browser talks to this site only: no fonts, scripts, maps or counters from anyone else, and a
content security policy that would block them (without breaking anything of ours)."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Response, expect

from tests.browser.helpers import CAMPAIGN_URL, FORM_URL, RECORD_CSP_VIOLATIONS, THANKS_URL


def assert_csp(response: Response | None) -> None:
    assert response is not None and response.ok, response and response.status
    policy = response.headers.get("content-security-policy", "")
    directives = [part.strip() for part in policy.split(";")]
    assert "default-src 'self'" in directives, policy


@pytest.mark.browser
def test_pages_load_nothing_from_other_origins(campaign, new_context, site):
    context = new_context()
    context.add_init_script(RECORD_CSP_VIOLATIONS)
    requests: list[str] = []
    context.on("request", lambda request: requests.append(request.url))
    page = context.new_page()
    console: list[str] = []
    page.on("console", lambda message: console.append(f"{message.type}: {message.text}"))
    violations: list[str] = []

    def collect_violations() -> None:
        violations.extend(page.evaluate("window.__cspViolations"))

    # The campaign page, rendered by Django the first time and from its snapshot the second (other headers).
    with page.expect_response(lambda r: r.url.endswith("/tally.json")):
        first = page.goto(CAMPAIGN_URL)
    assert_csp(first)
    assert first.headers.get("x-snapshot") is None
    collect_violations()
    second = page.goto(CAMPAIGN_URL)
    assert_csp(second)
    assert second.headers.get("x-snapshot") == "1"
    collect_violations()

    # The report form, with the city typed so the live lookup runs.
    with page.expect_navigation() as navigation:
        page.get_by_role("link", name="Report your action").click()
    assert_csp(navigation.value)
    assert navigation.value.url.endswith(FORM_URL)
    with page.expect_response(lambda r: "/places/lookup/?q=" in r.url) as lookup:
        page.get_by_label("City").press_sequentially("München", delay=20)
    assert lookup.value.ok
    expect(page.locator("[data-place-found]")).to_have_text("Found: Munich, Germany")
    collect_violations()

    assert_csp(page.goto(THANKS_URL))
    expect(page.get_by_role("heading", level=1)).to_have_text("Thank you — your report has arrived")
    collect_violations()

    origin = urlsplit(site)
    foreign = [
        url
        for url in requests
        if not url.startswith(("data:", "blob:"))
        and (urlsplit(url).scheme, urlsplit(url).netloc) != (origin.scheme, origin.netloc)
    ]
    assert foreign == [], foreign
    paths = {urlsplit(url).path for url in requests}
    # The recording saw what it should have: pages, our script and style, the two fetches.
    assert {CAMPAIGN_URL, FORM_URL, THANKS_URL, f"/c/{campaign.slug}/tally.json", "/places/lookup/"} <= paths
    assert any(path.endswith(".js") for path in paths) and any(path.endswith(".css") for path in paths)

    assert violations == []
    csp_messages = [m for m in console if "Content Security Policy" in m or "Content-Security-Policy" in m]
    assert csp_messages == [], csp_messages
