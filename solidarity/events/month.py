"""The month view: a grid of weeks starting on the reader's first day of the week, each day with its events.

An event is on every local day it spans where it happens (a broadcast from 22:00 to 02:00 Moscow time is on two
days), whatever the reader's own zone: the calendar says where and when things happen, not when to watch.
"""

from __future__ import annotations

import calendar
import datetime
from dataclasses import dataclass, field

from django.utils.dates import WEEKDAYS, WEEKDAYS_ABBR
from django.utils.formats import get_format

from solidarity.events.selectors import Listed

# Months the grid can show; beyond them a URL is most likely a typo or a crawler walking "next" forever.
FIRST_YEAR, LAST_YEAR = 1900, 2200


@dataclass
class Day:
    date: datetime.date
    in_month: bool
    items: list[Listed] = field(default_factory=list)


@dataclass(frozen=True)
class Month:
    year: int
    month: int
    weeks: list[list[Day]]
    weekdays: list[tuple[str, str]]  # (full name, abbreviation), in the grid's order

    @property
    def first(self) -> datetime.date:
        return datetime.date(self.year, self.month, 1)

    @property
    def previous(self) -> tuple[int, int] | None:
        year, month = (self.year, self.month - 1) if self.month > 1 else (self.year - 1, 12)
        return (year, month) if year >= FIRST_YEAR else None

    @property
    def next(self) -> tuple[int, int] | None:
        year, month = (self.year, self.month + 1) if self.month < 12 else (self.year + 1, 1)
        return (year, month) if year <= LAST_YEAR else None

    @property
    def items(self) -> list[Listed]:
        """Every occurrence shown this month, once each, in order: the list under the grid."""
        seen: dict[tuple[int, datetime.datetime], Listed] = {}
        for week in self.weeks:
            for day in week:
                if day.in_month:
                    for item in day.items:
                        seen.setdefault((item.event.pk, item.occurrence.starts_at), item)
        return list(seen.values())


def window(year: int, month: int) -> tuple[datetime.datetime, datetime.datetime]:
    """The month in UTC, widened by a day each side so events on its first and last local days are read."""
    first = datetime.datetime(year, month, 1, tzinfo=datetime.UTC)
    after = datetime.datetime(year + (month == 12), month % 12 + 1, 1, tzinfo=datetime.UTC)
    return first - datetime.timedelta(days=1), after + datetime.timedelta(days=1)


def build(year: int, month: int, items: list[Listed]) -> Month:
    """The grid of ``year``/``month`` with ``items`` placed on each local day they span."""
    django_first = int(get_format("FIRST_DAY_OF_WEEK"))  # 0 is Sunday in Django, Monday in Python
    first_weekday = (django_first - 1) % 7
    dates = calendar.Calendar(first_weekday).monthdatescalendar(year, month)
    days = {day: Day(day, day.month == month) for week in dates for day in week}
    for item in items:
        for day in item.occurrence.days:
            if day in days:
                days[day].items.append(item)
    weekdays = [(str(WEEKDAYS[(first_weekday + n) % 7]), str(WEEKDAYS_ABBR[(first_weekday + n) % 7])) for n in range(7)]
    return Month(year, month, [[days[day] for day in week] for week in dates], weekdays)
