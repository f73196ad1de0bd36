"""Charges and prison terms, in the text's wording, English and Russian.

Charges are kept as the text words them: a quoted accusation after "for"/"accused of", the phrase after
"charged with", the word before "charge" ("a fabricated drugs charge"), or a known offence with its qualifier
("financing of terrorism"); "по статье о …", "обвиняют в …", "вменяют …" in Russian. The most explicit
reading comes first. Terms ("9 years in prison", "15 days in jail", a fine) count only where a sentencing
word leads to them, so a "two-day strike" or what someone merely "faces up to" is not taken for a sentence.
Which person each belongs to is ``extract.py``'s business.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


def _rx(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


_QUOTE = r"[\"“«„'‘]([^\"”»“'’]{3,90})[\"”»“'’]"
_EN_CHARGE_INTRO = (
    r"(?:charged with|accused of|convicted of|on charges? of|suspected of|found guilty of|prosecuted for|"
    r"guilty of|charges? of|indicted for|sentenced (?:\w+ )?for|jailed for|detained for|arrested for|fined for|"
    r"for|over)"
)
_EN_QUOTED = _rx(rf"\b{_EN_CHARGE_INTRO}\s+(?:allegedly\s+|so-called\s+)?{_QUOTE}")
_EN_PHRASE = _rx(
    r"\b(?:charged with|accused of|convicted of|on charges? of|suspected of|found guilty of|prosecuted for|"
    r"indicted for)\s+(?:the |a |an |so-called |allegedly )?([a-z][a-z' -]{2,70}?)"
    r"(?=[,.;:()!?\"”]|\s(?:following|after|for|in connection|because|over|and (?:was|is|has|faces)|which|who|"
    r"when|since|during|by|under|at|from|while|as)\b|$)"
)
_EN_NOUN = _rx(
    r"\b(?:a|an|the|on|of)\s+(?:(?:trumped-up|fabricated|false|bogus|new|politically motivated|"
    r"criminal|administrative|fresh|serious)\s+)*([a-z-]+(?: [a-z-]+)?)\s+charges?\b"
)
_NOT_CHARGE = {
    "criminal",
    "new",
    "these",
    "those",
    "the",
    "same",
    "two",
    "three",
    "several",
    "serious",
    "such",
    "all",
    "any",
    "trumped-up",
    "fabricated",
    "false",
    "bogus",
    "fresh",
    "administrative",
    "other",
    "politically",
    "motivated",
    "more",
    "further",
    "similar",
}
_OFFENCE = (
    r"(?:sabotage|terrorism|extremism|treason|high treason|espionage|hooliganism|vandalism|fraud|negligence|"
    r"mass riots|rioting|extortion|embezzlement|bribery|drug trafficking|"
    r"discrediting the (?:army|armed forces)|fakes about the (?:army|armed forces)|spreading (?:fakes|false "
    r"information)|false information about the (?:army|armed forces)|incitement to hatred|"
    r"justification of terrorism|resisting (?:the )?police|violence against (?:a |the )?police(?: officer)?|"
    r"insulting (?:a |the )?(?:judge|official|authorities)|an? (?:terrorist|extremist) (?:organi[sz]ation|community)|"
    r"an undesirable organi[sz]ation|illegal border crossing|calls to extremism|calls for extremism)"
)
_EN_OFFENCE = _rx(
    r"\b((?:(?:preparation|preparing|organi[sz]ation|organi[sz]ing|financing|funding|justification|public calls|"
    r"calls|incitement|attempted|attempt at|participation|involvement|plotting|conspiracy|membership|"
    r"creation|creating)\s+(?:of\s+|to\s+|for\s+|in\s+|at\s+)?(?:an?\s+)?)?" + _OFFENCE + r")\b"
)
_RU_QUOTED = _rx(rf"(?<![а-яё])(?:за|по статье|по делу|в|обвинени\w* в|обвиня\w* в)\s+{_QUOTE}")
_RU_PHRASE = _rx(
    r"(?:по стать\w+ (?:\d[\d.,]* (?:УК|КоАП)\w* )?о|обвиня\w* в|вменя\w*|обвинени\w* в|подозрева\w* в|подозрени\w* в|"
    r"осужден\w* за|осуждён\w* за|приговор\w* за|обвинен\w* в|обвинён\w* в)\s+([а-яё][а-яё «»-]{2,70}?)"
    r"(?=[,.;:()!?»\"]|\s(?:и (?:был|была|были)|после|когда|из-за|за|которы\w+|в (?:\d|январ|феврал|март|апрел|ма[яй]|"
    r"июн|июл|август|сентябр|октябр|ноябр|декабр))|$)"
)
_RU_ARTICLE = _rx(r"(?:по\s+)?(?:ч(?:асти|\.)\s*\d+\s+)?ст(?:атье|атьи|\.)\s*(\d+(?:\.\d+)?)\s+(УК|КоАП)")


@dataclass(frozen=True)
class Found:
    start: int
    end: int
    text: str
    rank: int = 0  # lower is more explicit: quoted, then phrase, then noun, then offence list


def charges(sentence: str, lang: str) -> list[Found]:
    """Accusations in a sentence, most explicit readings first."""
    out: list[Found] = []
    if lang == "ru":
        for rank, pattern in enumerate((_RU_QUOTED, _RU_PHRASE)):
            for m in pattern.finditer(sentence):
                text = m.group(1).strip()
                text += "»" if text.count("«") > text.count("»") else ""
                out.append(Found(m.start(1), m.end(1), text, rank))
        for m in _RU_ARTICLE.finditer(sentence):
            out.append(Found(m.start(), m.end(), f"ст. {m.group(1)} {m.group(2)}", 3))
        return sorted(out, key=lambda f: (f.rank, f.start))
    for m in _EN_QUOTED.finditer(sentence):
        if not re.match(r"(?:no|yes)\b", m.group(1), re.IGNORECASE):
            out.append(Found(m.start(1), m.end(1), m.group(1).strip(" ."), 0))
    for m in _EN_PHRASE.finditer(sentence):
        text = m.group(1).strip()
        if text and not text.startswith(("his ", "her ", "their ", "being ", "having ")):
            out.append(Found(m.start(1), m.end(1), text, 1))
    for m in _EN_NOUN.finditer(sentence):
        words = [w for w in m.group(1).lower().split() if w not in _NOT_CHARGE]
        if words:
            text = " ".join(words)
            out.append(Found(m.end(1) - len(text), m.end(1), text, 2))
    for m in _EN_OFFENCE.finditer(sentence):
        out.append(Found(m.start(1), m.end(1), m.group(1), 3))
    return sorted(out, key=lambda f: (f.rank, f.start))


# --- prison terms and fines ------------------------------------------------------------------------------

_EN_NUMBERS = {
    w: i
    for i, w in enumerate(
        [
            "zero",
            "one",
            "two",
            "three",
            "four",
            "five",
            "six",
            "seven",
            "eight",
            "nine",
            "ten",
            "eleven",
            "twelve",
            "thirteen",
            "fourteen",
            "fifteen",
            "sixteen",
            "seventeen",
            "eighteen",
            "nineteen",
            "twenty",
        ]
    )
}
_EN_NUMBERS.update({"thirty": 30, "a": 1, "an": 1})
_EN_TERM = _rx(
    r"\b(\d{1,3}(?:[.,]5)?|" + "|".join(k for k in _EN_NUMBERS if len(k) > 2) + r"|a|an)(?:\s*\(!\))?[\s-]+"
    r"(years?|months?|weeks?|days?)(?:\s+and\s+(?:\d+|\w+)\s+months?)?"
    r"(\s+(?:in|of)\s+(?:jail|prison|a (?:\w+[- ])?(?:regime )?(?:penal )?colony|(?:administrative )?(?:arrest|"
    r"detention)|custody|a (?:penal|prison) colony|labour camp))?"
)
_EN_FINE = _rx(
    r"\b(?:fined(?:\s+[A-Z][\w'’-]*){0,3}|a fine of)\s+((?:\d[\d,. ]*\d|\d)(?:\s*(?:thousand|million))?\s*"
    r"(?:roubles|rubles|euros?|dollars|hryvnias?|[$€₽]))"
)
_RU_NUMBERS = [
    (1, r"од(?:ин|ного|ному|ним|ном|на|ной|ну)"),
    (2, r"дв(?:а|е|ух|ум|умя)"),
    (3, r"тр(?:и|[её]х|[её]м|емя)"),
    (4, r"четыр(?:е|[её]х|[её]м|ьмя)"),
    (5, r"пят(?:ь|и|ью)"),
    (6, r"шест(?:ь|и|ью)"),
    (7, r"сем(?:ь|и|ью)"),
    (8, r"вос(?:емь|ьми|емью|ьмью)"),
    (9, r"девят(?:ь|и|ью)"),
    (10, r"десят(?:ь|и|ью)"),
    (11, r"одиннадцат(?:ь|и|ью)"),
    (12, r"двенадцат(?:ь|и|ью)"),
    (15, r"пятнадцат(?:ь|и|ью)"),
    (20, r"двадцат(?:ь|и|ью)"),
    (1, r"год|полгода"),
]
_RU_TERM = _rx(
    r"(?<![а-яё])(\d{1,3}(?:[.,]5)?|[а-яё]+)\s+(год\w*|лет|месяц\w*|суток|сут\w*|дн\w*|недел\w*)"
    r"((?:\s+(?:лишения свободы|колонии|заключения|ареста|административного ареста|общего режима|строгого режима|"
    r"колонии-поселения|тюрьмы|условно))*)"
)


def _en_number(word: str) -> str:
    lowered = word.lower()
    return str(_EN_NUMBERS[lowered]) if lowered in _EN_NUMBERS else word


def _ru_number(word: str) -> str | None:
    if word[0].isdigit():
        return word
    lowered = word.lower()
    return next((str(value) for value, form in _RU_NUMBERS if re.fullmatch(form, lowered)), None)


_RU_FINE = _rx(r"штраф\w*\s+(?:в размере\s+)?((?:\d[\d\s.,]*)\s*(?:тысяч\w*|тыс\.|млн)?\s*(?:рублей|руб\.|₽))")


# a term is a sentence only where a sentencing word leads to it ("sentenced to", "served", "получил", "к"); a
# "two-day strike" or "a year ago" is not one, nor is what someone merely "faces up to"
_EN_TERM_LEAD = re.compile(
    r"\b(?:sentenced|jailed|imprisoned|served|serving|given|handed(?: down)?|got|received|term of|sentence of|"
    r"fined|penalty of)\b[^.;]{0,80}$",
    re.IGNORECASE,
)
_RU_TERM_LEAD = re.compile(
    r"(?<![а-яё])(?:приговор\w*|осужд\w*|осуждён\w*|получил\w*|отбыл\w*|отбывает|отсидел\w*|назначил\w*|"
    r"срок\w*|арестова\w*|к)(?![а-яё])[^.;]{0,30}$",
    re.IGNORECASE,
)
_UP_TO = re.compile(r"(?:up to|до)\s+$", re.IGNORECASE)


def terms(sentence: str, lang: str) -> list[Found]:
    """Prison terms and fines in a sentence ("9 years in prison", "15 days in jail"); digits for number
    words, the rest as written."""
    out: list[Found] = []
    if lang == "ru":
        for m in _RU_FINE.finditer(sentence):
            out.append(Found(m.start(1), m.end(1), f"штраф {m.group(1).strip()}"))
        for m in _RU_TERM.finditer(sentence):
            number = _ru_number(m.group(1))
            before = sentence[max(0, m.start() - 40) : m.start()]
            if number and _RU_TERM_LEAD.search(before) and not _UP_TO.search(before):
                out.append(Found(m.start(), m.end(), f"{number} {m.group(2)}{m.group(3) or ''}".strip()))
        return out
    for m in _EN_TERM.finditer(sentence):
        before = sentence[max(0, m.start() - 90) : m.start()]
        if "-" in sentence[m.start() : m.end(2)] or not _EN_TERM_LEAD.search(before) or _UP_TO.search(before):
            continue
        number = _en_number(m.group(1))
        out.append(Found(m.start(), m.end(), f"{number} {m.group(2).lower()}{m.group(3) or ''}".strip()))
    for m in _EN_FINE.finditer(sentence):
        out.append(Found(m.start(1), m.end(1), f"fine of {m.group(1).strip()}"))
    return out
