"""The registry in the API: public reads (lists, filters, search across spellings, details with evidence),
hidden people absent from every answer, and writes with a registry key only, audited in the organiser's name."""

from __future__ import annotations

import datetime
import json

import pytest
from django.contrib.auth.models import Permission
from django.test import Client

from solidarity.api.services import api_key_create, api_key_revoke
from solidarity.api.tests.conftest import BASE, auth
from solidarity.lib.models import AuditEntry
from solidarity.registry import services
from solidarity.registry.models import Case, Letter, Organisation, Person, Source, StatusEvent
from solidarity.registry.tests import factories

CANARY = "Canaryhidden Zzyzx"


@pytest.fixture
def registry(db):
    """Two public people in one case and one organisation, and a hidden canary in both."""
    nikita = factories.person(
        "Nikita Oleinik",
        native_name="Никита Олейник",
        aliases=["Nikita Oleynik"],
        country="RU",
        status="custody",
        on=datetime.date(2018, 1, 19),
        case_name="Tyumen case",
        organisation_name="Left Resistance",
        charge="preparation of sabotage",
        postal_address="SIZO-1, Tyumen",
    )
    deniz = factories.person("Deniz Aydin", country="TR", status="released", organisation_name="Left Resistance")
    canary = factories.person(
        CANARY,
        hidden=True,
        country="RU",
        status="detained",
        case_name="Tyumen case",
        organisation_name="Left Resistance",
        charge="canary charge",
    )
    Letter.objects.create(person=nikita, text="Hold on", sender_name="Sender Canaryname", status="approved")
    return {"nikita": nikita, "deniz": deniz, "canary": canary}


@pytest.fixture
def registry_key(organiser):
    """A key Alice made that may edit the registry."""
    return api_key_create(name="Registry tool", actor=organiser, registry_write=True)


def get(path, **params):
    return Client().get(f"{BASE}{path}", params)


def send(method, path, body, raw_key=None, client=None):
    headers = auth(raw_key) if raw_key else {}
    call = getattr(client or Client(), method)
    return call(f"{BASE}{path}", json.dumps(body), content_type="application/json", **headers)


def slugs(response):
    assert response.status_code == 200, response.content
    return [item["slug"] for item in response.json()["items"]]


# --- reads ------------------------------------------------------------------------------------------------


def test_people_list_is_public_people_by_name_with_a_count(registry):
    response = get("/people")
    assert slugs(response) == ["deniz-aydin", "nikita-oleinik"]
    body = response.json()
    assert body["count"] == 2 and body["next"] is None
    nikita = body["items"][1]
    assert nikita["current_status"] == "custody" and nikita["current_status_on"] == "2018-01-19"
    assert nikita["cases"] == [{"slug": "tyumen-case", "name": "Tyumen case"}]
    assert nikita["organisations"] == [{"slug": "left-resistance", "name": "Left Resistance"}]
    assert nikita["url"].endswith("/people/nikita-oleinik/")
    assert response["Cache-Control"] == "public, max-age=60"


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"q": "Oleynik"}, ["nikita-oleinik"]),
        ({"q": "oleinik"}, ["nikita-oleinik"]),
        ({"q": "Олейник"}, ["nikita-oleinik"]),
        ({"q": "Олейника"}, ["nikita-oleinik"]),
        ({"status": "released"}, ["deniz-aydin"]),
        ({"case": "tyumen-case"}, ["nikita-oleinik"]),
        ({"organisation": "left-resistance"}, ["deniz-aydin", "nikita-oleinik"]),
        ({"country": "tr"}, ["deniz-aydin"]),
        ({"charge": "sabotage"}, ["nikita-oleinik"]),
        ({"q": "nobody-of-that-name"}, []),
    ],
)
def test_people_filters_and_search_across_spellings(registry, params, expected):
    response = get("/people", **params)
    assert slugs(response) == expected
    assert response.json()["count"] == len(expected)


def test_people_are_paged_by_cursor_and_a_bad_cursor_is_refused(registry):
    first = get("/people", limit=1).json()
    assert [p["slug"] for p in first["items"]] == ["deniz-aydin"] and first["count"] == 2
    second = get("/people", limit=1, cursor=first["next"]).json()
    assert [p["slug"] for p in second["items"]] == ["nikita-oleinik"] and second["next"] is None
    for cursor in ("forged", get("/cases", limit=1).json()["next"] or "x"):
        response = get("/people", cursor=cursor)
        assert response.status_code == 422
        assert "cursor" in response.json()["error"]["fields"]
    bad = get("/people", status="jailed")
    assert bad.status_code == 422 and "status" in bad.json()["error"]["fields"]


