"""Finding the people an article talks about, and every later reference to each of them.

English: a person is a run of capitalised words that starts with a known first name ("Kirill Ukraintsev"), or
a pair whose second word has a Slavic surname ending ("Deniz Aydin" fails that, "Xenia Poluyanova" passes).
First names come from natasha's dictionary of Russian first names, transliterated, plus our short list of
other names (``gazetteers/first_names.txt``); both are compared as spelling skeletons from
``registry/names.py``, so Daria, Darya and Дарья are one name. Titles and nationalities before a name are left
out ("Russian President Vladimir Putin" → "Vladimir Putin").

Russian: natasha's NER tags the people, and pymorphy3 puts them back in the nominative.

Then references: a surname alone ("Varlamov, whom the police had warned") is the person with that surname named
earlier (Russian case endings allowed), and a sentence opening with "He"/"She" or "They" continues the
story of the last person, or the last group of people, named. That is what lets "They were beaten in custody" give
the six defendants of the previous sentence what it says.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from solidarity.newsroom import russian
from solidarity.registry import names as _names
from solidarity.registry.names import skeleton_word, stems, transliterate

# one article repeats each name many times; its skeleton is worked out once
skeleton = cache(_names.skeleton)

_CAP = r"[A-ZÀ-ÖØ-ÞĀ-ſ][a-zà-öø-ÿā-ſ]+(?:-[A-ZÀ-Þ]?[a-zà-öø-ÿ]+)?"
_INITIAL = r"[A-Z]\."
_RUN = re.compile(
    rf"(?<![\w'’-])(?:{_CAP}|{_INITIAL})(?:\s+(?:(?:de|da|van|von|der|al|bin|ibn|el|di|du|dos)\s+)?"
    rf"(?:{_CAP}|{_INITIAL})){{1,4}}(?![\w-])"
)
_TOKEN = re.compile(rf"{_CAP}|{_INITIAL}|de|da|van|von|der|al|bin|ibn|el|di|du|dos")
_SURNAME_ENDING = re.compile(
    r"(?:ov|ova|ev|eva|yov|yova|in|ina|yn|yna|sky|ski|skiy|skii|skaya|ska|enko|uk|yuk|chuk|ich|vich|ko|ik|yk"
    r"|ets|ian|yan|dze|shvili|aya|oy|iy|ii|iev|ieva)$"
)
_PATRONYMIC = re.compile(r"(?:ovich|evich|ovna|evna|ich|ichna)$")
_NOT_NAMES_FILE = Path(__file__).resolve().parent / "gazetteers" / "not_name_words.txt"
# his/her/their stand for a person at the head of a clause, or before what happened to them ("ordered his
# arrest"); elsewhere they are too often someone else's ("their lawyer")
_EN_PRONOUN = re.compile(
    r"(?:^|(?<=[,;:]\s)|(?<=\band\s))(?:[Hh]is|[Hh]er|[Tt]heir)\b|\b(?:[Hh]is|[Hh]er|[Tt]heir)(?=\s+(?:arrest|"
    r"detention|release|trial|sentence|conviction|home|flat|apartment|house)\b)|\b(?:[Hh]e|[Ss]he|[Tt]hey)\b"
    r"|\b(?:[Aa]ll (?:two|three|four|five|six|seven|eight|nine|ten)|[Bb]oth|[Tt]he (?:two|three|four|five|six) "
    r"(?:of them|men|women|activists|defendants|workers))\b"
)
_RU_PRONOUN = re.compile(
    r"(?<![а-яё])(?:[Оо]н|[Оо]на|[Оо]ни|[Ее]го|[Её]ё|[Ее]е|[Ии]х|[Ее]му|[Ее]й|[Нн]его|[Нн]её|[Нн]ее|[Нн]ему|[Нн]ей|"
    r"[Ии]м|[Нн]им|[Вв]се (?:двое|трое|четверо|пятеро|шестеро)|[Оо]ба|[Оо]бе)(?![а-яё])"
)
_SINGULAR = {"he", "she", "his", "her", "он", "она", "его", "её", "ее", "ему", "ей", "него", "неё", "нее", "нему"}
_SINGULAR.add("ней")

GAZETTEER = Path(__file__).resolve().parent / "gazetteers" / "first_names.txt"


@cache
def not_names() -> frozenset[str]:
    lines = _NOT_NAMES_FILE.read_text(encoding="utf-8").splitlines()
    return frozenset(word for line in lines if not line.startswith("#") for word in line.split())


@cache
def first_names() -> frozenset[str]:
    """Skeletons of every first name we know, in Latin letters."""
    words: set[str] = set()
    for line in GAZETTEER.read_text(encoding="utf-8").splitlines():
        if not line.startswith("#"):
            words.update(skeleton_word(w) for w in line.lower().split())
    try:
        dictionary = russian.natasha_data() / russian.FIRST_NAMES_FILE
        for line in dictionary.read_text(encoding="utf-8").splitlines():
            name = line.split("#")[0].strip()
            if len(name) > 2:
                words.add(skeleton_word(transliterate(name)))
    except (RuntimeError, OSError):
        pass
    return frozenset(words)


def is_first_name(word: str) -> bool:
    key = skeleton_word(transliterate(word))
    return len(key) > 1 and key in first_names()


@dataclass(frozen=True)
class NameSpan:
    start: int
    end: int
    name: str


def english_names(sentence: str) -> list[NameSpan]:
    """Full names (at least first name and surname) in an English sentence."""
    found: list[NameSpan] = []
    for run in _RUN.finditer(sentence):
        tokens = [(m.start() + run.start(), m.end() + run.start(), m.group()) for m in _TOKEN.finditer(run.group())]
        found.extend(_names_in_run(tokens))
    return found


def _names_in_run(tokens: list[tuple[int, int, str]]) -> list[NameSpan]:
    out: list[NameSpan] = []
    i = 0
    while i < len(tokens) - 1:
        word = tokens[i][2]
        if word in not_names() or not word[:1].isupper():
            i += 1
            continue
        length = _name_length(tokens, i)
        if length and i + length < len(tokens) and tokens[i + length][2] not in not_names():
            length = 0  # "Amur Green Watch": a longer proper name, not a person
        if length:
            start, end = tokens[i][0], tokens[i + length - 1][1]
            out.append(NameSpan(start, end, " ".join(t[2] for t in tokens[i : i + length])))
            i += length
        else:
            i += 1
    return out


def _name_length(tokens: list[tuple[int, int, str]], i: int) -> int:
    """How many tokens from ``i`` make a name (0: none starts here)."""
    rest = [t[2] for t in tokens[i:]]
    first = rest[0]
    usable = 1
    while usable < len(rest) and rest[usable] not in not_names():
        usable += 1
    if usable < 2:
        return 0
    known = is_first_name(first) and not first.endswith(".")
    if not known and not (
        usable == 2 and _SURNAME_ENDING.search(rest[1].lower()) and len(rest[1]) > 3 and not is_first_name(rest[1])
    ):
        return 0
    second = rest[1]
    if usable >= 3 and (second.endswith(".") or _PATRONYMIC.search(second.lower()) or rest[2] in ("de", "van")):
        return 4 if usable >= 4 and rest[2] in ("de", "van", "von", "al", "bin", "da", "di", "du") else 3
    if second in ("de", "da", "van", "von", "der", "al", "bin", "ibn", "el", "di", "du", "dos") and usable >= 3:
        return 3
    return 2


def russian_names(sentence: str, spans: list[russian.Span]) -> list[NameSpan]:
    """Natasha's PER spans as names in the nominative."""
    return [NameSpan(s.start, s.end, russian.nominative_name(s.text)) for s in spans if s.kind == "PER"]


