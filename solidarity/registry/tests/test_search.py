"""Searching the people list the way supporters type a name: in any transliteration, in Cyrillic, inflected as
Russian grammar wants it ("письмо Олейнику"), in any letter case; hidden people are never found."""

from __future__ import annotations

import importlib

import pytest
from django.apps import apps as django_apps

from solidarity.registry import names, services
from solidarity.registry.models import WORD_LENGTH, Case, Charge, ChargeWord, NameWord, Person
from solidarity.registry.tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(db):
    factories.person(
        "Nikita Oleinik", native_name="Никита Олейник", status="custody", case_name="Tyumen case", country="RU"
    )
    factories.person("Daria Polyudova", native_name="Дарья Полюдова", aliases=["Darya Polyudova"], status="sentenced")
    factories.person("Oleg Orlov", native_name="Олег Орлов", status="fined")
    factories.person("Anna Oleinik", native_name="Анна Олейник", hidden=True, status="custody")


def found(client, query: str) -> set[str]:
    """The names in the result rows of the people list for ``query`` (the form echoes the query; skip it)."""
    response = client.get("/en/people/", {"q": query})
    assert response.status_code == 200
    results = response.content.decode().split("</form>", 1)[1]
    return {name for name in ("Nikita Oleinik", "Daria Polyudova", "Oleg Orlov", "Anna Oleinik") if name in results}


@pytest.mark.parametrize(
    "query",
    [
        "Oleinik",
        "Oleynik",
        "Olejnik",
        "oleinik",
        "OLEYNIK",
        "Олейник",
        "олейник",
        "Олейнику",
        "Олейника",
        "Никита Олейник",
        "Nikita Oleynik",
        "Oleinik Nikita",
        "Олейн",
    ],
)
def test_every_spelling_finds_nikita_oleinik(people, supporter, query):
    assert found(supporter, query) == {"Nikita Oleinik"}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("Darya", {"Daria Polyudova"}),  # an alias
        ("Дарья", {"Daria Polyudova"}),  # the native name
        ("Полюдовой", {"Daria Polyudova"}),  # inflected, as in "письмо Полюдовой"
        ("Oleg", {"Oleg Orlov"}),
        ("Олег", {"Oleg Orlov"}),
        ("Ole", {"Nikita Oleinik", "Oleg Orlov"}),  # a word's beginning
        ("Petrov", set()),
        ("", {"Nikita Oleinik", "Daria Polyudova", "Oleg Orlov"}),
        ("   ", {"Nikita Oleinik", "Daria Polyudova", "Oleg Orlov"}),
        ("%", {"Nikita Oleinik", "Daria Polyudova", "Oleg Orlov"}),  # no letters: no name to search for
    ],
)
def test_search_by_alias_native_name_and_word_beginnings(people, supporter, query, expected):
    assert found(supporter, query) == expected


def test_hidden_namesake_is_never_found(people, supporter):
    for query in ("Anna", "Анна Олейник", "Oleinik Anna"):
        assert found(supporter, query) == set()
    body = supporter.get("/en/people/", {"q": "Oleinik"}).content.decode()
    assert "1 person found." in body and "Анна" not in body


def test_search_combines_with_filters(people, supporter):
    response = supporter.get("/en/people/", {"q": "Олейник", "case": "tyumen-case"})
    assert "Nikita Oleinik" in response.content.decode().split("</form>", 1)[1]
    response = supporter.get("/en/people/", {"q": "Олейник", "status": "sentenced"})
    assert "0 people found." in response.content.decode()
    response = supporter.get("/en/people/", {"q": "Oleynik", "status": "custody", "country": "RU"})
    assert "Nikita Oleinik" in response.content.decode().split("</form>", 1)[1]


def test_cases_and_organisations_are_found_in_either_script(people, supporter):
    factories.organisation("Left Resistance", aliases=["Левое Сопротивление"])
    case = Case.objects.get(name="Tyumen case")
    case.aliases = ["Тюменское дело"]
    services.case_save(case=case, actor=None)
    assert "Tyumen case</a>" in supporter.get("/en/cases/", {"q": "Тюменское"}).content.decode()
    assert "Tyumen case</a>" in supporter.get("/en/cases/", {"q": "tyumen"}).content.decode()
    assert "0 cases found." in supporter.get("/en/cases/", {"q": "Moscow"}).content.decode()
    assert "Left Resistance</a>" in supporter.get("/en/organisations/", {"q": "Левое"}).content.decode()
    assert "Left Resistance</a>" in supporter.get("/en/organisations/", {"q": "levoe soprotivlenie"}).content.decode()


def test_the_word_index_follows_renames_and_merges(people, supporter):
    """The search reads a word index kept beside each person: a new spelling is found at once, a dropped one
    is not, and after a merge the survivor answers to both people's names."""
    oleg = Person.objects.get(name="Oleg Orlov")
    oleg.name, oleg.native_name = "Oleg Sokolov", "Олег Соколов"
    services.person_save(person=oleg, actor=None)

    def names_found(query: str) -> str:
        return supporter.get("/en/people/", {"q": query}).content.decode().split("</form>", 1)[1]

    assert "0 people found." in supporter.get("/en/people/", {"q": "Орлов"}).content.decode()
    assert "Oleg Sokolov" in names_found("Sokolov") and "Oleg Sokolov" in names_found("Соколову")

    daria = Person.objects.get(name="Daria Polyudova")
    services.person_merge(keep=oleg, merge=daria, actor=None)
    assert "Oleg Sokolov" in names_found("Darya Polyudova")
    assert not NameWord.objects.filter(person_id=daria.pk).exists()
    name_words = NameWord.objects.filter(person=oleg)
    assert set(name_words.values_list("word", flat=True)) == set(Person.objects.get(pk=oleg.pk).search_text.split())


def test_a_name_word_longer_than_the_index_keeps_is_still_found(supporter):
    long_word = "Z" + "abedofugim" * 13
    assert len(names.skeleton(long_word)) > WORD_LENGTH
    factories.person(f"Ivan {long_word}")
    assert f"Ivan {long_word}" in supporter.get("/en/people/", {"q": long_word}).content.decode()
    assert "1 person found." in supporter.get("/en/people/", {"q": long_word[:30]}).content.decode()


def test_the_migration_indexes_people_saved_before_it(people):
    """Registries from before the word index get, when they migrate, the very words the services keep."""
    case = Case.objects.get(name="Tyumen case")
    services.charge_save(charge=Charge(case=case, article="205.4", wording="forming a terrorist group"), actor=None)

    def index() -> tuple[list, list]:
        return [sorted(model.objects.values_list("person_id", "word")) for model in (NameWord, ChargeWord)]

    kept = index()
    assert all(kept)
    migration = importlib.import_module("solidarity.registry.migrations.0004_person_words")
    NameWord.objects.all().delete()
    ChargeWord.objects.all().delete()
    migration.fill_words(django_apps, None)
    assert index() == kept
