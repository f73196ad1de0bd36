"""The API's documentation page renders the OpenAPI description with files from this site only."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from tests.browser.test_no_third_party import RECORD_CSP_VIOLATIONS


@pytest.mark.browser
def test_api_docs_load_nothing_from_other_origins(campaign, new_context, site):
    context = new_context()
    context.add_init_script(RECORD_CSP_VIOLATIONS)
    requests: list[str] = []
    context.on("request", lambda request: requests.append(request.url))
    page = context.new_page()
    page.goto("/api/v1/docs")
    expect(page.get_by_text("/api/v1/campaigns", exact=False).first).to_be_visible()
    origin = urlsplit(site).netloc
    assert [u for u in requests if not u.startswith("data:") and urlsplit(u).netloc != origin] == []
    assert "/api/v1/openapi.json" in {urlsplit(u).path for u in requests}
    assert page.evaluate("window.__cspViolations") == []