@dataclass
class Person:
    name: str
    key: str  # skeleton of the full name
    surname_stems: frozenset[str]
    word_stems: tuple[frozenset[str], ...] = ()  # each word of ``key`` with its case-less stems
    gender: str | None = None  # known for Russian first names; lets "ему" skip the woman named before
    mentions: list[tuple[int, int, int]] = field(default_factory=list)  # (sentence, start, end)


@dataclass(frozen=True)
class Ref:
    """A reference to a person in one sentence: by name, by surname alone, or by a pronoun."""

    person: int
    start: int
    end: int
    how: str  # "name", "surname" or "pronoun"


def _surname_stems(name: str) -> frozenset[str]:
    words = skeleton(name).split()
    return frozenset(stems(words[-1])) if words else frozenset()


class Cast:
    """The people of one article and, for each sentence, the references to them."""

    def __init__(self) -> None:
        self.people: list[Person] = []
        self.refs: list[list[Ref]] = []
        self._forms: dict[str, frozenset[str]] = {}  # a capitalised word's surname stems, once per article

    def person_for(self, name: str) -> int:
        key = skeleton(name)
        mine = _word_stems(key)
        for index, person in enumerate(self.people):
            if person.key == key or _same_words(person.word_stems, mine):
                return index
        first = name.split()[0]
        known = russian.gender(first) if len(name.split()) > 1 and re.match(r"[А-ЯЁ]", first) else None
        self.people.append(
            Person(name=name, key=key, surname_stems=_surname_stems(name), word_stems=mine, gender=known)
        )
        return len(self.people) - 1

    def by_surname(self, word: str) -> int | None:
        forms = self._forms.get(word)
        if forms is None:
            forms = self._forms[word] = frozenset(stems(skeleton_word(transliterate(word))))
        matches = [i for i, p in enumerate(self.people) if len(p.key.split()) > 1 and forms & p.surname_stems]
        return matches[-1] if len(matches) == 1 or len(set(matches)) == 1 else None


