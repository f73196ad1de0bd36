"""Which language a report is written in, offline and in microseconds.

The script settles Hebrew at once; Ukrainian and Russian differ in a few letters (і ї є ґ against ы э ъ ё);
among Latin-script languages the common short words decide. Good enough for a moderator's filter and for
choosing which words "yesterday" and "hier" mean; no model to download, nothing sent anywhere.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from solidarity.intake.words_actions import COMMON

_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
_HEBREW = re.compile(r"[\u0590-\u05ff]")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_UK_ONLY = set("іїєґ")
_RU_ONLY = set("ыэъё")
# letters that point at one Latin-script language
_LETTERS = {
    "de": set("äöüß"), "fr": set("çèêëàâîôûœ"), "es": set("ñ¿¡"), "pt": set("ãõç"), "pl": set("ąęłńśźż"),
    "cs": set("ěščřžůťďň"), "fi": set("äö"), "sv": set("åäö"), "tr": set("ğışç"),
}  # fmt: skip


@dataclass(frozen=True)
class Language:
    code: str
    confidence: float


@cache
def _common() -> dict[str, tuple[str, ...]]:
    table: dict[str, list[str]] = {}
    for code, words in COMMON.items():
        for word in words:
            table.setdefault(word, []).append(code)
    return {word: tuple(codes) for word, codes in table.items()}


def detect(text: str) -> Language:
    """The language of ``text`` with a confidence in [0, 1]; English at 0 when there is nothing to go on."""
    sample = text[:3000].casefold()
    if not sample.strip():
        return Language("en", 0.0)
    hebrew, cyrillic = len(_HEBREW.findall(sample)), len(_CYRILLIC.findall(sample))
    letters = sum(ch.isalpha() for ch in sample) or 1
    if hebrew / letters > 0.3:
        return Language("he", 0.95)
    if cyrillic / letters > 0.3:
        uk, ru = sum(ch in _UK_ONLY for ch in sample), sum(ch in _RU_ONLY for ch in sample)
        score = _scores(sample)
        uk += score.get("uk", 0)
        ru += score.get("ru", 0)
        if uk == ru:
            return Language("ru", 0.5)
        return Language("uk" if uk > ru else "ru", round(max(uk, ru) / (uk + ru), 2))
    score = _scores(sample)
    for code, marks in _LETTERS.items():
        score[code] = score.get(code, 0) + 0.5 * sum(ch in marks for ch in sample)
    latin = {k: v for k, v in score.items() if k not in ("ru", "uk", "he")}
    if not latin or max(latin.values()) == 0:
        return Language("en", 0.1)
    ranked = sorted(latin.items(), key=lambda item: -item[1])
    best, top = ranked[0]
    second = ranked[1][1] if len(ranked) > 1 else 0
    return Language(best, round(top / (top + second), 2))


def _scores(sample: str) -> dict[str, float]:
    common = _common()
    scores: dict[str, float] = {}
    for word in _WORD.findall(sample):
        for code in common.get(word, ()):
            scores[code] = scores.get(code, 0) + 1
    return scores
