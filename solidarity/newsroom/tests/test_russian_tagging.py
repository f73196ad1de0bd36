"""Which Russian sentences go to the name tagger: the tagger is most of a Russian article's time, so sentences
that cannot name anyone are skipped, and no sentence that can is."""

from __future__ import annotations

import pytest

from solidarity.newsroom import people, russian


@pytest.mark.parametrize(
    "sentence",
    [
        "Суд арестовал Ивана Петрова на два месяца.",  # a capital inside the sentence
        "В Новосибирске прошёл одиночный пикет.",
        "Его обвиняют по делу «Нового величия».",  # inside quotation marks
        "Сорокина задержали 10 марта у подъезда.",  # the sentence opens with a surname…
        "Громовой назначили штраф.",  # …one that is also an adjective
        "Мельников сказал, что продолжит работу.",
        "Комитет солидарности с антифашистами",  # an organisation's kind opens its name
        "«Мемориал» ликвидировали по решению суда.",  # a quoted name opens the sentence
        "Бойко задержали вчера вечером.",  # read first as an adverb, but also a surname
        "Лебедь задержали вчера вечером.",  # surnames the dictionary knows only as living things
        "Коваль арестовали на два месяца.",
        "Кузнец получил пять лет.",
        "Zhukov was detained.",
    ],
)
def test_sentences_that_may_name_someone_are_tagged(sentence):
    assert russian.may_name(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "В августе её объявили в розыск.",  # a preposition
        "Его обвиняют в оправдании терроризма.",  # a pronoun
        "Суд назначил ей штраф 40 тысяч рублей.",  # a common noun with no name reading
        "Полиция так и не нашла нападавших.",
        "Опубликовано 2 октября 2023",  # a participle
        "12 марта 2024 года",  # no capital at all
        "после этого его отпустили.",
        "",
    ],
)
def test_sentences_that_name_nobody_are_skipped(sentence):
    assert not russian.may_name(sentence)


def test_skipped_sentences_never_reach_the_tagger(monkeypatch):
    monkeypatch.setattr(russian, "_tagger", lambda: pytest.fail("the tagger was asked about a sentence"))
    texts = ["В августе её объявили в розыск.", "Суд назначил ей штраф."]
    assert russian.entities(texts) == [[], []]


def test_a_name_opening_the_sentence_is_still_found():
    texts = ["Сорокина задержали 10 марта у подъезда его дома.", "Ему вменяют участие в акции."]
    spans = russian.entities(texts)
    assert [s.text for s in spans[0] if s.kind == "PER"] == ["Сорокина"]
    cast = people.cast(texts, "ru", spans)
    assert [p.name for p in cast.people] == ["Сорокин"]
    assert [r.how for r in cast.refs[1]] == ["pronoun"]
