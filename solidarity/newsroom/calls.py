"""Recognising a call to action and filling in what a campaign needs from it.

A text is a call when its heading says so ("Call for…", "A call for…", "Призыв…", "Обращение…") and its body
asks readers to act ("we call upon", "we ask you", "призываем"), or when the body asks and names a date.
From it we take the title (the heading without the "Call for …:" frame), the organiser (a "Statement of X"
line, the signature at the end, or the byline), the dates (a range in the heading, else one in an asking
sentence, its year the next one after the article's date: a call is about the future), slogans (short lines
of their own ending in "!", or quoted after "under the slogan"), demands ("Freedom to…", "calling for…"),
the suggested actions (the enumerations of action words in asking sentences), the address for reports, and
the languages the call is available in.
"""

from __future__ import annotations

import re
from typing import Any

import pycountry

from solidarity.newsroom import dates
from solidarity.newsroom.dates import DateMention, Now
from solidarity.newsroom.organisations import names_a_kind

_HEADING_CALL = re.compile(r"\b(?:call|calls|appeal|призыв\w*|обращени\w*)\b", re.IGNORECASE)
_ASKING = re.compile(
    r"\b(?:we (?:call (?:up)?on|call for|ask|urge|invite|appeal to|encourage)|please,? (?:send|join|hold|organi[sz]e)|"
    r"join us|send us)\b|(?<![а-яё])(?:призываем|просим (?:вас|всех|присылать)|присылайте|присоединяйтесь|"
    r"приглашаем)|^(?:organi[sz]e|hold|join|send|share|write|stage|проведите|организуйте|пишите|приходите)\b",
    re.IGNORECASE,
)
_ACTION_WORDS = re.compile(
    r"\b(?:pickets?|rall(?:y|ies)|demonstrations?|march(?:es)?|vigils?|meetings?|discussions?|photos?|posters?|"
    r"banners?|letters?|concerts?|flash ?mobs?|leaflets?|screenings?|lectures?|petitions?|postcards?|graffiti|"
    r"пикет\w*|митинг\w*|акци\w+|собрани\w+|обсуждени\w+|фото\w*|плакат\w*|баннер\w*|письм\w+|писем|открытк\w+|"
    r"концерт\w*|шестви\w+|листовк\w+)\b",
    re.IGNORECASE,
)
_DEMAND_START = re.compile(
    r"^(?:free|freedom|release|stop|end|hands off|justice|drop|свобод\w+|освободит\w+|остановит\w+|"
    r"прекратит\w+)\b",
    re.IGNORECASE,
)
_CALLING = re.compile(
    r"\bcalling (?:up)?on [\w' ]{2,60}? to ((?:free|release|stop|end|drop|withdraw)\b[^,.;]{3,80})"
    r"|\bcalling for ([^,.;]{5,100})|\bwe demand ([^.;]{5,120})|(?<![а-яё])требуем ([^.;]{5,120})",
    re.IGNORECASE,
)
_SLOGAN_QUOTE = re.compile(
    r"\bunder the slogans? [\"“«]([^\"”»]{3,100})[\"”»]|под лозунгами? [\"“«]([^\"”»]{3,100})[\"”»]", re.IGNORECASE
)
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)*(?:\.{2,3}|…)?")
_SPACED_EMAIL = re.compile(
    r"(?:e-?mail|почт\w+)\W{0,5}(?:\w+\W+){0,4}?([\w.+-]{3,})\s+((?:gmail|googlemail|proton|protonmail|riseup|yandex|"
    r"mail|outlook|hotmail|yahoo|posteo|disroot|autistici|inventati)\.(?:com|me|ru|net|org|de|ch))\b",
    re.IGNORECASE,
)
_AVAILABLE_IN = re.compile(
    r"\b(?:available|published|translated)\s+(?:also\s+)?(?:in|into)\s+([^.;]{3,120})", re.IGNORECASE
)
_STATEMENT_OF = re.compile(r"\b(?:statement|appeal|call|declaration) (?:of|by|from) (?:the )?([A-Z][^.;:\n]{2,80})")
_BYLINE = re.compile(r"\bby ([A-Z][\w'’-]*(?: [A-Z][\w'’-]*){0,5})")
_NOT_SIGNATURE = re.compile(
    r"^(?:Footnotes?|Notes?|P\.?S\.?|Sources?|References|Share|Related|Read more|Tags?)\b", re.IGNORECASE
)
_CALL_FRAME = re.compile(r"^(?:an?\s+)?(?:call|appeal|призыв|обращение)\s+(?:for|to|к|о)?\s*", re.IGNORECASE)


