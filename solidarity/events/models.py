"""Events: rallies, strikes, broadcasts, commemorations and international days, with their time zone and place.

An event's times are stored as instants (``starts_at``, ``ends_at``) together with the IANA time zone they were
given in. The zone is kept because an event happens at a wall-clock time: a yearly commemoration at 18:00 in
Moscow is at 18:00 every year whatever the offsets do, and readers are told the time where it happens first.
An all-day event (an international day) covers whole days in its zone: it starts at midnight of its first day
and ends at midnight after its last one, so every event is the span ``[starts_at, ends_at)``.

The place is a city from the offline gazetteer (stored like a report's: id, name, country, the city centre,
never a more exact point), or only a country for a nationwide action, with an optional address; or an online
link; or both. People and cases link to the registry, and public pages show only the public people.
"""

from __future__ import annotations

import datetime
import zoneinfo

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from solidarity.campaigns.models import Campaign, validate_timezone
from solidarity.lib.translations import Translation
from solidarity.registry.models import Case, Organisation, Person, Source

# A yearly event is one day or a few: longer, and its occurrences would run into each other.
MAX_YEARLY_DAYS = 31


class Kind(models.TextChoices):
    RALLY = "rally", pgettext_lazy("event kind", "rally")
    PICKET = "picket", pgettext_lazy("event kind", "picket")
    MARCH = "march", pgettext_lazy("event kind", "march")
    STRIKE = "strike", pgettext_lazy("event kind", "strike")
    BROADCAST = "broadcast", pgettext_lazy("event kind", "broadcast")
    CONCERT = "concert", pgettext_lazy("event kind", "concert")
    LECTURE = "lecture", pgettext_lazy("event kind", "lecture")
    MEETING = "meeting", pgettext_lazy("event kind", "meeting")
    COMMEMORATION = "commemoration", pgettext_lazy("event kind", "commemoration")
    INTERNATIONAL_DAY = "international_day", pgettext_lazy("event kind", "international day")
    OTHER = "other", pgettext_lazy("event kind", "other")


# Days kept wherever people are: they need no place.
PLACELESS_KINDS = (Kind.INTERNATIONAL_DAY, Kind.COMMEMORATION)


class Recurrence(models.TextChoices):
    NONE = "none", _("once")
    YEARLY = "yearly", _("every year")


def validate_web_address(value: str) -> None:
    """Only http and https: a ``javascript:`` or ``data:`` link on a public page would run in a reader's browser."""
    URLValidator(schemes=["http", "https"], message=_("Give a web address starting with https:// or http://."))(value)


class EventQuerySet(models.QuerySet):
    def published(self) -> EventQuerySet:
        """The one rule for what any public output may show: published events."""
        return self.filter(status=Event.Status.PUBLISHED)


