"""Organisers keep the calendar in the admin: times typed where the event happens, the place from the gazetteer,
clear refusals of bad input with nothing saved, every change audited; moderators only read, outsiders nothing."""

from __future__ import annotations

import datetime

import pytest
from django.test import Client

from conftest import verified_client
from solidarity.events.models import Event
from solidarity.events.tests import builders
from solidarity.lib.models import AuditEntry
from solidarity.registry.tests import factories

UTC = datetime.UTC
ADD = "/admin/events/event/add/"


def event_form(**overrides: object) -> dict[str, object]:
    data: dict[str, object] = {
        "title": "Anti-war broadcast marathon",
        "slug": "marathon",
        "kind": "broadcast",
        "status": "published",
        "language": "en",
        "description": "Speakers from many countries.",
        "starts_at_0": "2026-12-08",
        "starts_at_1": "22:00",
        "ends_at_0": "2026-12-09",
        "ends_at_1": "02:00",
        "timezone": "Europe/Moscow",
        "recurrence": "none",
        "recurrence_until": "",
        "place": "",
        "address": "",
        "online_url": "https://stream.example.org/marathon",
        "translations-TOTAL_FORMS": "1",
        "translations-INITIAL_FORMS": "0",
        "translations-MIN_NUM_FORMS": "0",
        "translations-MAX_NUM_FORMS": "1000",
        "translations-0-language": "ru",
        "translations-0-title": "Антивоенный марафон",
        "translations-0-description": "",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def errors(response) -> str:
    assert response.status_code == 200, response.status_code
    return response.content.decode()


@pytest.mark.django_db
def test_organiser_adds_an_event_in_moscow_time(organiser, campaign):
    courier = factories.organisation("Courier", kind="union")
    person = factories.person("Kirill Ukraintsev")
    client = verified_client(organiser)
    form = event_form(organisers=[courier.pk], people=[person.pk], campaign=campaign.pk, place="в Москве")
    response = client.post(ADD, form)
    assert response.status_code == 302, response.content.decode()[:3000]
    event = Event.objects.get(slug="marathon")
    assert event.starts_at == datetime.datetime(2026, 12, 8, 19, 0, tzinfo=UTC)
    assert event.ends_at == datetime.datetime(2026, 12, 8, 23, 0, tzinfo=UTC)  # 02:00 in Moscow
    assert (event.city, event.country, event.geonameid is not None) == ("Moscow", "RU", True)
    assert list(event.organisers.all()) == [courier] and list(event.people.all()) == [person]
    assert event.translations.get().title == "Антивоенный марафон"
    assert event.published_at is not None
    actions = set(AuditEntry.objects.filter(actor=organiser).values_list("action", flat=True))
    assert {"events.event.created", "events.event.links_changed", "events.translation.saved"} <= actions
    # the form shows the saved times as typed, in the event's zone
    page = client.get(f"/admin/events/event/{event.pk}/change/").content.decode()
    assert 'value="22:00:00"' in page and 'value="2026-12-08"' in page and 'value="Moscow, Russian Federation"' in page
    assert '<span class="translation-current">ru: up to date</span>' in page
    assert "Антивоенный марафон" in Client().get("/ru/events/marathon/").content.decode()


@pytest.mark.django_db
def test_an_all_day_event_takes_its_last_day(organiser):
    client = verified_client(organiser)
    form = event_form(
        kind="international_day",
        all_day="on",
        starts_at_0="2026-01-19",
        starts_at_1="",
        ends_at_0="2026-01-24",
        ends_at_1="",
        timezone="Europe/Moscow",
        online_url="",
        recurrence="yearly",
        recurrence_until="2030",
    )
    assert client.post(ADD, form).status_code == 302
    event = Event.objects.get(slug="marathon")
    moscow = event.zone
    assert event.starts_at == datetime.datetime(2026, 1, 19, tzinfo=moscow)
    assert event.ends_at == datetime.datetime(2026, 1, 25, tzinfo=moscow)  # midnight after the last day
    page = client.get(f"/admin/events/event/{event.pk}/change/").content.decode()
    assert 'name="ends_at_0" value="2026-01-24"' in page


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"ends_at_0": "2026-12-08", "ends_at_1": "21:00"}, "The event cannot end before it starts."),
        ({"timezone": "Mars/Olympus"}, "Mars/Olympus is not a known time zone"),
        ({"online_url": ""}, "Give the city (or the country) where it happens, an online link, or both."),
        ({"online_url": "javascript:alert(1)"}, "Give a web address starting with https:// or http://."),
        ({"online_url": "ftp://files.example.org/x"}, "Give a web address starting with https:// or http://."),
        ({"address": "Tverskaya 1"}, "An address needs the city it is in."),
        ({"place": "Atlantis on the Moon"}, "No city or country of that name in the gazetteer."),
        ({"recurrence_until": "2030"}, "Only a yearly event has a last year."),
        ({"recurrence": "yearly", "recurrence_until": "2020"}, "The last year cannot be before the first one."),
        ({"recurrence": "yearly", "ends_at_0": "2027-03-01"}, "A yearly event lasts a month at most."),
        ({"starts_at_0": "", "starts_at_1": "22:00"}, "Enter a complete value."),
        ({"starts_at_0": "", "starts_at_1": ""}, "This field is required."),
        ({"translations-0-language": "en"}, "The original is written in this language."),
    ],
)
def test_bad_input_is_refused_with_a_clear_reason_and_nothing_saved(organiser, overrides, message):
    client = verified_client(organiser)
    body = errors(client.post(ADD, event_form(**overrides)))
    assert message in body
    assert 'value="Anti-war broadcast marathon"' in body  # what was typed is still there
    assert not Event.objects.exists() and not AuditEntry.objects.filter(action__startswith="events.").exists()


