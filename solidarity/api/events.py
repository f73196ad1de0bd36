"""The calendar in the API: published events, in the language asked for (public reads, cached for a minute).

What an event page shows and nothing else: drafts are 404s and absent from the list, only public people are
named, and a campaign only once it is public. Times are instants (ISO 8601 with offset) plus the IANA zone the
event happens in; ``next`` is the occurrence on now or next (a yearly event's next date), ``null`` once over.
"""

from __future__ import annotations

import datetime
from typing import Any, Literal

from django.http import Http404, HttpRequest
from django.utils import timezone, translation
from ninja import Field, Query, Router, Schema
from ninja.decorators import decorate_view

from solidarity.api.limits import ReadThrottle, public_read
from solidarity.api.registry_schemas import COUNTRY, SLUG, Ref
from solidarity.api.schemas import ErrorOut
from solidarity.api.selectors import absolute, site_language
from solidarity.events import occurrences, selectors
from solidarity.events.links import event_path
from solidarity.events.models import Event, Kind
from solidarity.events.selectors import CalendarFilter

router = Router(tags=["events"], throttle=ReadThrottle())
KindCode = Literal[tuple(Kind.values)]  # type: ignore[valid-type]
READ_ERRORS: dict[int, Any] = {code: ErrorOut for code in (404, 422, 429)}


class EventFilters(Schema):
    lang: str | None = Field(
        None,
        pattern=r"^[A-Za-z]{2,3}([-_][A-Za-z0-9]{2,8})?$",
        description="Language of the text (e.g. ru); untranslated fields fall back to the original.",
    )
    kind: KindCode | None = Field(None, description="rally, picket, march, strike, broadcast, …")
    country: str | None = Field(None, pattern=COUNTRY, description="ISO 3166 alpha-2 code of the place.")
    organisation: str | None = Field(None, pattern=SLUG, max_length=100, description="An organiser's slug.")
    campaign: str | None = Field(None, pattern=SLUG, max_length=100, description="A public campaign's slug.")


class Language(Schema):
    lang: str | None = Field(None, pattern=r"^[A-Za-z]{2,3}([-_][A-Za-z0-9]{2,8})?$")


class PlaceOut(Schema):
    city: str = Field(description="A gazetteer city, or empty for an action across a country.")
    country: str
    latitude: float | None = Field(description="The city centre, never a more exact point.")
    longitude: float | None
    address: str


class OccurrenceOut(Schema):
    starts_at: datetime.datetime
    ends_at: datetime.datetime | None


class CampaignRef(Schema):
    slug: str
    title: str


class CalendarEventOut(Schema):
    slug: str
    title: str
    description: str = Field(description="Markdown.")
    language: str = Field(description="The language the title and description are in.")
    is_fallback: bool = Field(description="True when the language asked for has no translation.")
    kind: str
    kind_label: str = Field(description="The kind in the request's language.")
    starts_at: datetime.datetime = Field(description="The first occurrence.")
    ends_at: datetime.datetime | None = Field(description="Exclusive; for an all-day event, midnight after it.")
    timezone: str = Field(description="The IANA zone it happens in, e.g. Europe/Moscow.")
    all_day: bool
    recurrence: str = Field(description="none or yearly.")
    recurrence_until: int | None = Field(description="The last year of a yearly event that stops.")
    next: OccurrenceOut | None = Field(description="The occurrence on now or next; null once it is over.")
    place: PlaceOut | None
    online_url: str
    organisers: list[Ref]
    campaign: CampaignRef | None
    people: list[Ref] = Field(description="Public people only.")
    cases: list[Ref]
    url: str
    ical_url: str


def event_data(request: HttpRequest, event: Event, language: str | None, now: datetime.datetime) -> dict[str, Any]:
    text = selectors.localized(event, language or event.language)
    interface = site_language(text.language)
    upcoming = occurrences.upcoming(event, now)
    campaign_title = selectors.public_campaign_title(event, text.language)
    with translation.override(interface):
        kind_label = str(event.get_kind_display())
    return {
        "slug": event.slug,
        "title": text.title,
        "description": text.description,
        "language": text.language,
        "is_fallback": text.is_fallback,
        "kind": event.kind,
        "kind_label": kind_label,
        "starts_at": event.starts_at,
        "ends_at": event.ends_at,
        "timezone": event.timezone,
        "all_day": event.all_day,
        "recurrence": event.recurrence,
        "recurrence_until": event.recurrence_until,
        "next": {"starts_at": upcoming.starts_at, "ends_at": upcoming.ends_at} if upcoming else None,
        "place": {
            "city": event.city,
            "country": event.country,
            "latitude": event.latitude,
            "longitude": event.longitude,
            "address": event.address,
        }
        if event.has_place
        else None,
        "online_url": event.online_url,
        "organisers": [{"slug": o.slug, "name": o.name} for o in event.organisers.all()],
        "campaign": {"slug": event.campaign.slug, "title": campaign_title} if campaign_title else None,
        "people": [{"slug": p.slug, "name": p.name} for p in event.public_people],
        "cases": [{"slug": c.slug, "name": c.name} for c in event.public_cases],
        "url": absolute(request, event_path(event, interface)),
        "ical_url": absolute(request, f"/events/{event.slug}.ics?lang={interface}"),
    }


def _with_links(events: Any) -> Any:
    return selectors.with_file_details(events).select_related("campaign").prefetch_related("campaign__translations")


@router.get("", response={200: list[CalendarEventOut], 422: ErrorOut, 429: ErrorOut}, summary="Published events")
@decorate_view(public_read)
def event_list(request: HttpRequest, filters: Query[EventFilters]) -> list[dict[str, Any]]:
    """Every published event matching the filters, by first occurrence."""
    chosen = CalendarFilter(
        kind=filters.kind or "",
        country=filters.country or "",
        organisation=filters.organisation or "",
        campaign=filters.campaign or "",
    )
    events = _with_links(selectors.published_events(chosen)).prefetch_related("cases")
    lang = filters.lang.lower() if filters.lang else None
    now = timezone.now()
    return [event_data(request, event, lang, now) for event in _cases(events)]


@router.get("/{slug}", response={200: CalendarEventOut, **READ_ERRORS}, summary="One event")
@decorate_view(public_read)
def event_detail(request: HttpRequest, slug: str, language: Query[Language]) -> dict[str, Any]:
    event = selectors.public_event(slug)
    if event is None:
        raise Http404
    lang = language.lang.lower() if language.lang else None
    return event_data(request, event, lang, timezone.now())


def _cases(events: Any) -> list[Event]:
    """The events with ``public_cases`` as the event page has them (every case is public)."""
    found = list(events)
    for event in found:
        event.public_cases = sorted(event.cases.all(), key=lambda case: case.name)
    return found
