"""Dated events an article reports: protests, pickets, strikes, broadcasts, international days.

An event is a sentence that names a kind of gathering and gives it a date with at least a month; its place is
a city after "in"/"near" (resolved by the offline gazetteer of ``places/geocode.py``) or a country. These are
proposals for the calendar, so recall matters less than not inventing: one event per sentence at most, and
only with a date.
"""

from __future__ import annotations

import re
from typing import Any

from solidarity.newsroom import dates
from solidarity.newsroom.dates import DateMention, Now
from solidarity.places import geocode
from solidarity.places.countries import country_name, find_country

_KINDS = [
    ("international_day", re.compile(r"\b(?:International|World) Day of [A-Z][\w' -]+|Международн\w+ день [^,.]+")),
    ("broadcast", re.compile(r"\b(?:broadcast|marathon|livestream|stream)\w*|трансляци\w+|марафон\w*", re.I)),
    ("picket", re.compile(r"\bpickets?\b|пикет\w*", re.I)),
    ("strike", re.compile(r"\bstrikes?\b|\bstrike action\b|забастовк\w+|стачк\w+", re.I)),
    ("march", re.compile(r"\bmarch(?:es)?\b(?! \d)|шестви\w+|марш\w*", re.I)),
    ("vigil", re.compile(r"\bvigils?\b", re.I)),
    ("concert", re.compile(r"\bconcerts?\b|концерт\w*", re.I)),
    (
        "rally",
        re.compile(r"\b(?:protests?|rall(?:y|ies)|demonstrations?)\b|протест\w*|митинг\w*|акци\w+ протеста", re.I),
    ),
]
_CALLED = re.compile(r"\b(?:called|named|entitled)\s+(?:the\s+)?((?:[A-Z][\w'’-]*\s*)+)")
_PLACE = re.compile(
    r"\b(?:in|near|outside|at)\s+((?:St\.\s+)?[A-Z][\w-]+(?:\s+[A-Z][\w-]+)?)"
    r"|(?<![а-яё])(?:в|во|у)\s+([А-ЯЁ][а-яё-]+)"
)


def find(sentences: list[str], found: list[list[DateMention]], now: Now | None, lang: str) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for sentence, mentions in zip(sentences, found, strict=True):
        dated = [m for m in mentions if m.month]
        if not dated:
            continue
        kind, match = next(((k, m) for k, p in _KINDS if (m := p.search(sentence))), ("", None))
        if match is None:
            continue
        mention = min(dated, key=lambda m: abs(m.start - match.start()))
        city, country = _place(sentence, lang)
        out.append(
            {
                "title": _title(sentence, match, kind),
                "date": dates.resolve(mention, now) or None,
                "city": city,
                "country": country,
                "kind": kind,
            }
        )
    return out


def _title(sentence: str, match: re.Match[str], kind: str) -> str:
    called = _CALLED.search(sentence)
    if called:
        return called.group(1).strip()
    if kind == "international_day":
        return match.group(0).strip()
    clause = re.split(r"[,;:]|\s[-–—]\s", sentence[match.start() :])[0]
    words = clause.split()[:9]
    title = " ".join(words).rstrip(".!?")
    return title[:1].upper() + title[1:]


def _place(sentence: str, lang: str) -> tuple[str | None, str | None]:
    country = None
    for m in _PLACE.finditer(sentence):
        words = (m.group(1) or m.group(2) or "").strip()
        code = find_country(words)
        if code:
            country = country or country_name(code)
            continue
        candidate = f"в {words}" if lang == "ru" else words
        city = geocode.resolve(candidate)
        if city and city.population >= 100000:
            return city.name, city.country
    return None, country
