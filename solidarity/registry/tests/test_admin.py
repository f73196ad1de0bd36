"""Keeping the registry in the admin: edits and inline rows go through the services, merges ask first, and
only verified organisers may change anything."""

from __future__ import annotations

import io

import pytest
from django.test import Client
from PIL import Image

from conftest import jpeg_bytes, verified_client
from solidarity.lib.models import AuditEntry
from solidarity.registry.models import Person, StatusEvent
from solidarity.registry.tests import factories

pytestmark = pytest.mark.django_db

INLINES = ["status_events", "defendant_links", "charges", "affiliations", "translations"]


def management(**totals):
    data = {}
    for prefix in INLINES:
        total = totals.get(prefix, 0)
        data.update(
            {
                f"{prefix}-TOTAL_FORMS": str(total),
                f"{prefix}-INITIAL_FORMS": "0",
                f"{prefix}-MIN_NUM_FORMS": "0",
                f"{prefix}-MAX_NUM_FORMS": "1000",
            }
        )
    return data


def person_form(**fields):
    data = {
        "name": "Nikita Oleinik",
        "native_name": "Никита Олейник",
        "aliases": "Oleynik\nОлейник",
        "slug": "nikita-oleinik",
        "country": "RU",
        "is_public": "on",
        "bio": "",
        "bio_language": "en",
        "postal_address": "",
        "letter_guidance": "",
        "accepts_messages": "on",
        **management(),
    }
    data.update(fields)
    return data


def test_organiser_adds_a_person_with_a_sourced_timeline_event(organiser):
    article = factories.source("Court report")
    client = verified_client(organiser)
    data = person_form(
        **management(status_events=1),
        **{
            "status_events-0-kind": "custody",
            "status_events-0-on": "2022-08-01",
            "status_events-0-precision": "month",
            "status_events-0-detail": "Tyumen pre-trial prison",
            "status_events-0-source": str(article.pk),
            "status_events-0-quote": "held in custody since August",
            "status_events-0-certainty": "established",
        },
    )
    response = client.post("/admin/registry/person/add/", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    person = Person.objects.get(slug="nikita-oleinik")
    assert person.aliases == ["Oleynik", "Олейник"]
    assert (person.current_status, str(person.current_status_on)) == ("custody", "2022-08-01")
    event = StatusEvent.objects.get(person=person)
    assert event.added_by == organiser and event.source == article
    assert set(AuditEntry.objects.filter(actor=organiser).values_list("action", flat=True)) == {
        "registry.person.created",
        "registry.status_event.created",
    }


def test_a_date_not_matching_its_precision_is_refused_and_nothing_saved(organiser):
    client = verified_client(organiser)
    data = person_form(
        **management(status_events=1),
        **{
            "status_events-0-kind": "custody",
            "status_events-0-on": "2022-08-17",
            "status_events-0-precision": "month",
            "status_events-0-certainty": "established",
        },
    )
    response = client.post("/admin/registry/person/add/", data)
    assert response.status_code == 200
    assert "first day of the month" in response.content.decode()
    assert not Person.objects.exists()


def test_admin_search_finds_any_spelling(organiser):
    factories.person("Nikita Oleinik")
    response = verified_client(organiser).get("/admin/registry/person/", {"q": "Олейник"})
    assert "Nikita Oleinik" in response.content.decode()


def test_photo_is_stored_without_metadata(organiser):
    person = factories.person("Alexandra Skochilenko")
    exif = Image.Exif()
    exif[0x010F] = "CanaryCamera"  # Make
    upload = io.BytesIO(jpeg_bytes(exif=exif.tobytes()))
    upload.name = "portrait.jpg"
    data = person_form(name=person.name, slug=person.slug, aliases="", native_name="", photo_consent="on")
    data["photo_upload"] = upload
    response = verified_client(organiser).post(f"/admin/registry/person/{person.pk}/change/", data)
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.public_photo
    with person.photo.open("rb") as handle:
        stored = handle.read()
    assert b"CanaryCamera" not in stored
    assert not Image.open(io.BytesIO(stored)).getexif()


def test_merge_asks_which_record_stays_then_merges(organiser):
    keep = factories.person("Nikita Oleinik", status="custody")
    other = factories.person("Nikita Oleynik", status="sentenced")
    client = verified_client(organiser)
    selection = {"action": "merge", "_selected_action": [keep.pk, other.pk]}
    confirm = client.post("/admin/registry/person/", selection)
    assert confirm.status_code == 200 and "Which record stays?" in confirm.content.decode()
    assert Person.objects.count() == 2
    done = client.post("/admin/registry/person/", {**selection, "confirm": "1", "keep": keep.pk}, follow=True)
    assert done.status_code == 200
    assert list(Person.objects.all()) == [keep]
    keep.refresh_from_db()
    assert "Nikita Oleynik" in keep.aliases and keep.current_status == "sentenced"
    assert AuditEntry.objects.filter(action="registry.person.merged", actor=organiser).exists()


def test_merge_needs_exactly_two(organiser):
    people = [factories.person(name) for name in ("A Person", "B Person", "C Person")]
    response = verified_client(organiser).post(
        "/admin/registry/person/", {"action": "merge", "_selected_action": [p.pk for p in people]}, follow=True
    )
    assert "Select exactly two records to merge." in response.content.decode()
    assert Person.objects.count() == 3


def test_moderator_reads_but_cannot_edit_merge_or_delete(moderator):
    person = factories.person("Igor Kuznetsov")
    client = verified_client(moderator)
    assert client.get(f"/admin/registry/person/{person.pk}/change/").status_code == 200
    response = client.post(f"/admin/registry/person/{person.pk}/change/", person_form(name="Changed"))
    assert response.status_code == 403
    listing = client.get("/admin/registry/person/").content.decode()
    assert 'value="merge"' not in listing
    assert client.post(f"/admin/registry/person/{person.pk}/delete/", {"post": "yes"}).status_code == 403
    assert Person.objects.get(pk=person.pk).name == "Igor Kuznetsov"


def test_organisers_cannot_delete_people(organiser):
    person = factories.person("Kirill Brik")
    response = verified_client(organiser).post(f"/admin/registry/person/{person.pk}/delete/", {"post": "yes"})
    assert response.status_code == 403
    assert Person.objects.filter(pk=person.pk).exists()


def test_password_alone_and_outsiders_are_refused(organiser, outsider):
    person = factories.person("Roman Paklin")
    for user in (organiser, outsider):
        client = Client()
        client.force_login(user)
        response = client.get(f"/admin/registry/person/{person.pk}/change/")
        assert response.status_code == 302 and "/login/" in response["Location"]
