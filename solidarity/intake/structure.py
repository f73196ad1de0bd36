"""From a parsed e-mail to the fields of a draft report, each with a confidence and its source words.

Structuring reads one *document*: the subject (without "Re:"/"Fwd:"), a blank line, and the supporter's own
words. Every guess's span points into that document, which is stored with the message, so the moderation
screen highlights exactly what each value was read from. Nothing here touches the database.
"""

from __future__ import annotations

import datetime
import re
import zoneinfo
from dataclasses import dataclass
from functools import cache
from typing import Any

from solidarity.intake.actions import find_action
from solidarity.intake.dates import Window, date_spans, find_date
from solidarity.intake.guess import Guess
from solidarity.intake.language import detect
from solidarity.intake.numbers import find_participants
from solidarity.intake.parse import ParsedMessage
from solidarity.intake.triage import Verdict, judge
from solidarity.intake.words_actions import ACTIONS, COMMON
from solidarity.intake.words_counts import NUMBER_WORDS, PEOPLE
from solidarity.intake.words_dates import MONTHS, WEEKDAYS
from solidarity.places.mentions import find_city
from solidarity.places.text import fold

PLACE_THRESHOLD = 0.5
_REPLY_PREFIX = re.compile(r"^\s*(?:(?:re|aw|sv|vs|fw|fwd|wg|tr|rv|enc|odp|ynt|отв|пересл|i)\s*:\s*)+", re.IGNORECASE)
# capitalised words that open sentences and greetings and are also somebody's town
_EXTRA_COMMON = frozenset(
    """hi hello dear thanks thank best regards love peace freedom free solidarity report photo photos
today yesterday we our us the this that police most nice mobile reading bath sale deal hope young gap split
union university centre center street square station embassy consulate parliament city town day march may
saludos grüße gruß hallo liebe bonjour salut hola ciao ola cześć ahoj moi hej hallo merhaba shalom привет
здравствуйте добрый вітаю доброго свобода солидарность солідарність embassy botschaft ambassade embajada
ambasciata embaixada ambasada velvyslanectví suurlähetystö ambassad ambassade büyükelçilik посольство
консульство посольство mit und der die das von""".split()  # noqa: SIM905
)


@dataclass
class Structured:
    document: str
    subject_end: int
    language: Guess
    city: Guess | None
    held_on: Guess
    action_type: Guess
    participants: Guess | None
    verdict: Verdict

    def guesses_json(self) -> dict[str, Any]:
        """What is stored on the message and shown to moderators: every guess with its words."""
        data = {
            "document": self.document,
            "language": self.language.as_json(self.document),
            "held_on": self.held_on.as_json(self.document),
            "action_type": self.action_type.as_json(self.document),
            "triage": {"verdict": self.verdict.verdict, "reason": self.verdict.reason,
                       "confidence": self.verdict.confidence},
        }  # fmt: skip
        if self.city:
            data["city"] = self.city.as_json(self.document)
        if self.participants:
            data["participants"] = self.participants.as_json(self.document)
        return data


@cache
def common_words() -> frozenset[str]:
    """Folded words that name towns somewhere but are ordinary words in a report (see places.mentions)."""
    words: set[str] = set(_EXTRA_COMMON)
    for forms in (*MONTHS.values(), *WEEKDAYS.values(), *COMMON.values(), PEOPLE, tuple(NUMBER_WORDS)):
        words.update(forms)
    for entries in ACTIONS.values():
        words.update(word for word, _weight in entries)
    return frozenset(fold(w) for w in words)


def sent_day(parsed: ParsedMessage, timezone_name: str, fallback: datetime.date) -> datetime.date:
    """The day the message was sent, in the campaign's time zone (where "yesterday" was meant)."""
    if not parsed.sent_at:
        return fallback
    try:
        zone = zoneinfo.ZoneInfo(timezone_name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        zone = zoneinfo.ZoneInfo("UTC")
    return parsed.sent_at.astimezone(zone).date()


def structure(parsed: ParsedMessage, window: Window) -> Structured:
    subject = _REPLY_PREFIX.sub("", parsed.subject).strip()
    text = parsed.text or ("" if parsed.forwarded else parsed.body)
    document = f"{subject}\n\n{text}" if subject else text
    subject_end = len(subject)
    found = detect(text or subject)
    language = Guess(found.code, found.confidence, None)
    dates = date_spans(document)
    held_on = find_date(document, language.value, window)
    action = find_action(document, subject_end, skip=dates)
    participants = find_participants(document, skip=dates)
    mention = find_city(document, ignore=common_words(), subject_end=subject_end)
    city = None
    if mention and mention.score >= PLACE_THRESHOLD:
        value = {"geonameid": mention.city.geonameid, "name": mention.city.name, "country": mention.city.country_code}
        city = Guess(value, mention.score, (mention.start, mention.end))
    evidence = sum(
        (
            held_on.span is not None,
            participants is not None,
            action.confidence >= 0.4 and action.value != "other",
            city is not None,
        )
    )
    verdict = judge(
        signals=parsed.signals, subject=parsed.subject, text=text, evidence=evidence, photos=len(parsed.images)
    )
    return Structured(document, subject_end, language, city, held_on, action, participants, verdict)
