"""The demo registry: every person, case and organisation of the seed articles, with the gold statuses, cases
and charges, sourced to the article; idempotent; working with or without the seed folder."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from solidarity.campaigns.models import Campaign
from solidarity.demo import registry_content
from solidarity.demo.load import load_demo
from solidarity.demo.registry_load import load_registry, quote_for, sentences
from solidarity.lib.models import AuditEntry
from solidarity.registry import selectors
from solidarity.registry.models import Affiliation, Case, Charge, Defendant, Organisation, Person, Source, StatusEvent

SHARED = Path(__file__).resolve().parents[3].parent / "shared"
SEEDS = SHARED / "seeds"
GOLD = SHARED / "gold" / "seeds.gold.json"
needs_seeds = pytest.mark.skipif(not SEEDS.exists(), reason="the seed articles live beside the repository")
needs_gold = pytest.mark.skipif(not GOLD.exists(), reason="the gold annotations live beside the repository")


@pytest.fixture
def seeds(settings):
    settings.SOLIDARITY = {**settings.SOLIDARITY, "SEEDS_DIR": str(SEEDS)}
    return SEEDS


@pytest.fixture
def no_seeds(settings, tmp_path):
    empty = tmp_path / "seeds"
    empty.mkdir()
    settings.SOLIDARITY = {**settings.SOLIDARITY, "SEEDS_DIR": str(empty)}
    return empty


def _gold_people() -> dict[str, list[dict]]:
    """Every gold mention of each person, across the articles."""
    people: dict[str, list[dict]] = {}
    for document in json.loads(GOLD.read_text(encoding="utf-8"))["documents"].values():
        for mention in document["people"]:
            people.setdefault(mention["name"], []).append(mention)
    return people


def _with_name(model, name: str):
    """The record called ``name`` or having it among its aliases."""
    return next(row for row in model.objects.all() if name == row.name or name in row.aliases)


@needs_gold
@pytest.mark.django_db
def test_every_gold_person_has_the_gold_status_case_charge_and_organisation(seeds):
    load_registry()
    gold = _gold_people()
    assert Person.objects.count() == len(gold) == 17  # Lobanov and Ukraintsev are in two articles each
    for name, mentions in gold.items():
        person = Person.objects.get(name=name)
        allowed = {m["status"] for m in mentions} | {s for m in mentions for s in m.get("acceptable_status", [])}
        assert person.current_status in allowed, (name, person.current_status, allowed)
        assert person.is_public and person.country == "RU" and person.native_name and person.bio
        cases = {link.case.name for link in selectors.person_cases(person)}
        charges = {charge.wording for charge in selectors.person_charges(person)}
        organisations = {a.organisation.name for a in selectors.person_affiliations(person)}
        for mention in mentions:
            assert mention["case"] is None or mention["case"] in cases, (name, cases)
            assert mention["charge"] is None or mention["charge"] in charges, (name, charges)
            assert mention["organisation"] is None or mention["organisation"] in organisations, name
            if mention["sentence"]:
                details = " ".join(e.detail for e in person.status_events.filter(kind="sentenced"))
                assert mention["sentence"].split()[0] in details, (name, details)
    assert StatusEvent.objects.filter(source__isnull=True).count() == 0


@needs_gold
@pytest.mark.django_db
def test_every_gold_case_and_organisation_exists_once(seeds):
    load_demo()
    documents = json.loads(GOLD.read_text(encoding="utf-8"))["documents"].values()
    for name in {n for d in documents for n in d["organisations"]}:
        _with_name(Organisation, name)
    for name in {n for d in documents for n in d["cases"]}:
        _with_name(Case, name)
    assert Organisation.objects.filter(name="Russian Socialist Movement").count() == 1
    assert Organisation.objects.filter(name="Russia Solidarity").count() == 1
    assert str(Case.objects.get(slug="bolotnoe-case").started_on) == "2012-05-06"


@pytest.mark.django_db
def test_names_are_found_in_other_spellings_and_scripts(no_seeds):
    load_registry()
    for query, slug in [("Oleynik", "nikita-oleinik"), ("Олейнику", "nikita-oleinik"), ("Darya", "daria-polyudova"),
                        ("Aleksei Navalny", "alexei-navalny"), ("Бабурова", "anastasia-baburova")]:  # fmt: skip
        found = selectors.public_people(selectors.PeopleFilter(q=query)).values_list("slug", flat=True)
        assert slug in found, query
    tyumen = selectors.public_people(selectors.PeopleFilter(case="tyumen-case"))
    assert tyumen.count() == 6
    assert selectors.public_people(selectors.PeopleFilter(charge="sabotage")).count() == 6


@pytest.mark.django_db
def test_a_second_run_creates_nothing_and_writes_no_audit_entry(no_seeds):
    first = load_registry()
    assert first["people"] == 17 and first["cases"] == 3 and first["sources"] == 5
    counts = [model.objects.count() for model in (Person, Case, Organisation, Source, StatusEvent, Charge)]
    audit = AuditEntry.objects.count()
    assert not any(load_registry().values())
    assert [model.objects.count() for model in (Person, Case, Organisation, Source, StatusEvent, Charge)] == counts
    assert AuditEntry.objects.count() == audit


@pytest.mark.django_db
def test_an_edited_person_is_left_alone(no_seeds):
    load_registry()
    person = Person.objects.get(slug="anton-orlov")
    person.status_events.all().delete()
    assert not any(load_registry().values())
    assert not person.status_events.exists()


@needs_seeds
@pytest.mark.django_db
def test_sources_carry_the_article_and_every_quote_is_a_sentence_of_it(seeds):
    load_registry()
    assert Source.objects.count() == len(registry_content.SOURCES)
    for data in registry_content.SOURCES.values():
        source = Source.objects.get(title=data["title"])
        raw = (SEEDS / data["file"]).read_bytes()
        assert source.text_hash == hashlib.sha256(raw).hexdigest()
        assert source.text == raw.decode("utf-8")
    for model in (StatusEvent, Charge, Affiliation, Defendant):
        for fact in model.objects.select_related("source"):
            assert fact.quote, (model.__name__, str(fact))
            assert fact.quote in fact.source.text, fact.quote
    orlov = StatusEvent.objects.get(person__slug="anton-orlov")
    assert "Orlov" in orlov.quote and "fraud" in orlov.quote
    baranov = StatusEvent.objects.filter(person__slug="vladimir-baranov").first()
    assert "St. Petersburg" in baranov.quote  # the abbreviation does not end the sentence


@pytest.mark.django_db
def test_without_the_articles_the_registry_still_loads_with_empty_quotes(no_seeds):
    created = load_registry()
    assert created["people"] == 17 and created["status_events"] >= 20
    assert not Source.objects.exclude(text="").exists()
    assert not Source.objects.exclude(text_hash="").exists()
    assert set(StatusEvent.objects.values_list("quote", flat=True)) == {""}
    navalny = Source.objects.get(publisher="Struggle-La Lucha")
    assert str(navalny.published_on) == "2020-01-17"
    assert Person.objects.get(slug="igor-kuznetsov").current_status == "custody"


@pytest.mark.django_db
def test_the_demo_calls_name_their_people_and_cases(no_seeds):
    load_demo()
    old = Campaign.objects.get(slug="days-of-solidarity-2014")
    new = Campaign.objects.get(slug="remember-to-fight-2023")
    assert list(old.cases.values_list("slug", flat=True)) == ["bolotnoe-case"]
    assert set(new.people.values_list("slug", flat=True)) == set(
        registry_content.CAMPAIGN_SUBJECTS["remember-to-fight-2023"]["people"]
    )
    assert list(new.cases.values_list("slug", flat=True)) == ["tyumen-case"]
    assert not new.people.filter(slug__in=["anton-orlov", "vladimir-baranov"]).exists()


def test_sentences_keep_abbreviations_and_quotes_find_inflected_names():
    text = "Intro line\nShe met Mr. Smith in St. Petersburg. Then «Олейника» left! Next (!) one? Yes.\n"
    assert sentences(text) == [
        "Intro line",
        "She met Mr. Smith in St. Petersburg.",
        "Then «Олейника» left!",
        "Next (!) one?",
        "Yes.",
    ]
    assert quote_for(text, "Oleinik") == "Then «Олейника» left!"
    assert quote_for(text, "Smith", hint="next") == "Next (!) one?"
    assert quote_for("", "Oleinik") == ""
