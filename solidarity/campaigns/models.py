"""Calls for action: a campaign with its dates, slogans, demands and translations."""

from __future__ import annotations

import zoneinfo

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from solidarity.lib.translations import Translation
from solidarity.registry.models import Case, Organisation, Person


class ActionType(models.TextChoices):
    """What supporters did; shared by calls (suggested actions) and reports."""

    PICKET = "picket", _("picket")
    RALLY = "rally", _("rally")
    MARCH = "march", _("march")
    BANNER = "banner", _("banner")
    LEAFLETS = "leaflets", _("leafleting")
    MEETING = "meeting", _("open meeting")
    ONLINE = "online", _("online discussion")
    PHOTO = "photo", _("photo with a poster")
    CONCERT = "concert", _("concert")
    VIGIL = "vigil", _("vigil")
    GRAFFITI = "graffiti", _("graffiti")
    LETTERS = "letters", _("letter writing")
    FLASHMOB = "flashmob", _("flash mob")
    OTHER = "other", _("other")


def validate_timezone(value: str) -> None:
    if value not in zoneinfo.available_timezones():
        raise ValidationError(_("%(tz)s is not a known time zone (e.g. Europe/Berlin)."), params={"tz": value})


def validate_action_types(value: list[str]) -> None:
    unknown = [v for v in value if v not in ActionType.values]
    if unknown:
        raise ValidationError(_("Unknown action types: %(types)s"), params={"types": ", ".join(unknown)})


class Campaign(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", pgettext_lazy("campaign status", "draft")
        PUBLISHED = "published", pgettext_lazy("campaign status", "published")
        CLOSED = "closed", pgettext_lazy("campaign status", "closed")

    slug = models.SlugField(_("slug"), unique=True, max_length=100)
    title = models.CharField(_("title"), max_length=200)
    organiser = models.ForeignKey(
        Organisation, verbose_name=_("organiser"), on_delete=models.PROTECT, related_name="campaigns"
    )
    language = models.CharField(_("original language"), max_length=10, default="en")
    starts_on = models.DateField(_("first day"))
    ends_on = models.DateField(_("last day"))
    timezone = models.CharField(_("time zone"), max_length=64, default="UTC", validators=[validate_timezone])
    summary = models.CharField(_("one-line summary"), max_length=300, blank=True)
    body = models.TextField(_("the call (Markdown)"), blank=True)
    slogans = models.JSONField(_("slogans"), default=list, blank=True)
    demands = models.JSONField(_("demands"), default=list, blank=True)
    action_types = models.JSONField(
        _("suggested actions"), default=list, blank=True, validators=[validate_action_types]
    )
    call_languages = models.JSONField(
        _("languages the call is published in"), default=list, blank=True, help_text=_("ISO 639-1 codes.")
    )
    report_email = models.EmailField(_("address for reports"), blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    summary_intro = models.TextField(
        _("introduction to the summary (Markdown)"),
        blank=True,
        help_text=_("Shown above the counts on the campaign's summary page and in its files."),
    )
    people = models.ManyToManyField(Person, verbose_name=_("people it is for"), blank=True, related_name="campaigns")
    cases = models.ManyToManyField(Case, verbose_name=_("cases it is about"), blank=True, related_name="campaigns")
    # Bumped whenever anything the public sees changes; keys the tally cache and guards snapshot writes.
    data_version = models.PositiveIntegerField(default=0, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    # What an organiser edits (the admin form) and what the audit trail records before and after.
    EDITABLE_FIELDS = [
        "slug",
        "title",
        "organiser",
        "language",
        "starts_on",
        "ends_on",
        "timezone",
        "summary",
        "body",
        "slogans",
        "demands",
        "action_types",
        "call_languages",
        "report_email",
        "status",
        "summary_intro",
    ]

    class Meta:
        verbose_name = _("campaign")
        verbose_name_plural = _("campaigns")
        ordering = ["-starts_on"]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": _("The last day cannot be before the first day.")})

    @property
    def is_public(self) -> bool:
        return self.status != self.Status.DRAFT

    @property
    def accepts_reports(self) -> bool:
        return self.status == self.Status.PUBLISHED


class CampaignTranslation(Translation):
    """The call in another language; an empty field falls back to the original."""

    original_field = "campaign"
    TRANSLATED_FIELDS = ("title", "summary", "body", "slogans", "demands", "summary_intro")

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="translations")
    title = models.CharField(_("title"), max_length=200, blank=True)
    summary = models.CharField(_("one-line summary"), max_length=300, blank=True)
    body = models.TextField(_("the call (Markdown)"), blank=True)
    slogans = models.JSONField(_("slogans"), default=list, blank=True)
    demands = models.JSONField(_("demands"), default=list, blank=True)
    summary_intro = models.TextField(_("introduction to the summary (Markdown)"), blank=True)

    class Meta:
        verbose_name = _("translation")
        verbose_name_plural = _("translations")
        constraints = [models.UniqueConstraint(fields=["campaign", "language"], name="one_translation_per_language")]

    def __str__(self) -> str:
        return f"{self.campaign} [{self.language}]"