def find(
    text: str, split: list, found_dates: list[list[DateMention]], now: Now | None, lang: str, orgs: dict[str, str]
) -> dict[str, Any] | None:
    """The call's fields, or ``None`` when the article is not a call to action."""
    sentences = [s.text for s in split]
    heading_index = _heading(sentences)
    heading = sentences[heading_index] if heading_index is not None else ""
    asking = [i for i, s in enumerate(sentences) if _ASKING.search(s)]
    if not asking or not (heading or any(found_dates[i] for i in asking)):
        return None
    if heading_index is None and asking[0] < 3 and len(sentences[asking[0]]) < 200:
        heading_index, heading = asking[0], sentences[asking[0]]  # "Join the week of …" as the heading
    start, end = _dates(heading_index, asking, sentences, found_dates, now)
    slogans = _slogans(split, heading_index)
    if heading_index is not None:  # the whole heading line, which a splitter may have cut at a "!"
        paragraph = split[heading_index].paragraph
        heading = " ".join(s.text for s in split if s.paragraph == paragraph)
    return {
        "title": _title(heading) if heading else sentences[asking[0]],
        "organiser": _organiser(text, sentences, orgs),
        "start": start,
        "end": end,
        "slogans": slogans,
        "demands": _demands(slogans, sentences),
        "suggested_actions": _actions(
            [sentences[i] for i in asking if i != heading_index] + _action_sentences(sentences)
        ),
        "report_to": _report_to(text),
        "languages": _languages(text, lang),
    }


def _heading(sentences: list[str]) -> int | None:
    for index, sentence in enumerate(sentences[:8]):
        if ">" in sentence or len(sentence) > 250:
            continue
        if _HEADING_CALL.search(sentence):
            return index
    return None


def _title(heading: str) -> str:
    heading = heading.strip(" *#")
    if ":" in heading:
        before, after = (part.strip() for part in heading.split(":", 1))
        substantial = len(re.findall(r"[^\W\d_]{3,}", after)) >= 3  # not just "10-16 February"
        if _HEADING_CALL.search(after) and not _HEADING_CALL.search(before):
            heading = after
        elif _HEADING_CALL.search(before) and substantial:
            return after
        elif _HEADING_CALL.search(before):
            heading = before
    title = _CALL_FRAME.sub("", heading).strip()
    return title[:1].upper() + title[1:] if title else heading


def _dates(
    heading: int | None, asking: list[int], sentences: list[str], found: list[list[DateMention]], now: Now | None
) -> tuple[str | None, str | None]:
    order = ([heading] if heading is not None else []) + asking + list(range(len(sentences)))
    for index in order:
        for mention in found[index]:
            if mention.end_day is not None and (
                index in asking or index == heading or _ACTION_WORDS.search(sentences[index])
            ):
                return dates.resolve(mention, now, future=True) or None, dates.resolve_end(
                    mention, now, future=True
                ) or None
    for index in asking:
        for mention in found[index]:
            if mention.day:
                day = dates.resolve(mention, now, future=True) or None
                return day, day
    return None, None


def _slogans(split: list, heading: int | None) -> list[str]:
    paragraphs: dict[int, int] = {}
    for s in split:
        paragraphs[s.paragraph] = paragraphs.get(s.paragraph, 0) + 1
    found: list[str] = []
    heading_paragraph = split[heading].paragraph if heading is not None else -1
    for s in split:
        if s.paragraph == heading_paragraph or paragraphs[s.paragraph] != 1:
            continue
        if s.text.endswith("!") and len(s.text.split()) <= 14:
            found.append(s.text.strip('*"“” '))
    for s in split:
        for m in _SLOGAN_QUOTE.finditer(s.text):
            found.append((m.group(1) or m.group(2)).strip())
    return list(dict.fromkeys(found))


