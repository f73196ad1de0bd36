"""Organisations and cases named in an article, and the organisation a person belongs to.

English organisation names are capitalised phrases ending in a word that names a kind of organisation
("Left Bloc Party", "Free Kazan Movement"), or a name a lower-case kind word introduces ("the Dockers trade
union", 'the platform "Open Lists"', "the teachers' union, Uchitel"). The kind word also gives the registry's
``kind``. Russian names come from natasha's ORG tags and from «quoted» names after a kind word ("движение
«Весна»").

A person's organisation is the one an apposition ties them to: "X, a member of the Dockers trade union",
"X, Uchitel coordinator in Perm", "an activist of the Free Kazan group", "the platform she founded". Cases are
named "the so-called Penza case", 'the "Kazan Case"', "дело «Сети»".
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from solidarity.places.countries import find_country

_KINDS = {
    "party": "party", "parties": "party",
    "union": "union", "unions": "union", "trade union": "union", "labor union": "union", "labour union": "union",
    "federation of trade unions": "union", "syndicate": "union",
    "movement": "movement", "resistance": "movement", "front": "movement", "commune": "movement",
    "tendency": "movement", "initiative": "movement", "group": "movement", "collective": "movement",
    "platform": "movement", "solidarity": "movement", "campaign": "movement",
    "channel": "media", "newspaper": "media", "magazine": "media", "radio": "media", "tv": "media",
    "news": "media", "media": "media", "journal": "media", "outlet": "media",
    "coalition": "coalition", "alliance": "coalition", "network": "coalition", "bloc": "coalition",
    "foundation": "ngo", "centre": "ngo", "center": "ngo", "society": "ngo", "association": "ngo",
    "committee": "other", "council": "other", "university": "other", "league": "other", "club": "other",
    "congress": "other", "assembly": "other", "organisation": "ngo", "organization": "ngo",
    "партия": "party", "профсоюз": "union", "движение": "movement", "группа": "movement",
    "объединение": "movement", "организация": "ngo", "инициатива": "movement", "издание": "media",
    "газета": "media", "канал": "media", "коалиция": "coalition", "фонд": "ngo", "центр": "ngo",
    "сопротивление": "movement", "солидарность": "movement", "союз": "union", "комитет": "other", "сеть": "coalition",
}  # fmt: skip
_HEADS = (
    r"Party|Movement|Union|Committee|Council|Front|Commune|Channel|University|Tendency|Alliance|Coalition|Network|"
    r"League|Association|Confederation|Resistance|Solidarity|Club|Bloc|Centre|Center|Foundation|Society|"
    r"Initiative|Collective|Congress|Assembly|Federation|Memorial|Group|Campaign|Platform|Syndicate"
)
_CAPWORD = r"(?:[A-Z][\w'’.-]*|of|for|and|the|de|la|del|des|in|on)"
_EN_NAMED = re.compile(
    rf"(?<![\w-])((?:[A-Z][\w'’.-]*\s+)(?:{_CAPWORD}\s+){{0,5}}(?:{_HEADS})s?"
    rf"(?:\s+of\s+(?:the\s+)?(?:[A-Z][\w'’-]*)(?:\s+(?:and\s+)?[A-Z][\w'’-]*){{0,3}})?)(?![\w-])"
)
_LOWER_KIND = (
    r"(?:trade union|labou?r union|union|group|movement|party|platform|initiative|collective|network|"
    r"coalition|organi[sz]ation|newspaper|channel|media outlet|outlet|human rights (?:centre|center|group|"
    r"organi[sz]ation)|rights group)"
)
_EN_BEFORE_KIND = re.compile(rf"(?:the\s+|an?\s+)((?:[A-Z][\w'’-]*\s+){{0,3}}[A-Z][\w'’-]*)\s+({_LOWER_KIND})\b")
_EN_AFTER_KIND = re.compile(
    r"\b(trade union|union|group|movement|party|newspaper|outlet|publication|association|collective|initiative|"
    r"platform|website)\s+((?:[A-Z][\w'’-]*\s+){0,4}[A-Z][\w'’-]*)"
)
_EN_QUOTED_AFTER_KIND = re.compile(rf"\b({_LOWER_KIND})\s*,?\s*[\"“«]([^\"”»]{{2,60}})[\"”»]")
_EN_APPOSED = re.compile(rf"\b({_LOWER_KIND}),\s+((?:[A-Z][\w'’-]*)(?:\s+[A-Z][\w'’-]*){{0,3}}),")
_RU_QUOTED = re.compile(
    r"(?<![а-яё])(партия|партии|профсоюз\w*|движени\w+|групп\w+|объединени\w+|организаци\w+|инициатив\w+|"
    r"издани\w+|газет\w+|канал\w*|коалици\w+|фонд\w*|центр\w*|союз\w*|комитет\w*)\s+«([^»]{2,60})»",
    re.IGNORECASE,
)
_NOT_ORGS = {
    "soviet union",
    "european union",
    "russian federation",
    "united states",
    "united kingdom",
    "the union",
    "union",
    "party",
    "movement",
}
_START_NOISE = re.compile(r"^(?:The|This|That|These|In|On|At|For|From|With|By|And|But|Our|Their|His|Her|Its)\s+")


@dataclass(frozen=True)
class OrgMention:
    start: int
    end: int
    name: str
    kind: str


# each kind word with up to three letters of ending, longest first (so "trade union" wins over "union")
_KIND_WORDS = [
    (re.compile(rf"(?<![\w]){re.escape(key)}\w{{0,3}}(?![\w])"), kind)
    for key, kind in sorted(_KINDS.items(), key=lambda item: len(item[0]), reverse=True)
]


def names_a_kind(words: str) -> bool:
    """Whether the words contain a word for a kind of organisation ("network", "комитет")."""
    lowered = words.lower()
    return any(pattern.search(lowered) for pattern, _kind in _KIND_WORDS)


def kind_of(words: str) -> str:
    lowered = words.lower()
    return next((kind for pattern, kind in _KIND_WORDS if pattern.search(lowered)), "other")


def _clean(name: str) -> str:
    name = _START_NOISE.sub("", name.strip(" ,.;:'\"’"))
    framed = re.match(r"^((?:[A-Z][\w'’-]*\s+){1,3})of (?:the )?(?=[A-Z])", name)
    if framed and not re.search(rf"\b(?:{_HEADS})s?\b", framed.group(1)):  # "Statement of the X Movement"
        name = name[framed.end() :]
    name = re.sub(r"['’]s$", "", name)
    return name.strip()


def _acceptable(name: str) -> bool:
    if len(name) < 2 or name.lower() in _NOT_ORGS or find_country(name):
        return False
    return not re.fullmatch(r"(?:the\s+)?[a-z].*", name)


def english(sentence: str) -> list[OrgMention]:
    """Organisations named in an English sentence."""
    out: list[OrgMention] = []
    for m in _EN_NAMED.finditer(sentence):
        name = _clean(m.group(1))
        if _acceptable(name) and len(name.split()) <= 8:
            start = m.start(1) + m.group(1).find(name)
            # "the Left Bloc party": the lower-case word after the name says what it is
            said = re.match(rf"\s+({_LOWER_KIND})\b", sentence[m.end(1) :])
            out.append(OrgMention(start, start + len(name), name, kind_of(said.group(1) if said else name)))
    for m in _EN_BEFORE_KIND.finditer(sentence):
        name = _clean(m.group(1))
        if _acceptable(name) and not re.search(rf"\b(?:{_HEADS})$", name):
            out.append(OrgMention(m.start(1), m.start(1) + len(name), name, kind_of(m.group(2))))
    for m in _EN_QUOTED_AFTER_KIND.finditer(sentence):
        name = m.group(2).strip()
        out.append(OrgMention(m.start(2), m.end(2), name, kind_of(m.group(1))))
    for m in _EN_AFTER_KIND.finditer(sentence):
        name = _clean(m.group(2))
        if _acceptable(name) and not re.match(r"(?:of|in|and|for)\b", name):
            out.append(OrgMention(m.start(2), m.start(2) + len(name), name, kind_of(m.group(1))))
    for m in _EN_APPOSED.finditer(sentence):
        name = _clean(m.group(2))
        if _acceptable(name):
            out.append(OrgMention(m.start(2), m.start(2) + len(name), name, kind_of(m.group(1))))
    return _dedupe(out)


def russian(sentence: str, spans: list) -> list[OrgMention]:
    """Organisations in a Russian sentence: natasha's ORG tags and «quoted» names after a kind word."""
    out = [OrgMention(m.start(2), m.end(2), m.group(2), kind_of(m.group(1))) for m in _RU_QUOTED.finditer(sentence)]
    for span in spans:
        if span.kind == "ORG" and not any(
            o.start <= span.start < o.end or span.start <= o.start < span.end for o in out
        ):
            name = span.text.strip('«»"')
            out.append(OrgMention(span.start, span.end, name, kind_of(name)))
    return _dedupe(out)


