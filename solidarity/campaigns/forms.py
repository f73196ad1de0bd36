"""The organiser's campaign form: lists as one item per line, actions as checkboxes."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from solidarity.campaigns.models import ActionType, Campaign, CampaignTranslation
from solidarity.lib.fields import LinesField


class LanguagesField(forms.CharField):
    def prepare_value(self, value: Any) -> str:
        return ", ".join(value) if isinstance(value, list) else (value or "")

    def to_python(self, value: Any) -> list[str]:
        if isinstance(value, list):
            return value
        codes = [code.strip().lower() for code in (value or "").replace(";", ",").split(",") if code.strip()]
        bad = [code for code in codes if not (2 <= len(code) <= 3 and code.isalpha())]
        if bad:
            raise forms.ValidationError(
                _("Use two-letter language codes such as en, fr, es: %(bad)s"), params={"bad": ", ".join(bad)}
            )
        return codes


class CampaignForm(forms.ModelForm):
    slogans = LinesField(label=_("slogans"), required=False, help_text=_("One per line."))
    demands = LinesField(label=_("demands"), required=False, help_text=_("One per line."))
    action_types = forms.MultipleChoiceField(
        label=_("suggested actions"),
        choices=ActionType.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    call_languages = LanguagesField(
        label=_("languages the call is published in"),
        required=False,
        help_text=_("Comma-separated codes, e.g. en, fr, es."),
    )

    class Meta:
        model = Campaign
        fields = [*Campaign.EDITABLE_FIELDS, "people", "cases"]


class TranslationForm(forms.ModelForm):
    slogans = LinesField(label=_("slogans"), required=False, help_text=_("One per line; empty uses the original."))
    demands = LinesField(label=_("demands"), required=False, help_text=_("One per line; empty uses the original."))

    class Meta:
        model = CampaignTranslation
        fields = ["language", "title", "summary", "body", "slogans", "demands", "summary_intro"]
