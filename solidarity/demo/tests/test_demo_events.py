"""The demo calendar holds the events the seed articles name, in our own words, 19 January and 9 December every
year, and a second run of the demo creates nothing."""

from __future__ import annotations

import datetime
import json
import re
from io import StringIO
from pathlib import Path

import icalendar
import pytest
import recurring_ical_events
from django.core.management import call_command

from solidarity.demo import events_content
from solidarity.events.models import Event
from solidarity.lib.models import AuditEntry

SHARED = Path(__file__).resolve().parents[3].parent / "shared"
SEEDS, GOLD = SHARED / "seeds", SHARED / "gold" / "seeds.gold.json"
MONTHS = {name: number for number, name in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november",
     "december"], start=1)}  # fmt: skip


@pytest.fixture
def demo(db):
    call_command("demo", stdout=StringIO())


def test_a_second_run_creates_no_event_and_writes_no_audit_entry(demo):
    counts = (Event.objects.count(), AuditEntry.objects.filter(action__startswith="events.").count())
    out = StringIO()
    call_command("demo", stdout=out)
    assert "calendar: 0 events created (already loaded)" in out.getvalue()
    assert (Event.objects.count(), AuditEntry.objects.filter(action__startswith="events.").count()) == counts
    assert counts[0] == len(events_content.EVENTS)


def test_19_january_and_9_december_come_back_every_year(demo, supporter):
    calendar = icalendar.Calendar.from_ical(supporter.get("/calendar.ics").content)
    found = recurring_ical_events.of(calendar).between(datetime.date(2030, 1, 1), datetime.date(2035, 1, 1))
    by_title: dict[str, list[datetime.date]] = {}
    for occurrence in found:
        by_title.setdefault(str(occurrence["SUMMARY"]), []).append(occurrence.start)
    assert sorted(by_title["International Day of Struggle Against Imperialism"]) == [
        datetime.date(year, 12, 9) for year in range(2030, 2035)
    ]
    assert sorted(by_title["Commemoration of Stanislav Markelov and Anastasia Baburova"]) == [
        datetime.date(year, 1, 19) for year in range(2030, 2035)
    ]
    commemoration = Event.objects.get(slug="markelov-baburova-commemoration")
    assert {p.slug for p in commemoration.people.all()} == {"stanislav-markelov", "anastasia-baburova"}
    assert commemoration.campaign.slug == "remember-to-fight-2023"
    # and the 2023 call's page lists it on its 2023 date
    page = supporter.get("/en/c/remember-to-fight-2023/").content.decode()
    assert 'href="/en/events/markelov-baburova-commemoration/"' in page and "19 January 2023" in page


@pytest.mark.skipif(not GOLD.exists(), reason="the gold annotations live beside the repository")
def test_every_event_of_the_gold_annotations_is_in_the_demo(demo):
    gold = json.loads(GOLD.read_text(encoding="utf-8"))["documents"]
    events = list(Event.objects.published())
    for document in gold.values():
        for expected in document.get("events") or []:
            if "date" in expected:
                day = datetime.date.fromisoformat(expected["date"])
                matches = [e for e in events if e.starts_at.astimezone(e.zone).date() == day]
            else:  # "9 July": the day and month the article gives
                number, month = expected["date_text"].split()
                matches = [
                    e
                    for e in events
                    if (e.starts_at.astimezone(e.zone).day, e.starts_at.astimezone(e.zone).month)
                    == (int(number), MONTHS[month.lower()])
                ]
            matches = [e for e in matches if e.kind == expected["kind"]]
            assert len(matches) == 1, expected
            found = matches[0]
            if expected.get("city"):
                assert found.city == expected["city"], expected
            if expected.get("country"):
                assert found.country == "RU", expected
            assert found.is_yearly == (expected.get("recurs") == "yearly"), expected


def _runs(text: str) -> set[str]:
    words = re.findall(r"\w+", text.lower())
    return {" ".join(words[i : i + 8]) for i in range(len(words) - 7)}


@pytest.mark.skipif(not SEEDS.exists(), reason="the seed articles live beside the repository")
def test_event_texts_are_our_own_words():
    """No run of eight words from the seed articles in any demo event's title or description, in any language."""
    seed_runs = set().union(*(_runs(p.read_text(encoding="utf-8")) for p in SEEDS.glob("*.txt")))
    texts = []
    for event in events_content.EVENTS:
        texts += [event["title"], event["description"]]
        for translation in event.get("translations", {}).values():
            texts += [translation["title"], translation["description"]]
    copied = {run for text in texts for run in _runs(text) & seed_runs}
    assert not copied, copied
