"""What happened to a person: status cues, charges and prison terms, in English and Russian.

Each cue is a phrase a reporter uses for one of the registry's statuses ("was arrested", "in custody since",
"sentenced to", "задержан", "в СИЗО"). When a sentence holds several, the person's status is the latest stage
of the prosecution among them, by the registry's own ``STAGE`` order: "arrested and beaten" is a detention,
"interrogated and searched" an interrogation, "in prison … accused of extremism" custody.

A cue is *verbal* (it follows its subject: "X was arrested") or *nominal* (its person follows: "the arrest of
X"); ``extract.py`` uses that to give each cue to the right people. A cue in a hypothetical ("to avoid
detention", "may be arrested") says nothing about anyone and is dropped.

Charges and prison terms are in ``charges.py``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from solidarity.registry.models import STAGE, StatusKind

STATUSES = tuple(StatusKind.values)


@dataclass(frozen=True)
class Cue:
    status: str
    start: int
    end: int
    nominal: bool  # "the arrest of X": the person comes after the cue


def _rx(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


# (status, pattern, nominal). Order matters only for overlapping matches: earlier entries win.
_EN_CUES: list[tuple[str, re.Pattern[str], bool]] = [
    ("house_arrest", _rx(r"\bhouse arrest\b"), False),
    ("wanted", _rx(r"\b(?:wanted list|arrest warrant|warrant for (?:his|her|their) arrest|in absentia)\b"), False),
    (
        "sentenced",
        _rx(
            r"\b(?:sentenced|convicted|found guilty|jailed for|imprisoned for|given (?:a|an|\w+) "
            r"(?:\w+ )?(?:sentence|term|years?)|served (?:\w+ ){0,2}(?:days?|months?|years?)|serving "
            r"(?:a|an|his|her|their) (?:\w+[ -]){0,3}(?:sentence|term)|(?:received|got) (?:a |an )?"
            r"(?:\w+[ -]){0,2}(?:years?|months?|sentence|prison term))"
        ),
        False,
    ),
    ("sentenced", _rx(r"\b(?:sentence|conviction|verdict) (?:of|for|against)\b"), True),
    ("fined", _rx(r"\bfined\b"), False),
    (
        "custody",
        _rx(
            r"\b(?:in (?:pre-?trial )?(?:custody|detention)|in (?:jail|prison)|behind bars|remanded"
            r"|held in (?:a |the )?(?:pre-?trial|detention|jail|prison|custody)|imprisoned|jailed"
            r"|(?:remains|remain|kept|still) (?:in )?(?:detention|custody|jail|prison)|in a penal colony)\b"
        ),
        False,
    ),
    ("detained", _rx(r"\b(?:arrested|detained|apprehended|rounded up|taken into custody|seized by)\b"), False),
    ("detained", _rx(r"\b(?:arrest|detention|arrests|detentions) of\b"), True),
    ("detained", _rx(r"\b(?:was|were|been|being) (?:\w+ )?(?:arrested|detained)\b"), False),
    (
        "searched",
        _rx(
            r"\b(?:searched|raided)\b|\b(?:search|searches|raid) (?:of|on|at) (?:his|her|their|the)"
            r" (?:home|homes|apartment|apartments|flat|flats|house|office|offices)\b"
        ),
        False,
    ),
    (
        "interrogated",
        _rx(
            r"\b(?:interrogated|questioned by|(?:was|were|been|being) questioned|summoned for "
            r"questioning|summoned for interrogation)\b"
        ),
        False,
    ),
    ("interrogated", _rx(r"\binterrogation of\b"), True),
    (
        "charged",
        _rx(
            r"\b(?:charged with|accused of|indicted|prosecuted|faces? (?:a |an )?(?:long |lengthy |up to "
            r"\w+ years? (?:in )?|possible )?(?:prison|jail)? ?(?:term|sentence|charges?|trial)"
            r"|faces up to|facing (?:up to|charges|a (?:\w+ )?(?:prison )?(?:term|sentence))|under "
            r"investigation|criminal case (?:was )?(?:opened|brought|launched) against|on charges of"
            r"|stands trial|on trial|suspected of|(?:named|identified|listed) as (?:a )?suspect|a suspect in)\b"
        ),
        False,
    ),
    ("charged", _rx(r"\b(?:charges against|prosecution of|trial of|case against)\b"), True),
    ("released", _rx(r"\b(?:released|freed|set free|walked free|acquitted|let go)\b"), False),
    ("released", _rx(r"\brelease of\b"), True),
    (
        "attacked",
        _rx(
            r"\b(?:beaten(?: up)?|attacked|assaulted|tortured|stabbed|injured|injuries|wounded|abducted|kidnapped"
            r"|hospitali[sz]ed|taken to hospital"
            r"|beat (?:him|her|them)(?: up)?)\b"
        ),
        False,
    ),
    ("attacked", _rx(r"\b(?:attack on|assault on|torture of|beating of)\b"), True),
    (
        "killed",
        _rx(
            r"\b(?:killed|murdered|gunned down|shot dead|assassinated|died in (?:custody|prison|jail|"
            r"detention)|beaten to death)\b"
        ),
        False,
    ),
    ("killed", _rx(r"\b(?:murder|killing|assassination|death) of\b"), True),
    (
        "exiled",
        _rx(
            r"\b(?:forced to (?:leave|flee) (?:the country|russia|belarus)|fled (?:the country|abroad)|"
            r"in exile|went into exile|deported|expelled from (?:the country|russia|belarus)|emigrated|moved abroad|"
            r"lives? abroad|left (?:the country|russia|belarus|ukraine|kazakhstan|azerbaijan|tajikistan|his country|"
            r"her country|their country))\b"
        ),
        False,
    ),
]
_RU_CUES: list[tuple[str, re.Pattern[str], bool]] = [
    ("house_arrest", _rx(r"домашн\w* арест\w*"), False),
    ("wanted", _rx(r"в (?:международный |федеральный )?розыск\w*|заочно арестова\w*"), False),
    (
        "sentenced",
        _rx(
            r"(?<![а-яё])(?:приговорил\w*|приговорен\w*|приговорён\w*|осужден\w*|осуждён\w*|осудил\w*|"
            r"получил\w* (?:\w+ )?(?:срок|год|лет)|отбыл\w*|отбывает|отсидел\w*)"
        ),
        False,
    ),
    ("sentenced", _rx(r"(?<![а-яё])приговор\w* (?:по|в отношении|для)"), True),
    ("fined", _rx(r"(?<![а-яё])(?:оштрафова\w*|штраф\w*)"), False),
    (
        "custody",
        _rx(
            r"(?<![а-яё])(?:СИЗО|под стражей|под стражу|за решёткой|за решеткой|в заключении|в колонии|"
            r"в изоляторе|в тюрьме|остается под арестом|остаётся под арестом)"
        ),
        False,
    ),
    ("detained", _rx(r"(?<![а-яё])(?:задержа\w*|арестова\w*|арестов\w* (?:суд\w*)?)"), False),
    ("detained", _rx(r"(?<![а-яё])(?:задержани\w*|арест\w*) (?!на имущ)"), True),
    ("searched", _rx(r"(?<![а-яё])(?:обыск\w*|обыскал\w*|обыскан\w*)"), False),
    ("interrogated", _rx(r"(?<![а-яё])(?:допрос\w*|допрошен\w*)"), False),
    (
        "charged",
        _rx(
            r"(?<![а-яё])(?:обвин\w*|вменя\w*|предъявил\w* обвинени\w*|фигурант\w*|подозрева\w*|"
            r"возбудил\w* (?:уголовное )?дело|возбуждено (?:уголовное )?дело|грозит (?:до )?\w+ (?:лет|год))"
        ),
        False,
    ),
    (
        "released",
        _rx(
            r"(?<![а-яё])(?:освобод\w*|освобожд\w*|вышел\w* на свободу|отпустил\w*|отпущен\w*|"
            r"оправдан[аоы]?(?![а-яё])|оправдал\w*)"
        ),
        False,
    ),
    ("attacked", _rx(r"(?<![а-яё])(?:избит\w*|избил\w*|напал\w*|нападени\w*|пытал\w*|пытк\w*|похищен\w*)"), False),
    ("killed", _rx(r"(?<![а-яё])(?:убит\w*|убил\w*|убийств\w*|застрел\w*|погиб\w*|скончал\w*)"), False),
    (
        "exiled",
        _rx(
            r"(?<![а-яё])(?:эмигрир\w*|в эмиграции|вынужден\w* (?:покинуть|уехать|бежать)|выслан\w*|"
            r"депортирова\w*|покинул\w* (?:страну|Россию|Беларусь)|уехал\w* (?:из (?:России|страны|Беларуси)|за "
            r"границу|за рубеж))"
        ),
        False,
    ),
]
_HYPOTHETICAL = {
    "en": _rx(
        r"\b(?:avoid|escape|evade|fear(?:ing|s)?|risk(?:ing|s)?|threat(?:en(?:ed|s)?)? (?:of|with)|may|might|"
        r"could|would|if|whether|demand(?:ing|s)? (?:the )?|call(?:ing|s)? for (?:the )?)\W+(?:\w+\W+){0,2}$"
    ),
    "ru": _rx(r"(?:избежать|избегая|опасаясь|угроз\w*|может|могут|могли|если|требу\w*)\W+(?:[а-яё]+\W+){0,2}$"),
}


# leaving for a place is exile only when the place is a country ("left for Georgia", "уехал в Польшу")
_MOVES = {
    "en": re.compile(r"\b(?i:left for|fled to|moved to|emigrated to|relocated to)\s+([A-Z][\w-]+(?:\s+[A-Z][\w-]+)?)"),
    "ru": _rx(r"(?<![а-яё])(?:уехал\w*|переехал\w*|бежал\w*|эмигрировал\w*)\s+(?:в|во)\s+([А-ЯЁ][а-яё-]+)"),
}
_ACCUSATIVE = (("у", "а"), ("ю", "я"), ("ию", "ия"), ("", ""))


def _is_country(place: str, lang: str) -> bool:
    from solidarity.places.countries import find_country

    if lang != "ru":
        return find_country(place) is not None
    return any(
        place.endswith(ending) and find_country(place[: len(place) - len(ending)] + nominative)
        for ending, nominative in _ACCUSATIVE
    )


def cues(sentence: str, lang: str) -> list[Cue]:
    """Status cues in a sentence, in order; overlapping readings give way to the first listed."""
    found: list[Cue] = []
    taken: list[tuple[int, int]] = []
    for match in _MOVES.get(lang, _MOVES["en"]).finditer(sentence):
        if _is_country(match.group(1), lang):
            taken.append(match.span())
            found.append(Cue("exiled", match.start(), match.end(), False))
    hypothetical = _HYPOTHETICAL.get(lang, _HYPOTHETICAL["en"])
    for status, pattern, nominal in _RU_CUES if lang == "ru" else _EN_CUES:
        for match in pattern.finditer(sentence):
            start, end = match.span()
            if any(start < e and s < end for s, e in taken):
                continue
            taken.append((start, end))
            if hypothetical.search(sentence[max(0, start - 40) : start]):
                continue
            found.append(Cue(status, start, end, nominal))
    return sorted(found, key=lambda c: c.start)


def strongest(statuses: list[str]) -> str:
    """The latest stage of a prosecution among several statuses (the registry's STAGE order)."""
    return max(statuses, key=lambda s: STAGE.get(s, 0))
