"""Fixtures of the registry tests: a public person with a full story (Nikita Oleinik) and a hidden canary beside
him in the same case, organisation, campaign and country."""

from __future__ import annotations

import datetime

import pytest

from solidarity.campaigns.models import Campaign
from solidarity.campaigns.services import campaign_set_subjects
from solidarity.registry import services
from solidarity.registry.models import Case, Certainty, Charge, StatusEvent
from solidarity.registry.tests import factories

D = datetime.date
CANARY = "Canary Zzyzx-Hidden"
CANARY_NATIVE = "Канарейка Зызых"
CANARY_CHARGE = "zzyzx-only accusation"


def event(person, kind, on=None, precision="day", **fields):
    return services.status_event_save(
        event=StatusEvent(person=person, kind=kind, on=on, precision=precision, **fields), actor=None
    )


def make_campaign(organisation, slug, *, status=Campaign.Status.PUBLISHED, title=""):
    return Campaign.objects.create(
        slug=slug,
        title=title or slug.replace("-", " ").title(),
        organiser=organisation,
        language="en",
        starts_on=D(2024, 1, 1),
        ends_on=D(2024, 1, 7),
        timezone="Europe/Berlin",
        status=status,
    )


@pytest.fixture
def oleinik(campaign):
    """Nikita Oleinik with a sourced timeline at every date precision, a case, a charge, an organisation, an
    address for letters, approved and unapproved messages, and the campaign naming him."""
    article = factories.source(
        "Anarchists detained in Tyumen",
        url="https://news.example/tyumen",
        publisher="Example News",
        published_on=D(2023, 8, 3),
    )
    person = factories.person(
        "Nikita Oleinik",
        native_name="Никита Олейник",
        aliases=["Nikita Oleynik"],
        country="RU",
        bio="An anarchist from Tyumen.",
        postal_address="SIZO-1, Tyumen",
        letter_guidance="Write in Russian; the censor rejects other languages.",
        status="searched",
        on=D(2022, 6, 25),
        case_name="Tyumen case",
        organisation_name="Left Resistance",
        charge="preparation of sabotage",
        evidence=article,
    )
    event(person, "detained", D(2022, 7, 1), "month", source=article, quote="He was detained in July.")
    event(person, "custody", D(2023, 1, 1), "year", source=article, detail="SIZO-1 Tyumen")
    event(person, "other", D(2021, 1, 1), "approximate", source=article, detail="joined the movement")
    event(
        person,
        "sentenced",
        D(2024, 11, 14),
        "day",
        source=article,
        detail="18 years",
        certainty=Certainty.ALLEGED,
        case=Case.objects.get(name="Tyumen case"),
    )
    charge = Charge.objects.get(person=person)
    charge.article = "Art. 205.3"
    services.charge_save(charge=charge, actor=None)
    for status in ("approved", "delivered", "received", "rejected"):
        letter = services.letter_submit(person=person, text="Hold on!", sender_name="Secret Sender")
        services.letter_review(letter=letter, status=status, actor=None)
    campaign_set_subjects(campaign=campaign, people=[person], cases=[Case.objects.get(name="Tyumen case")], actor=None)
    person.refresh_from_db()
    return person


@pytest.fixture
def canary(oleinik, campaign):
    """A hidden person in the same case, organisation, country and campaign, with a charge of their own."""
    person = factories.person(
        CANARY,
        native_name=CANARY_NATIVE,
        country="RU",
        status="custody",
        case_name="Tyumen case",
        organisation_name="Left Resistance",
        charge=CANARY_CHARGE,
        hidden=True,
    )
    services.charge_save(
        charge=Charge(case=Case.objects.get(name="Tyumen case"), person=person, wording=CANARY_CHARGE), actor=None
    )
    campaign.people.add(person)
    return person
