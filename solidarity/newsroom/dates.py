"""Dates in English and Russian news text, kept to the precision the text gives.

"6 May 2012" is a day, "in May 2012" a month, "in 2009" a year; "since April" is a month whose year the
reader takes from the article's date line. We resolve such a year the way a reader does: a past event (an
arrest) happened on the latest such date not after the article, a date in a call to action is the next one
after it. Without a date line, the latest fully dated mention in the text is the best lower bound of "now".

Plain regular expressions rather than dateparser: news dates come in a few shapes, the rules are visible and
testable, and they run in microseconds per sentence.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, replace

_EN_MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
_RU_MONTHS = {
    "январ": 1, "феврал": 2, "март": 3, "апрел": 4, "ма": 5, "июн": 6,
    "июл": 7, "август": 8, "сентябр": 9, "октябр": 10, "ноябр": 11, "декабр": 12,
}  # fmt: skip
_RU_MONTH_STEMS = sorted(_RU_MONTHS.items(), key=lambda kv: -len(kv[0]))  # longest first: "март" before "ма" (май)

_EN_MONTH = (
    r"(?P<{g}>Jan(?:uary|\.)?|Feb(?:ruary|\.)?|Mar(?:ch|\.)?|Apr(?:il|\.)?|May|June?|July?|Aug(?:ust|\.)?"
    r"|Sep(?:t(?:ember|\.)?|\.)?|Oct(?:ober|\.)?|Nov(?:ember|\.)?|Dec(?:ember|\.)?)(?![a-z])"
)
_RU_MONTH = (
    r"(?P<{g}>январ[яеьюё]|феврал[яеью]|март[аеу]?|апрел[яеью]|ма[йяею]|июн[яеью]|июл[яеью]|август[аеу]?"
    r"|сентябр[яеью]|октябр[яеью]|ноябр[яеью]|декабр[яеью])(?![а-я])"
)
_DAY = r"(?P<{g}>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<{g}>(?:19|20)\d\d)(?![\d'’]|s\b)"
_DASH = r"\s*[-–—]\s*"


def _p(template: str, **groups: str) -> str:
    out = template
    for name, part in groups.items():
        out = out.replace("{" + name + "}", part.replace("{g}", name))
    return out


_PATTERNS = {
    "en": [
        _p(r"(?:from\s+)?{d1}(?:\s+{m1})?(?:\s+to\s+|" + _DASH + r"){d2}\s+{m2}(?:,?\s+{y})?",
           d1=_DAY, m1=_EN_MONTH, d2=_DAY, m2=_EN_MONTH, y=_YEAR),
        _p(r"{m2}\s+{d1}(?:\s+to\s+|" + _DASH + r"){d2}(?:,?\s+{y})?", m2=_EN_MONTH, d1=_DAY, d2=_DAY, y=_YEAR),
        _p(r"{d1}\s+{m2}(?:,?\s+{y})?", d1=_DAY, m2=_EN_MONTH, y=_YEAR),
        _p(r"{m2}\s+{d1}(?![\d:])(?:,?\s+{y})?", m2=_EN_MONTH, d1=_DAY, y=_YEAR),
        _p(r"{m2},?\s+(?:of\s+)?{y}", m2=_EN_MONTH, y=_YEAR),
        _p(r"(?<![\w-])(?:in|since|from|by|until|of|last|early|late|mid-|this|next)\s+(?:early\s+|late\s+)?{m2}",
           m2=_EN_MONTH),
        _p(r"{y}", y=_YEAR),
    ],
    "ru": [
        _p(r"(?:с\s+)?{d1}(?:\s+{m1})?(?:\s+по\s+|" + _DASH + r"){d2}\s+{m2}(?:\s+{y})?",
           d1=_DAY, m1=_RU_MONTH, d2=_DAY, m2=_RU_MONTH, y=_YEAR),
        _p(r"{d1}\s+{m2}(?:\s+{y})?", d1=_DAY, m2=_RU_MONTH, y=_YEAR),
        _p(r"{m2}\s+{y}", m2=_RU_MONTH, y=_YEAR),
        _p(r"(?<![\w-])(?:в|с|со|до|к|по|прошлого|этого|конца|начала|середины)\s+{m2}", m2=_RU_MONTH),
        _p(r"{y}", y=_YEAR),
    ],
}  # fmt: skip
_SINCE = re.compile(r"(?:\bsince|(?<![а-яё])с|(?<![а-яё])со)\s*$", re.IGNORECASE)
_ANAPHORA = re.compile(r"\b(?:th(?:is|e|at) (?:date|day)|в этот день|в тот день|этот день)\b", re.IGNORECASE)
_RELATIVE = {
    "en": [
        (re.compile(r"\blast year\b", re.I), -1, "year"),
        (re.compile(r"\bfor (?:a|one|over a|more than a) year(?: now)?\b|\ba year ago\b", re.I), -1, "ago"),
        (re.compile(r"\bfor (?:two|2) years(?: now)?\b|\btwo years ago\b", re.I), -2, "ago"),
    ],
    "ru": [
        (re.compile(r"в прошлом году", re.I), -1, "year"),
        (re.compile(r"(?:уже|больше|более) года?\b|год назад|около года", re.I), -1, "ago"),
    ],
}


def _compile(lang: str) -> list[re.Pattern[str]]:
    flags = re.IGNORECASE if lang == "ru" else 0
    return [re.compile(p, flags) for p in _PATTERNS[lang]]


_REGEXES = {lang: _compile(lang) for lang in _PATTERNS}


@dataclass(frozen=True)
class DateMention:
    """A date as the text gives it; ``year``/``month``/``day`` are ``None`` where the text leaves them out."""

    start: int
    end: int
    year: int | None = None
    month: int | None = None
    day: int | None = None
    end_day: int | None = None
    end_month: int | None = None
    since: bool = False  # "since April", "с апреля": the start of a state that lasts

    @property
    def precision(self) -> str:
        return "day" if self.day else "month" if self.month else "year"


@dataclass(frozen=True)
class Now:
    """What the article's "today" is known to be: the date line, or a lower bound from its latest date."""

    year: int
    month: int | None = None
    day: int | None = None
    exact: bool = True

    def iso(self) -> str:
        return iso(self.year, self.month, self.day)


