"""The day an action was held, read from a report's words.

People write "18.3.2018", "18/03", "18 de marzo", "19 января", "am Samstag", "yesterday". Years are usually left
out and weekdays are relative, so every mention is resolved against the message's own date (an action is
reported after it happens, not before) and the campaign's days (a date inside the call's window is more likely
the one meant). With no mention at all, the message date itself is the guess, at low confidence.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from functools import cache

from solidarity.intake.guess import Guess
from solidarity.intake.words_dates import AMBIGUOUS_MONTHS, MONTHS, RELATIVE, WEEKDAYS

_LETTER_AFTER = r"(?![^\W\d_])"
_LETTER_BEFORE = r"(?<![^\W\d_])"


@dataclass(frozen=True)
class Window:
    """What a mention is resolved against: the day the message was sent and the campaign's first/last day."""

    sent: datetime.date
    starts: datetime.date | None = None
    ends: datetime.date | None = None

    def plausible(self, day: datetime.date) -> float:
        """1 inside the campaign (a fortnight's slack), less outside it, little after the message was sent."""
        if day > self.sent + datetime.timedelta(days=1):
            return 0.3
        if self.starts and day < self.starts - datetime.timedelta(days=14):
            return 0.6
        if self.ends and day > self.ends + datetime.timedelta(days=14):
            return 0.8
        return 1.0


@cache
def _patterns() -> dict[str, re.Pattern[str]]:
    forms = {form for forms in MONTHS.values() for form in forms}
    months = "|".join(sorted(map(re.escape, forms), key=len, reverse=True))
    unambiguous = "|".join(sorted(map(re.escape, forms - AMBIGUOUS_MONTHS), key=len, reverse=True))
    year = r"(?P<y>(?:19|20)\d\d)(?!\d)"
    return {
        "day_month": re.compile(
            rf"(?<![\d.])(?P<d>[0-3]?\d)(?:\.|st|nd|rd|th|er|º|ª|-?го|-?е|'?(?:de|da|te|ci))?\s*"
            rf"(?:de\s+|of\s+|di\s+|ב-?)?(?P<m>{months}){_LETTER_AFTER}\.?(?:,?\s*(?:de\s+|del\s+)?{year})?",
            re.IGNORECASE,
        ),
        "month_day": re.compile(
            rf"{_LETTER_BEFORE}(?P<m>{unambiguous})\.?\s+(?P<d>[0-3]?\d)(?:st|nd|rd|th)?(?!\d)(?:,?\s+{year})?",
            re.IGNORECASE,
        ),
        "iso": re.compile(r"(?<!\d)(?P<y>(?:19|20)\d\d)-(?P<m>[01]?\d)-(?P<d>[0-3]?\d)(?!\d)"),
        "numeric": re.compile(r"(?<![\d.,/])(?P<a>[0-3]?\d)([./-])(?P<b>[01]?\d)\2(?P<y>(?:19|20)?\d\d)(?![\d.,/]\d)"),
        "day_dot": re.compile(r"(?<![\d.,/])(?P<a>[0-3]?\d)\.(?P<b>[01]?\d)\.(?!\d)"),
        "slash": re.compile(r"(?<![\d.,/])(?P<a>[0-3]?\d)/(?P<b>[01]?\d)(?![\d/])"),
    }


@cache
def _month_lookup() -> dict[str, int]:
    return {form: month for month, forms in MONTHS.items() for form in forms}


@cache
def _relative(language: str) -> list[tuple[re.Pattern[str], int]]:
    rows = []
    for code in {language, "en"}:
        for back, forms in enumerate(RELATIVE.get(code, ((), (), ()))):
            for form in forms:
                rows.append((re.compile(rf"{_LETTER_BEFORE}{re.escape(form)}{_LETTER_AFTER}", re.IGNORECASE), back))
    return sorted(rows, key=lambda row: -len(row[0].pattern))


