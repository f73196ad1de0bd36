"""Every registry write leaves an audit entry saying who changed what, from which source; the admin's history
page of a person shows them, including the changes to the timeline and links."""

from __future__ import annotations

import datetime

import pytest

from conftest import verified_client
from solidarity.lib.models import AuditEntry
from solidarity.registry import services
from solidarity.registry.models import Affiliation, Charge, Defendant, StatusEvent
from solidarity.registry.tests import factories

pytestmark = pytest.mark.django_db


def actions():
    return [entry.action for entry in AuditEntry.objects.order_by("id")]


def test_every_write_is_audited_with_actor_and_source(organiser):
    article = factories.source("Court report", url="https://example.org/court")
    AuditEntry.objects.all().delete()
    person = factories.person("Daria Polyudova", actor=organiser)
    person.bio = "Left activist from Krasnodar."
    services.person_save(person=person, actor=organiser, source=article)
    case = factories.case("Polyudova case")
    organisation = factories.organisation("Left Resistance")
    event = services.status_event_save(
        event=StatusEvent(
            person=person,
            kind="sentenced",
            on=datetime.date(2022, 12, 1),
            precision="month",
            source=article,
            quote="nine years",
            detail="9 years",
        ),
        actor=organiser,
    )
    services.charge_save(charge=Charge(person=person, wording="calls to extremism", source=article), actor=organiser)
    link = services.defendant_save(defendant=Defendant(person=person, case=case), actor=organiser)
    services.affiliation_save(affiliation=Affiliation(person=person, organisation=organisation), actor=organiser)
    services.link_delete(link=link, actor=organiser)
    services.status_event_delete(event=event, actor=organiser)

    assert actions() == [
        "registry.person.created",
        "registry.person.changed",
        "registry.case.created",
        "registry.organisation.created",
        "registry.status_event.created",
        "registry.charge.created",
        "registry.defendant.created",
        "registry.affiliation.created",
        "registry.defendant.deleted",
        "registry.status_event.deleted",
    ]
    changed = AuditEntry.objects.get(action="registry.person.changed")
    assert changed.actor == organiser
    assert changed.data["before"] == {"bio": ""}
    assert changed.data["after"] == {"bio": "Left activist from Krasnodar."}
    assert changed.data["source"]["id"] == article.pk
    created = AuditEntry.objects.get(action="registry.status_event.created")
    assert created.data["person"] == person.pk
    assert created.data["after"]["quote"] == "nine years"
    deleted = AuditEntry.objects.get(action="registry.status_event.deleted")
    assert deleted.data["before"]["kind"] == "sentenced"


def test_saving_without_changes_writes_no_entry(organiser):
    person = factories.person("Kirill Brik")
    count = AuditEntry.objects.count()
    services.person_save(person=person, actor=organiser)
    assert AuditEntry.objects.count() == count


def test_history_page_shows_timeline_changes_and_sources(organiser):
    article = factories.source("Court report")
    person = factories.person("Yuri Neznamov", status="custody", evidence=article, actor=organiser)
    response = verified_client(organiser).get(f"/admin/registry/person/{person.pk}/history/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "registry.status_event.created" in page
    assert "registry.person.created" in page
    assert "Court report" in page
    assert "alice" in page


def test_history_page_is_refused_to_outsiders(organiser, outsider):
    person = factories.person("Roman Paklin")
    response = verified_client_or_plain(outsider).get(f"/admin/registry/person/{person.pk}/history/")
    assert response.status_code == 302 and "/login/" in response["Location"]


def verified_client_or_plain(user):
    from django.test import Client

    client = Client()
    client.force_login(user)
    return client
