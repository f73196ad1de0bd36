"""Building events for tests through the services, as organisers would."""

from __future__ import annotations

import datetime
import zoneinfo
from typing import Any

from django.utils.text import slugify

from solidarity.events import services
from solidarity.events.models import Event, EventTranslation
from solidarity.places.geocode import resolve


def at(text: str, zone: str) -> datetime.datetime:
    """A wall-clock time ("2026-12-08 22:00") in ``zone``, as an aware datetime."""
    return datetime.datetime.fromisoformat(text).replace(tzinfo=zoneinfo.ZoneInfo(zone))


def event(
    title: str,
    start: str,
    end: str | None = None,
    *,
    zone: str = "Europe/Moscow",
    city: str | None = "Moscow",
    country: str = "",
    status: str = Event.Status.PUBLISHED,
    all_day: bool = False,
    organisers: list[Any] = (),
    people: list[Any] = (),
    cases: list[Any] = (),
    translations: dict[str, dict[str, str]] | None = None,
    **fields: Any,
) -> Event:
    """An event from wall-clock times in ``zone`` (for an all-day one, dates; ``end`` is its last day)."""
    if all_day:
        first = datetime.date.fromisoformat(start)
        last = datetime.date.fromisoformat(end or start)
        starts_at = at(f"{first} 00:00", zone)
        ends_at = at(f"{last + datetime.timedelta(days=1)} 00:00", zone)
    else:
        starts_at, ends_at = at(start, zone), (at(end, zone) if end else None)
    created = Event(
        slug=fields.pop("slug", slugify(title)[:100]),
        title=title,
        starts_at=starts_at,
        ends_at=ends_at,
        timezone=zone,
        all_day=all_day,
        status=status,
        **fields,
    )
    services.set_place(created, resolve(city) if city else None, country=country)
    services.event_save(event=created, actor=None)
    if organisers or people or cases:
        services.event_set_links(event=created, organisers=organisers, people=people, cases=cases, actor=None)
    for language, text in (translations or {}).items():
        services.translation_save(translation=EventTranslation(event=created, language=language, **text), actor=None)
    created.refresh_from_db()
    return created
