"""Normalising place names so that spellings typed by people meet the gazetteer's."""

from __future__ import annotations

import re
import unicodedata

_SPACES = re.compile(r"[\s\-‐‑–—_'’`.]+")


def fold(text: str) -> str:
    """Case-fold, drop diacritics and unify separators: "München" and "Munchen", "St. Petersburg" and
    "st petersburg" fold alike. Applied identically to the index and to what people type."""
    if text.isascii():  # most names: nothing to decompose (a third of the gazetteer's start-up time)
        return _SPACES.sub(" ", text.lower()).strip()
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _SPACES.sub(" ", stripped).strip()
