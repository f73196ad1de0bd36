"""Events follow the registry: merging two records of one organisation or person moves their events along, and
hiding a person takes them off every event page at once."""

from __future__ import annotations

import pytest

from solidarity.events.tests import builders
from solidarity.registry import services
from solidarity.registry.tests import factories

pytestmark = pytest.mark.django_db


def test_merged_records_keep_their_events(organiser):
    courier, duplicate = factories.organisation("Courier", kind="union"), factories.organisation("Kurier")
    nikita, twin = factories.person("Nikita Oleinik"), factories.person("Nikita Oleynik")
    event = builders.event("Picket", "2026-12-05 12:00", organisers=[duplicate], people=[twin])
    services.organisation_merge(keep=courier, merge=duplicate, actor=organiser)
    services.person_merge(keep=nikita, merge=twin, actor=organiser)
    assert list(event.organisers.all()) == [courier] and list(event.people.all()) == [nikita]


def test_a_person_hidden_later_leaves_the_event_page(supporter, organiser):
    person = factories.person("Canary Later-Hidden")
    event = builders.event("Picket", "2026-12-05 12:00", people=[person])
    assert "Canary Later-Hidden" in supporter.get(f"/en/events/{event.slug}/").content.decode()
    person.is_public = False
    services.person_save(person=person, actor=organiser)
    assert "Canary" not in supporter.get(f"/en/events/{event.slug}/").content.decode()
    assert "Canary" not in supporter.get("/calendar.ics").content.decode()
    assert "Canary" not in supporter.get("/en/calendar/feed/").content.decode()
