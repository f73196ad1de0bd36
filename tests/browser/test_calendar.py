"""The calendar in a real browser: a supporter in New York follows the nav to the calendar, opens the broadcast
that runs from 22:00 to 02:00 in Moscow, reads it in Moscow time, in UTC and in her own time (the page's small
script), and takes the event's iCalendar file; nothing is loaded from another origin."""

from __future__ import annotations

import datetime

import icalendar
import pytest
from django.utils import timezone
from playwright.sync_api import expect

from solidarity.events.tests import builders
from tests.browser.helpers import foreign, watch_requests


def next_december_8() -> int:
    today = timezone.now().date()
    return today.year if today < datetime.date(today.year, 12, 8) else today.year + 1


@pytest.mark.browser
def test_follow_the_calendar_to_an_event_in_your_own_time_and_take_its_file(new_context, site):
    year = next_december_8()
    broadcast = builders.event(
        "Anti-war broadcast marathon",
        f"{year}-12-08 22:00",
        f"{year}-12-09 02:00",
        kind="broadcast",
        city=None,
        online_url="https://stream.example.org/marathon",
    )
    context = new_context(timezone_id="America/New_York", locale="en-US")
    requests = watch_requests(context)
    page = context.new_page()
    page.goto("/en/people/")
    with page.expect_navigation():
        page.get_by_role("navigation", name="Sections").get_by_role("link", name="Calendar").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Calendar")
    with page.expect_navigation():
        page.get_by_role("link", name="Anti-war broadcast marathon").click()
    assert page.url.endswith(f"/en/events/{broadcast.slug}/")

    expect(page.locator(".event-when")).to_contain_text("10 p.m.")
    expect(page.locator(".event-when")).to_contain_text("Europe/Moscow")
    expect(page.locator(".utc-time")).to_contain_text("7 p.m. – 11 p.m. UTC")
    viewer = page.locator("[data-viewer-time]")
    expect(viewer).to_be_visible()
    expect(viewer).to_contain_text("In your time zone")
    expect(viewer).to_contain_text("America/New_York")
    expect(viewer).to_contain_text("2:00")  # 19:00 UTC is 14:00 in New York in December
    expect(viewer).to_contain_text("6:00")

    link = page.get_by_role("link", name="Add this event (iCalendar)")
    href = link.get_attribute("href")
    assert href.endswith(f"/events/{broadcast.slug}.ics?lang=en")
    response = context.request.get(href)
    assert response.ok and response.headers["content-type"] == "text/calendar; charset=utf-8"
    (item,) = icalendar.Calendar.from_ical(response.body()).walk("VEVENT")
    assert str(item["UID"]).startswith(f"event-{broadcast.pk}@")
    webcal = page.get_by_role("link", name="Subscribe in your calendar app").get_attribute("href")
    assert webcal.startswith("webcal://") and "/calendar.ics?lang=en" in webcal

    assert foreign(requests, site) == []
    assert page.evaluate("window.__cspViolations") == []


@pytest.mark.browser
def test_a_reader_in_the_events_zone_sees_no_extra_line(new_context):
    year = next_december_8()
    broadcast = builders.event("Broadcast", f"{year}-12-08 22:00", f"{year}-12-09 02:00", city=None,
                               online_url="https://stream.example.org/x", kind="broadcast")  # fmt: skip
    page = new_context(timezone_id="Europe/Moscow").new_page()
    page.goto(f"/en/events/{broadcast.slug}/")
    expect(page.locator(".event-when")).to_contain_text("10 p.m.")
    expect(page.locator("[data-viewer-time]")).to_be_hidden()
