"""How many people took part, read from a report's words.

A count is trusted when it sits next to a word for people ("about 20 people", "двадцать человек", "15 kişi")
or after "we were"; vague amounts ("dozens", "сотни") give an estimate at low confidence. Bare numbers (house
numbers, times, years) are ignored: a wrong count in the tally is worse than none.
"""

from __future__ import annotations

import re
from functools import cache

from solidarity.intake.guess import Guess
from solidarity.intake.words_counts import APPROX, NUMBER_WORDS, PEOPLE, VAGUE, WE_WERE

MAX = 1_000_000


@cache
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    words = "|".join(sorted(map(re.escape, NUMBER_WORDS), key=len, reverse=True))
    joined = r"(?:[\s-]+(?:und|and|e|y|i|a|ve|och|en)?\s*)?"
    count = rf"(?:\d{{1,3}}(?:[ .,’']\d{{3}})+|\d{{1,6}}|(?:(?:{words})(?![^\W\d_]){joined})+)"
    people = "|".join(sorted(map(re.escape, PEOPLE), key=len, reverse=True))
    approx = "|".join(sorted(map(re.escape, APPROX), key=len, reverse=True))
    were = "|".join(sorted(map(re.escape, WE_WERE), key=len, reverse=True))
    vague = "|".join(sorted(map(re.escape, VAGUE), key=len, reverse=True))
    before = re.compile(
        rf"(?<![^\W\d_])(?:(?P<approx>{approx})\s*)?(?P<n>{count})\s*(?:\+\s*)?(?:[^\W\d_]+\s+)?(?P<p>{people})",
        re.IGNORECASE,
    )
    after = re.compile(rf"(?<![^\W\d_])(?:{were})\s+(?:(?P<approx>{approx})\s*)?(?P<n>{count})", re.IGNORECASE)
    rough = re.compile(rf"(?<![^\W\d_])(?P<v>{vague})(?![^\W\d_])", re.IGNORECASE)
    return before, after, rough


def value(text: str) -> int | None:
    """A count written in digits or words ("1 200", "двадцать пять", "twenty-five"); ``None`` if it is not one."""
    text = text.strip()
    digits = re.sub(r"[ .,’']", "", text)
    if digits.isdigit():
        return int(digits)
    total = 0
    for word in re.split(r"[\s-]+", text.casefold()):
        if word in NUMBER_WORDS:
            n = NUMBER_WORDS[word]
            total = total * n if n == 100 and total else total + n
    return total or None


def find_participants(document: str, skip: list[tuple[int, int]] = ()) -> Guess | None:  # type: ignore[assignment]
    """The most credible head count in ``document``; spans in ``skip`` (dates) are not read as counts."""
    before, after, rough = _patterns()
    best: Guess | None = None
    for pattern, base in ((before, 0.9), (after, 0.85)):
        for match in pattern.finditer(document):
            start, end = match.span("n")
            if any(a < end and start < b for a, b in skip):
                continue
            n = value(match.group("n"))
            if not n or n > MAX or (1900 <= n <= 2100 and match.group("n").isdigit()):
                continue
            in_words = not match.group("n")[0].isdigit()
            confidence = base - (0.1 if match.group("approx") else 0) - (0.15 if in_words else 0)
            if n == 1 and in_words:
                continue  # "a picket" / "un piquet": an article, not a count
            guess = Guess(n, confidence, match.span())
            if best is None or guess.confidence > best.confidence:
                best = guess
    if best:
        return best
    for match in rough.finditer(document):
        estimate, confidence = VAGUE[match.group("v").casefold()]
        return Guess(estimate, confidence, match.span())
    return None
