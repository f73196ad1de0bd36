"""Approved solidarity messages as a printable A4 PDF: a cover page for the envelope, then one message per page.

Organisers print this to post to a prison or hand over at a court hearing, so each page stands alone: a censor
may take pages out, and the person may keep one message and not the next. A page carries the person's name,
the message, how the sender signed (their name, or "A supporter") and country, and the date; never the
sender's contact, which is for moderators only.

Fonts are the system's DejaVu (Latin, Cyrillic, Greek, Hebrew, Arabic, Georgian, Armenian). The document loads
nothing: :class:`NoFetching` refuses every URL, so text that looks like a link can never make the server call
out. Printing changes nothing; marking the messages delivered is a separate, explicit step.
"""

from __future__ import annotations

import logging
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from solidarity.lib import audit
from solidarity.places.countries import local_country_name
from solidarity.registry.models import Letter, Person

# WeasyPrint narrates every step at INFO; our logs keep its warnings only.
logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)

from weasyprint import HTML  # noqa: E402
from weasyprint.urls import URLFetcher, URLFetcherResponse  # noqa: E402

RTL_LANGUAGES = {"ar", "fa", "he", "ur", "yi"}
# Messages up to these many "characters" (a line break counts as a short line) keep the normal type size;
# longer ones get smaller type so that a message within ``LETTER_MAX_CHARS`` still fits on its page. Only a
# message of very many short lines (a long poem) may run on to a second page; it still starts on its own.
_SIZES = ((1800, ""), (3400, "long"), (5200, "longer"))
_LINE_BREAK_WEIGHT = 50


class NoFetching(URLFetcher):
    """A fetcher that fetches nothing: the document needs no images, styles or fonts from anywhere."""

    def __init__(self) -> None:
        super().__init__(allowed_protocols=set(), allow_redirects=False, timeout=1)

    def fetch(self, url: str, headers: dict[str, str] | None = None) -> URLFetcherResponse:
        raise ValueError("the letters PDF loads no resources")


@dataclass(frozen=True)
class Page:
    """One printed message, as the template shows it."""

    letter: Letter
    signature: str
    country: str
    direction: str
    size: str


def letters_to_print(person: Person) -> QuerySet[Letter]:
    """Approved messages to ``person`` not yet marked delivered, oldest first (the order they are read in)."""
    return Letter.objects.filter(person=person, status=Letter.Status.APPROVED).order_by("created_at", "pk")


def text_direction(text: str, language: str = "") -> str:
    """``rtl`` for Hebrew, Arabic and Persian messages: by the language given, else by the first letter."""
    if language.split("-")[0] in RTL_LANGUAGES:
        return "rtl"
    for char in text:
        kind = unicodedata.bidirectional(char)
        if kind in ("R", "AL"):
            return "rtl"
        if kind == "L":
            return "ltr"
    return "ltr"


def _size(text: str) -> str:
    weight = len(text) + _LINE_BREAK_WEIGHT * text.count("\n")
    return next((size for limit, size in _SIZES if weight <= limit), "longest")


def _page(letter: Letter, language: str) -> Page:
    return Page(
        letter=letter,
        signature=letter.sender_name or _("A supporter"),
        country=local_country_name(letter.sender_country, language) if letter.sender_country else "",
        direction=text_direction(letter.text, letter.language),
        size=_size(letter.text),
    )


def letters_pdf(person: Person, letters: Sequence[Letter], *, language: str | None = None, cover: bool = True) -> bytes:
    """The messages to ``person`` as an A4 PDF, each on its own page, after a cover page with the person's name,
    postal address and the number of messages (``cover=False`` leaves it out).

    Labels and dates are in ``language`` (default: the active one), the messages as written. Renders only: it
    neither records the printing nor changes any message (see :func:`printout`).
    """
    language = language or translation.get_language() or "en"
    with translation.override(language):
        html = render_to_string(
            "registry/letters_pdf.html",
            {
                "person": person,
                "pages": [_page(letter, language) for letter in letters],
                "cover": cover,
                "language": language,
                "printed_on": timezone.localdate(),
            },
        )
    return HTML(string=html, base_url="about:blank", url_fetcher=NoFetching()).write_pdf()


def printout(
    person: Person,
    *,
    actor: Any,
    letters: Sequence[Letter] | None = None,
    language: str | None = None,
    cover: bool = True,
) -> tuple[bytes, list[Letter]]:
    """The PDF of ``letters`` (default: every approved, undelivered message to ``person``) and the messages it
    holds, so the caller can offer to mark exactly those delivered.

    Each printing is recorded in the audit trail, because the PDF carries senders' names out of the system;
    the messages stay approved until someone marks them delivered.
    """
    chosen = list(letters_to_print(person) if letters is None else letters)
    content = letters_pdf(person, chosen, language=language, cover=cover)
    audit.record(
        "registry.letter.printed", person, actor, after={"count": len(chosen), "letters": [x.pk for x in chosen]}
    )
    return content, chosen
