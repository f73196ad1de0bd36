"""The registry as a file: public exports (JSON, CSV, downloads) hold public people only; the JSON import is
idempotent, audited, all or nothing, and reads back what the export wrote."""

from __future__ import annotations

import csv
import datetime
import io
import json

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from solidarity.lib.models import AuditEntry
from solidarity.registry import services, transfer
from solidarity.registry.models import (
    Affiliation,
    Case,
    Charge,
    Defendant,
    Letter,
    Organisation,
    Person,
    Source,
    StatusEvent,
)
from solidarity.registry.tests import factories

CANARY = "Canaryhidden Zzyzx"
CANARY_SOURCE = "Canary source only a hidden person cites"
MODELS = (Source, Organisation, Case, Person, StatusEvent, Defendant, Affiliation, Charge)


@pytest.fixture
def registry(db):
    nikita = factories.person(
        "Nikita Oleinik",
        native_name="Никита Олейник",
        aliases=["=cmd", "Nikita Oleynik"],
        country="RU",
        status="custody",
        on=datetime.date(2018, 1, 19),
        case_name="Tyumen case",
        organisation_name="Left Resistance",
        charge="preparation of sabotage",
        postal_address="SIZO-1, Tyumen",
    )
    court = factories.source("Court report", url="https://example.org/court", published_on=datetime.date(2020, 3, 1))
    services.status_event_save(
        event=StatusEvent(person=nikita, kind="sentenced", on=datetime.date(2020, 1, 1), precision="year",
                          detail="three and a half years", case=Case.objects.get(), source=court,
                          quote="He was sentenced.", certainty="alleged"),
        actor=None,
    )  # fmt: skip
    services.charge_save(
        charge=Charge(case=Case.objects.get(), wording="organising a group", article="205.4"), actor=None
    )
    factories.person("Deniz Aydin", country="TR", status="released", organisation_name="Left Resistance")
    canary = factories.person(
        CANARY,
        hidden=True,
        status="detained",
        case_name="Tyumen case",
        organisation_name="Left Resistance",
        charge="canary charge",
        evidence=factories.source(CANARY_SOURCE),
    )
    Letter.objects.create(person=nikita, text="Hold on", sender_name="Sender Canaryname", status="approved")
    return {"nikita": nikita, "canary": canary}


def exported(**options) -> str:
    out = io.StringIO()
    transfer.export_json(out, **options)
    return out.getvalue()


def rows() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in MODELS}


def empty_the_registry() -> None:
    for model in (StatusEvent, Defendant, Affiliation, Charge, Letter, Person, Case, Organisation, Source):
        model.objects.all().delete()


def assert_no_canary(text: str) -> None:
    for secret in ("Canaryhidden", "canaryhidden", "canary charge", CANARY_SOURCE, "Canaryname"):
        assert secret not in text


# --- exports ----------------------------------------------------------------------------------------------


def test_the_public_json_holds_public_people_with_their_evidence(registry):
    text = exported()
    assert_no_canary(text)
    data = json.loads(text)
    assert data["format"] == "solidarity-registry" and data["version"] == 1 and data["includes_hidden"] is False
    assert [p["slug"] for p in data["people"]] == ["deniz-aydin", "nikita-oleinik"]
    nikita = data["people"][1]
    assert nikita["current_status"] == "sentenced" and nikita["url"].endswith("/people/nikita-oleinik/")
    custody, sentenced = nikita["events"]
    refs = {source["ref"]: source for source in data["sources"]}
    assert refs[sentenced["source"]]["title"] == "Court report" and "text" not in refs[sentenced["source"]]
    assert (sentenced["quote"], sentenced["certainty"], sentenced["case"]) == (
        "He was sentenced.",
        "alleged",
        "tyumen-case",
    )
    assert custody["kind"] == "custody" and custody["on"] == "2018-01-19"
    (case,) = data["cases"]
    assert case["defendants"] == [{"person": "nikita-oleinik", "role": ""}]
    assert case["charges"][0]["wording"] == "organising a group"
    (organisation,) = data["organisations"]
    assert [m["person"] for m in organisation["members"]] == ["deniz-aydin", "nikita-oleinik"]


