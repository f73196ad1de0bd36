"""Countries: English short names for display and names in many languages for reading free text."""

from __future__ import annotations

import gettext
from functools import cache

import pycountry

from solidarity.places.text import fold

# Languages whose country names we recognise in free text (the languages reports arrive in).
READ_LANGUAGES = ("ru", "uk", "de", "fr", "es", "it", "pt", "pl", "cs", "fi", "sv", "nl", "tr", "he")
_EXTRA_NAMES = {
    "russia": "RU",
    "usa": "US",
    "uk": "GB",
    "britain": "GB",
    "england": "GB",
    "россия": "RU",
    "рф": "RU",
    "сша": "US",
    "czechia": "CZ",
    "holland": "NL",
    "turkey": "TR",
}


def country_name(code: str) -> str:
    """The English short name for an ISO 3166 alpha-2 code (pycountry's ``common_name`` or ``name``).

    English names are the stable identifiers of the tally contract; pages show :func:`local_country_name`.
    """
    return _names().get(code.upper(), code.upper())


def local_country_name(code: str, language: str) -> str:
    """The country's name in ``language`` (pycountry's ISO 3166 catalogues), English if it has none."""
    english = country_name(code)
    translator = _translator(language)
    return translator.gettext(english) if translator else english


@cache
def _translator(language: str) -> gettext.NullTranslations | None:
    if language == "en":
        return None
    try:
        return gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[language])
    except OSError:
        return None


@cache
def _names() -> dict[str, str]:
    return {c.alpha_2: getattr(c, "common_name", None) or c.name for c in pycountry.countries}


@cache
def _lookup() -> dict[str, str]:
    table: dict[str, str] = {}
    translators = []
    for language in READ_LANGUAGES:
        try:
            translators.append(gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[language]))
        except OSError:
            continue
    for country in pycountry.countries:
        names = {country.name, getattr(country, "common_name", ""), getattr(country, "official_name", "")}
        for name in [n for n in names if n]:
            table[fold(name)] = country.alpha_2
            for translator in translators:
                table[fold(translator.gettext(name))] = country.alpha_2
        table[country.alpha_3.casefold()] = country.alpha_2
    table.update({fold(k): v for k, v in _EXTRA_NAMES.items()})
    return table


def find_country(text: str) -> str | None:
    """The alpha-2 code of a country named in ``text`` in any language we read, or ``None``."""
    return _lookup().get(fold(text))


def all_countries() -> list[tuple[str, str]]:
    """(code, English name) pairs sorted by name, for filters and forms."""
    return sorted(_names().items(), key=lambda item: item[1])