def test_person_detail_has_the_timeline_with_evidence_cases_charges_and_affiliations(registry):
    response = get("/people/nikita-oleinik")
    assert response.status_code == 200
    person = response.json()
    assert person["native_name"] == "Никита Олейник" and person["postal_address"] == "SIZO-1, Tyumen"
    assert person["is_public"] is True and person["current_status"] == "custody"
    (event,) = person["timeline"]
    assert event["kind"] == "custody" and event["on"] == "2018-01-19" and event["certainty"] == "established"
    assert event["quote"] == "Nikita Oleinik: custody." and event["label"] == "in custody"
    assert event["source"]["title"] == "A report on the arrests" and isinstance(event["source"]["id"], int)
    assert [link["case"]["slug"] for link in person["case_links"]] == ["tyumen-case"]
    assert [charge["wording"] for charge in person["charges"]] == ["preparation of sabotage"]
    assert [link["organisation"]["slug"] for link in person["affiliations"]] == ["left-resistance"]
    assert "Canaryname" not in response.content.decode()  # no sender of a letter


def test_a_former_slug_answers_with_the_current_record(registry, organiser):
    duplicate = factories.person("N. Oleinik", slug="n-oleinik")
    services.person_merge(keep=registry["nikita"], merge=duplicate, actor=organiser)
    response = get("/people/n-oleinik")
    assert response.status_code == 200 and response.json()["slug"] == "nikita-oleinik"
    assert get("/people/no-such-person").json()["error"]["code"] == "not_found"
    duplicate = factories.person("Oleinik N.", slug="oleinik-n")
    services.person_merge(keep=registry["nikita"], merge=duplicate, actor=organiser)
    assert get("/people/n-oleinik oleinik-n").status_code == 404  # two former slugs are not one address


def test_cases_and_organisations_list_and_show_public_people_only(registry):
    cases = get("/cases").json()
    assert cases["count"] == 1 and cases["items"][0]["defendant_count"] == 1
    case = get("/cases/tyumen-case").json()
    assert [d["person"]["slug"] for d in case["defendants"]] == ["nikita-oleinik"]
    assert case["defendants"][0]["current_status"] == "custody"
    assert [c["wording"] for c in case["charges"]] == []  # the charges are the people's, one of them hidden
    organisations = get("/organisations", q="left").json()
    assert organisations["items"][0]["people_count"] == 2
    organisation = get("/organisations/left-resistance").json()
    assert [m["person"]["slug"] for m in organisation["members"]] == ["deniz-aydin", "nikita-oleinik"]
    assert get("/cases/nope").status_code == 404 and get("/organisations/nope").status_code == 404


def test_the_hidden_canary_is_absent_from_every_answer(registry):
    assert get("/people/canaryhidden-zzyzx").status_code == 404
    answers = [
        get("/people"),
        get("/people", q="Canaryhidden"),
        get("/people", status="detained"),
        get("/people", charge="canary"),
        get("/people", case="tyumen-case"),
        get("/people", organisation="left-resistance"),
        get("/people/nikita-oleinik"),
        get("/people/deniz-aydin"),
        get("/cases"),
        get("/cases/tyumen-case"),
        get("/organisations"),
        get("/organisations/left-resistance"),
    ]
    for response in answers:
        assert response.status_code == 200
        text = response.content.decode()
        assert "Canaryhidden" not in text and "canaryhidden" not in text and "canary charge" not in text
    assert get("/people", q="Canaryhidden").json()["count"] == 0
    assert get("/people", status="detained").json()["items"] == []


# --- writes -----------------------------------------------------------------------------------------------


def test_a_registry_key_adds_a_person_and_an_event_in_alices_name(registry, registry_key, organiser):
    key, raw_key = registry_key
    response = send("post", "/people", {"name": "Darya Polyudova", "country": "ru", "aliases": ["Daria"]}, raw_key)
    assert response.status_code == 201, response.content
    assert response.json()["slug"] == "darya-polyudova" and response.json()["country"] == "RU"
    assert "no-store" in response["Cache-Control"]
    darya = Person.objects.get(slug="darya-polyudova")
    created = AuditEntry.objects.get(action="registry.person.created", object_id=str(darya.pk))
    assert created.actor == organiser and created.data["api_key"] == key.prefix

    event = {
        "kind": "sentenced",
        "on": "2023-01-01",
        "precision": "year",
        "detail": "six years",
        "case": "tyumen-case",
        "source": {"title": "Court report", "url": "https://example.org/court", "text": "The court ruled."},
        "quote": "She was sentenced.",
        "certainty": "alleged",
    }
    response = send("post", "/people/darya-polyudova/events", event, raw_key)
    assert response.status_code == 201, response.content
    person = response.json()
    assert person["current_status"] == "sentenced" and person["current_status_on"] == "2023-01-01"
    (stored,) = person["timeline"]
    assert stored["source"]["title"] == "Court report" and stored["certainty"] == "alleged"
    assert stored["case"]["slug"] == "tyumen-case"
    assert Person.objects.get(slug="darya-polyudova").current_status == "sentenced"
    entry = AuditEntry.objects.get(action="registry.status_event.created", actor=organiser)
    assert entry.actor == organiser and entry.data["api_key"] == key.prefix

    # the same source again, by its id: a later release becomes the current status
    release = {"kind": "released", "on": "2024-05-02", "source_id": stored["source"]["id"], "quote": "Released."}
    assert send("post", "/people/darya-polyudova/events", release, raw_key).json()["current_status"] == "released"
    assert Source.objects.filter(title="Court report").count() == 1


