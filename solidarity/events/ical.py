"""Events as an iCalendar file (RFC 5545) that calendar apps subscribe to.

What makes a subscription behave:

- ``UID`` is ``event-<id>@<host>`` and never changes, so an edited event replaces the copy in the reader's
  calendar instead of appearing twice; ``SEQUENCE`` (bumped on every public edit) and ``LAST-MODIFIED`` tell
  the app that it did change.
- Times carry their ``TZID`` with a ``VTIMEZONE`` for each zone used, so "18:00 in Moscow" stays that in any
  reader's calendar and across offset changes; an all-day event is a ``DATE`` (a day wherever one is).
- A yearly event is one ``VEVENT`` with ``RRULE:FREQ=YEARLY`` (and ``UNTIL`` if it stops), not a row per year.
- ``TRANSP:TRANSPARENT``: subscribing to a movement's calendar should not mark the reader busy.

Only what the public pages show goes in: published events, public people, public campaigns.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable
from urllib.parse import urlsplit

import icalendar
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from solidarity.events.models import Event
from solidarity.events.selectors import LocalizedEvent, localized
from solidarity.places.countries import local_country_name

PRODID = "-//Solidarity//Calendar//EN"
REFRESH = datetime.timedelta(hours=1)


def uid(event: Event, host: str) -> str:
    return f"event-{event.pk}@{host}"


def host_of(base_url: str) -> str:
    """The host name a UID carries: the public address's, without a port."""
    return urlsplit(base_url).hostname or "localhost"


def location(event: Event, language: str) -> str:
    """Address, city and country in the reader's language; the online link for an online-only event."""
    country = local_country_name(event.country, language) if event.country else ""
    place = ", ".join(part for part in (event.address, event.city, country) if part)
    return place or event.online_url


def description(text: LocalizedEvent, event: Event, language: str) -> str:
    """The text of the event, then what else the page says: the online link, organisers and public people."""
    parts = [text.description.strip()]
    if event.online_url and event.has_place:
        parts.append(_("Online: %(url)s") % {"url": event.online_url})
    organisers = [organisation.name for organisation in event.organisers.all()]
    if organisers:
        parts.append(_("Organised by: %(names)s") % {"names": ", ".join(organisers)})
    people = [person.name for person in getattr(event, "public_people", [])]
    if people:
        parts.append(_("For: %(names)s") % {"names": ", ".join(people)})
    return "\n\n".join(part for part in parts if part)


def _times(event: Event) -> tuple[datetime.date | datetime.datetime, datetime.date | datetime.datetime | None]:
    zone = event.zone
    start = event.starts_at.astimezone(zone)
    end = event.ends_at.astimezone(zone) if event.ends_at else None
    if event.all_day:
        last = end.date() if end else start.date() + datetime.timedelta(days=1)
        return start.date(), last  # DTEND of a DATE is the day after the last one
    return start, end


def _rrule(event: Event) -> dict[str, object]:
    rule: dict[str, object] = {"freq": "yearly"}
    if event.recurrence_until:
        # UNTIL has the type of DTSTART: a date, or for a zoned time an instant in UTC
        last_day = datetime.date(event.recurrence_until, 12, 31)
        if event.all_day:
            rule["until"] = last_day
        else:
            end_of_year = datetime.datetime.combine(last_day, datetime.time(23, 59, 59), tzinfo=event.zone)
            rule["until"] = end_of_year.astimezone(datetime.UTC)
    return rule


def vevent(event: Event, *, language: str, host: str, page_url: str) -> icalendar.Event:
    text = localized(event, language)
    item = icalendar.Event()
    item.add("uid", uid(event, host))
    item.add("dtstamp", event.updated_at.astimezone(datetime.UTC))
    item.add("last-modified", event.updated_at.astimezone(datetime.UTC))
    item.add("created", event.created_at.astimezone(datetime.UTC))
    item.add("sequence", event.sequence)
    item.add("summary", text.title)
    start, end = _times(event)
    item.add("dtstart", start)
    if end is not None:
        item.add("dtend", end)
    if event.is_yearly:
        item.add("rrule", _rrule(event))
    item.add("url", page_url)
    place = location(event, language)
    if place:
        item.add("location", place)
    if event.latitude is not None and event.longitude is not None:
        item.add("geo", (event.latitude, event.longitude))  # the city centre, as on the page
    item.add("categories", [str(event.get_kind_display())])
    notes = description(text, event, language)
    if notes:
        item.add("description", notes)
    item.add("status", "CONFIRMED")
    item.add("transp", "TRANSPARENT")
    return item


def calendar_bytes(
    events: Iterable[Event], *, name: str, language: str, base_url: str, page_path: Callable[[Event], str]
) -> bytes:
    """The iCalendar file of ``events`` (already filtered to published ones), text in ``language``.

    ``page_path(event)`` gives the path of the event's page, joined to ``base_url`` for each ``URL``.
    """
    host = host_of(base_url)
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("name", name)
    calendar.add("x-wr-calname", name)
    calendar.add("refresh-interval", REFRESH, parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", "PT1H")
    earliest = timezone.now().date()
    with override(language):
        for event in events:
            calendar.add_component(vevent(event, language=language, host=host, page_url=base_url + page_path(event)))
            earliest = min(earliest, event.starts_at.date())
    # zone rules from before the first event to well after the last yearly occurrence readers will look at
    today = timezone.now().date()
    calendar.add_missing_timezones(
        first_date=earliest.replace(month=1, day=1) - datetime.timedelta(days=366),
        last_date=today.replace(month=1, day=1) + datetime.timedelta(days=366 * 20),
    )
    return calendar.to_ical()