class Event(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", pgettext_lazy("event status", "draft")
        PUBLISHED = "published", pgettext_lazy("event status", "published")

    slug = models.SlugField(_("slug"), unique=True, max_length=100)
    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.RALLY)
    description = models.TextField(_("description (Markdown)"), blank=True)
    language = models.CharField(
        _("original language"), max_length=10, default="en", help_text=_("ISO 639-1 code of the text above.")
    )
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"), null=True, blank=True)
    timezone = models.CharField(
        _("time zone"),
        max_length=64,
        default="UTC",
        validators=[validate_timezone],
        help_text=_("Where it happens, e.g. Europe/Moscow; the times are in this zone."),
    )
    all_day = models.BooleanField(
        _("all day"), default=False, help_text=_("For a date without a time, such as an international day.")
    )
    # the place: a gazetteer city (or only a country), as reports store it; the point is the city centre
    geonameid = models.IntegerField(_("gazetteer id"), null=True, blank=True)
    city = models.CharField(_("city"), max_length=200, blank=True)
    country = models.CharField(_("country"), max_length=2, blank=True, help_text=_("ISO 3166 alpha-2 code."))
    latitude = models.FloatField(_("latitude of the city centre"), null=True, blank=True)
    longitude = models.FloatField(_("longitude of the city centre"), null=True, blank=True)
    address = models.CharField(
        _("address"), max_length=300, blank=True, help_text=_("Public: where to go, e.g. a square or a hall.")
    )
    online_url = models.URLField(
        _("online link"),
        max_length=500,
        blank=True,
        validators=[validate_web_address],
        help_text=_("Where to watch or join online."),
    )
    organisers = models.ManyToManyField(Organisation, verbose_name=_("organisers"), blank=True, related_name="events")
    campaign = models.ForeignKey(
        Campaign,
        verbose_name=_("campaign"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="events",
    )
    people = models.ManyToManyField(Person, verbose_name=_("people it is for"), blank=True, related_name="events")
    cases = models.ManyToManyField(Case, verbose_name=_("cases it is about"), blank=True, related_name="events")
    source = models.ForeignKey(
        Source, verbose_name=_("source"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    recurrence = models.CharField(_("repeats"), max_length=10, choices=Recurrence.choices, default=Recurrence.NONE)
    recurrence_until = models.PositiveSmallIntegerField(
        _("last year"), null=True, blank=True, help_text=_("For a yearly event that stops; empty: every year.")
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    published_at = models.DateTimeField(_("first published"), null=True, blank=True, editable=False)
    # Bumped on every edit the public sees, so calendar apps update their copy (iCalendar SEQUENCE).
    sequence = models.PositiveIntegerField(default=0, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = EventQuerySet.as_manager()

    # What an organiser edits in the admin form and what the audit trail records before and after.
    EDITABLE_FIELDS = [
        "slug",
        "title",
        "kind",
        "description",
        "language",
        "starts_at",
        "ends_at",
        "timezone",
        "all_day",
        "city",
        "country",
        "address",
        "online_url",
        "campaign",
        "source",
        "recurrence",
        "recurrence_until",
        "status",
    ]

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["starts_at", "id"]
        indexes = [
            models.Index(fields=["status", "starts_at"], name="event_public_by_start"),
            models.Index(fields=["status", "recurrence"], name="event_public_recurring"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_public(self) -> bool:
        return self.status == self.Status.PUBLISHED

    @property
    def zone(self) -> zoneinfo.ZoneInfo:
        """The event's time zone; UTC for a name the validator would refuse (a row written around it)."""
        try:
            return zoneinfo.ZoneInfo(self.timezone)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            return zoneinfo.ZoneInfo("UTC")

    @property
    def is_yearly(self) -> bool:
        return self.recurrence == Recurrence.YEARLY

    @property
    def first_year(self) -> int:
        """The year it first happens, where it happens."""
        return self.starts_at.astimezone(self.zone).year

    @property
    def has_place(self) -> bool:
        return bool(self.city or self.country)

    def clean(self) -> None:
        errors: dict[str, list[ValidationError]] = {}

        def add(field: str, message: str) -> None:
            errors.setdefault(field, []).append(ValidationError(message))

        if self.starts_at and self.ends_at:
            if self.ends_at <= self.starts_at:
                add("ends_at", _("The event cannot end before it starts."))
            elif self.is_yearly and self.ends_at - self.starts_at > datetime.timedelta(days=MAX_YEARLY_DAYS):
                add("ends_at", _("A yearly event lasts a month at most."))
        if self.recurrence_until and not self.is_yearly:
            add("recurrence_until", _("Only a yearly event has a last year."))
        elif self.recurrence_until and self.starts_at and self.recurrence_until < self.first_year:
            add("recurrence_until", _("The last year cannot be before the first one."))
        if self.address and not self.city:
            add("address", _("An address needs the city it is in."))
        if not (self.has_place or self.online_url) and self.kind not in PLACELESS_KINDS:
            add(
                "__all__",
                _("Give the city (or the country) where it happens, an online link, or both."),
            )
        if errors:
            raise ValidationError(errors)


class EventTranslation(Translation):
    """The event's title and description in another language; an empty field falls back to the original."""

    original_field = "event"
    TRANSLATED_FIELDS = ("title", "description")

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="translations")
    title = models.CharField(_("title"), max_length=200, blank=True)
    description = models.TextField(_("description (Markdown)"), blank=True)

    class Meta:
        verbose_name = _("translation")
        verbose_name_plural = _("translations")
        constraints = [models.UniqueConstraint(fields=["event", "language"], name="one_event_translation_per_language")]

    def __str__(self) -> str:
        return f"{self.event} [{self.language}]"
