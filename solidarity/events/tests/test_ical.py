"""The calendar files, read back as calendar apps read them: icalendar parses them and recurring_ical_events
expands the yearly rules, so what is checked is what a subscriber's app would show."""

from __future__ import annotations

import datetime
import zoneinfo

import icalendar
import pytest
import recurring_ical_events
from django.test import Client

from solidarity.campaigns.models import Campaign
from solidarity.events import services
from solidarity.events.models import Event
from solidarity.events.tests import builders
from solidarity.registry.tests import factories

UTC = datetime.UTC
pytestmark = pytest.mark.django_db


def read(response) -> icalendar.Calendar:
    assert response.status_code == 200, response.content[:500]
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return icalendar.Calendar.from_ical(response.content)


def vevents(calendar: icalendar.Calendar) -> dict[str, icalendar.Event]:
    return {str(item["SUMMARY"]): item for item in calendar.walk("VEVENT")}


def test_the_international_day_is_on_9_december_of_five_consecutive_years(international_day, supporter):
    calendar = read(supporter.get("/calendar.ics"))
    found = recurring_ical_events.of(calendar).between(datetime.date(2026, 1, 1), datetime.date(2031, 1, 1))
    days = sorted(occurrence.start for occurrence in found)
    assert days == [datetime.date(year, 12, 9) for year in range(2026, 2031)]
    item = vevents(calendar)["International Day of Struggle Against Imperialism"]
    assert item["RRULE"]["FREQ"] == ["YEARLY"] and "UNTIL" not in item["RRULE"]
    assert item.decoded("DTSTART") == datetime.date(2019, 12, 9)  # a DATE: the day wherever one is
    assert item.decoded("DTEND") == datetime.date(2019, 12, 10)  # exclusive, as RFC 5545 has it


def test_a_yearly_event_that_stops_has_until_and_no_occurrence_after_it(supporter):
    builders.event("Vigil", "2020-01-19 18:00", "2020-01-19 19:00", recurrence="yearly", recurrence_until=2024)
    calendar = read(supporter.get("/calendar.ics"))
    found = recurring_ical_events.of(calendar).between(datetime.date(2018, 1, 1), datetime.date(2030, 1, 1))
    starts = sorted(occurrence.start for occurrence in found)
    moscow = zoneinfo.ZoneInfo("Europe/Moscow")
    assert starts == [datetime.datetime(year, 1, 19, 18, 0, tzinfo=moscow) for year in range(2020, 2025)]
    assert [occurrence.start.hour for occurrence in found] == [18] * 5  # the wall clock stays where it happens


def test_the_broadcast_across_midnight_reads_back_with_its_utc_instants(broadcast, supporter):
    calendar = read(supporter.get("/calendar.ics"))
    item = vevents(calendar)["Anti-war broadcast marathon"]
    start, end = item.decoded("DTSTART"), item.decoded("DTEND")
    assert item["DTSTART"].params["TZID"] == "Europe/Moscow"
    assert start.astimezone(UTC) == datetime.datetime(2026, 12, 8, 19, 0, tzinfo=UTC)
    assert end.astimezone(UTC) == datetime.datetime(2026, 12, 8, 23, 0, tzinfo=UTC)
    assert (start.date(), end.date()) == (datetime.date(2026, 12, 8), datetime.date(2026, 12, 9))  # local days
    assert str(item["LOCATION"]) == "https://stream.example.org/marathon"
    assert [str(c) for c in item["CATEGORIES"].cats] == ["broadcast"]
    assert str(item["URL"]).endswith(f"/en/events/{broadcast.slug}/")


def test_every_tzid_has_its_vtimezone(broadcast, supporter):
    builders.event("Rally in Berlin", "2026-07-01 18:00", "2026-07-01 20:00", zone="Europe/Berlin", city="Berlin")
    builders.event("Picket in Lima", "2026-03-01 12:00", zone="America/Lima", city="Lima")
    calendar = read(supporter.get("/calendar.ics"))
    used = {str(item["DTSTART"].params["TZID"]) for item in calendar.walk("VEVENT")}
    defined = {str(zone["TZID"]) for zone in calendar.walk("VTIMEZONE")}
    assert used == {"Europe/Moscow", "Europe/Berlin", "America/Lima"}
    assert used <= defined
    assert calendar.get_missing_tzids() == set()


def test_uid_stays_and_sequence_grows_when_an_event_is_edited(broadcast, supporter, organiser):
    first = vevents(read(supporter.get("/calendar.ics")))["Anti-war broadcast marathon"]
    broadcast.title = "Anti-war broadcast marathon (new speakers)"
    services.event_save(event=broadcast, actor=organiser)
    second = vevents(read(supporter.get("/calendar.ics")))["Anti-war broadcast marathon (new speakers)"]
    assert str(first["UID"]) == str(second["UID"]) == f"event-{broadcast.pk}@testserver"
    assert second["SEQUENCE"] > first["SEQUENCE"]
    assert second.decoded("LAST-MODIFIED") >= first.decoded("LAST-MODIFIED")


