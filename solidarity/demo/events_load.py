"""Loading the demo calendar (``events_content.py``) through the events services.

Like the rest of the demo it creates what is missing and touches nothing that exists: an event already there (by
its slug) is left as an organiser may have edited it. Organisers, people, cases, sources and campaigns that are
not in the database (an organiser merged or removed them) are left out of the event rather than recreated.
"""

from __future__ import annotations

import datetime
import zoneinfo
from typing import Any

from django.db import transaction

from solidarity.campaigns.models import Campaign
from solidarity.demo import registry_content
from solidarity.demo.events_content import EVENTS
from solidarity.events import services
from solidarity.events.models import Event, EventTranslation, Recurrence
from solidarity.places.geocode import resolve
from solidarity.registry.models import Case, Organisation, Person, Source


@transaction.atomic
def load_events() -> int:
    """Create the demo events that are missing; return how many were created."""
    created = 0
    for data in EVENTS:
        if Event.objects.filter(slug=data["slug"]).exists():
            continue
        _create(data)
        created += 1
    return created


def _source(key: str) -> Source | None:
    data = registry_content.SOURCES.get(key)
    if data is None:
        return None
    return Source.objects.filter(title=data["title"], publisher=data["publisher"]).first()


def _create(data: dict[str, Any]) -> Event:
    zone = zoneinfo.ZoneInfo(data["timezone"])
    first = datetime.date.fromisoformat(data["day"])
    last = datetime.date.fromisoformat(data.get("last_day", data["day"]))
    event = Event(
        slug=data["slug"],
        title=data["title"],
        kind=data["kind"],
        description=data["description"],
        language="en",
        timezone=data["timezone"],
        all_day=True,
        starts_at=datetime.datetime.combine(first, datetime.time(), tzinfo=zone),
        ends_at=datetime.datetime.combine(last + datetime.timedelta(days=1), datetime.time(), tzinfo=zone),
        address=data.get("address", ""),
        recurrence=Recurrence.YEARLY if data.get("yearly") else Recurrence.NONE,
        campaign=Campaign.objects.filter(slug=data.get("campaign", "")).first(),
        source=_source(data["source"]),
        status=Event.Status.PUBLISHED,
    )
    if data.get("city"):
        city = resolve(data["city"])
        if city is None:
            raise ValueError(f"demo city not in the gazetteer: {data['city']}")
        services.set_place(event, city)
    else:
        services.set_place(event, None, country=data.get("country", ""))
    event = services.event_save(event=event, actor=None)
    services.event_set_links(
        event=event,
        organisers=Organisation.objects.filter(slug__in=data.get("organisers", [])),
        people=Person.objects.filter(slug__in=data.get("people", [])),
        cases=Case.objects.filter(slug__in=data.get("cases", [])),
        actor=None,
    )
    for language, text in data.get("translations", {}).items():
        services.translation_save(translation=EventTranslation(event=event, language=language, **text), actor=None)
    return event