def test_patch_changes_only_the_fields_sent_and_keeps_the_old_address(registry, registry_key, organiser):
    key, raw_key = registry_key
    response = send("patch", "/people/deniz-aydin", {"bio": "Trade unionist.", "slug": "deniz-aydin-tr"}, raw_key)
    assert response.status_code == 200, response.content
    assert response.json()["bio"] == "Trade unionist." and response.json()["name"] == "Deniz Aydin"
    assert get("/people/deniz-aydin").json()["slug"] == "deniz-aydin-tr"
    entry = AuditEntry.objects.get(action="registry.person.changed")
    assert entry.actor == organiser and entry.data["api_key"] == key.prefix
    assert entry.data["after"] == {"bio": "Trade unionist.", "slug": "deniz-aydin-tr"}


def test_cases_and_organisations_are_written_with_the_key(registry, registry_key):
    _key, raw_key = registry_key
    response = send("post", "/cases", {"name": "Network case", "country": "RU", "started_on": "2017-10-18"}, raw_key)
    assert response.status_code == 201 and response.json()["slug"] == "network-case"
    response = send("patch", "/cases/network-case", {"jurisdiction": "Military court"}, raw_key)
    assert response.json()["jurisdiction"] == "Military court"
    response = send("post", "/organisations", {"name": "Солидарность", "kind": "union"}, raw_key)
    assert response.status_code == 201 and response.json()["slug"] == "solidarnost"
    response = send("patch", "/organisations/solidarnost", {"website": "https://example.org/"}, raw_key)
    assert response.status_code == 200 and response.json()["website"] == "https://example.org/"
    assert AuditEntry.objects.filter(action__in=["registry.case.changed", "registry.organisation.changed"]).count() == 2


def test_a_hidden_person_written_with_the_key_is_shown_to_the_key_only(registry, registry_key):
    _key, raw_key = registry_key
    response = send("post", "/people", {"name": "Secret Person", "is_public": False}, raw_key)
    assert response.status_code == 201 and response.json()["is_public"] is False
    response = send("post", "/people/secret-person/events", {"kind": "detained", "on": "2024-02-01"}, raw_key)
    assert response.status_code == 201 and response.json()["current_status"] == "detained"
    assert send("patch", "/people/secret-person", {"bio": "Known to us."}, raw_key).status_code == 200
    assert get("/people/secret-person").status_code == 404
    assert "secret-person" not in get("/people").content.decode()
    assert get("/people").json()["count"] == 2


def test_invalid_input_gets_field_messages_and_nothing_is_half_written(registry, registry_key):
    _key, raw_key = registry_key
    response = send("post", "/people", {"country": "RU"}, raw_key)
    assert response.status_code == 422 and response.json()["error"]["fields"] == {"name": ["This field is required."]}
    response = send("post", "/people", {"name": "Other Nikita", "slug": "nikita-oleinik"}, raw_key)
    assert response.status_code == 422 and "slug" in response.json()["error"]["fields"]
    # a new source with an event the model refuses (a month's date must be its first day): neither is kept
    sources = Source.objects.count()
    bad_date = {"kind": "detained", "on": "2024-02-15", "precision": "month", "source": {"title": "New", "text": "x"}}
    response = send("post", "/people/nikita-oleinik/events", bad_date, raw_key)
    assert response.status_code == 422 and "on" in response.json()["error"]["fields"]
    assert Source.objects.count() == sources
    for body, field in [
        ({"kind": "detained", "quote": "Said without a source."}, "source"),
        ({"kind": "detained", "case": "no-such-case"}, "case"),
        ({"kind": "detained", "source_id": 999999}, "source_id"),
        ({"kind": "jailed"}, "kind"),
        ({"kind": "detained", "detail": "nul \u0000 byte"}, "detail"),
        ({"kind": "detained", "source": {"title": "t", "text": "x", "typo": 1}}, "source.typo"),
    ]:
        response = send("post", "/people/nikita-oleinik/events", body, raw_key)
        assert response.status_code == 422 and field in response.json()["error"]["fields"], response.content
    assert StatusEvent.objects.filter(person=registry["nikita"]).count() == 1
    assert send("patch", "/people/nobody", {"bio": "x"}, raw_key).status_code == 404