@cache
def _weekdays() -> re.Pattern[str]:
    forms = {form: day for day, forms in WEEKDAYS.items() for form in forms}
    alternation = "|".join(sorted(map(re.escape, forms), key=len, reverse=True))
    return re.compile(rf"{_LETTER_BEFORE}(?P<w>{alternation}){_LETTER_AFTER}", re.IGNORECASE)


def find_date(document: str, language: str, window: Window) -> Guess:
    """The most plausible day mentioned in ``document``, else the day the message was sent."""
    candidates = [*_absolute(document, window), *_relative_days(document, language, window)]
    best: Guess | None = None
    taken: list[tuple[int, int]] = []
    for guess in sorted(candidates, key=lambda g: (-g.confidence, g.span[0] if g.span else 0)):
        if guess.span and any(a < guess.span[1] and guess.span[0] < b for a, b in taken):
            continue
        if guess.span:
            taken.append(guess.span)
        best = best or guess
    return best or Guess(window.sent, 0.35, None)


def date_spans(document: str) -> list[tuple[int, int]]:
    """Where dates are written, so other readers ("march", numbers) do not read them again."""
    spans = []
    for name in ("day_month", "month_day", "iso", "numeric", "day_dot"):
        spans += [m.span() for m in _patterns()[name].finditer(document)]
    return spans


def _absolute(document: str, window: Window) -> list[Guess]:
    patterns, months = _patterns(), _month_lookup()
    found: list[Guess] = []
    for name in ("day_month", "month_day"):
        for match in patterns[name].finditer(document):
            month = months.get(match.group("m").casefold())
            day = _day(window, int(match.group("d")), month, match.group("y"))
            if day:
                found.append(_scored(day, 0.95 if match.group("y") else 0.85, match.span(), window))
    for match in patterns["iso"].finditer(document):
        day = _day(window, int(match.group("d")), int(match.group("m")), match.group("y"))
        if day:
            found.append(_scored(day, 0.95, match.span(), window))
    for name, base in (("numeric", 0.9), ("day_dot", 0.75), ("slash", 0.55)):
        for match in patterns[name].finditer(document):
            a, b = int(match.group("a")), int(match.group("b"))
            year = match.groupdict().get("y")
            if year and len(year) == 2:
                year = str(2000 + int(year))
            options = [d for d in (_day(window, a, b, year), _day(window, b, a, year) if name != "day_dot" else None)]
            options = [d for d in options if d]
            if options:
                day = max(options, key=lambda d: (window.plausible(d), -abs((window.sent - d).days)))
                found.append(_scored(day, base if len(options) == 1 else base - 0.1, match.span(), window))
    return found


def _relative_days(document: str, language: str, window: Window) -> list[Guess]:
    found = []
    for pattern, back in _relative(language):
        for match in pattern.finditer(document):
            found.append(_scored(window.sent - datetime.timedelta(days=back), 0.8, match.span(), window))
    for match in _weekdays().finditer(document):
        weekday = next(day for day, forms in WEEKDAYS.items() if match.group("w").casefold() in forms)
        back = (window.sent.weekday() - weekday) % 7
        found.append(_scored(window.sent - datetime.timedelta(days=back), 0.7, match.span(), window))
    return found


def _scored(day: datetime.date, base: float, span: tuple[int, int], window: Window) -> Guess:
    return Guess(day, round(base * window.plausible(day), 3), span)


def _day(window: Window, day: int, month: int | None, year: str | None) -> datetime.date | None:
    """The date meant by day and month; without a year, the one nearest before the message was sent."""
    if not month or not 1 <= month <= 12 or not 1 <= day <= 31:
        return None
    if year:
        try:
            return datetime.date(int(year), month, day)
        except ValueError:
            return None
    options = []
    for y in (window.sent.year - 1, window.sent.year, window.sent.year + 1):
        try:
            options.append(datetime.date(y, month, day))
        except ValueError:
            continue
    if not options:
        return None
    return max(options, key=lambda d: (window.plausible(d), -abs((window.sent - d).days)))
