"""Matching names across spellings and scripts: Oleinik, Oleynik and Олейник are one person.

Names reach the registry from English, Russian and Ukrainian articles, each transliterating differently
(Alexei / Aleksey / Alexey / Алексей, Daria / Darya / Дарья). Rather than list every variant, each spelling is
reduced to a *skeleton*: Cyrillic is transliterated, diacritics dropped, and the letters transliteration
systems disagree on are merged (y/j/i, x/ks, kh/h, ts/tz/c, doubled letters). Two spellings of one name share
a skeleton; the index stores skeletons, and a search reduces the query the same way.

Russian and Ukrainian inflect names ("письмо Олейнику", "дело Олейника"), so a query word also matches after
its case ending is removed (``stems``). This module knows nothing of models; selectors and the newsroom use it.
"""

from __future__ import annotations

import re
import unicodedata

_CYRILLIC = {
    "а": "a",
    "б": "b",
    "в": "v",
    "г": "g",
    "ґ": "g",
    "д": "d",
    "е": "e",
    "ё": "e",
    "є": "ye",
    "ж": "zh",
    "з": "z",
    "и": "i",
    "і": "i",
    "ї": "yi",
    "й": "y",
    "к": "k",
    "л": "l",
    "м": "m",
    "н": "n",
    "о": "o",
    "п": "p",
    "р": "r",
    "с": "s",
    "т": "t",
    "у": "u",
    "ф": "f",
    "х": "kh",
    "ц": "ts",
    "ч": "ch",
    "ш": "sh",
    "щ": "shch",
    "ъ": "",
    "ы": "y",
    "ь": "",
    "э": "e",
    "ю": "yu",
    "я": "ya",
}

_SIGN_BEFORE_VOWEL = re.compile(r"[ьъ](?=[еёюяиіо])")

# Applied in order to a lower-case Latin spelling; each merges letters that transliterations disagree on.
_MERGES = [
    (re.compile(r"x"), "ks"),
    (re.compile(r"w"), "v"),
    (re.compile(r"kh"), "h"),
    (re.compile(r"tz|ts|cz"), "c"),
    (re.compile(r"ck"), "k"),
    (re.compile(r"ph"), "f"),
    (re.compile(r"[yj]"), "i"),
    (re.compile(r"(.)\1+"), r"\1"),
]

_SEPARATORS = re.compile(r"[^a-z0-9]+")

# Case endings of Russian and Ukrainian nouns and surnames, longest first, as skeletons (after _MERGES).
_ENDINGS = sorted(
    {"a", "u", "om", "im", "oi", "ei", "ou", "e", "i", "ogo", "omu", "ami", "ah", "am", "oiu", "uiu", "iu"},
    key=len,
    reverse=True,
)
_MIN_STEM = 4


def transliterate(text: str) -> str:
    """Cyrillic letters to a plain Latin spelling; other scripts' diacritics dropped."""
    # a soft or hard sign before a vowel is heard as "y" (Дарья → Darya, Дарье → Darye); elsewhere silent
    lowered = _SIGN_BEFORE_VOWEL.sub("й", text.casefold())
    out = "".join(_CYRILLIC.get(ch, ch) for ch in lowered)
    decomposed = unicodedata.normalize("NFKD", out)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def skeleton_word(word: str) -> str:
    """One word's skeleton (already transliterated and lower-case)."""
    for pattern, replacement in _MERGES:
        word = pattern.sub(replacement, word)
    return word


def skeleton(text: str) -> str:
    """A name's skeleton: the words of its transliteration with spelling differences merged.

    >>> skeleton("Oleynik") == skeleton("Oleinik") == skeleton("Олейник")
    True
    """
    words = _SEPARATORS.split(transliterate(text))
    return " ".join(skeleton_word(w) for w in words if w)


def stems(word: str) -> list[str]:
    """A skeleton word and, if it could be an inflected form, the word without its case ending."""
    found = [word]
    for ending in _ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= _MIN_STEM:
            found.append(word[: -len(ending)])
    return found


def search_text(*names: str) -> str:
    """What the index stores for a record with these names: every skeleton word once, space-delimited on both
    sides so that a search can ask for a word that *starts* with the query (``LIKE '% oleinik%'``)."""
    words: list[str] = []
    for name in names:
        for word in skeleton(name).split():
            if word not in words:
                words.append(word)
    return f" {' '.join(words)} " if words else ""


def query_words(query: str) -> list[list[str]]:
    """For each word of a search, the forms any of which must begin a word of the record's index."""
    return [stems(word) for word in skeleton(query).split()]


def same_name(a: str, b: str) -> bool:
    """Whether two spellings name the same person: equal skeletons, or equal after case endings are removed
    from every word ("Никиты Олейника" and "Nikita Oleinik")."""
    left, right = skeleton(a).split(), skeleton(b).split()
    if left == right:
        return True
    if len(left) != len(right) or not left:
        return False
    return all(set(stems(x)) & set(stems(y)) for x, y in zip(left, right, strict=True))
