"""The public report form."""

from __future__ import annotations

import secrets
import time
from typing import Any

from django import forms
from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from solidarity.campaigns.models import ActionType, Campaign
from solidarity.places.geocode import City, resolve
from solidarity.reports import uploads
from solidarity.reports.services import MAX_PARTICIPANTS, ReportInput, content_hash, validate_held_on

_SIGNER_SALT = "solidarity.report-form"


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files under one name; each is checked later, one by one, so one bad photo is named alone."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault(
            "widget",
            MultipleFileInput(attrs={"accept": "image/jpeg,image/png,image/webp,image/heic,image/heif,.heic,.heif"}),
        )
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> list[Any]:
        files = data if isinstance(data, list | tuple) else [data]
        return [f for f in files if f]


def started_token() -> str:
    """When the form was opened, and a nonce naming this one copy of the form (signed, so neither is forged)."""
    return signing.dumps({"t": time.time(), "n": secrets.token_hex(8)}, salt=_SIGNER_SALT)


class ReportForm(forms.Form):
    held_on = forms.DateField(label=_("Date of the action"), widget=forms.DateInput(attrs={"type": "date"}))
    city = forms.CharField(
        label=_("City"),
        max_length=200,
        help_text=_('In any language or spelling; add the country if the name is common ("Paris, France").'),
        widget=forms.TextInput(attrs={"autocomplete": "off", "data-lookup": "/places/lookup/"}),
    )
    action_type = forms.ChoiceField(label=_("What did you do?"), choices=ActionType.choices)
    participants = forms.IntegerField(
        label=_("How many people took part?"), required=False, min_value=1, max_value=MAX_PARTICIPANTS
    )
    public_text = forms.CharField(
        label=_("Description"),
        max_length=5000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_(
            "This text is published once a moderator has checked it. Do not name people who did not agree to be named."
        ),
    )
    photos = MultipleFileField(
        label=_("Photos"),
        required=False,
        help_text=_("Up to 5 photos (JPEG, PNG, WebP or HEIC, 15 MB each). We remove location and camera data."),
    )
    reporter_name = forms.CharField(label=_("Your name or group"), max_length=200, required=False)
    reporter_contact = forms.CharField(
        label=_("How can organisers reach you?"),
        max_length=300,
        required=False,
        help_text=_("E-mail, Signal or similar. Never published."),
    )
    consent_name = forms.BooleanField(label=_("You may publish my name or group with the report"), required=False)
    consent_photos = forms.BooleanField(label=_("You may publish my photos"), required=False)
    website = forms.CharField(label=_("Leave this field empty"), required=False)  # honeypot
    started = forms.CharField(widget=forms.HiddenInput, required=False)
    confirmed_place = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, campaign: Campaign, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.campaign = campaign
        self.resolved_city: City | None = None
        self.staged_photos: list[uploads.StagedPhoto] = []
        if not self.is_bound:
            self.fields["started"].initial = started_token()
        suggested = [c for c in campaign.action_types if c in ActionType.values]
        if suggested:
            first = [(c, label) for c, label in ActionType.choices if c in suggested]
            rest = [(c, label) for c, label in ActionType.choices if c not in suggested]
            self.fields["action_type"].choices = [("", "—"), *first, *rest]
        self.fields["held_on"].widget.attrs["max"] = campaign.ends_on.isoformat()

    @property
    def is_spam(self) -> bool:
        return bool(self.data.get("website"))

    def clean_city(self) -> str:
        text = self.cleaned_data["city"].strip()
        self.resolved_city = resolve(text)
        if self.resolved_city is None:
            raise ValidationError(
                _(
                    'We could not find "%(city)s" in our list of cities. Check the spelling, try the English '
                    "name, or name a larger town nearby."
                )
                % {"city": text}
            )
        return text

    def clean_held_on(self) -> Any:
        held_on = self.cleaned_data["held_on"]
        try:
            validate_held_on(self.campaign, held_on)
        except ValidationError as exc:
            raise ValidationError(exc.messages) from exc
        return held_on

    def clean(self) -> dict[str, Any]:
        """The hidden start time is checked here so its errors show at the top of the form."""
        cleaned = super().clean() or {}
        try:
            started = signing.loads(self.data.get("started", ""), salt=_SIGNER_SALT)
            opened_at, self.nonce = float(started["t"]), str(started["n"])
        except (signing.BadSignature, TypeError, ValueError, KeyError):
            self.add_error(None, _("The form was damaged in transit; please check and send it again."))
            return cleaned
        if time.time() - opened_at < settings.SOLIDARITY["MIN_FILL_SECONDS"]:
            self.add_error(None, _("That was very fast. Please check your report and send it again."))
        return cleaned

    @property
    def needs_confirmation(self) -> bool:
        """The place was resolved but the supporter has not yet seen what it resolved to."""
        city = self.resolved_city
        if city is None:
            return False
        return bool(self.data.get("recheck")) or self.cleaned_data.get("confirmed_place") != str(city.geonameid)

    def to_input(self) -> ReportInput:
        data = self.cleaned_data
        assert self.resolved_city is not None
        raw = {
            key: str(self.data.get(key, ""))
            for key in (
                "held_on",
                "city",
                "action_type",
                "participants",
                "public_text",
                "reporter_name",
                "reporter_contact",
            )
        }
        raw["photos"] = [photo.name for photo in self.staged_photos]
        report = ReportInput(
            held_on=data["held_on"],
            city=self.resolved_city,
            action_type=data["action_type"],
            public_text=data["public_text"],
            participants=data["participants"],
            place_input=data["city"],
            reporter_name=data["reporter_name"],
            reporter_contact=data["reporter_contact"],
            consent_name=data["consent_name"],
            consent_photos=data["consent_photos"],
            raw=raw,
        )
        # Pressing "Send" twice on one copy of the form sends the same key: one report. Another supporter's
        # identical report comes from another copy of the form, so it is never folded into this one.
        report.message_id = f"web:{self.nonce}:{content_hash(self.campaign, report)[:24]}"
        return report
