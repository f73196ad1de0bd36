"""The API's documentation page renders the OpenAPI description with files from this site only."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from tests.browser.helpers import foreign, watch_requests


@pytest.mark.browser
def test_api_docs_load_nothing_from_other_origins(campaign, new_context, site):
    context = new_context()
    requests = watch_requests(context)
    page = context.new_page()
    page.goto("/api/v1/docs")
    expect(page.get_by_text("/api/v1/campaigns", exact=False).first).to_be_visible()
    assert foreign(requests, site) == []
    assert "/api/v1/openapi.json" in {urlsplit(u).path for u in requests}
    assert page.evaluate("window.__cspViolations") == []
