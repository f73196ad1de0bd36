"""The public form for a solidarity message to a person.

Like the report form it carries a honeypot field and a signed "opened at" token: bots that fill every field or
post within a second of loading are turned away without a word, while a person who typed a message never
loses it.
"""

from __future__ import annotations

import secrets
import time
from typing import Any

from django import forms
from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.utils.translation import get_language_info, gettext
from django.utils.translation import gettext_lazy as _

from solidarity.places.countries import all_countries, local_country_name
from solidarity.registry.models import Person
from solidarity.registry.services import LETTER_MAX_CHARS

_SIGNER_SALT = "solidarity.letter-form"

# Languages supporters are likely to write in, beyond the site's own. Each is shown in its own name, since the
# person choosing reads that language; "another language" leaves the field blank for the moderator to judge.
MESSAGE_LANGUAGES = (
    "en", "ru", "uk", "be", "kk", "ka", "hy", "de", "fr", "es", "it", "pt", "nl", "sv", "fi",
    "pl", "cs", "hu", "ro", "bg", "sr", "el", "tr", "he", "ar", "fa", "ja",
)  # fmt: skip


def started_token() -> str:
    """When the form was opened, and a nonce naming this one copy of the form (signed, so neither is forged)."""
    return signing.dumps({"t": time.time(), "n": secrets.token_hex(8)}, salt=_SIGNER_SALT)


def language_choices() -> list[tuple[str, str]]:
    """The site's languages first, then the others, each in its own name."""
    site = [code for code, _name in settings.LANGUAGES]
    codes = [*site, *(code for code in MESSAGE_LANGUAGES if code not in site)]
    return [*((code, get_language_info(code)["name_local"]) for code in codes), ("", _("another language"))]


def country_choices(language: str) -> list[tuple[str, str]]:
    """Every country, named and sorted in the page's language."""
    named = [(code, local_country_name(code, language)) for code, _english in all_countries()]
    return [("", "—"), *sorted(named, key=lambda item: item[1].casefold())]


class LetterForm(forms.Form):
    text = forms.CharField(
        label=_("Your message"),
        max_length=LETTER_MAX_CHARS,
        widget=forms.Textarea(attrs={"rows": 12}),
        error_messages={"required": _("Write a message.")},
    )
    language = forms.ChoiceField(label=_("Language of your message"), required=False)
    sender_name = forms.CharField(
        label=_("Your name or group"),
        max_length=200,
        required=False,
        help_text=_("Printed under your message. Leave it empty to sign as “A supporter”."),
    )
    sender_country = forms.ChoiceField(
        label=_("Your country"), required=False, help_text=_("Printed under your message.")
    )
    sender_contact = forms.CharField(
        label=_("How can the moderators reach you?"),
        max_length=300,
        required=False,
        help_text=_("E-mail, Signal or similar, only in case they need to ask about your message. Never printed."),
    )
    website = forms.CharField(label=_("Leave this field empty"), required=False)  # honeypot
    started = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, person: Person, language: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.person = person
        self.nonce = ""
        self.rate_limited = False
        self.fields["text"].help_text = gettext("At most %(n)d characters.") % {"n": LETTER_MAX_CHARS}
        self.fields["language"].choices = language_choices()
        self.fields["sender_country"].choices = country_choices(language)
        if not self.is_bound:
            self.fields["started"].initial = started_token()
            self.fields["language"].initial = language

    @property
    def is_spam(self) -> bool:
        return bool(self.data.get("website"))

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
            self.add_error(None, _("That was very fast. Please read your message once more and send it again."))
        return cleaned

    def add_service_errors(self, exc: ValidationError) -> None:
        """Show a refusal from ``letter_submit`` next to the field it is about, or at the top."""
        if hasattr(exc, "error_dict"):
            for field, errors in exc.error_dict.items():
                for error in errors:
                    self.add_error(field if field in self.fields else None, error)
        else:
            for message in exc.messages:
                self.add_error(None, message)