def _dedupe(found: list[OrgMention]) -> list[OrgMention]:
    """Overlapping readings: the first found (the most specific pattern) wins."""
    kept: list[OrgMention] = []
    for org in found:
        if not any(org.start < k.end and k.start < org.end for k in kept):
            kept.append(org)
    return sorted(kept, key=lambda o: o.start)


_EN_ROLE = (
    r"(?:member|members|leader|leaders|activist|activists|head|coordinator|co-?founder|founder|chair(?:man|woman|"
    r"person)?|co-chair|secretary|organi[sz]er|editor|spokes(?:person|man|woman)|supporter|lawyer|journalist|"
    r"correspondent|representative|volunteer|director|president|deputy|participant|staffer|employee)s?"
)
_EN_ROLE_OF = re.compile(
    rf"\b{_EN_ROLE}\s+(?:of|at|for|with|in|from)\s+(?:the\s+|an?\s+)?(?:[a-z'-]+\s+){{0,3}}$", re.IGNORECASE
)
_EN_ROLE_AFTER = re.compile(rf"^\s+{_EN_ROLE}\b", re.IGNORECASE)
_EN_CREATED = re.compile(
    r"\b(?:he|she|they)\s+(?:had\s+)?(?:created|founded|co-founded|set up|leads|led|heads|headed)"
    r"|\b(?:created|founded|co-founded|set up|led|headed)\s+by\b",
    re.IGNORECASE,
)
_RU_ROLE = re.compile(
    r"(?<![а-яё])(?:член\w*|лидер\w*|активист\w*|участни\w+|координатор\w*|основател\w*|руководител\w*|"
    r"председател\w*|сопредседател\w*|глав\w+|журналист\w*|сотрудни\w+)\s+(?:[а-яё-]+\s+){0,3}[«\"]?$",
    re.IGNORECASE,
)


