"""The Atom feed of registry updates, and a canary search of every public feed.

New public people and the status events of public people, newest first, each linking to the person's page;
a hidden person, their events, letters' senders, sources' captured text and reporters' private details in no
feed at all."""

from __future__ import annotations

import datetime

import feedparser
import pytest
from django.utils import timezone

from conftest import read_atom
from solidarity.registry import services
from solidarity.registry.models import Person, StatusEvent
from solidarity.registry.tests import factories
from solidarity.registry.tests.conftest import CANARY, CANARY_CHARGE, CANARY_NATIVE, event
from solidarity.reports import services as report_services
from solidarity.reports.tests.factories import CANARY_MARKERS, planted_report, submit

URL = "/en/feeds/registry/"
PUBLIC_URL = "https://solidarity.example.org"


@pytest.fixture(autouse=True)
def _public_address(settings):
    settings.SOLIDARITY = {**settings.SOLIDARITY, "PUBLIC_URL": PUBLIC_URL}


def _age(model, pk, field, **delta):
    model.objects.filter(pk=pk).update(**{field: timezone.now() - datetime.timedelta(**delta)})


def test_new_people_and_status_changes_newest_first_linking_to_the_person(oleinik, supporter):
    for kind_event in StatusEvent.objects.filter(person=oleinik):
        _age(StatusEvent, kind_event.pk, "added_at", days=10)
    _age(Person, oleinik.pk, "created_at", days=11)
    newcomer = factories.person("Anna Newcomer", country="BY")
    released = event(oleinik, "released", datetime.date(2025, 2, 3), detail="after 2 years")

    feed = read_atom(supporter, URL)
    assert feed.feed.link == f"{PUBLIC_URL}/en/people/"
    titles = [entry.title for entry in feed.entries]
    assert titles[:2] == ["Nikita Oleinik: released · 3 February 2025", "Added to the registry: Anna Newcomer"]
    assert titles[-1] == "Added to the registry: Nikita Oleinik (Никита Олейник)"
    updated = [entry.updated_parsed for entry in feed.entries]
    assert updated == sorted(updated, reverse=True)

    first, second = feed.entries[:2]
    assert first.link == f"{PUBLIC_URL}/en/people/nikita-oleinik/#event-{released.pk}"
    assert first.id == f"tag:solidarity.example.org,2025:registry/status-event/{released.pk}"
    assert "after 2 years" in first.summary
    assert second.link == f"{PUBLIC_URL}/en/people/anna-newcomer/"
    assert second.id == f"tag:solidarity.example.org,2025:registry/person/{newcomer.pk}"
    page = supporter.get("/en/people/nikita-oleinik/").content.decode()
    assert f'id="event-{released.pk}"' in page


def test_dates_keep_their_precision_and_allegations_are_marked(oleinik, supporter):
    entries = {entry.title: entry for entry in read_atom(supporter, URL).entries}
    assert "Nikita Oleinik: in custody · 2023" in entries
    assert "Nikita Oleinik: detained · July 2022" in entries
    assert "Nikita Oleinik: other · about 2021" in entries
    sentenced = entries["Nikita Oleinik: sentenced · 14 November 2024 (alleged)"]
    assert "18 years" in sentenced.summary
    assert "Case: Tyumen case" in sentenced.summary
    assert "Source: Anarchists detained in Tyumen, Example News" in sentenced.summary
    person = entries["Added to the registry: Nikita Oleinik (Никита Олейник)"]
    assert "sentenced · 14 November 2024 (alleged)" in person.summary
    assert "An anarchist from Tyumen." in person.summary


def test_ids_survive_a_new_slug_and_the_feed_follows_the_language(oleinik, supporter):
    before = {entry.id for entry in read_atom(supporter, URL).entries}
    oleinik.slug = "nikita-oleynik"
    services.person_save(person=oleinik, actor=None)
    after = read_atom(supporter, URL)
    assert {entry.id for entry in after.entries} == before
    assert all("/en/people/nikita-oleynik/" in entry.link for entry in after.entries)
    russian = read_atom(supporter, "/ru/feeds/registry/")
    assert russian.feed.language == "ru"
    assert {entry.id for entry in russian.entries} == before
    assert any("задержан" in entry.title for entry in russian.entries)
    assert all(entry.link.startswith(f"{PUBLIC_URL}/ru/people/") for entry in russian.entries)


def test_a_person_hidden_later_leaves_the_feed_with_their_events(oleinik, supporter):
    assert any("Oleinik" in entry.title for entry in read_atom(supporter, URL).entries)
    oleinik.is_public = False
    services.person_save(person=oleinik, actor=None)
    body = supporter.get(URL).content.decode()
    assert "Oleinik" not in body and "Олейник" not in body


def test_people_pages_announce_the_feed(oleinik, supporter):
    link = f'type="application/atom+xml" href="{URL}"'
    assert link in supporter.get("/en/people/").content.decode()
    assert link in supporter.get("/en/people/nikita-oleinik/").content.decode()


FEEDS = ["/{lang}/feeds/registry/", "/{lang}/feeds/campaigns/", "/{lang}/c/week-of-action/feed/"]


def test_no_feed_holds_anything_hidden_or_private(oleinik, canary, campaign, moderator, supporter):
    """Plant a hidden person (with a charge and an event), a report with a canary in every private field (no
    consent to publish the name), a rejected report, letters with their senders, and a source's captured text;
    then read every feed in every language."""
    event(canary, "sentenced", datetime.date(2025, 1, 1), detail=f"{CANARY} detail")
    planted_report(campaign, moderator, "canary-feed", consent_name=False)
    rejected = submit(campaign, "Praha", public_text="canary rejected words")
    report_services.report_reject(report=rejected, actor=moderator)
    services.letter_submit(person=oleinik, text="canary letter text", sender_name="Canary Sender")
    source = StatusEvent.objects.filter(person=oleinik, source__isnull=False).first().source
    source.__class__.objects.filter(pk=source.pk).update(text="canary captured source text")

    planted = ["canary", "zzyzx", CANARY, CANARY_NATIVE, CANARY_CHARGE, "Secret Sender", "Hold on!", "@example.org"]
    planted += [f"canary-feed{marker}" for marker in CANARY_MARKERS]
    for pattern in FEEDS:
        for language in ("en", "ru"):
            response = supporter.get(pattern.format(lang=language))
            assert response.status_code == 200
            body = response.content.decode()
            assert not feedparser.parse(response.content).bozo
            leaks = [value for value in planted if value.lower() in body.lower()]
            assert leaks == [], f"{pattern.format(lang=language)} shows {leaks}"
    assert "Oleinik" in supporter.get(URL).content.decode()
    assert "Public words." in supporter.get("/en/c/week-of-action/feed/").content.decode()
