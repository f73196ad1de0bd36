"""When events happen: yearly ones at the same wall-clock time whatever the offset, on 29 February only in leap
years, until their last year; the days an occurrence is on are the days where it happens."""

from __future__ import annotations

import datetime
import zoneinfo

import pytest

from solidarity.events import occurrences
from solidarity.events.tests import builders

UTC = datetime.UTC
pytestmark = pytest.mark.django_db


def utc(text: str) -> datetime.datetime:
    return datetime.datetime.fromisoformat(text).replace(tzinfo=UTC)


def test_a_yearly_event_keeps_its_wall_clock_across_summer_time():
    # 18:00 in Berlin is 17:00 UTC in winter and 16:00 UTC in summer
    vigil = builders.event("Vigil", "2024-03-01 18:00", zone="Europe/Berlin", city="Berlin", recurrence="yearly")
    moved = occurrences.in_year(vigil, 2025)
    assert moved.starts_at.astimezone(UTC) == utc("2025-03-01 17:00")
    summer = builders.event("Summer vigil", "2024-07-01 18:00", zone="Europe/Berlin", city="Berlin")
    assert summer.starts_at.astimezone(UTC) == utc("2024-07-01 16:00")


def test_29_february_only_in_leap_years():
    leap = builders.event("Leap day", "2024-02-29", all_day=True, recurrence="yearly", kind="commemoration", city=None)
    years = [o.year for o in occurrences.between(leap, utc("2024-01-01 00:00"), utc("2033-01-01 00:00"))]
    assert years == [2024, 2028, 2032]
    assert occurrences.upcoming(leap, utc("2025-01-01 00:00")).year == 2028


def test_the_last_year_ends_the_series_and_then_it_is_past():
    vigil = builders.event("Vigil", "2020-01-19 18:00", "2020-01-19 19:00", recurrence="yearly", recurrence_until=2022)
    assert occurrences.in_year(vigil, 2022) is not None and occurrences.in_year(vigil, 2023) is None
    assert occurrences.upcoming(vigil, utc("2023-01-01 00:00")) is None
    assert occurrences.latest_past(vigil, utc("2023-01-01 00:00")).year == 2022
    assert occurrences.latest_past(vigil, utc("2021-06-01 00:00")) is None  # it comes again


def test_days_are_local_and_an_end_at_midnight_belongs_to_the_day_before():
    night = builders.event("Night", "2026-12-08 22:00", "2026-12-09 02:00")
    assert occurrences.single(night).days == [datetime.date(2026, 12, 8), datetime.date(2026, 12, 9)]
    evening = builders.event("Evening", "2026-12-08 20:00", "2026-12-09 00:00")
    assert occurrences.single(evening).days == [datetime.date(2026, 12, 8)]
    week = builders.event("Week", "2026-01-19", "2026-01-24", all_day=True)
    assert len(occurrences.single(week).days) == 6
    open_end = builders.event("Open end", "2026-12-08 23:30", zone="Asia/Tokyo", city="Tokyo")
    assert occurrences.single(open_end).days == [datetime.date(2026, 12, 8)]
    tokyo = zoneinfo.ZoneInfo("Asia/Tokyo")
    assert occurrences.single(open_end).over_at == datetime.datetime(2026, 12, 9, tzinfo=tokyo)