def test_the_organiser_export_adds_hidden_people_and_source_texts(registry):
    data = json.loads(exported(include_hidden=True))
    assert data["includes_hidden"] is True
    canary = next(p for p in data["people"] if p["name"] == CANARY)
    assert canary["is_public"] is False and canary["charges"][0]["wording"] == "canary charge"
    assert any(s["title"] == CANARY_SOURCE and s["text"] for s in data["sources"])
    assert "Canaryname" not in json.dumps(data)  # letters are never exported


def test_the_csv_has_one_row_per_public_person(registry):
    out = io.StringIO()
    transfer.export_csv(out, base_url="https://solidarity.example")
    text = out.getvalue()
    assert_no_canary(text)
    table = list(csv.DictReader(io.StringIO(text)))
    assert list(table[0]) == list(transfer.CSV_COLUMNS)
    assert [row["slug"] for row in table] == ["deniz-aydin", "nikita-oleinik"]
    nikita = table[1]
    assert nikita["aliases"] == "'=cmd | Nikita Oleynik"  # a spreadsheet formula is neutralised
    assert nikita["current_status"] == "sentenced" and nikita["current_status_on"] == "2020-01-01"
    assert nikita["cases"] == "Tyumen case" and nikita["organisations"] == "Left Resistance"
    assert nikita["charges"] == "preparation of sabotage | organising a group (205.4)"
    assert nikita["url"] == "https://solidarity.example/people/nikita-oleinik/"
    # the link has no language in it: the site sends each reader to the page in their own language
    page = Client(HTTP_ACCEPT_LANGUAGE="ru").get("/people/nikita-oleinik/")
    assert page.status_code == 302 and page["Location"] == "/ru/people/nikita-oleinik/"


def test_the_public_downloads_stream_public_people_only(registry):
    for address, kind in (("/registry/people.csv", "text/csv"), ("/registry/registry.json", "application/json")):
        response = Client().get(address)
        assert response.status_code == 200 and response.streaming
        assert response["Content-Type"].startswith(kind)
        assert response["Content-Disposition"].startswith('attachment; filename="registry')
        assert response["Cache-Control"] == "public, no-cache"
        body = b"".join(response.streaming_content).decode()
        assert "nikita-oleinik" in body
        assert_no_canary(body)
    assert Client().post("/registry/registry.json").status_code == 405


def test_the_downloads_are_rate_limited(registry, settings):
    from solidarity.registry import export_views

    for _n in range(export_views.PUBLIC_LIMIT):
        assert Client().head("/registry/people.csv").status_code == 200
    response = Client().get("/registry/people.csv")
    assert response.status_code == 429 and response["Retry-After"]


# --- import -----------------------------------------------------------------------------------------------


def test_importing_the_same_file_twice_changes_nothing_the_second_time(registry, organiser):
    document = json.loads(exported(include_hidden=True))
    empty_the_registry()
    first = transfer.import_json(document, organiser)
    assert first["people"]["created"] == 3 and first["events"]["created"] == 4
    after_first, entries = rows(), AuditEntry.objects.count()
    assert AuditEntry.objects.filter(actor=organiser, action="registry.person.created").count() == 3
    second = transfer.import_json(json.dumps(document), organiser)
    assert rows() == after_first
    assert AuditEntry.objects.count() == entries  # no new audit entry at all
    assert all(n["created"] == 0 and n["updated"] == 0 for n in second.values())
    assert second["people"]["unchanged"] == 3 and second["sources"]["unchanged"] == first["sources"]["created"]


def test_reimporting_the_public_export_into_the_same_registry_changes_nothing(registry):
    before, entries = rows(), AuditEntry.objects.count()
    counts = transfer.import_json(exported(), None)
    assert rows() == before and AuditEntry.objects.count() == entries
    assert counts["people"] == {"created": 0, "updated": 0, "unchanged": 2}


