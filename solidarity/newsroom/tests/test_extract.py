"""End to end: whole articles, the seed calibration set against its gold file, and our own articles."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from django.conf import settings

from solidarity.newsroom import reading, scoring
from solidarity.newsroom.extract import extract_article, extract_text

HERE = Path(__file__).resolve().parent / "articles"
SHARED = Path(settings.BASE_DIR).parent / "shared"
CONTRACT_PERSON = ["name", "case", "charge", "status", "sentence", "organisation", "since", "evidence"]
STATUSES = {"detained", "searched", "interrogated", "charged", "custody", "house_arrest", "sentenced", "fined",
            "released", "attacked", "killed", "exiled", "wanted", "other"}  # fmt: skip


def run(folder: Path, gold_file: Path) -> tuple[dict, dict, dict]:
    gold = json.loads(gold_file.read_text(encoding="utf-8"))["documents"]
    articles = {name: reading.read_bytes((folder / name).read_bytes()) for name in gold}
    found = {name: extract_article(article) for name, article in articles.items()}
    figures, _ = scoring.score(gold, found)
    return figures, found, {name: a.text for name, a in articles.items()}


def assert_contract(result: dict, text: str) -> None:
    assert list(result) == ["language", "people", "organisations", "cases", "events", "call"]
    for person in result["people"]:
        assert list(person) == CONTRACT_PERSON
        assert person["status"] in STATUSES
        assert person["evidence"] in " ".join(text.split())  # the exact sentence, white space aside
        assert person["since"] is None or len(person["since"]) in (4, 7, 10)


@pytest.mark.skipif(not (SHARED / "gold" / "seeds.gold.json").exists(), reason="no ../shared/gold/seeds.gold.json")
def test_seed_articles_stay_at_or_above_the_goals():
    figures, found, texts = run(SHARED / "seeds", SHARED / "gold" / "seeds.gold.json")
    assert figures["people_f1"] >= 0.95
    assert figures["status"] >= 0.9
    assert figures["case"] >= 0.85
    assert figures["charge"] >= 0.85
    assert figures["call_dates"] == 1.0
    for name, result in found.items():
        assert_contract(result, texts[name])


def test_our_own_articles_generalise():
    figures, found, texts = run(HERE, HERE / "expected.json")
    assert figures["people_f1"] >= 0.95
    assert figures["status"] >= 0.9
    assert figures["case"] >= 0.85
    assert figures["charge"] >= 0.85
    assert figures["call_dates"] == 1.0
    assert figures["call_detected"] == 1.0
    for name, result in found.items():
        assert_contract(result, texts[name])
        assert result["language"] == name[:2]


def test_an_enumeration_shares_its_verb_and_a_speaker_is_not_the_subject():
    text = (
        "Kazan, 4 May 2024\n\n"
        "Police detained Marat Ilyasov, Ruslan Akhmetov and Elvira Galimova, members of the Free Kazan group, "
        "on 2 May.\n\n"
        "Their lawyer, Alexei Goncharov, said that they were beaten in custody."
    )
    result = extract_text(text)
    people = {p["name"]: p for p in result["people"]}
    assert set(people) == {"Marat Ilyasov", "Ruslan Akhmetov", "Elvira Galimova"}
    assert {p["organisation"] for p in people.values()} == {"Free Kazan"}
    assert {p["since"] for p in people.values()} == {"2024-05-02"}


def test_an_article_with_no_measures_proposes_no_people():
    result = extract_text("Anna Belova, a poet from Tver, read new poems at the library on 3 June 2024.")
    assert result["people"] == []
    assert result["call"] is None


def test_a_call_in_russian():
    text = (
        "Призыв к неделе солидарности с политзаключёнными 1–7 декабря\n\n"
        "15 ноября 2025\n\n"
        "Мы призываем провести пикеты у консульств и вечера писем политзаключённым.\n\n"
        "Свободу политзаключённым!\n\n"
        "Отчёты присылайте на week@example.org.\n\n"
        "Сеть солидарности"
    )
    call = extract_text(text)["call"]
    assert call["start"] == "2025-12-01" and call["end"] == "2025-12-07"
    assert call["slogans"] == ["Свободу политзаключённым!"]
    assert call["demands"] == ["свободу политзаключённым"]
    assert call["report_to"] == "week@example.org"
    assert call["organiser"] == "Сеть солидарности"
    assert "пикеты у консульств" in call["suggested_actions"]
