"""Content in several languages: a translation per language, and which ones are missing or behind the original.

A translation row keeps a digest of the original text it was made from. When an editor changes the original, the
digest no longer matches and the translation shows as outdated until a translator saves it again. Comparing
timestamps instead would also flag every translation after an edit that leaves the text alone (a status change, a
new slug), and translators would learn to ignore the flag.
"""

from __future__ import annotations

import enum
import hashlib
import json
from collections.abc import Iterable, Sequence
from typing import Any, ClassVar

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class State(enum.StrEnum):
    CURRENT = "current"
    OUTDATED = "outdated"
    MISSING = "missing"


def site_languages() -> list[str]:
    """The languages the site is offered in, which are the languages content can be translated into."""
    return [code for code, _name in settings.LANGUAGES]


def language_choices() -> list[tuple[str, str]]:
    """A callable, so migrations name it instead of copying the list of languages into every one."""
    return list(settings.LANGUAGES)


def language_name(code: str) -> str:
    return str(dict(settings.LANGUAGES).get(code, code))


def original_digest(original: models.Model, fields: Sequence[str]) -> str:
    """A short fingerprint of the original's translatable fields, in order."""
    values = [getattr(original, name) for name in fields]
    text = json.dumps(values, ensure_ascii=False, sort_keys=True, default=str)
    return hashlib.sha256(text.encode()).hexdigest()[:16]


class Translation(models.Model):
    """Base of the per-language translation rows of one kind of content.

    A subclass names the original (``original_field``, the foreign key) and ``TRANSLATED_FIELDS`` (the same names
    on both models). Saving a translation records the original it was made from, so it counts as current.
    """

    original_field: ClassVar[str]
    original_language_field: ClassVar[str] = "language"  # on the original: the language it is written in
    TRANSLATED_FIELDS: ClassVar[Sequence[str]]

    language = models.CharField(_("language"), max_length=10, choices=language_choices)
    source_digest = models.CharField(max_length=16, blank=True, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.source_digest = original_digest(self.original, self.TRANSLATED_FIELDS)
        super().save(*args, **kwargs)

    @property
    def original(self) -> models.Model:
        return getattr(self, self.original_field)

    def is_current(self) -> bool:
        return self.source_digest == original_digest(self.original, self.TRANSLATED_FIELDS)


def states(
    original: models.Model,
    original_language: str,
    translations: Iterable[Translation],
    fields: Sequence[str],
    languages: Iterable[str] | None = None,
) -> dict[str, State]:
    """Per site language other than the original's: is there a translation, and was it made from this text?"""
    digest = original_digest(original, fields)
    by_language = {t.language: t for t in translations}
    result = {}
    for code in languages if languages is not None else site_languages():
        if code == original_language:
            continue
        row = by_language.get(code)
        if row is None:
            result[code] = State.MISSING
        else:
            result[code] = State.CURRENT if row.source_digest == digest else State.OUTDATED
    return result


def pick(translations: Iterable[Translation], language: str, original_language: str) -> Translation | None:
    """The translation to show in ``language``, if the original is in another one and a translation exists."""
    if language == original_language:
        return None
    return next((t for t in translations if t.language == language), None)