@pytest.mark.django_db
def test_a_place_or_a_country_alone_or_nothing_for_a_day_kept_everywhere(organiser):
    client = verified_client(organiser)
    assert client.post(ADD, event_form(slug="a", online_url="", place="Russia")).status_code == 302
    assert Event.objects.get(slug="a").country == "RU" and Event.objects.get(slug="a").city == ""
    day = event_form(slug="b", online_url="", kind="commemoration", all_day="on")
    assert client.post(ADD, day).status_code == 302
    both = event_form(slug="c", place="Berlin", address="Alexanderplatz")
    assert client.post(ADD, both).status_code == 302
    assert Event.objects.get(slug="c").online_url and Event.objects.get(slug="c").city == "Berlin"


@pytest.mark.django_db
def test_edits_are_audited_and_bump_the_sequence(organiser):
    event = builders.event("Rally", "2026-12-05 12:00")
    client = verified_client(organiser)
    form = event_form(
        title="Rally, moved",
        slug=event.slug,
        kind="rally",
        place="Moscow, Russia",
        online_url="",
        starts_at_0="2026-12-06",
        starts_at_1="12:00",
        ends_at_0="",
        ends_at_1="",
        **{"translations-TOTAL_FORMS": "0"},
    )
    assert client.post(f"/admin/events/event/{event.pk}/change/", form).status_code == 302
    changed = Event.objects.get(pk=event.pk)
    assert changed.sequence > event.sequence and changed.title == "Rally, moved"
    entry = AuditEntry.objects.get(action="events.event.changed")
    assert entry.data["before"]["title"] == "Rally" and entry.data["after"]["title"] == "Rally, moved"
    assert "city" not in entry.data["after"]  # the place did not change


@pytest.mark.django_db
def test_moderators_read_outsiders_are_refused_and_only_superusers_delete(moderator, organiser, outsider):
    event = builders.event("Rally", "2026-12-05 12:00")
    bob = verified_client(moderator)
    assert bob.get("/admin/events/event/").status_code == 200
    assert bob.get(ADD).status_code == 403
    assert bob.post(f"/admin/events/event/{event.pk}/change/", event_form()).status_code == 403
    charlie = Client()
    charlie.force_login(outsider)
    assert charlie.get("/admin/events/event/").status_code == 302  # to the sign-in
    alice = verified_client(organiser)
    assert alice.get("/admin/events/event/").status_code == 200
    assert alice.post(f"/admin/events/event/{event.pk}/delete/", {"post": "yes"}).status_code == 403
    assert Event.objects.filter(pk=event.pk).exists()