def _demands(slogans: list[str], sentences: list[str]) -> list[str]:
    found = [s.rstrip("!").strip() for s in slogans if _DEMAND_START.search(s)]
    found = [s[:1].lower() + s[1:] for s in found]
    for sentence in sentences:
        for m in _CALLING.finditer(sentence):
            phrase = next(g for g in m.groups() if g)
            found.append(phrase.strip())
    return list(dict.fromkeys(found))


def _action_sentences(sentences: list[str]) -> list[str]:
    return [
        s
        for s in sentences
        if re.search(r"solidarity actions?|акци\w+ солидарности", s, re.IGNORECASE) and _ACTION_WORDS.search(s)
    ]


def _actions(sentences: list[str]) -> list[str]:
    found: list[str] = []
    for sentence in dict.fromkeys(sentences):
        pieces = re.split(
            r"\s*(?:[,;:–—()]|\s-\s|\bas well as\b|\band\b|\bor\b|\bи\b|\bили\b|\bа также\b)\s*", sentence
        )
        for piece in pieces:
            piece = re.sub(
                r"^(?:even|also|we call for|we ask (?:you )?(?:to )?(?:hold|organi[sz]e)?|please|the|any|"
                r"hold|organi[sz]e|даже|также)\s+",
                "",
                piece.strip(),
                flags=re.IGNORECASE,
            ).strip(" .!")
            piece = re.sub(r"^(?:even|also|даже|также)\s+", "", piece, flags=re.IGNORECASE)
            # "we ask everyone to hold pickets", "призываем провести пикеты": what follows the verb of doing
            piece = re.sub(
                r"^.*?(?<![\w-])(?:провести|проводить|организовать|устроить|писать|написать|hold|organi[sz]e|stage|"
                r"write|make|take)\s+",
                "",
                piece,
                flags=re.IGNORECASE,
            )
            # "postcards to them", "evenings during the week of 1-7 December": who to and when are not the action
            piece = re.sub(r"\s+(?:to (?:them|him|her|prisoners)|(?:during|on|from|between|in) .*\d.*)$", "", piece)
            piece = re.sub(r"^(?:с|from)\s+\d+\s+(?:по|to)\s+\d+\s+\S+\s+", "", piece, flags=re.IGNORECASE)
            if (
                piece
                and _ACTION_WORDS.search(piece)
                and len(piece.split()) <= 12
                and not re.search(
                    r"\b(?:information|solidarity actions?|us|e-?mail|send|reports?)\b|присыла|отч[её]т|адрес",
                    piece,
                    re.IGNORECASE,
                )
            ):
                found.append(piece)
    return list(dict.fromkeys(found))


def _report_to(text: str) -> str | None:
    emails = _EMAIL.findall(text)
    if emails:
        return emails[-1].rstrip(".") + ("..." if emails[-1].endswith("...") else "")
    spaced = _SPACED_EMAIL.search(text)
    if spaced:
        return f"{spaced.group(1)}@{spaced.group(2)}"
    return None


def _organiser(text: str, sentences: list[str], orgs: dict[str, str]) -> str | None:
    for sentence in sentences[:10]:
        m = _STATEMENT_OF.search(sentence)
        if m:
            return m.group(1).strip(" .")
    lines = [line.strip(" *_#") for line in text.splitlines() if line.strip()]
    tail = lines[int(len(lines) * 0.6) :]
    for line in reversed(tail):
        if _NOT_SIGNATURE.match(line) or len(line) > 60 or line.endswith((".", "?", "!", ":")):
            continue
        name = re.sub(r"^The\s+", "", line)
        capitalised = all(w[:1].isupper() for w in name.split()) or names_a_kind(name)
        if name in orgs or (len(name.split()) >= 2 and capitalised and name[:1].isupper()):
            return name
    for sentence in sentences[:8]:
        m = _BYLINE.search(sentence)
        if m:
            return m.group(1)
    return None


def _languages(text: str, lang: str) -> list[str]:
    found = [lang]
    for m in _AVAILABLE_IN.finditer(text):
        for word in re.findall(r"[A-Z][a-z]+", m.group(1)):
            try:
                language = pycountry.languages.lookup(word)
            except LookupError:
                continue
            code = getattr(language, "alpha_2", None)
            if code and code not in found:
                found.append(code)
    return found
