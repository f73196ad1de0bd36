"""Sentence splitting and dates: the units of evidence and the precision of every date we propose."""

from __future__ import annotations

import pytest

from solidarity.newsroom import dates, sentences
from solidarity.newsroom.dates import Now


def test_sentences_keep_their_place_in_the_text():
    text = "Heading without a stop\n\nThe activist was held in St. Petersburg overnight. He was freed at noon."
    found = sentences.split(text)
    assert [s.text for s in found] == [
        "Heading without a stop",
        "The activist was held in St. Petersburg overnight.",
        "He was freed at noon.",
    ]
    assert all(text[s.start : s.end] == s.text for s in found)


def test_a_line_broken_mid_sentence_is_joined():
    found = sentences.split("The union asked its members to\n\n\nprotest on Monday.")
    assert [s.text for s in found] == ["The union asked its members to protest on Monday."]


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("On Dec. 8, 2019, they met", "en", (2019, 12, 8)),
        ("held on 6 May 2012 in the centre", "en", (2012, 5, 6)),
        ("in May 2012 the arrests began", "en", (2012, 5, None)),
        ("since April", "en", (None, 4, None)),
        ("back in 2009", "en", (2009, None, None)),
        ("23 января 2021 года", "ru", (2021, 1, 23)),
        ("в апреле 2022 года", "ru", (2022, 4, None)),
        ("в 2009 году", "ru", (2009, None, None)),
    ],
)
def test_dates_keep_the_precision_the_text_gives(text, lang, expected):
    (mention,) = dates.find(text, lang)
    assert (mention.year, mention.month, mention.day) == expected


def test_a_decade_is_not_a_year_and_may_the_verb_is_not_a_month():
    assert dates.find("the terror of the 2000s", "en") == []
    assert dates.find("They may say so.", "en") == []


def test_ranges_and_since():
    (week,) = dates.find("during the week of March 3-9", "en")
    assert (week.month, week.day, week.end_day) == (3, 3, 9)
    (days,) = dates.find("с 5 по 12 мая", "ru")
    assert (days.month, days.day, days.end_day) == (5, 5, 12)
    (since,) = dates.find("в СИЗО с октября", "ru")
    assert since.since and since.month == 10


def test_a_missing_year_is_the_latest_past_one_or_for_a_call_the_next():
    now = Now(2024, 2, 10)
    (march,) = dates.find("on 3 March", "en")
    assert dates.resolve(march, now) == "2023-03-03"
    assert dates.resolve(march, now, future=True) == "2024-03-03"
    (range_,) = dates.find("from 28 December to 3 January", "en")
    assert dates.resolve(range_, now, future=True) == "2024-12-28"
    assert dates.resolve_end(range_, now, future=True) == "2025-01-03"
    assert dates.resolve(march, None) == ""


def test_the_first_publication_date_wins_over_a_reprint_date():
    now = dates.publication(["Friday 9 August 2024, by someone (Date first published: 2 August 2024)."], "en")
    assert now == Now(2024, 8, 2)


def test_weekdays_and_relative_dates_count_back_from_the_date_line():
    now = Now(2024, 9, 5)  # a Thursday
    assert dates.weekday("Police came on Wednesday.", "en", now) == "2024-09-04"
    assert dates.weekday("Police came on Thursday.", "en", now) == "2024-08-29"
    assert dates.weekday("Полиция пришла во вторник.", "ru", now) == "2024-09-03"
    assert dates.relative("He was jailed last year.", "en", now) == "2023"
    assert dates.relative("She has been in prison for a year now.", "en", now) == "2023-09"


def test_the_date_when_borrows_day_and_month_from_the_sentence_before():
    found = dates.in_sentences(["We remember 12 April every year.", "This is the date when in 2015 he died."], "en")
    assert [(m.year, m.month, m.day) for m in found[1]] == [(2015, 4, 12)]
