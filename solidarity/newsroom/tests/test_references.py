"""The rules that give a cue to the right people across a sentence boundary or inside a long enumeration."""

from __future__ import annotations

from solidarity.newsroom import charges, people, russian, statuses
from solidarity.newsroom.extract import extract_text

HEAD = "Perm, 14 May 2025\n\n"


def people_of(text: str) -> dict[str, dict]:
    return {p["name"]: p for p in extract_text(HEAD + text)["people"]}


def test_ages_do_not_break_an_enumeration():
    found = people_of("Oleg Varlamov, 41, and Inna Shirokova, 38, have been under house arrest since March.")
    assert {p["status"] for p in found.values()} == {"house_arrest"}
    assert {p["since"] for p in found.values()} == {"2025-03"}


def test_all_three_and_both_continue_the_group_named_before():
    found = people_of(
        "Police detained Oleg Varlamov, Inna Shirokova and Pyotr Lazarev at a picket. "
        'All three were charged with "participating in an unauthorised event".'
    )
    assert {p["charge"] for p in found.values()} == {"participating in an unauthorised event"}
    found = people_of('Oleg Varlamov and Inna Shirokova were detained. Both were fined for "hooliganism".')
    assert {p["status"] for p in found.values()} == {"fined"}


def test_a_new_subject_stops_a_cue_reaching_back():
    found = people_of("A court jailed Oleg Varlamov for ten days; the others were released with a warning.")
    assert found["Oleg Varlamov"]["status"] == "custody"


def test_received_years_is_a_sentence():
    found = people_of("Oleg Varlamov got two years, while his co-defendant Inna Shirokova received three years.")
    assert found["Inna Shirokova"]["status"] == "sentenced"
    assert found["Inna Shirokova"]["sentence"] == "3 years"


def test_leaving_for_a_country_is_exile_and_moving_to_a_city_is_not():
    assert [c.status for c in statuses.cues("He left for Georgia in 2023.", "en")] == ["exiled"]
    assert statuses.cues("He moved to Kazan in 2023.", "en") == []
    assert [c.status for c in statuses.cues("Она уехала в Польшу.", "ru")] == ["exiled"]
    assert statuses.cues("Она уехала в Казань.", "ru") == []


def test_a_russian_pronoun_agrees_in_gender():
    sentences = ["Суд отпустил Марину Кузьмину, а Дениса Белых задержали.", "Ему вменяют хулиганство."]
    cast = people.cast(sentences, "ru", russian.entities(sentences))
    assert [p.name for p in cast.people] == ["Марина Кузьмина", "Денис Белых"]
    assert [cast.people[r.person].name for r in cast.refs[1]] == ["Денис Белых"]


def test_vmenyayut_introduces_a_charge():
    assert charges.charges("Ему вменяют участие в деятельности «нежелательной организации».", "ru")[0].text == (
        "участие в деятельности «нежелательной организации»"
    )


def test_its_chair_belongs_to_the_organisation_just_named():
    found = people_of(
        "The independent union Perm Dockers called the strike. Its chair, Oleg Varlamov, was detained on Monday."
    )
    assert found["Oleg Varlamov"]["organisation"] == "Perm Dockers"
    assert found["Oleg Varlamov"]["since"] == "2025-05-12"


def test_a_role_before_a_russian_name_belongs_to_that_name_alone():
    text = "Полиция задержала активиста движения «Северный свет» Тимофея Рябова и студентку Алису Громову."
    found = {p["name"]: p for p in extract_text("14 мая 2025 года\n\n" + text)["people"]}
    assert found["Тимофей Рябов"]["organisation"] == "Северный свет"
    assert found["Алиса Громова"]["organisation"] is None
