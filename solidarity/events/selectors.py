"""Reads of events for the calendar pages, the campaign page, iCalendar files and the feed.

Every read starts from ``Event.objects.published()``: a draft is in no public output. People are read through
``Person.objects.public()``, so a hidden person linked to an event is on no public page or file, and a campaign
is named only once it is public itself.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Prefetch, Q, QuerySet

from solidarity.campaigns.models import Campaign
from solidarity.campaigns.selectors import localized as localized_call
from solidarity.events import occurrences
from solidarity.events.models import Event, Kind, Recurrence
from solidarity.events.occurrences import Occurrence
from solidarity.lib.text import render_markdown
from solidarity.lib.translations import pick
from solidarity.registry.models import Case, Organisation, Person

# The longest a day can be away from UTC (UTC+14): windows in UTC are widened by it to catch local days.
ZONE_SLACK = datetime.timedelta(days=2)


@dataclass(frozen=True)
class CalendarFilter:
    """What a reader asks the calendar for; every field optional."""

    kind: str = ""
    country: str = ""  # ISO alpha-2
    organisation: str = ""  # slug
    campaign: str = ""  # slug


@dataclass(frozen=True)
class LocalizedEvent:
    """An event's text in one language: the translation where there is one, else the original."""

    event: Event
    language: str  # the language the text is in
    title: str
    description: str  # Markdown, for files and feeds
    is_fallback: bool  # True when the reader's language has no translation and the original is shown

    @property
    def description_html(self) -> str:
        return render_markdown(self.description)


@dataclass(frozen=True)
class Listed:
    """One line of a list or one entry of the month: an occurrence with the event's text."""

    occurrence: Occurrence
    text: LocalizedEvent

    @property
    def event(self) -> Event:
        return self.occurrence.event


def localized(event: Event, language: str) -> LocalizedEvent:
    """The event in ``language``, each empty translated field falling back to the original."""
    translation = pick(event.translations.all(), language, event.language)
    return LocalizedEvent(
        event=event,
        language=language if translation else event.language,
        title=(translation and translation.title) or event.title,
        description=(translation and translation.description) or event.description,
        is_fallback=translation is None and language != event.language,
    )


def published_events(filters: CalendarFilter | None = None) -> QuerySet[Event]:
    """Published events matching ``filters``, with their translations."""
    filters = filters or CalendarFilter()
    events = Event.objects.published()
    if filters.kind:
        events = events.filter(kind=filters.kind)
    if filters.country:
        events = events.filter(country=filters.country.upper())
    if filters.organisation:
        events = events.filter(organisers__slug=filters.organisation)
    if filters.campaign:
        events = events.filter(campaign__slug=filters.campaign).exclude(campaign__status=Campaign.Status.DRAFT)
    return events.prefetch_related("translations").order_by("starts_at", "id")


def _listed(found: list[Occurrence | None], language: str) -> list[Listed]:
    return [Listed(occurrence, localized(occurrence.event, language)) for occurrence in found if occurrence]


def upcoming(filters: CalendarFilter, now: datetime.datetime, language: str) -> list[Listed]:
    """What is on now or later, soonest first; a yearly event by its next occurrence."""
    candidates = published_events(filters).filter(
        Q(recurrence=Recurrence.YEARLY)
        | Q(ends_at__gt=now)
        | Q(ends_at__isnull=True, starts_at__gt=now - ZONE_SLACK)  # over at midnight after it starts
    )
    found = [occurrences.upcoming(event, now) for event in candidates]
    return sorted(_listed(found, language), key=lambda item: (item.occurrence.starts_at, item.event.pk))


def past(filters: CalendarFilter, now: datetime.datetime, language: str) -> list[Listed]:
    """Events that will not happen again, the most recent first (each by its last occurrence)."""
    candidates = published_events(filters).filter(
        Q(recurrence=Recurrence.NONE, starts_at__lt=now)
        | Q(recurrence=Recurrence.YEARLY, recurrence_until__lte=now.year)
    )
    found = [occurrences.latest_past(event, now) for event in candidates]
    return sorted(_listed(found, language), key=lambda item: (item.occurrence.starts_at, item.event.pk), reverse=True)


def between(filters: CalendarFilter, since: datetime.datetime, until: datetime.datetime, language: str) -> list[Listed]:
    """Every occurrence overlapping ``[since, until)``, yearly events in each year they fall in."""
    candidates = (
        published_events(filters)
        .filter(starts_at__lt=until)
        .filter(
            Q(recurrence=Recurrence.YEARLY)
            | Q(ends_at__gt=since)
            | Q(ends_at__isnull=True, starts_at__gt=since - ZONE_SLACK)
        )
    )
    found = [occurrence for event in candidates for occurrence in occurrences.between(event, since, until)]
    return sorted(_listed(found, language), key=lambda item: (item.occurrence.starts_at, item.event.pk))


def campaign_events(campaign: Campaign, language: str) -> list[Listed]:
    """A campaign's published events, each as it falls in the campaign's year (a yearly commemoration linked to
    the 2023 call shows its 2023 date). Nothing here depends on today, so the page can be snapshotted."""
    events = published_events().filter(campaign=campaign)
    year = campaign.starts_on.year
    found = [occurrences.in_year(event, year) or occurrences.single(event) for event in events]
    return sorted(_listed(found, language), key=lambda item: (item.occurrence.starts_at, item.event.pk))


def public_event(slug: str) -> Event | None:
    """A published event with everything its page shows: organisers, the public people, cases, campaign."""
    return (
        Event.objects.published()
        .filter(slug=slug)
        .select_related("campaign", "campaign__organiser", "source")
        .prefetch_related(
            "translations",
            "campaign__translations",
            Prefetch("organisers", queryset=Organisation.objects.order_by("name")),
            Prefetch("people", queryset=Person.objects.public().order_by("name", "id"), to_attr="public_people"),
            Prefetch("cases", queryset=Case.objects.order_by("name"), to_attr="public_cases"),
        )
        .first()
    )


def public_campaign_title(event: Event, language: str) -> str:
    """The title of the event's campaign in ``language``, or "" when there is none or it is still a draft."""
    campaign = event.campaign
    if campaign is None or not campaign.is_public:
        return ""
    return localized_call(campaign, language).title


@dataclass(frozen=True)
class FilterOptions:
    """The countries and organisations that lead to at least one published event."""

    countries: list[str]
    organisations: list[tuple[str, str]]  # (slug, name)


def filter_options() -> FilterOptions:
    events = Event.objects.published()
    countries = events.exclude(country="").order_by("country").values_list("country", flat=True).distinct()
    organisations = (
        Organisation.objects.filter(events__in=events).order_by("name").values_list("slug", "name").distinct()
    )
    return FilterOptions(countries=list(countries), organisations=list(organisations))


def kind_choices() -> list[tuple[str, str]]:
    return list(Kind.choices)


def with_file_details(events: QuerySet[Event]) -> QuerySet[Event]:
    """Events with what an iCalendar entry or a feed entry says besides their own fields: the organisers and the
    public people (``public_people``), each read once for all the events."""
    return events.prefetch_related(
        Prefetch("organisers", queryset=Organisation.objects.order_by("name")),
        Prefetch("people", queryset=Person.objects.public().order_by("name", "id"), to_attr="public_people"),
    )
