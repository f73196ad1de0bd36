"""Structuring per language: city, country, date held, action type and head count, as a moderator would."""

from __future__ import annotations

import datetime

import pytest

from solidarity.intake.dates import Window, find_date
from solidarity.intake.numbers import find_participants
from solidarity.intake.parse import parse
from solidarity.intake.structure import structure
from solidarity.intake.tests import mail
from solidarity.intake.tests.labelled import CAMPAIGN, LABELLED
from solidarity.places.countries import country_name

START, END = (datetime.date.fromisoformat(d) for d in CAMPAIGN)


def structured(row: dict):
    raw = mail.plain(row["subject"], row["body"], sent=datetime.datetime.fromisoformat(row["sent"] + "T12:00+00:00"))
    return structure(parse(raw), Window(datetime.date.fromisoformat(row["sent"]), START, END))


@pytest.mark.parametrize("row", LABELLED, ids=[f"{r['lang']}-{i}" for i, r in enumerate(LABELLED)])
def test_labelled_report(row):
    result = structured(row)
    assert result.verdict.verdict == "report"
    assert result.city is not None, row["body"]
    assert (result.city.value["name"], country_name(result.city.value["country"])) == (row["city"], row["country"])
    assert result.held_on.value.isoformat() == row["date"]
    assert result.action_type.value == row["type"]
    assert (result.participants.value if result.participants else None) == row["people"]
    assert result.language.value == row["lang"]


def test_every_guess_points_at_the_words_it_came_from():
    row = LABELLED[4]  # "Вчера, 18 марта, в Берлине ... двадцать человек."
    data = structured(row).guesses_json()
    assert data["city"]["text"] == "Берлине"
    assert data["held_on"]["text"] == "18 марта"
    assert data["participants"]["text"] == "двадцать человек"
    assert data["action_type"]["text"] == "Пикет"
    doc = data["document"]
    for key in ("city", "held_on", "participants", "action_type"):
        start, end = data[key]["span"]
        assert doc[start:end] == data[key]["text"]
        assert 0 < data[key]["confidence"] <= 1


WINDOW = Window(datetime.date(2018, 3, 20), START, END)


@pytest.mark.parametrize(
    "text, lang, expected",
    [
        ("Am 18.3.2018 war die Kundgebung", "de", "2018-03-18"),
        ("el 18 de marzo", "es", "2018-03-18"),
        ("19 января", "ru", "2018-01-19"),
        ("March 17th", "en", "2018-03-17"),
        ("on 2018-03-16", "en", "2018-03-16"),
        ("am Samstag", "de", "2018-03-17"),
        ("w sobotę", "pl", "2018-03-17"),
        ("hier soir", "fr", "2018-03-19"),
        ("18/03", "en", "2018-03-18"),
        ("18. maaliskuuta", "fi", "2018-03-18"),
        ("ב-18 במרץ", "he", "2018-03-18"),
    ],
)
def test_dates_in_many_forms(text, lang, expected):
    assert find_date(text, lang, WINDOW).value.isoformat() == expected


def test_a_day_without_year_is_the_one_before_the_message_not_after():
    december = Window(datetime.date(2019, 1, 3), datetime.date(2018, 12, 20), datetime.date(2019, 1, 10))
    assert find_date("on 28 December", "en", december).value == datetime.date(2018, 12, 28)


def test_german_hier_is_not_french_yesterday():
    assert find_date("Wir waren hier", "de", WINDOW).span is None


def test_no_date_falls_back_to_the_day_sent_with_low_confidence():
    guess = find_date("We held a picket.", "en", WINDOW)
    assert guess.value == WINDOW.sent and guess.confidence < 0.5 and guess.span is None


@pytest.mark.parametrize(
    "text, count",
    [
        ("about 20 people", 20),
        ("двадцать пять человек", 25),
        ("dozens of people", 24),
        ("wir waren 15", 15),
        ("1 200 participants", 1200),
        ("Picket at 12 Main Street at 18:00", None),
        ("since 2014 people have", None),
    ],
)
def test_head_counts(text, count):
    guess = find_participants(text)
    assert (guess.value if guess else None) == count