def iso(year: int | None, month: int | None = None, day: int | None = None) -> str:
    if year is None:
        return ""
    if month is None:
        return f"{year:04d}"
    return f"{year:04d}-{month:02d}" if day is None else f"{year:04d}-{month:02d}-{day:02d}"


def _month(word: str | None, lang: str) -> int | None:
    if not word:
        return None
    lowered = word.casefold().rstrip(".")
    if lang == "ru":
        return next((number for stem, number in _RU_MONTH_STEMS if lowered.startswith(stem)), None)
    return _EN_MONTHS.get(lowered[:3])


def find(text: str, lang: str) -> list[DateMention]:
    """Every date in ``text``, longest reading first at each place, none overlapping."""
    taken: list[tuple[int, int]] = []
    found: list[DateMention] = []
    for regex in _REGEXES.get(lang, _REGEXES["en"]):
        for match in regex.finditer(text):
            start, end = match.span()
            if any(start < e and s < end for s, e in taken):
                continue
            mention = _mention(match, lang, text)
            if mention:
                taken.append((start, end))
                found.append(mention)
    return sorted(found, key=lambda m: m.start)


def _mention(match: re.Match[str], lang: str, text: str) -> DateMention | None:
    groups = match.groupdict()
    month = _month(groups.get("m2"), lang)
    year = int(groups["y"]) if groups.get("y") else None
    day = int(groups["d1"]) if groups.get("d1") else None
    end_day = int(groups["d2"]) if groups.get("d2") else None
    first_month = _month(groups.get("m1"), lang)
    if day is not None and not 1 <= day <= 31 or end_day is not None and not 1 <= end_day <= 31:
        return None
    if month is None and year is None:
        return None
    since = bool(_SINCE.search(text[max(0, match.start() - 8) : match.start()])) or bool(
        re.match(r"(?:since|с|со)\s", match.group(0), re.IGNORECASE)
    )
    if end_day is not None:  # a range: "18-26 January", "January 19-24", "from 30 May to 2 June"
        return DateMention(match.start(), match.end(), year, first_month or month, day, end_day, month)
    return DateMention(match.start(), match.end(), year, month, day, since=since)


