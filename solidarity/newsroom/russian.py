"""The Russian language models: Natasha's named-entity tagger and pymorphy3's dictionary.

Both run offline from files inside their PyPI packages: ``natasha`` ships the navec embeddings and the slovnet
NER weights (trained on Russian news, the very genre we read), ``pymorphy3-dicts-ru`` the OpenCorpora
dictionary. Nothing is fetched at run time; ``docs/newsroom.md`` lists the files and their SHA-256.

We load the files with slovnet and navec directly rather than through ``natasha.NewsNERTagger``: natasha's own
pipeline also builds pymorphy2's analyser, which no longer works on Python 3.11, and we need only the tagger.
pymorphy3 (the maintained fork) puts names back in the nominative: "Дарью Полюдову" → "Дарья Полюдова".
"""

from __future__ import annotations

import importlib.util
import logging
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

NAVEC_FILE = "emb/navec_news_v1_1B_250K_300d_100q.tar"
NER_FILE = "model/slovnet_ner_news_v1.tar"
FIRST_NAMES_FILE = "dict/first.txt"


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    kind: str  # PER, ORG or LOC
    text: str


def natasha_data() -> Path:
    """The data folder of the installed natasha package, found without importing natasha (whose import
    builds pymorphy2 objects we do not use)."""
    spec = importlib.util.find_spec("natasha")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("the natasha package is not installed")
    return Path(next(iter(spec.submodule_search_locations))) / "data"


@cache
def _tagger() -> Any:
    from navec import Navec
    from slovnet import NER

    data = natasha_data()
    tagger = NER.load(str(data / NER_FILE), batch_size=32)
    tagger.navec(Navec.load(str(data / NAVEC_FILE)))
    return tagger


@cache
def morph() -> Any:
    import pymorphy3

    logging.getLogger("pymorphy3").setLevel(logging.WARNING)  # it announces every dictionary it opens
    return pymorphy3.MorphAnalyzer(lang="ru")


def entities(texts: list[str], wanted: list[bool] | None = None) -> list[list[Span]]:
    """Named entities of the texts (sentences) that are ``wanted``, tagged in batches of similar length.

    The tagger pads every sentence of a batch to the longest one, so batching by length saves most of the
    padding's work. The caller skips sentences that cannot matter (``extract.py``: no status cue nearby and
    no organisation word), since the tagger is most of the time spent on a Russian article.
    """
    out: list[list[Span]] = [[] for _ in texts]
    chosen = [i for i, t in enumerate(texts) if (wanted is None or wanted[i]) and may_name(t)]
    chosen.sort(key=lambda i: len(texts[i]))
    if not chosen:
        return out
    tagger = _tagger()
    for index, markup in zip(chosen, tagger.map([texts[i] for i in chosen]), strict=True):
        text = texts[index]
        out[index] = [Span(s.start, s.stop, s.type, text[s.start : s.stop]) for s in markup.spans]
    return out


_FIRST_WORD = re.compile(r"\W*(\w+)")
_CAPITAL = re.compile(r"[А-ЯЁA-Z]")
# parts of speech a name is never read as: a sentence opening with one of these names nobody by its first word
_NEVER_NAMES = frozenset(
    ["NPRO", "PREP", "CONJ", "PRCL", "ADVB", "VERB", "INFN", "PRTS", "PRTF", "GRND", "PRED", "NUMR", "INTJ", "COMP"]
)
_PROPER = frozenset(["Name", "Surn", "Patr", "Geox", "Orgn", "Trad"])


def may_name(sentence: str) -> bool:
    """Whether the tagger could find a name here. Russian writes names, and only names and the first word of a
    sentence, with a capital, so a sentence whose only capital opens it names nobody unless that first word is a
    name ("Сорокина задержали…") or could be one: the dictionary decides. Skipping the others ("В августе её
    объявили в розыск.", "Суд назначил ей штраф…") saves the tagger a third of its sentences. An organisation's
    kind opening the sentence ("Комитет солидарности…") or a quotation mark ("«Мемориал» ликвидировали") is
    tagged: that is how a name starts."""
    first = _FIRST_WORD.match(sentence)
    if first is None:
        return False
    if _CAPITAL.search(sentence, first.end()):
        return True
    word = first.group(1)
    if not _CAPITAL.match(word):
        return False
    if first.start(1) > 0 or _ORG_WORDS.match(word):
        return True
    return not _plain_word(word.lower())


@cache
def _plain_word(word: str) -> bool:
    """A word the dictionary knows, and never as a name: no reading of it is a name, and it is a pronoun,
    preposition, verb… or a lifeless thing ("суд", "полиция"). Adjectives and living beings are not plain:
    Громовой, Белый, Лебедь, Коваль and Кузнец are surnames too."""
    analyser = morph()
    if not analyser.word_is_known(word):
        return False
    parses = analyser.parse(word)
    if any(_PROPER & p.tag.grammemes for p in parses):
        return False
    if parses[0].tag.POS in _NEVER_NAMES:
        return True
    return all(p.tag.POS == "NOUN" and "inan" in p.tag.grammemes for p in parses if p.score >= 0.05)