def test_a_changed_field_updates_the_record_and_is_audited(registry, organiser):
    document = json.loads(exported())
    nikita = next(p for p in document["people"] if p["slug"] == "nikita-oleinik")
    nikita["bio"] = "Anarchist from Tyumen."
    nikita["events"][1]["certainty"] = "established"
    counts = transfer.import_json(document, organiser)
    assert counts["people"] == {"created": 0, "updated": 1, "unchanged": 1}
    assert counts["events"]["updated"] == 1 and counts["events"]["created"] == 0
    assert Person.objects.get(slug="nikita-oleinik").bio == "Anarchist from Tyumen."
    entry = AuditEntry.objects.get(action="registry.person.changed", actor=organiser)
    assert entry.data["after"] == {"bio": "Anarchist from Tyumen."}
    assert StatusEvent.objects.get(kind="sentenced").certainty == "established"


def test_the_organiser_export_round_trips_through_an_empty_registry(registry):
    from solidarity.registry import selectors

    duplicate = factories.person("N. Oleinik", slug="n-oleinik")
    services.person_merge(keep=registry["nikita"], merge=duplicate, actor=None)
    before = json.loads(exported(include_hidden=True))
    empty_the_registry()
    transfer.import_json(before, None)
    after = json.loads(exported(include_hidden=True))
    before.pop("exported_at"), after.pop("exported_at")
    assert after == before
    assert Person.objects.get(slug="nikita-oleinik").current_status == "sentenced"
    assert selectors.public_person("n-oleinik").slug == "nikita-oleinik"  # old links keep working
    assert not Person.objects.get(name=CANARY).is_public


def test_the_public_export_imports_cleanly_into_an_empty_registry(registry):
    public = json.loads(exported())
    empty_the_registry()
    counts = transfer.import_json(public, None)
    assert counts["people"]["created"] == 2 and not Person.objects.filter(name=CANARY).exists()
    again = json.loads(exported())
    for document in (public, again):
        document.pop("exported_at")
        for source in document["sources"]:
            source.pop("text_sha256")  # the texts stayed behind
    assert again == public
    assert transfer.import_json(public, None)["sources"] == {"created": 0, "updated": 0, "unchanged": 2}


def test_an_import_may_bring_hidden_people_who_stay_out_of_public_outputs(db):
    document = {
        "people": [
            {"slug": "hidden-one", "name": "Hidden One", "is_public": False, "postal_address": "PO Box 1"},
            {"name": "Мария Иванова", "events": [{"kind": "searched", "on": "2024-03-01"}]},
        ]
    }
    counts = transfer.import_json(document, None)
    assert counts["people"]["created"] == 2 and counts["events"]["created"] == 1
    assert Person.objects.get(slug="hidden-one").postal_address == "PO Box 1"
    maria = Person.objects.get(slug="mariya-ivanova")
    assert maria.current_status == "searched"
    assert "hidden-one" not in exported() and "hidden-one" in exported(include_hidden=True)


