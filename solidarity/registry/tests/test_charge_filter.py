"""The people list's charge filter: "who faces a charge of …", their own charges and those brought in their
cases. It reads an index of charge words, so every way a charge can change must reach it: a charge added,
edited to name someone else, or removed; a defendant added to or taken off a case; a case deleted; a merge."""

from __future__ import annotations

import pytest

from solidarity.registry import services
from solidarity.registry.models import Case, Charge, Defendant, Person
from solidarity.registry.tests import factories

pytestmark = pytest.mark.django_db

NAMES = ("Nikita Oleinik", "Yuri Neverov", "Daria Polyudova", "Oleg Orlov")


def charged(client, charge: str) -> set[str]:
    """The names listed by /people/?charge=…"""
    response = client.get("/en/people/", {"charge": charge})
    assert response.status_code == 200
    results = response.content.decode().split("</form>", 1)[1]
    return {name for name in NAMES if name in results}


@pytest.fixture
def tyumen(db) -> Case:
    factories.person("Nikita Oleinik", case_name="Tyumen case")
    factories.person("Yuri Neverov", case_name="Tyumen case")
    factories.person("Daria Polyudova", charge="calls to extremism")
    factories.person("Oleg Orlov")
    return Case.objects.get(name="Tyumen case")


def test_a_charge_in_a_case_reaches_every_defendant(tyumen, supporter):
    services.charge_save(charge=Charge(case=tyumen, article="205.4", wording="forming a terrorist group"), actor=None)
    assert charged(supporter, "terrorist") == {"Nikita Oleinik", "Yuri Neverov"}
    assert charged(supporter, "205.4") == {"Nikita Oleinik", "Yuri Neverov"}
    assert charged(supporter, "Terror group") == {"Nikita Oleinik", "Yuri Neverov"}  # word beginnings, any case
    assert charged(supporter, "extremism") == {"Daria Polyudova"}
    assert charged(supporter, "treason") == set()


def test_leaving_a_case_or_losing_a_charge_leaves_the_filter(tyumen, supporter):
    charge = services.charge_save(charge=Charge(case=tyumen, wording="forming a terrorist group"), actor=None)
    link = Defendant.objects.get(case=tyumen, person__name="Yuri Neverov")
    services.link_delete(link=link, actor=None)
    assert charged(supporter, "terrorist") == {"Nikita Oleinik"}
    services.link_delete(link=charge, actor=None)
    assert charged(supporter, "terrorist") == set()
    orlov = Person.objects.get(name="Oleg Orlov")
    services.defendant_save(defendant=Defendant(case=tyumen, person=orlov), actor=None)
    services.charge_save(charge=Charge(case=tyumen, wording="organising a terrorist community"), actor=None)
    assert charged(supporter, "terrorist community") == {"Nikita Oleinik", "Oleg Orlov"}


def test_a_charge_edited_to_name_someone_else_moves_with_it(tyumen, supporter):
    charge = Charge.objects.get(wording="calls to extremism")
    charge.person = Person.objects.get(name="Oleg Orlov")
    charge.wording = "justifying terrorism"
    services.charge_save(charge=charge, actor=None)
    assert charged(supporter, "extremism") == set()
    assert charged(supporter, "justifying") == {"Oleg Orlov"}
    link = Defendant.objects.get(case=tyumen, person__name="Yuri Neverov")
    other = factories.case("Penza case")
    services.charge_save(charge=Charge(case=other, wording="participation in a terrorist community"), actor=None)
    link.case = other
    services.defendant_save(defendant=link, actor=None)
    assert charged(supporter, "participation") == {"Yuri Neverov"}


def test_a_deleted_case_takes_its_charges_off_its_defendants(tyumen, supporter, django_capture_on_commit_callbacks):
    services.charge_save(charge=Charge(case=tyumen, wording="forming a terrorist group"), actor=None)
    with django_capture_on_commit_callbacks(execute=True):
        tyumen.delete()
    assert charged(supporter, "terrorist") == set()
    assert charged(supporter, "extremism") == {"Daria Polyudova"}


def test_after_a_merge_the_survivor_faces_both_peoples_charges(tyumen, supporter):
    services.charge_save(charge=Charge(case=tyumen, wording="forming a terrorist group"), actor=None)
    keep, merge = Person.objects.get(name="Oleg Orlov"), Person.objects.get(name="Nikita Oleinik")
    services.person_merge(keep=keep, merge=merge, actor=None)
    assert charged(supporter, "terrorist") == {"Yuri Neverov", "Oleg Orlov"}
    daria = Person.objects.get(name="Daria Polyudova")
    services.person_merge(keep=keep, merge=daria, actor=None)
    assert charged(supporter, "extremism") == {"Oleg Orlov"}


def test_a_hidden_defendant_is_never_listed_by_charge(tyumen, supporter):
    services.charge_save(charge=Charge(case=tyumen, wording="forming a terrorist group"), actor=None)
    neverov = Person.objects.get(name="Yuri Neverov")
    neverov.is_public = False
    services.person_save(person=neverov, actor=None)
    assert charged(supporter, "terrorist") == {"Nikita Oleinik"}
    body = supporter.get("/en/people/", {"charge": "terrorist"}).content.decode()
    assert "1 person found." in body