_ORG_WORDS = re.compile(
    r"«|(?<![а-яё])(?:парти|профсоюз|движени|групп|объединени|организаци|инициатив|издани|газет|канал|коалици|фонд|"
    r"центр|союз|комитет|сообществ)",
    re.IGNORECASE,
)


def worth_tagging(cue_sentences: list[bool], texts: list[str]) -> list[bool]:
    """Sentences whose names can matter: those with a status cue, the sentence before each (where the person
    a pronoun stands for is introduced) and those naming an organisation."""
    count = len(texts)
    return [
        cue_sentences[i] or (i + 1 < count and cue_sentences[i + 1]) or bool(_ORG_WORDS.search(texts[i]))
        for i in range(count)
    ]


def _capitalised(word: str, like: str) -> str:
    return word[:1].upper() + word[1:] if like[:1].isupper() else word


@cache
def nominative_name(name: str) -> str:
    """A Russian personal name in the nominative. The first name and the surname must agree in gender and
    case ("Марину Кузьмину" is a woman in the accusative, not the man's name "Марин"), so the pair of readings
    that agrees, and that the dictionary finds likeliest, decides both."""
    analyser = morph()
    words = name.split()
    if len(words) < 2:
        parses = analyser.parse(name.lower())
        chosen = _surname_parse(parses, None) or next((p for p in parses if "Name" in p.tag), None)
        return _capitalised(_nominative(chosen), name) if chosen is not None else name
    first_parses = [p for p in analyser.parse(words[0].lower()) if "Name" in p.tag]
    last_parses = analyser.parse(words[-1].lower())
    best = None
    for given in first_parses:
        for last in last_parses:
            agrees = last.tag.case == given.tag.case and (
                "ms-f" in last.tag or last.tag.gender == given.tag.gender or "Fixd" in last.tag
            )
            score = given.score + last.score + (2 if agrees else 0) + (0.5 if "Surn" in last.tag else 0)
            score += _CASE_PRIOR.get(given.tag.case or "", 0.0)
            if best is None or score > best[0]:
                best = (score, given, last)
    if best is None:
        parses = [analyser.parse(w.lower()) for w in words]
        chosen = [_surname_parse(ps, None) or (ps[0] if ps else None) for ps in parses]
        return " ".join(_capitalised(_nominative(c), w) if c else w for c, w in zip(chosen, words, strict=True))
    _, given, last = best
    middle = words[1:-1]
    out = [_capitalised(_nominative(given), words[0])]
    for word in middle:  # a patronymic agrees with the first name
        parses = [p for p in analyser.parse(word.lower()) if "Patr" in p.tag and p.tag.gender == given.tag.gender]
        out.append(_capitalised(_nominative(parses[0]), word) if parses else word)
    out.append(_capitalised(_nominative_as(last, given.tag.gender), words[-1]))
    return " ".join("-".join(_capitalised(part, part) for part in w.split("-")) for w in out)


# on a tie, news names people as subjects and objects of arrests more than as recipients: "Марину" is Марина
_CASE_PRIOR = {"nomn": 0.3, "accs": 0.2, "gent": 0.1}


def _nominative_as(parse: Any, gender: str | None) -> str:
    wanted = {"nomn", "sing"} | ({gender} if gender in ("masc", "femn") and "Fixd" not in parse.tag else set())
    inflected = parse.inflect(wanted) or parse.inflect({"nomn", "sing"})
    return inflected.word if inflected else parse.word


@cache
def gender(first_name: str) -> str | None:
    """ "masc" or "femn" for a Russian first name the dictionary knows, else ``None``."""
    parses = morph().parse(first_name.lower())
    given = next((p for p in parses if "Name" in p.tag), None)
    return given.tag.gender if given is not None and given.tag.gender in ("masc", "femn") else None


def _surname_parse(parses: list[Any], gender: str | None) -> Any:
    for p in parses:
        if ("Surn" in p.tag or "Patr" in p.tag) and (gender is None or "ms-f" in p.tag or p.tag.gender == gender):
            return p
    return None


def _nominative(parse: Any) -> str:
    if "nomn" in parse.tag and "sing" in parse.tag:
        return parse.word
    wanted = {"nomn", "sing"}
    if parse.tag.gender in ("masc", "femn") and parse.tag.POS in ("ADJF", "NOUN"):
        wanted.add(parse.tag.gender)
    inflected = parse.inflect(wanted) or parse.inflect({"nomn"})
    return inflected.word if inflected else parse.word


def lemma(word: str) -> str:
    """The dictionary form of a Russian word (for matching case endings of cue words)."""
    parses = morph().parse(word.lower())
    return parses[0].normal_form if parses else word.lower()
