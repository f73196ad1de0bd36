"""When an event happens: its occurrences (one, or one every year), as instants and as the days where it happens.

A yearly event repeats at the same wall-clock time in its own zone, as an iCalendar ``RRULE:FREQ=YEARLY`` with a
``TZID`` does: 18:00 in Moscow stays 18:00 whatever the offset that year. So each occurrence is computed from
the naive local start and end with the year replaced, then placed in the zone again. An event on 29 February
occurs in leap years only, as the RRULE does.

The days of an occurrence are the dates *where it happens*: a broadcast from 22:00 to 02:00 Moscow time is on
two days of the calendar even though it is one evening in UTC (19:00 to 23:00). A span ends just before its end,
so an event ending at midnight is not on the next day.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property

from django.templatetags.tz import do_timezone

from solidarity.events.models import Event

UTC = datetime.UTC
ONE_DAY = datetime.timedelta(days=1)


def _aware(naive: datetime.datetime, event: Event) -> datetime.datetime:
    return naive.replace(tzinfo=event.zone)


def _wall(event: Event) -> tuple[datetime.datetime, datetime.datetime | None]:
    """The event's first start and end as naive wall-clock times in its zone."""
    zone = event.zone
    start = event.starts_at.astimezone(zone).replace(tzinfo=None)
    end = event.ends_at.astimezone(zone).replace(tzinfo=None) if event.ends_at else None
    return start, end


@dataclass(frozen=True)
class Occurrence:
    """One time an event happens. ``starts_at`` and ``ends_at`` are aware instants (``ends_at`` exclusive and
    ``None`` when no end was given)."""

    event: Event
    starts_at: datetime.datetime
    ends_at: datetime.datetime | None

    @property
    def all_day(self) -> bool:
        return self.event.all_day

    @property
    def year(self) -> int:
        return self.first_day.year

    @cached_property
    def over_at(self) -> datetime.datetime:
        """When it is over: its end, or for an event without one, midnight after the day it starts."""
        if self.ends_at:
            return self.ends_at
        next_day = datetime.datetime.combine(self.first_day + ONE_DAY, datetime.time())
        return _aware(next_day, self.event)

    @cached_property
    def first_day(self) -> datetime.date:
        return self.starts_at.astimezone(self.event.zone).date()

    @cached_property
    def last_day(self) -> datetime.date:
        """The last local date it is on (an end at midnight belongs to the day before)."""
        last = (self.over_at - datetime.timedelta(microseconds=1)).astimezone(self.event.zone).date()
        return max(last, self.first_day)

    @property
    def days(self) -> list[datetime.date]:
        count = (self.last_day - self.first_day).days + 1
        return [self.first_day + datetime.timedelta(days=n) for n in range(count)]

    @property
    def same_day(self) -> bool:
        return self.first_day == self.last_day

    # for templates: times already in the right zone, marked so Django does not convert them to UTC again

    @property
    def local_start(self) -> datetime.datetime:
        return do_timezone(self.starts_at, self.event.zone)

    @property
    def local_end(self) -> datetime.datetime | None:
        return do_timezone(self.ends_at, self.event.zone) if self.ends_at else None

    @property
    def utc_start(self) -> datetime.datetime:
        return do_timezone(self.starts_at, UTC)

    @property
    def utc_end(self) -> datetime.datetime | None:
        return do_timezone(self.ends_at, UTC) if self.ends_at else None

    @property
    def utc_same_day(self) -> bool:
        return self.ends_at is None or self.starts_at.astimezone(UTC).date() == self.ends_at.astimezone(UTC).date()

    @property
    def shows_utc(self) -> bool:
        """Whether to add the time in UTC: for a timed event in a zone that is not at UTC then."""
        offset = self.starts_at.astimezone(self.event.zone).utcoffset()
        return not self.all_day and offset != datetime.timedelta(0)

    def overlaps(self, since: datetime.datetime, until: datetime.datetime) -> bool:
        return self.starts_at < until and self.over_at > since


def single(event: Event) -> Occurrence:
    return Occurrence(event, event.starts_at, event.ends_at)


def in_year(event: Event, year: int) -> Occurrence | None:
    """The occurrence that starts in ``year`` (local), if the event happens that year."""
    first = event.starts_at.astimezone(event.zone).year
    if year < first or (not event.is_yearly and year != first):
        return None
    if event.is_yearly and event.recurrence_until and year > event.recurrence_until:
        return None
    if year == first:
        return single(event)
    start, end = _wall(event)
    try:
        moved = start.replace(year=year)
    except ValueError:  # 29 February in a common year
        return None
    return Occurrence(event, _aware(moved, event), _aware(moved + (end - start), event) if end else None)


def _years_from(event: Event, year: int) -> Iterator[int]:
    """The years from ``year`` on in which a yearly event may occur."""
    first = event.starts_at.astimezone(event.zone).year
    last = event.recurrence_until or year + 10_000  # far enough: callers stop at their window
    yield from range(max(year, first), last + 1)


def between(event: Event, since: datetime.datetime, until: datetime.datetime) -> list[Occurrence]:
    """The occurrences that overlap ``[since, until)``."""
    if not event.is_yearly:
        once = single(event)
        return [once] if once.overlaps(since, until) else []
    found = []
    # a yearly event lasts a month at most, so one that overlaps the window starts at most a year before it
    for year in _years_from(event, since.year - 1):
        if year > until.year:
            break
        occurrence = in_year(event, year)
        if occurrence and occurrence.overlaps(since, until):
            found.append(occurrence)
    return found


def upcoming(event: Event, now: datetime.datetime) -> Occurrence | None:
    """The occurrence going on at ``now`` or the next one; ``None`` once the event is over for good."""
    if not event.is_yearly:
        once = single(event)
        return once if once.over_at > now else None
    for year in _years_from(event, now.year - 1):
        if year > now.year + 8:  # 29 February: the next one is at most eight years away
            return None
        occurrence = in_year(event, year)
        if occurrence and occurrence.over_at > now:
            return occurrence
    return None


def latest_past(event: Event, now: datetime.datetime) -> Occurrence | None:
    """The last occurrence of an event that will not happen again, once it is over (else ``None``)."""
    if upcoming(event, now) is not None:
        return None
    if not event.is_yearly:
        return single(event)
    first = event.starts_at.astimezone(event.zone).year
    for year in range(min(event.recurrence_until or now.year, now.year), first - 1, -1):
        occurrence = in_year(event, year)
        if occurrence and occurrence.over_at <= now:
            return occurrence
    return None
