"""People, references to them, status cues, charges and terms, on sentences of our own."""

from __future__ import annotations

import pytest

from solidarity.newsroom import charges, organisations, people, statuses


def names(sentence: str) -> list[str]:
    return [n.name for n in people.english_names(sentence)]


def test_names_start_at_a_first_name_and_leave_titles_out():
    assert names("Russian President Vladimir Putin met Governor Ivan Sokolov.") == ["Vladimir Putin", "Ivan Sokolov"]
    assert names("Daria Polyudova and Darya Kozlova spoke.") == ["Daria Polyudova", "Darya Kozlova"]


def test_a_slavic_surname_makes_a_name_without_a_known_first_name():
    assert names("Kapital Kino was fined.") == []  # neither part known to be a name: we do not guess
    assert names("Vsevolod Kuritsyn was fined.") == ["Vsevolod Kuritsyn"]
    assert names("Bakhyt Omarov was fined.") == ["Bakhyt Omarov"]


def test_longer_proper_names_and_places_are_not_people():
    assert names("Members of the Amur Green Watch movement met in Moscow City Hall.") == []


def test_surnames_and_pronouns_refer_back():
    cast = people.cast(
        [
            "Police detained Oleg Varlamov and Inna Shirokova on Monday.",
            "They were questioned for six hours.",
            "Varlamov said he would appeal.",
        ],
        "en",
    )
    assert [p.name for p in cast.people] == ["Oleg Varlamov", "Inna Shirokova"]
    assert {r.person for r in cast.refs[1]} == {0, 1}
    assert [(r.person, r.how) for r in cast.refs[2]][0] == (0, "surname")


def test_russian_names_come_back_in_the_nominative():
    sentence = "Суд арестовал Дарью Полюдову и Никиту Олейника."
    cast = people.cast([sentence], "ru", _ner([sentence]))
    assert [p.name for p in cast.people] == ["Дарья Полюдова", "Никита Олейник"]


def _ner(texts):
    from solidarity.newsroom import russian

    return russian.entities(texts)


@pytest.mark.parametrize(
    ("sentence", "status"),
    [
        ("Riot police arrested him outside the court.", "detained"),
        ("She has been held in pre-trial detention since May.", "custody"),
        ("A court placed the teacher under house arrest.", "house_arrest"),
        ("He was sentenced to three years in a penal colony.", "sentenced"),
        ("The student was fined for a poster.", "fined"),
        ("Investigators searched the flat at dawn.", "searched"),
        ("They were questioned by the FSB.", "interrogated"),
        ("He was charged with hooliganism.", "charged"),
        ("She walked free after two months.", "released"),
        ("Unknown men beat him up near his home.", "attacked"),
        ("The lawyer was shot dead in 2009.", "killed"),
        ("She was forced to leave the country.", "exiled"),
        ("He was put on the wanted list.", "wanted"),
        ("Его задержали у подъезда.", "detained"),
        ("Суд отправил её в СИЗО.", "custody"),
        ("Активиста приговорили к двум годам.", "sentenced"),
        ("Её оштрафовали на 30 тысяч рублей.", "fined"),
        ("Его объявили в розыск.", "wanted"),
    ],
)
def test_each_status_has_its_cues(sentence, status):
    lang = "ru" if any("а" <= ch <= "я" for ch in sentence.lower()) else "en"
    assert status in [c.status for c in statuses.cues(sentence, lang)]


def test_hypothetical_measures_are_not_cues():
    assert [c.status for c in statuses.cues("Many left the country to avoid detention.", "en")] == ["exiled"]
    assert statuses.cues("He may be arrested if he returns.", "en") == []
    assert statuses.cues("Он уехал, опасаясь ареста.", "ru") == []


def test_the_latest_stage_wins():
    assert statuses.strongest(["attacked", "detained"]) == "detained"
    assert statuses.strongest(["charged", "custody"]) == "custody"


@pytest.mark.parametrize(
    ("sentence", "lang", "charge"),
    [
        ('He was jailed for "calls to terrorism" over a post.', "en", "calls to terrorism"),
        ("She was charged with vandalism after the protest.", "en", "vandalism"),
        ("He is held on a fabricated drugs charge.", "en", "drugs"),
        ("They confessed under torture to the financing of terrorism.", "en", "financing of terrorism"),
        ("Её обвиняют в «фейках об армии».", "ru", "фейках об армии"),
        ("Его осудили по статье о хулиганстве, после суда он уехал.", "ru", "хулиганстве"),
    ],
)
def test_charges_keep_the_texts_wording(sentence, lang, charge):
    assert charges.charges(sentence, lang)[0].text == charge


@pytest.mark.parametrize(
    ("sentence", "lang", "term"),
    [
        ("He was sentenced to seven years in prison.", "en", "7 years in prison"),
        ("She served ten days in jail.", "en", "10 days in jail"),
        ("A court fined Ivan Petrov 15,000 roubles.", "en", "fine of 15,000 roubles"),
        ("Суд приговорил его к шести годам колонии.", "ru", "6 годам колонии"),
    ],
)
def test_terms(sentence, lang, term):
    assert [t.text for t in charges.terms(sentence, lang)] == [term]


def test_durations_that_are_not_sentences_are_ignored():
    assert charges.terms("After a two-day strike, he faces up to five years in prison.", "en") == []
    assert charges.terms("Уже третий год он в колонии.", "ru") == []


def test_organisations_their_kinds_and_who_belongs_to_them():
    sentence = "Pyotr Lazarev, a member of the Left Bloc party, and the Dockers' Union of Riga protested."
    found = {o.name: o.kind for o in organisations.english(sentence)}
    assert found == {"Left Bloc": "party", "Dockers' Union of Riga": "union"}
    tied = organisations.affiliated(sentence, organisations.english(sentence), "en")
    assert [o.name for o in tied] == ["Left Bloc"]
    assert [o.name for o in organisations.english('She founded the platform "Open Lists" in 2020.')] == ["Open Lists"]


def test_cases_in_both_languages():
    assert [c.name for c in organisations.cases('They were arrested in the so-called "Penza case".', "en")] == [
        "Penza case"
    ]
    assert [c.name for c in organisations.cases("In this case the court refused.", "en")] == []
    assert [c.name for c in organisations.cases("Фигурантов «Казанского дела» перевели в СИЗО.", "ru")] == [
        "Казанское дело"
    ]
    assert [c.name for c in organisations.cases("Его задержали по делу «Сети».", "ru")] == ["дело «Сети»"]
