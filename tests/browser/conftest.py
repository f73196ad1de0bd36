"""Browser fixtures: one headless Chromium per session, a fresh context per persona, and the live server
wrapped in the same snapshot layer as production (solidarity.wsgi), so stale pages would be caught."""

from __future__ import annotations

import os

# Playwright's sync API runs an event loop in the main thread; Django's ORM calls from the test body (and the
# fixtures) would otherwise be refused as "called from an async context".
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

from collections.abc import Callable, Iterator  # noqa: E402
from typing import Any  # noqa: E402

import pytest  # noqa: E402
from playwright.sync_api import Browser, BrowserContext, Playwright, expect, sync_playwright  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
TIMEOUT_MS = 10_000

expect.set_options(timeout=TIMEOUT_MS)


@pytest.fixture(scope="session")
def playwright_instance() -> Iterator[Playwright]:
    with sync_playwright() as playwright:
        yield playwright


@pytest.fixture(scope="session")
def browser(playwright_instance: Playwright) -> Iterator[Browser]:
    if not os.path.exists(CHROMIUM):
        pytest.skip(f"{CHROMIUM} is not installed")
    browser = playwright_instance.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
    yield browser
    browser.close()


@pytest.fixture
def site(live_server: Any, transactional_db: None) -> str:
    """The live server's base URL, served through the production snapshot layer.

    pytest-django's live server runs Django's WSGIHandler (plus static files) directly; production runs
    ``solidarity.wsgi.application``, a :class:`SnapshotApp` that answers public pages from files written on
    the first view. Wrapping the live server's app the same way means a page that is not invalidated when a
    moderator publishes would show up here as stale data.
    """
    from solidarity.lib.snapshots import SnapshotApp
    from solidarity.wsgi import application as production

    httpd = live_server.thread.httpd
    if not isinstance(httpd.get_app(), SnapshotApp):
        httpd.set_app(SnapshotApp(httpd.get_app(), production.root, production.pattern.pattern))
    return live_server.url


@pytest.fixture
def new_context(browser: Browser, site: str) -> Iterator[Callable[..., BrowserContext]]:
    """Open a fresh browser context (its own cookies: one person) on the live server; closed afterwards."""
    contexts: list[BrowserContext] = []

    def make(**options: Any) -> BrowserContext:
        options.setdefault("locale", "en-GB")
        context = browser.new_context(base_url=site, **options)
        context.set_default_timeout(TIMEOUT_MS)
        contexts.append(context)
        return context

    yield make
    for context in contexts:
        context.close()