def affiliated(sentence: str, orgs: list[OrgMention], lang: str) -> list[OrgMention]:
    """The organisations in a sentence that a role ties to someone: "a leader of X", "X coordinator",
    "the platform he created"."""
    out: list[OrgMention] = []
    for org in orgs:
        before = sentence[max(0, org.start - 60) : org.start]
        after = sentence[org.end : org.end + 40]
        if lang == "ru":
            if _RU_ROLE.search(before):
                out.append(org)
            continue
        tail = re.sub(r"^\s+(?:trade union|labou?r union|union|group|movement|party)\b", "", after)
        if _EN_ROLE_OF.search(before) or _EN_ROLE_AFTER.search(tail) or _EN_CREATED.search(after[:25]):
            out.append(org)
    return out


# --- cases -----------------------------------------------------------------------------------------------

_EN_CASE = re.compile(
    r"(?:so-called\s+|the\s+)[\"“«]?((?:[A-Z][\w'’-]*\s+){1,3}[Cc]ase)\b"
    r"|[\"“«]((?:[A-Z][\w'’-]*\s+){1,3}[Cc]ase)\.?[\"”»]"
    r"|[\"“«]([A-Z][\w'’ -]{1,40})[\"”»]\s+case\b"
)
_NOT_CASE = {"this", "that", "the", "any", "each", "every", "one", "criminal", "in", "which", "such", "our"}
_RU_CASE = re.compile(
    r"(?<![а-яё])(дел[оауе]м?\s+«[^»]{2,60}»)|«([^»]{2,60}\s+дел[оау])»|(?<![а-яё])([А-ЯЁа-яё]+(?:ое|ее|ом|ого|ому)\s+"
    r"дел[оауе]м?)(?![а-яё])|«(дел[оауе]м?\s+[^»]{2,60})»",
    re.IGNORECASE,
)


def cases(sentence: str, lang: str) -> list[OrgMention]:
    """Named cases ("the so-called Penza case", "дело «Сети»"), as ``OrgMention`` with kind "case"."""
    out: list[OrgMention] = []
    if lang == "ru":
        for m in _RU_CASE.finditer(sentence):
            group = next(g for g in (1, 2, 3, 4) if m.group(g))
            text = m.group(group)
            if group in (1, 4):  # "по делу «Сети»", "по «делу Весны»": the case in the nominative
                text = re.sub(r"^дел[оауе]м?", "дело", text, flags=re.IGNORECASE)
            if group == 2 and re.fullmatch(r"[А-ЯЁа-яё]+(?:ое|ее|ом|ого|ому)\s+дел[оауе]м?", text):
                text = _ru_case_nominative(text)
            if group == 3:
                first = text.split()[0].lower()
                if first in (
                    "уголовное",
                    "уголовного",
                    "уголовном",
                    "административное",
                    "это",
                    "этого",
                    "новое",
                    "нового",
                    "другое",
                    "своё",
                    "свое",
                    "первое",
                    "громкое",
                    "политическое",
                    "одно",
                ):
                    continue
                text = _ru_case_nominative(text)
            out.append(OrgMention(m.start(group), m.end(group), text, "case"))
        return out
    for m in _EN_CASE.finditer(sentence):
        group = next(g for g in (1, 2, 3) if m.group(g))
        text = m.group(group).strip()
        if group == 3:
            text = f"{text} case"
        if text.split()[0].lower() in _NOT_CASE:
            continue
        out.append(OrgMention(m.start(group), m.end(group), text, "case"))
    return _dedupe(out)


def _ru_case_nominative(text: str) -> str:
    adjective, _noun = text.split()[:2]
    stem = re.sub(r"(?:ое|ее|ом|ого|ому|ем|его|ему)$", "", adjective)
    ending = "ее" if adjective.lower().endswith(("ее", "его", "ему", "ем")) else "ое"
    stem = stem[:1].upper() + stem[1:] if adjective[:1].isupper() else stem
    return f"{stem}{ending} дело"