# --- refusals ---------------------------------------------------------------------------------------------

WRITES = [
    ("post", "/people", {"name": "Intruder"}),
    ("patch", "/people/nikita-oleinik", {"name": "Changed"}),
    ("post", "/people/nikita-oleinik/events", {"kind": "released"}),
    ("post", "/cases", {"name": "Intruder case"}),
    ("patch", "/cases/tyumen-case", {"name": "Changed"}),
    ("post", "/organisations", {"name": "Intruder organisation"}),
    ("patch", "/organisations/left-resistance", {"name": "Changed"}),
]


def assert_nothing_written(before):
    assert (Person.objects.count(), Case.objects.count(), Organisation.objects.count()) == before[:3]
    assert StatusEvent.objects.count() == before[3] and AuditEntry.objects.count() == before[4]
    assert Person.objects.filter(name="Changed").count() == 0


def counts():
    models = (Person, Case, Organisation, StatusEvent, AuditEntry)
    return tuple(model.objects.count() for model in models)


@pytest.mark.parametrize(("method", "path", "body"), WRITES)
def test_writes_without_a_registry_key_are_refused(registry, organiser, outsider, partner_key, method, path, body):
    _key, partner_raw = partner_key  # a report key: no registry scope
    revoked, revoked_raw = api_key_create(name="Old tool", actor=organiser, registry_write=True)
    api_key_revoke(key=revoked, actor=organiser)
    charlie = Client()
    charlie.force_login(outsider)  # a signed-in session is no key
    before = counts()
    for response, status in [
        (send(method, path, body), 401),
        (send(method, path, body, "sol_0123456789ab_not-a-key"), 401),
        (send(method, path, body, revoked_raw), 401),
        (send(method, path, body, client=charlie), 401),
        (send(method, path, body, partner_raw), 403),
    ]:
        assert response.status_code == status, (response.status_code, response.content)
        assert response.json()["error"]["code"] == ("unauthorized" if status == 401 else "forbidden")
    assert_nothing_written(before)


def test_a_key_whose_maker_may_no_longer_edit_the_registry_is_refused(registry, registry_key, organiser):
    _key, raw_key = registry_key
    organiser.groups.clear()
    before = counts()
    response = send("post", "/people", {"name": "Too late"}, raw_key)
    assert response.status_code == 403 and response.json()["error"]["code"] == "forbidden"
    assert_nothing_written(before)


def test_only_an_organiser_who_edits_the_registry_may_grant_the_scope(db, organiser, django_user_model):
    from django.core.exceptions import PermissionDenied

    from conftest import verified_client

    keeper = django_user_model.objects.create_user(username="kim", password="correct horse battery", is_staff=True)
    keeper.user_permissions.set(
        Permission.objects.filter(content_type__app_label="api", codename__in=["add_apikey", "view_apikey"])
    )
    from django_otp.plugins.otp_totp.models import TOTPDevice

    TOTPDevice.objects.create(user=keeper, name="phone", confirmed=True)
    with pytest.raises(PermissionDenied):
        api_key_create(name="Not allowed", actor=keeper, registry_write=True)
    form = verified_client(keeper).get("/admin/api/apikey/add/").content.decode()
    assert 'name="registry_write"' not in form
    verified_client(keeper).post("/admin/api/apikey/add/", {"name": "Sneaky", "registry_write": "on"})
    assert django_user_model.objects.get(username="kim") and not _key_named("Sneaky").registry_write

    alice = verified_client(organiser)
    assert 'name="registry_write"' in alice.get("/admin/api/apikey/add/").content.decode()
    alice.post("/admin/api/apikey/add/", {"name": "Registry tool", "registry_write": "on"})
    key = _key_named("Registry tool")
    assert key.registry_write and key.created_by == organiser
    assert AuditEntry.objects.get(action="api.apikey.created", object_id=str(key.pk)).data["after"]["registry_write"]


def _key_named(name):
    from solidarity.api.models import ApiKey

    return ApiKey.objects.get(name=name)


def test_the_people_list_reads_a_fixed_number_of_queries(registry, django_assert_num_queries):
    for n in range(10):
        factories.person(f"Extra Person {n}", status="detained", case_name=f"Case {n}", organisation_name="Other")
    with django_assert_num_queries(4):  # the count, the page, its cases, its organisations
        assert get("/people").json()["count"] == 12
