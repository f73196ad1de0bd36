"""The Atom feed of events, read back with feedparser as a feed reader would."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from conftest import read_atom
from solidarity.events import services
from solidarity.events.models import Event
from solidarity.events.tests import builders
from solidarity.registry.tests import factories

pytestmark = pytest.mark.django_db


def test_published_events_newest_first_with_links_and_stable_ids(broadcast, international_day, supporter):
    Event.objects.filter(pk=international_day.pk).update(published_at=timezone.now() - datetime.timedelta(days=1))
    feed = read_atom(supporter, "/en/calendar/feed/")
    assert [entry.title for entry in feed.entries] == [broadcast.title, international_day.title]
    first = feed.entries[0]
    assert first.link == f"http://testserver/en/events/{broadcast.slug}/"
    assert first.id == f"tag:testserver,{broadcast.created_at:%Y-%m-%d}:event-{broadcast.pk}"
    assert "8 December 2026, 10 p.m. – 9 December 2026, 2 a.m. (Europe/Moscow)" in first.summary
    assert "<strong>twelve</strong>" in first.summary  # the description's Markdown, sanitised
    assert [tag.term for tag in first.tags] == ["broadcast"]
    assert "every year" in feed.entries[1].summary
    # renaming an event keeps its id: readers do not show it again as new
    broadcast.slug, broadcast.title = "marathon", "Marathon"
    services.event_save(event=broadcast, actor=None)
    assert read_atom(supporter, "/en/calendar/feed/").entries[0].id == first.id


def test_per_language_with_fallback(supporter):
    builders.event(
        "Concert for the prisoners",
        "2026-12-05 19:00",
        kind="concert",
        translations={"ru": {"title": "Концерт в поддержку заключённых", "description": ""}},
    )
    russian = read_atom(supporter, "/ru/calendar/feed/")
    assert russian.entries[0].title == "Концерт в поддержку заключённых"
    assert russian.entries[0].link.endswith("/ru/events/concert-for-the-prisoners/")
    assert "5 декабря 2026 г., 19:00" in russian.entries[0].summary
    assert read_atom(supporter, "/en/calendar/feed/").entries[0].title == "Concert for the prisoners"


def test_nothing_private_or_draft_in_the_feed(supporter):
    hidden = factories.person("Canary Hidden-Person", hidden=True)
    builders.event("Canary draft event", "2026-12-05 12:00", status=Event.Status.DRAFT)
    builders.event("Picket", "2026-12-06 12:00", kind="picket", people=[hidden, factories.person("Igor Kuznetsov")])
    body = supporter.get("/en/calendar/feed/").content.decode()
    assert "Canary" not in body and "Igor Kuznetsov" in body


def test_the_calendar_page_announces_the_feed_and_the_calendar_file(supporter):
    html = supporter.get("/en/calendar/").content.decode()
    assert '<link rel="alternate" type="application/atom+xml" href="/en/calendar/feed/"' in html
    assert '<link rel="alternate" type="text/calendar" href="http://testserver/calendar.ics?lang=en"' in html
