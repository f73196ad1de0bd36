"""The registry's rules: the current status comes from the timeline, dates keep their precision, sourced facts
carry their source, and merging keeps everything."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError

from solidarity.campaigns.services import campaign_set_subjects
from solidarity.registry import selectors, services
from solidarity.registry.models import (
    Affiliation,
    Charge,
    Defendant,
    Letter,
    Organisation,
    Person,
    StatusEvent,
)
from solidarity.registry.tests import factories

pytestmark = pytest.mark.django_db

D = datetime.date


def event(person, kind, on=None, precision="day", **fields):
    return services.status_event_save(
        event=StatusEvent(person=person, kind=kind, on=on, precision=precision, **fields), actor=None
    )


def status(person):
    person.refresh_from_db()
    return person.current_status, person.current_status_on


def test_current_status_is_the_last_event_of_the_timeline():
    person = factories.person("Kirill Ukraintsev")
    assert status(person) == ("", None)
    event(person, "detained", D(2022, 4, 1), "month")
    event(person, "sentenced", D(2023, 9, 14))
    event(person, "custody", D(2022, 4, 22))  # entered late, happened earlier
    assert status(person) == ("sentenced", D(2023, 9, 14))


def test_deleting_or_changing_an_event_re_derives_the_status():
    person = factories.person("Anton Orlov")
    event(person, "custody", D(2022, 12, 1), "month")
    released = event(person, "released", D(2024, 1, 10))
    assert status(person)[0] == "released"
    services.status_event_delete(event=released, actor=None)
    assert status(person) == ("custody", D(2022, 12, 1))
    held = StatusEvent.objects.get(person=person)
    held.kind = "house_arrest"
    services.status_event_save(event=held, actor=None)
    assert status(person)[0] == "house_arrest"


def test_same_day_events_follow_the_stages_of_a_prosecution():
    person = factories.person("Roman Paklin")
    event(person, "custody", D(2022, 8, 23))
    event(person, "detained", D(2022, 8, 23))  # entered second, but detention comes first
    event(person, "searched", D(2022, 8, 23))
    assert status(person)[0] == "custody"


def test_undated_event_sorts_at_its_sources_date():
    article = factories.source("Interview", published_on=D(2023, 1, 20))
    person = factories.person("Mikhail Lobanov")
    event(person, "detained", D(2022, 12, 28))
    undated = event(person, "sentenced", None, "approximate", source=article, detail="15 days")
    assert undated.sort_on == D(2023, 1, 20)
    assert status(person) == ("sentenced", None)  # the date is unknown; the status is not
    event(person, "released", D(2023, 3, 1))
    assert status(person)[0] == "released"


def test_dates_must_match_their_precision():
    person = factories.person("Igor Kuznetsov")
    with pytest.raises(ValidationError) as month:
        event(person, "custody", D(2022, 1, 15), "month")
    assert "first day of the month" in str(month.value)
    with pytest.raises(ValidationError):
        event(person, "custody", D(2022, 3, 1), "year")
    event(person, "custody", D(2022, 1, 1), "year")
    assert StatusEvent.objects.filter(person=person).count() == 1  # nothing half-written


def test_a_quote_needs_its_source_and_a_charge_its_subject():
    person = factories.person("Daria Polyudova")
    with pytest.raises(ValidationError):
        event(person, "sentenced", D(2022, 12, 1), "month", quote="sentenced to nine years")
    with pytest.raises(ValidationError):
        services.charge_save(charge=Charge(wording="calls to extremism"), actor=None)
    assert not StatusEvent.objects.exists() and not Charge.objects.exists()


def test_sourced_facts_record_who_added_them(organiser):
    article = factories.source("Court report")
    person = factories.person("Yuri Neznamov")
    added = event(person, "charged", D(2022, 8, 1), "month", source=article, quote="…", certainty="alleged")
    assert added.added_by == organiser or added.added_by is None  # the system when no one is signed in
    by_alice = services.status_event_save(
        event=StatusEvent(person=person, kind="custody", on=D(2022, 9, 1), precision="month", source=article),
        actor=organiser,
    )
    assert by_alice.added_by == organiser


def test_source_is_captured_once_per_text():
    first = services.source_capture(title="A", text="Some article text.", actor=None)
    again = services.source_capture(title="A, fetched again", text="Some article text.", actor=None)
    assert first.pk == again.pk
    assert len(first.text_hash) == 64


def test_merge_keeps_aliases_timeline_links_and_old_address(organiser, campaign):
    keep = factories.person(
        "Nikita Oleinik", status="custody", on=D(2022, 8, 23), case_name="Tyumen case", organisation_name="Left Bloc"
    )
    other = factories.person(
        "Никита Олейник",
        slug="nikita-oleynik",
        native_name="Никита Олейник",
        status="sentenced",
        on=D(2024, 12, 1),
        case_name="Tyumen case",
        organisation_name="Tyumen Anarchists",
        charge="preparation of sabotage",
        aliases=["N. Oleynik"],
    )
    services.letter_submit(person=other, text="Hold on!", sender_name="Ana")
    campaign_set_subjects(campaign=campaign, people=[other], cases=[], actor=organiser)

    merged = services.person_merge(keep=keep, merge=other, actor=organiser)

    assert not Person.objects.filter(pk=other.pk).exists()
    assert set(merged.aliases) >= {"Никита Олейник", "N. Oleynik"}
    assert merged.native_name == "Никита Олейник"
    assert merged.current_status == "sentenced"
    assert StatusEvent.objects.filter(person=merged).count() == 2
    assert Defendant.objects.filter(person=merged).count() == 1  # both were in the Tyumen case: kept once
    assert Affiliation.objects.filter(person=merged).count() == 2
    assert Charge.objects.filter(person=merged).count() == 1
    assert Letter.objects.filter(person=merged).count() == 1
    assert list(campaign.people.all()) == [merged]
    assert selectors.public_person("nikita-oleynik") == merged
    assert list(selectors.public_people(selectors.PeopleFilter(q="N. Oleynik"))) == [merged]


def test_merging_with_a_hidden_record_keeps_the_result_hidden():
    keep = factories.person("Deniz Aydin")
    hidden = factories.person("Deniz Aidyn", hidden=True)
    assert not services.person_merge(keep=keep, merge=hidden, actor=None).is_public


def test_merge_with_itself_is_refused():
    person = factories.person("Kirill Brik")
    with pytest.raises(ValidationError):
        services.person_merge(keep=person, merge=person, actor=None)


def test_organisation_merge_moves_members_and_campaigns(campaign):
    kept = factories.organisation("Russian Socialist Movement")
    duplicate = factories.organisation("RSD Moscow", country="RU")
    factories.person("Kirill Medvedev", organisation_name="RSD Moscow")
    campaign.organiser = duplicate
    campaign.save()
    merged = services.organisation_merge(keep=kept, merge=duplicate, actor=None)
    assert "RSD Moscow" in merged.aliases and merged.country == "RU"
    assert Affiliation.objects.filter(organisation=merged).count() == 1
    campaign.refresh_from_db()
    assert campaign.organiser == merged
    assert not Organisation.objects.filter(pk=duplicate.pk).exists()
    assert selectors.public_organisation("rsd-moscow") == merged


def test_hidden_people_are_outside_every_public_selector():
    factories.person("Visible Person", status="custody", case_name="Case X", organisation_name="Org Y", charge="z")
    hidden = factories.person(
        "Canary Hidden", status="custody", case_name="Case X", organisation_name="Org Y", charge="z", hidden=True
    )
    assert hidden not in selectors.public_people()
    assert hidden not in selectors.public_people(selectors.PeopleFilter(q="Canary"))
    assert selectors.public_person(hidden.slug) is None
    case = selectors.public_cases().get(name="Case X")
    assert case.defendant_count == 1
    assert [p.name for p in selectors.case_defendants(case)] == ["Visible Person"]
    organisation = selectors.public_organisations().get(name="Org Y")
    assert organisation.people_count == 1
    assert [a.person.name for a in selectors.organisation_people(organisation)] == ["Visible Person"]
    with pytest.raises(ValidationError):
        services.letter_submit(person=hidden, text="hello")