@pytest.mark.parametrize(
    ("document", "message"),
    [
        ("{not json", "not valid JSON (line 1, column 2"),
        ("[1, 2]", "one JSON object"),
        ({"format": "something-else"}, "not a registry file"),
        ({"version": 2}, "format version 2"),
        ({"people": {"slug": "x"}}, "“people” must be a list"),
        ({"people": [{"slug": "no-name"}]}, "people[0] “no-name”: “name” is missing"),
        (
            {"people": [{"slug": "a", "name": "A"}, {"slug": "b", "name": "B", "events": [{"kind": "jailed"}]}]},
            "people[1] “b”: events[0]: unknown status kind “jailed”",
        ),
        ({"people": [{"name": "C", "events": [{"kind": "detained", "on": "19.01.2018"}]}]}, "YYYY-MM-DD"),
        ({"people": [{"name": "D", "events": [{"kind": "detained", "source": 7}]}]}, "source ref 7"),
        ({"people": [{"name": "E", "cases": [{"case": "no-such-case"}]}]}, "no case “no-such-case”"),
        ({"people": [{"name": "F", "events": [{"kind": "other", "quote": "Said."}]}]}, "source: A quote needs"),
        ({"cases": [{"name": "G", "started_on": "2020-02-30"}]}, "cases[0] “G”: “started_on” must be a date"),
        ({"organisations": [{"name": "H\u0000"}]}, "“name” must be text (without NUL characters)"),
        ({"sources": [{"ref": [1], "title": "S"}]}, "sources[0]: a source ref must be a number or text"),
        ({"sources": [{"ref": 1, "title": "S"}, {"ref": 1, "title": "T"}]}, "sources[1]: the ref 1 is used twice"),
    ],
)
def test_a_bad_file_is_refused_with_the_record_named_and_nothing_kept(registry, document, message):
    before, entries = rows(), AuditEntry.objects.count()
    with pytest.raises(transfer.TransferError) as refused:
        transfer.import_json(document, None)
    assert message in str(refused.value)
    assert rows() == before and AuditEntry.objects.count() == entries
    assert not Person.objects.filter(slug="a").exists()


def test_a_dry_run_counts_and_keeps_nothing(registry):
    document = {"people": [{"slug": "new-person", "name": "New Person", "events": [{"kind": "detained"}]}]}
    before, entries = rows(), AuditEntry.objects.count()
    counts = transfer.import_json(document, None, dry_run=True)
    assert counts["people"]["created"] == 1 and counts["events"]["created"] == 1
    assert rows() == before and AuditEntry.objects.count() == entries


# --- commands ---------------------------------------------------------------------------------------------


def test_the_commands_export_and_import_under_their_hyphenated_names(registry, tmp_path, capsys):
    from solidarity.cli import main

    target = tmp_path / "registry.json"
    call_command("registry_export", "--include-hidden", "-o", str(target))
    assert CANARY in target.read_text() and "keep it private" in capsys.readouterr().err
    out = io.StringIO()
    call_command("registry_export", "--format", "csv", stdout=out)
    assert "nikita-oleinik" in out.getvalue()
    assert_no_canary(out.getvalue())
    # last: the console script closes the database connection when it is done, as Django's commands do
    main(["solidarity", "registry-import", str(target), "--json"])
    counts = json.loads(capsys.readouterr().out)
    assert counts["people"] == {"created": 0, "updated": 0, "unchanged": 3} and counts["dry_run"] is False


def test_the_import_command_prints_counts_and_refuses_a_bad_file(registry, tmp_path, organiser):
    good = tmp_path / "good.json"
    good.write_text(json.dumps({"people": [{"name": "Someone New"}]}))
    out = io.StringIO()
    call_command("registry_import", str(good), "--dry-run", stdout=out)
    assert "dry run" in out.getvalue() and not Person.objects.filter(name="Someone New").exists()
    call_command("registry_import", str(good), "--user", "alice", stdout=out)
    assert AuditEntry.objects.get(action="registry.person.created", actor=organiser)
    bad = tmp_path / "bad.json"
    bad.write_text('{"people": [{"slug": "x"}]}')
    with pytest.raises(CommandError, match="nothing imported: people\\[0\\] “x”: “name” is missing"):
        call_command("registry_import", str(bad))
    with pytest.raises(CommandError, match="cannot read"):
        call_command("registry_import", str(tmp_path / "missing.json"))
    with pytest.raises(CommandError, match="no active user"):
        call_command("registry_import", str(good), "--user", "nobody")


def test_exports_read_a_fixed_number_of_queries_however_many_people(registry):
    def queries(write) -> int:
        with CaptureQueriesContext(connection) as context:
            write(io.StringIO())
        return len(context.captured_queries)

    few = (queries(transfer.export_json), queries(transfer.export_csv))
    for n in range(12):
        factories.person(f"Extra Person {n}", status="detained", case_name="Tyumen case", organisation_name="Other")
    assert (queries(transfer.export_json), queries(transfer.export_csv)) == few
