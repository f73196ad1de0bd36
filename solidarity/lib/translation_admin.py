"""The admin side of translated content: refusing a translation into the original's language, and a column that
names the translations missing or made from an older text (the rules are in ``lib/translations.py``)."""

from __future__ import annotations

from typing import ClassVar

from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db import models
from django.forms.models import BaseInlineFormSet
from django.utils.html import format_html_join
from django.utils.translation import gettext_lazy as _

from solidarity.lib.translations import State, Translation, states


class TranslationFormSet(BaseInlineFormSet):
    """Refuses a "translation" into the language the original is already written in: it would never be shown."""

    def clean(self) -> None:
        super().clean()
        original = getattr(self.instance, self.model.original_language_field, None)
        for form in self.forms:
            if not hasattr(form, "cleaned_data") or form.cleaned_data.get("DELETE"):
                continue
            if original and form.cleaned_data.get("language") == original:
                form.add_error("language", _("The original is written in this language."))
                raise ValidationError(_("A translation must be into another language than the original's."))


class TranslationStateAdmin(admin.ModelAdmin):
    """Adds a column and a read-only field that name the missing and outdated translations.

    The subclass sets ``translation_model`` (its translation class) and ``original_language_field``; the list
    should prefetch the translations (``translations`` as related name) to keep it to one query.
    """

    translation_model: ClassVar[type[Translation]]
    original_language_field: ClassVar[str] = "language"

    @admin.display(description=_("translations"))
    def translation_state(self, obj: models.Model) -> str:
        if obj.pk is None:  # a new record has no translations yet
            return "—"
        found = states(
            obj,
            getattr(obj, self.original_language_field),
            obj.translations.all(),
            self.translation_model.TRANSLATED_FIELDS,
        )
        labels = {
            State.MISSING: _("missing"),
            State.OUTDATED: _("older than the original"),
            State.CURRENT: _("up to date"),
        }
        if not found:
            return "—"
        rows = ((state, code, labels[state]) for code, state in found.items())
        return format_html_join(", ", '<span class="translation-{}">{}: {}</span>', rows)
