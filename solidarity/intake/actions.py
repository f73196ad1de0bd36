"""What kind of action a report describes, as one of DESIGN's action types.

Each type has words in every language we read (:mod:`solidarity.intake.words_actions`). A report often names
several ("a picket with banners and leaflets"): the subject line counts more, and among equals the first one
mentioned wins, since people lead with what they did. Words inside a date ("March 18") are not read.
"""

from __future__ import annotations

import re
from functools import cache

from solidarity.intake.guess import Guess
from solidarity.intake.words_actions import ACTIONS

# prefixes this short would match inside unrelated words, so they must be whole words
_WHOLE_WORD_BELOW = 5
# words that are also common English words or name other things: they count, but less
_WEAK = {"brief": 0.4, "list": 0.4, "carta": 0.6, "folder": 0.4, "tract": 0.5, "protest": 0.7, "eylem": 0.6,
         "stream": 0.6, "virtual": 0.6, "mural": 0.8, "online": 0.9, "kaart": 0.4, "pohled": 0.4}  # fmt: skip


@cache
def _pattern() -> tuple[re.Pattern[str], dict[str, tuple[str, float]]]:
    """One alternation of every word (longest first), and what each word means: scanning the text once is
    thirty times faster than once per word."""
    meaning: dict[str, tuple[str, float]] = {}
    for action, words in ACTIONS.items():
        for word, weight in words:
            meaning.setdefault(word.casefold(), (action, min(weight, _WEAK.get(word, 1.0))))
    alternatives = [
        re.escape(word) + (r"(?![^\W\d_])" if len(word) < _WHOLE_WORD_BELOW else "")
        for word in sorted(meaning, key=len, reverse=True)
    ]
    return re.compile(rf"(?<![^\W\d_])(?:{'|'.join(alternatives)})", re.IGNORECASE), meaning


def find_action(document: str, subject_end: int, skip: list[tuple[int, int]] = ()) -> Guess:  # type: ignore[assignment]
    """The action type ``document`` describes; ``other`` at low confidence when no word for one is found."""
    scores: dict[str, float] = {}
    first: dict[str, tuple[int, int]] = {}
    pattern, meaning = _pattern()
    for match in pattern.finditer(document):
        span = match.span()
        found = meaning.get(match.group().casefold())
        if found is None or any(a < span[1] and span[0] < b for a, b in skip):
            continue
        action, weight = found
        scores[action] = scores.get(action, 0) + weight * (1.5 if span[0] < subject_end else 1)
        if action not in first:
            first[action] = span
    if not scores:
        return Guess("other", 0.2, None)
    best = max(scores, key=lambda a: (scores[a], -first[a][0]))
    total = sum(scores.values())
    confidence = min(0.95, scores[best] / total * (0.6 + 0.2 * min(scores[best], 2)))
    return Guess(best, round(confidence, 2), first[best])
