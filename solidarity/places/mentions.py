"""Finding the city a free text is about ("Picket in München today", "Пикет в Берлине", "İstanbul'da").

:func:`~solidarity.places.geocode.resolve` reads a field where someone typed a place; this reads a whole message
where the place is one phrase among many. Every capitalised word and run of up to three words is looked up in
the offline gazetteer (alternate names, Slavic, Polish, Czech and Finnish case endings, Hebrew prefixes), and
each hit is scored: a preposition before it ("in", "в", "w", "à"), a country named elsewhere in the text, the
city's population, being a several-word name. Many gazetteer names are also ordinary words ("Most", "Police",
"Nice"), so a word the caller lists as common needs a preposition to count, and a capital letter at the start
of a sentence proves nothing.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass

from solidarity.places.countries import _lookup as _country_names
from solidarity.places.geocode import City, _gazetteer
from solidarity.places.text import fold

_TOKEN = re.compile(r"[^\W\d_][^\W\d_'’]*", re.UNICODE)
_JOINERS = re.compile(r"^[ \t\-‐.’']{0,3}$")
_PREPOSITIONS = {
    "in", "at", "from", "near", "im", "aus", "bei", "vor", "à", "a", "au", "en", "de", "em", "no", "na", "di",
    "da", "w", "we", "z", "ze", "v", "ve", "u", "i", "på", "från", "op", "bij", "uit", "te", "в", "во", "у", "из",
    "з", "із", "під", "под", "біля", "около", "ב", "מ", "ל",
}  # fmt: skip
_CYRILLIC_ENDINGS = ("ами", "ями", "ом", "ем", "ой", "ей", "е", "у", "ю", "а", "я", "і", "и", "ы")
# folded Polish/Czech locatives → nominative endings: Krakowie → Krakow, Warszawie → Warszawa, Praze → Praha
_LATIN_SLAVIC = (
    ("awie", "awa"), ("owie", "ow"), ("niu", "n"), ("wiu", "w"), ("iu", ""), ("sku", "sk"), ("ku", "k"),
    ("nie", "n"), ("ie", ""), ("ze", "ha"), ("ne", "no"), ("e", ""), ("u", ""), ("e", "a"), ("i", "a"),
)  # fmt: skip
# folded Finnish inessive/adessive/elative → nominative, with the gradations of the big cities (Helsingissä, Turussa)
_FINNISH = (
    ("ngissa", "nki"), ("ngista", "nki"), ("russa", "rku"), ("rusta", "rku"), ("issa", "i"), ("ista", "i"),
    ("ssa", ""), ("sta", ""), ("eella", "e"), ("lla", ""), ("lta", ""), ("n", ""),
)  # fmt: skip
_HEBREW_PREFIXES = "בלמוה"


@dataclass(frozen=True)
class Mention:
    city: City
    start: int
    end: int
    score: float


@dataclass(frozen=True)
class _Token:
    start: int
    end: int
    text: str
    key: str


def find_city(text: str, *, ignore: Iterable[str] = (), subject_end: int = 0) -> Mention | None:
    """The city ``text`` most likely reports from, or ``None``; ``ignore`` lists folded common words."""
    mentions = find_cities(text, ignore=ignore, subject_end=subject_end)
    return mentions[0] if mentions else None


def find_cities(text: str, *, ignore: Iterable[str] = (), subject_end: int = 0) -> list[Mention]:
    """Every city mentioned in ``text``, best first (non-overlapping)."""
    text = text[:8000]
    common = frozenset(ignore)
    tokens = [_Token(m.start(), m.end(), m.group(), fold(m.group())) for m in _TOKEN.finditer(text)]
    countries = _countries(tokens, text)
    found: list[Mention] = []
    for i in range(len(tokens)):
        if _lower_case(tokens[i].text):
            continue
        for n in (3, 2, 1):
            run = tokens[i : i + n]
            if len(run) < n or not _joined(text, run):
                continue
            mention = _mention(text, tokens, i, run, countries, common, subject_end)
            if mention:
                found.append(mention)
                break
    chosen: list[Mention] = []
    for mention in sorted(found, key=lambda m: (-m.score, m.start)):
        if all(mention.end <= c.start or mention.start >= c.end for c in chosen):
            chosen.append(mention)
    return chosen


def _lower_case(word: str) -> bool:
    """A word of a cased script written in lower case: an ordinary word, not a name."""
    return word[0].lower() != word[0].upper() and not word[0].isupper()


def _joined(text: str, run: list[_Token]) -> bool:
    return all(_JOINERS.match(text[a.end : b.start]) for a, b in zip(run, run[1:], strict=False))


def _mention(
    text: str,
    tokens: list[_Token],
    i: int,
    run: list[_Token],
    countries: set[str],
    common: frozenset[str],
    subject_end: int,
) -> Mention | None:
    key = " ".join(t.key for t in run)
    before = tokens[i - 1].key if i else ""
    after_preposition = before in _PREPOSITIONS and _JOINERS.match(text[tokens[i - 1].end : run[0].start]) is not None
    ids = _lookup(key, after_preposition)
    if not ids:
        return None
    if len(run) == 1 and (key in common or len(key) < 3) and not after_preposition:
        return None
    cities = _gazetteer()[0]
    city = next((cities[g] for g in ids if cities[g].country_code in countries), cities[ids[0]])
    score = 0.45 + 0.2 * min(1.0, max(0.0, (math.log10(max(city.population, 1)) - 4) / 3))
    score += 0.2 * after_preposition + 0.1 * (len(run) > 1) + 0.2 * (city.country_code in countries)
    score += 0.05 * (run[0].start < subject_end) + 0.05 * (fold(city.name) == key)
    if key in common:
        score -= 0.3
    if key in _country_names():  # "Mexico", "USA": a country named, seldom its namesake city
        score -= 0.25
    if not after_preposition and _sentence_start(text, run[0].start):
        score -= 0.15
    return Mention(city, run[0].start, run[-1].end, round(min(score, 0.97), 3))


def _sentence_start(text: str, start: int) -> bool:
    before = text[max(0, start - 3) : start].strip()
    return start == 0 or not before or before[-1] in ".!?:\n"


def _lookup(key: str, after_preposition: bool) -> tuple[int, ...]:
    """Ids of every city any reading of ``key`` names, most populous first ("Brně" is Brno's locative and an
    old name of Bern: the bigger city wins unless a country says otherwise)."""
    names, cities = _gazetteer()[1], _gazetteer()[0]
    ids: set[int] = set()
    for variant in _variants(key, after_preposition):
        if len(variant) >= 3 and variant in names:
            ids.update(names[variant])
    return tuple(sorted(ids, key=lambda g: -cities[g].population))


def _variants(key: str, after_preposition: bool) -> list[str]:
    variants = [key]
    last = key.rsplit(" ", 1)[-1]
    head = key[: len(key) - len(last)]
    if re.search(r"[а-яёіїєґ]", last):
        for ending in _CYRILLIC_ENDINGS:
            if last.endswith(ending) and len(last) - len(ending) >= 3:
                stem = last[: -len(ending)]
                variants += [head + stem + tail for tail in ("", "а", "ь", "и")]
        if last.endswith(("ові", "єві", "еві")):  # Ukrainian locative of -ів cities: Львові → Львів, Києві → Київ
            variants.append(head + last[:-3] + "ів")
    elif re.search(r"[\u0590-\u05ff]", key):
        if key[0] in _HEBREW_PREFIXES and len(key) > 3:
            variants.append(key[1:])
    elif after_preposition or len(last) > 6:
        for table in (_LATIN_SLAVIC, _FINNISH):
            for ending, tail in table:
                if last.endswith(ending) and len(last) - len(ending) >= 2:
                    variants.append(head + last[: -len(ending)] + tail)
    return variants


def _countries(tokens: list[_Token], text: str) -> set[str]:
    """Countries named anywhere in the text (any language, Slavic case endings too): they settle ambiguity."""
    found: set[str] = set()
    table = _country_names()
    for i in range(len(tokens)):
        if _lower_case(tokens[i].text):
            continue
        for n in (3, 2, 1):
            run = tokens[i : i + n]
            if len(run) < n or not _joined(text, run):
                continue
            key = " ".join(t.key for t in run)
            for variant in _variants(key, True)[:6]:
                short = n == 1 and run[0].text.isupper() and len(run[0].text) >= 2
                code = table.get(variant) if len(variant) > 3 or n > 1 or short else None
                if code:
                    found.add(code)
                    break
    return found
