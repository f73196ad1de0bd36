"""Which language an article is written in, from its script and its commonest short words.

A statistical identifier (fastText, CLD) would be another model to ship and vouch for; for telling apart the
handful of languages our articles come in, the script plus a few dozen function words per language is exact
on any paragraph-length text and costs microseconds. Languages we recognise but cannot extract from yet are
named, so that the refusal says which language it was rather than guessing.
"""

from __future__ import annotations

import re
from collections import Counter

from django.utils.translation import gettext_lazy as _

SUPPORTED = ("en", "ru")

_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
_UKRAINIAN_LETTERS = re.compile(r"[іїєґІЇЄҐ]")
_BELARUSIAN_LETTERS = re.compile(r"[ўЎ]")

_FUNCTION_WORDS = {
    "en": "the of and to in is was that for on are with as by at from his her they have has been were which this",
    "de": "der die das und ist nicht mit von den dem ein eine auch sich auf für wurde sind zu im",
    "fr": "le la les des et est une pour dans que qui sur pas par au aux du avec sont été",
    "es": "el la los las y es una para en que por del con son fue como al se su",
    "it": "il lo la gli le e è una per che di del della con sono stato al non si",
    "pt": "o a os as e é uma para em que por do da com são foi não ao se",
    "nl": "de het een en is van in dat op voor met zijn niet die werd te",
    "pl": "i w na z że się do nie jest to o od po jak przez",
    "tr": "ve bir bu için ile da de olarak çok daha gibi olan",
    "ru": "и в не на что с по как из за он она они был была было это к от для до его её при",
    "uk": "і в не на що з по як із за він вона вони був була це до від для його її при та",
}
_WORDS = {lang: set(words.split()) for lang, words in _FUNCTION_WORDS.items()}
_CYRILLIC_LANGS = ("ru", "uk")


class LanguageError(ValueError):
    """The article's language is not one we extract from, or could not be told at all."""


def detect(text: str) -> str:
    """The ISO 639-1 code of the text's language ("en", "ru", "uk", "de", …) or "und" when unclear."""
    words = [w.casefold() for w in _WORD.findall(text[:20000])]
    if len(words) < 3:
        return "und"
    cyrillic = sum(1 for w in words if "а" <= w[0] <= "я" or w[0] in "ёіїєґў")
    if cyrillic / len(words) > 0.5:
        if _BELARUSIAN_LETTERS.search(text):
            return "be"
        sample = text[:20000]
        ukrainian = len(_UKRAINIAN_LETTERS.findall(sample))
        # a Russian text quoting a Ukrainian name has a few; a Ukrainian text has one every few words
        if ukrainian > max(3, len(words) // 40):
            return "uk"
        return "ru"
    counts = Counter(w for w in words if len(w) <= 8)
    scores = {
        lang: sum(counts[w] for w in vocabulary) for lang, vocabulary in _WORDS.items() if lang not in _CYRILLIC_LANGS
    }
    best = max(scores, key=lambda lang: scores[lang])
    runner_up = max(score for lang, score in scores.items() if lang != best)
    # a short text may hold a single function word; it decides only if no other language has any
    if scores[best] < max(2, len(words) // 25) and not (scores[best] >= 1 and runner_up == 0):
        return "und"
    return best


def require_supported(text: str) -> str:
    """The text's language if we extract from it; otherwise a :class:`LanguageError` naming the problem."""
    language = detect(text)
    if language == "und":
        raise LanguageError(_("The article's language could not be recognised."))
    if language not in SUPPORTED:
        raise LanguageError(
            _("Articles in %(language)s cannot be read yet (supported: %(supported)s).")
            % {"language": language, "supported": ", ".join(SUPPORTED)}
        )
    return language
