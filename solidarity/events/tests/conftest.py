"""Fixtures of the calendar tests: the online broadcast across midnight and the yearly international day."""

from __future__ import annotations

import pytest

from solidarity.events.tests import builders


@pytest.fixture
def broadcast(db):
    """An online marathon from 22:00 to 02:00 Moscow time (19:00 to 23:00 UTC): two days where it happens."""
    return builders.event(
        "Anti-war broadcast marathon",
        "2026-12-08 22:00",
        "2026-12-09 02:00",
        kind="broadcast",
        city=None,
        online_url="https://stream.example.org/marathon",
        description="Speakers from **twelve** countries.",
    )


@pytest.fixture
def international_day(db):
    """9 December, every year since 2019, all day, kept everywhere."""
    return builders.event(
        "International Day of Struggle Against Imperialism",
        "2019-12-09",
        all_day=True,
        zone="UTC",
        city=None,
        kind="international_day",
        recurrence="yearly",
    )
