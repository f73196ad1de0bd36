"""Intake fixtures: a campaign that ran in March 2018 (the fixture mail's dates) and a place to write mail."""

from __future__ import annotations

import datetime

import pytest


@pytest.fixture
def spring_campaign(organisation):
    """A published call that ran 10–25 March 2018; still accepting late reports."""
    from solidarity.campaigns.models import Campaign

    return Campaign.objects.create(
        slug="spring-2018",
        title="Spring days of action",
        organiser=organisation,
        starts_on=datetime.date(2018, 3, 10),
        ends_on=datetime.date(2018, 3, 25),
        timezone="Europe/Berlin",
        action_types=["picket", "rally"],
        status=Campaign.Status.PUBLISHED,
    )