def _word_stems(key: str) -> tuple[frozenset[str], ...]:
    return tuple(frozenset(stems(word)) for word in key.split())


def _same_words(known: tuple[frozenset[str], ...], name: tuple[frozenset[str], ...]) -> bool:
    """The same person when every word of the two names shares a stem: "Дарьи Полюдовой" and "Дарья Полюдова"."""
    if len(known) != len(name) or not name:
        return False
    return all(a & b for a, b in zip(known, name, strict=True))


def cast(sentences: list[str], lang: str, russian_spans: list[list[russian.Span]] | None = None) -> Cast:
    """Every person of the article and every reference to them, sentence by sentence."""
    result = Cast()
    named: list[list[NameSpan]] = []
    for index, sentence in enumerate(sentences):
        if lang == "ru":
            spans = russian_names(sentence, (russian_spans or [])[index] if russian_spans else [])
        else:
            spans = english_names(sentence)
        named.append(spans)
    full = [[s for s in spans if len(s.name.split()) > 1] for spans in named]
    for spans in full:
        for span in spans:
            result.person_for(span.name)
    word = re.compile(r"[A-ZА-ЯЁ][\w'’-]+")
    previous: list[Ref] = []
    for index, sentence in enumerate(sentences):
        refs: list[Ref] = []
        for span in full[index]:
            person = result.person_for(span.name)
            refs.append(Ref(person, span.start, span.end, "name"))
        covered = [(r.start, r.end) for r in refs]
        for match in word.finditer(sentence):
            if any(s <= match.start() < e for s, e in covered):
                continue
            person = result.by_surname(match.group().rstrip("'’s"))
            if person is not None:
                refs.append(Ref(person, match.start(), match.end(), "surname"))
        if lang == "ru":  # a lone first name or surname natasha found and no full name explains: a person
            for span in named[index]:
                lone = len(span.name.split()) == 1 and not any(r.start <= span.start < r.end for r in refs)
                if lone and span.name[:1].isupper() and not is_first_name(span.name):
                    refs.append(Ref(result.person_for(span.name), span.start, span.end, "name"))
        refs.extend(_pronoun_refs(sentence, lang, previous, refs, result))
        refs.sort(key=lambda r: r.start)
        result.refs.append(refs)
        for ref in refs:
            result.people[ref.person].mentions.append((index, ref.start, ref.end))
        if any(r.how != "pronoun" for r in refs):
            previous = [r for r in refs if r.how != "pronoun"]
        elif not refs and index and sentences[index - 1].strip() and _paragraph_break(sentence):
            previous = []
    return result


def _paragraph_break(sentence: str) -> bool:
    return sentence.endswith("?")  # an interviewer's question starts a new topic


_MASCULINE = {"he", "his", "он", "его", "ему", "него", "нему"}


def _pronoun_refs(sentence: str, lang: str, previous: list[Ref], own: list[Ref], cast: Cast) -> list[Ref]:
    if not previous:
        return []
    pattern = _RU_PRONOUN if lang == "ru" else _EN_PRONOUN
    out: list[Ref] = []
    for match in pattern.finditer(sentence):
        if any(r.start < match.start() for r in own if r.how != "pronoun"):
            break  # a name earlier in the sentence is what the pronoun most likely stands for
        word = match.group(0).lower()
        singular = word in _SINGULAR
        people = list(dict.fromkeys(r.person for r in previous))
        if singular:
            wanted = "masc" if word in _MASCULINE else "femn"
            fitting = [p for p in people if cast.people[p].gender in (None, wanted)] or people
            # the subject of the last sentence, unless its gender rules it out
            out.append(Ref(fitting[0], *match.span(), "pronoun"))
        elif len(people) >= 2:
            out.extend(Ref(p, *match.span(), "pronoun") for p in people)
        break
    return out
