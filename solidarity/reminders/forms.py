"""The sign-up form: an address and which reminders, with the report form's defences against simple bots (a
honeypot field and a minimum fill time) and no third-party CAPTCHA."""

from __future__ import annotations

import time
from typing import Any

from django import forms
from django.conf import settings
from django.core import signing
from django.template.defaultfilters import date as format_date
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from solidarity.campaigns.models import Campaign
from solidarity.reminders.models import Kind

_SIGNER_SALT = "solidarity.reminder-form"


def started_token() -> str:
    return signing.dumps({"t": time.time()}, salt=_SIGNER_SALT)


def kind_choices(campaign: Campaign, kinds: list[str]) -> list[tuple[str, str]]:
    """The reminders on offer, worded with this campaign's dates and the configured lead time."""
    days = settings.SOLIDARITY_REMINDERS["DAYS_BEFORE"]
    start = ngettext(
        "%(days)d day before it starts on %(date)s",
        "%(days)d days before it starts on %(date)s",
        days,
    ) % {"days": days, "date": format_date(campaign.starts_on, "DATE_FORMAT")}
    labels = {Kind.START: start, Kind.RESULTS: str(_("when it is over and its summary is out"))}
    return [(kind, labels[kind]) for kind in Kind.values if kind in kinds]


class ReminderForm(forms.Form):
    email = forms.EmailField(
        label=_("Your e-mail address"),
        max_length=254,
        help_text=_("Used for these reminders only, never shown to anyone, and deleted after the last one."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    kinds = forms.MultipleChoiceField(
        label=_("Send me an e-mail"),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one reminder.")},
    )
    website = forms.CharField(label=_("Leave this field empty"), required=False)  # honeypot
    started = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, campaign: Campaign, kinds: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.campaign = campaign
        self.fields["kinds"].choices = kind_choices(campaign, kinds)
        if not self.is_bound:
            self.fields["started"].initial = started_token()
            self.fields["kinds"].initial = list(kinds)

    @property
    def is_spam(self) -> bool:
        return bool(self.data.get("website"))

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        try:
            opened_at = float(signing.loads(self.data.get("started", ""), salt=_SIGNER_SALT)["t"])
        except (signing.BadSignature, TypeError, ValueError, KeyError):
            self.add_error(None, _("The form was damaged in transit; please check it and send it again."))
            return cleaned
        if time.time() - opened_at < settings.SOLIDARITY["MIN_FILL_SECONDS"]:
            self.add_error(None, _("That was very fast. Please check the form and send it again."))
        return cleaned