def test_the_uid_names_the_public_host(broadcast, supporter, settings):
    settings.SOLIDARITY = {**settings.SOLIDARITY, "PUBLIC_URL": "https://solidarity.example.org"}
    item = vevents(read(supporter.get("/calendar.ics")))["Anti-war broadcast marathon"]
    assert str(item["UID"]) == f"event-{broadcast.pk}@solidarity.example.org"
    assert str(item["URL"]) == f"https://solidarity.example.org/en/events/{broadcast.slug}/"


def test_drafts_hidden_people_and_draft_campaigns_never_appear(broadcast, campaign, supporter):
    hidden = factories.person("Canary Hidden-Person", hidden=True)
    shown = factories.person("Nikita Oleinik")
    secret = Campaign.objects.create(
        slug="secret-call",
        title="Canary Draft Campaign",
        organiser=campaign.organiser,
        starts_on=campaign.starts_on,
        ends_on=campaign.ends_on,
        status=Campaign.Status.DRAFT,
    )
    builders.event("Canary Draft Event", "2026-12-10 12:00", status=Event.Status.DRAFT)
    linked = builders.event(
        "Solidarity picket", "2026-12-11 12:00", people=[hidden, shown], campaign=secret, description="Come."
    )
    for url in ("/calendar.ics", "/countries/RU/calendar.ics", f"/events/{linked.slug}.ics", "/calendar.ics?lang=ru"):
        body = supporter.get(url).content.decode()
        assert "Canary" not in body, url
    assert "Nikita Oleinik" in supporter.get("/calendar.ics").content.decode()
    assert supporter.get("/c/secret-call/calendar.ics").status_code == 404
    assert supporter.get("/events/canary-draft-event.ics").status_code == 404


def test_calendars_per_campaign_organisation_and_country(campaign, supporter):
    rsd = campaign.organiser
    other = factories.organisation("Courier")
    builders.event("Picket in Moscow", "2026-12-01 12:00", kind="picket", campaign=campaign, organisers=[rsd])
    builders.event("Rally in Berlin", "2026-12-02 12:00", zone="Europe/Berlin", city="Berlin", organisers=[other])
    builders.event(
        "Online meeting", "2026-12-03 12:00", kind="meeting", city=None, online_url="https://meet.example.org/x"
    )

    def titles(url: str) -> set[str]:
        return set(vevents(read(supporter.get(url))))

    assert titles("/calendar.ics") == {"Picket in Moscow", "Rally in Berlin", "Online meeting"}
    assert titles(f"/c/{campaign.slug}/calendar.ics") == {"Picket in Moscow"}
    assert titles(f"/organisations/{other.slug}/calendar.ics") == {"Rally in Berlin"}
    assert titles("/countries/DE/calendar.ics") == titles("/countries/de/calendar.ics") == {"Rally in Berlin"}
    assert titles("/calendar.ics?kind=rally") == {"Rally in Berlin"}
    assert titles(f"/calendar.ics?organisation={rsd.slug}") == {"Picket in Moscow"}
    assert supporter.get("/countries/XX/calendar.ics").status_code == 404
    assert supporter.get("/organisations/nobody/calendar.ics").status_code == 404


def test_text_in_the_language_asked_for_with_the_original_as_fallback(supporter):
    builders.event(
        "Concert for the prisoners",
        "2026-12-05 19:00",
        kind="concert",
        description="Music and letters.",
        translations={"ru": {"title": "Концерт в поддержку заключённых", "description": ""}},
    )
    builders.event("Lecture on the Network case", "2026-12-06 19:00", kind="lecture")
    russian = vevents(read(supporter.get("/calendar.ics?lang=ru")))
    assert set(russian) == {"Концерт в поддержку заключённых", "Lecture on the Network case"}
    concert = russian["Концерт в поддержку заключённых"]
    assert str(concert["DESCRIPTION"]).startswith("Music and letters.")  # no translation: the original
    assert "/ru/events/concert-for-the-prisoners/" in str(concert["URL"])
    assert "Россия" in str(concert["LOCATION"]) or "Российская" in str(concert["LOCATION"])
    assert set(vevents(read(supporter.get("/calendar.ics?lang=xx")))) == {
        "Concert for the prisoners",
        "Lecture on the Network case",
    }


def test_headers_let_apps_revalidate_cheaply(broadcast):
    client = Client()
    first = client.get("/calendar.ics")
    assert first["Cache-Control"] == "public, no-cache" and first["ETag"]
    again = client.get("/calendar.ics", HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
    broadcast.status = Event.Status.DRAFT
    services.event_save(event=broadcast, actor=None)
    changed = client.get("/calendar.ics", HTTP_IF_NONE_MATCH=first["ETag"])
    assert changed.status_code == 200 and "marathon" not in changed.content.decode()
    assert client.post("/calendar.ics").status_code == 405