def in_sentences(sentences: list[str], lang: str) -> list[list[DateMention]]:
    """The dates of each sentence; a sentence saying "that was the day when in 2015…" borrows the day and
    month of the previous sentence, since that is the date it refers to."""
    result = [find(s, lang) for s in sentences]
    for i in range(1, len(result)):
        if not _ANAPHORA.search(sentences[i]):
            continue
        earlier = [m for m in result[i - 1] if m.day and m.year is None]
        if earlier:
            result[i] = [
                replace(m, month=earlier[0].month, day=earlier[0].day) if m.month is None and m.year else m
                for m in result[i]
            ]
    return result


def publication(head: list[str], lang: str) -> Now | None:
    """The article's date line among its first lines: one labelled as the first publication wins, else the
    first date with a year and at least a month."""
    candidates: list[tuple[bool, DateMention]] = []
    for line in head:
        # the date after a "first published" label, not the reprint's own date earlier on the line
        label = re.search(r"published|опубликован|дата публикации", line, re.IGNORECASE)
        for mention in find(line, lang):
            if mention.year and mention.month and mention.end_day is None:
                candidates.append((label is not None and mention.start > label.start(), mention))
    if not candidates:
        return None
    chosen = next((m for labelled, m in candidates if labelled), candidates[0][1])
    return Now(chosen.year or 0, chosen.month, chosen.day)


def latest_mentioned(mentions: list[DateMention]) -> Now | None:
    """The latest date the text states with its year: "now" is at least that."""
    dated = [m for m in mentions if m.year]
    if not dated:
        return None
    latest = max(dated, key=lambda m: (m.year, m.month or 0, m.day or 0))
    return Now(latest.year or 0, latest.month, latest.day, exact=False)


def resolve(mention: DateMention, now: Now | None, *, future: bool = False) -> str:
    """ISO form of a mention, its year filled from ``now``: the latest past such date, or with ``future``
    the next one. Empty when the year cannot be known."""
    year = mention.year if mention.year else _year_for(mention.month, mention.day, now, future)
    if year is None:
        return ""
    return iso(year, mention.month, mention.day)


def resolve_end(mention: DateMention, now: Now | None, *, future: bool = False) -> str:
    """ISO form of the last day of a range mention ("18-26 January" → the 26th)."""
    if mention.end_day is None:
        return resolve(mention, now, future=future)
    month = mention.end_month or mention.month
    year = mention.year if mention.year else _year_for(mention.month, mention.day, now, future)
    if year is None or month is None:
        return ""
    if mention.month and month < mention.month:  # "28 December to 3 January"
        year += 1
    return iso(year, month, mention.end_day)


def _year_for(month: int | None, day: int | None, now: Now | None, future: bool) -> int | None:
    if now is None or month is None:
        return None
    if now.month is None:
        return now.year
    here = (now.month, now.day or (1 if future else 31))
    when = (month, day or (31 if future else 1))
    if future:
        return now.year if when >= here else now.year + 1
    return now.year if when <= here else now.year - 1


def relative(sentence: str, lang: str, now: Now | None) -> str:
    """A date given relative to the article ("last year", "for a year now", "год назад"), else ""."""
    if now is None:
        return ""
    for pattern, years, kind in _RELATIVE.get(lang, []):
        if pattern.search(sentence):
            if kind == "year" or now.month is None or not now.exact:
                return iso(now.year + years)
            return iso(now.year + years, now.month)
    return ""


_WEEKDAYS = {
    "en": re.compile(r"\bon (Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b", re.IGNORECASE),
    "ru": re.compile(
        r"(?<![а-яё])(?:в|во) (понедельник|вторник|среду|четверг|пятницу|субботу|воскресенье)(?![а-яё])", re.IGNORECASE
    ),
}
_WEEKDAY_NUMBER = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6,
    "понедельник": 0, "вторник": 1, "среду": 2, "четверг": 3, "пятницу": 4, "субботу": 5, "воскресенье": 6,
}  # fmt: skip


def weekday(sentence: str, lang: str, now: Now | None) -> str:
    """ "On Tuesday" in a dated article: the last such weekday before the date line (news tells of the past
    week), as an exact day. Empty without an exact date line."""
    if now is None or not now.exact or now.day is None or now.month is None:
        return ""
    match = _WEEKDAYS.get(lang, _WEEKDAYS["en"]).search(sentence)
    if not match:
        return ""
    today = datetime.date(now.year, now.month, now.day)
    back = (today.weekday() - _WEEKDAY_NUMBER[match.group(1).lower()]) % 7 or 7
    day = today - datetime.timedelta(days=back)
    return day.isoformat()
