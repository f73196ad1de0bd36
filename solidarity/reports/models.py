"""Action reports sent by supporters, and their photos.

Fields are split by who may see them. Public: date, city, country, the city's centroid, action type,
participants, public text, consented photos, and the reporter's name only with consent. Private (organisers
only, never in a public page, feed, export or log): reporter name and contact, the exact place typed, the raw
submission.
"""

from __future__ import annotations

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from solidarity.campaigns.models import ActionType, Campaign


class Report(models.Model):
    class Status(models.TextChoices):
        RECEIVED = "received", pgettext_lazy("report status", "received")
        NEEDS_REVIEW = "needs_review", pgettext_lazy("report status", "needs review")
        PUBLISHED = "published", pgettext_lazy("report status", "published")
        REJECTED = "rejected", pgettext_lazy("report status", "rejected")
        DUPLICATE = "duplicate", pgettext_lazy("report status", "duplicate")

    class Origin(models.TextChoices):
        WEB = "web", _("web form")
        EMAIL = "email", _("e-mail")
        API = "api", _("API")
        IMPORT = "import", _("import")

    REVIEW_STATUSES = (Status.RECEIVED, Status.NEEDS_REVIEW)

    campaign = models.ForeignKey(Campaign, on_delete=models.PROTECT, related_name="reports")
    origin = models.CharField(_("origin"), max_length=10, choices=Origin.choices, default=Origin.WEB)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.RECEIVED)
    is_sample = models.BooleanField(_("sample (demo data)"), default=False)

    # public
    held_on = models.DateField(_("date held"))
    city = models.CharField(_("city"), max_length=200)
    country = models.CharField(_("country"), max_length=2, help_text=_("ISO 3166 alpha-2 code."))
    geonameid = models.IntegerField(_("gazetteer id"), null=True, blank=True)
    latitude = models.FloatField(_("latitude of the city centre"), null=True, blank=True)
    longitude = models.FloatField(_("longitude of the city centre"), null=True, blank=True)
    action_type = models.CharField(_("action"), max_length=20, choices=ActionType.choices)
    participants = models.PositiveIntegerField(_("participants"), null=True, blank=True)
    public_text = models.TextField(_("description"), blank=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)

    # private
    reporter_name = models.CharField(_("reporter's name"), max_length=200, blank=True)
    reporter_contact = models.CharField(_("reporter's contact"), max_length=300, blank=True)
    consent_name = models.BooleanField(_("may publish the reporter's name"), default=False)
    consent_photos = models.BooleanField(_("may publish the photos"), default=False)
    place_input = models.CharField(_("place as typed"), max_length=300, blank=True)
    raw_input = models.JSONField(_("submission as received"), default=dict, blank=True)
    moderator_note = models.TextField(_("moderator's note"), blank=True)
    duplicate_of = models.ForeignKey(
        "self",
        verbose_name=_("duplicate of"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="duplicates",
    )
    # The idempotency key: an e-mail's Message-ID or the web form's per-copy key; NULL when there is none, so
    # the unique index below (which treats NULLs as distinct) also serves the "seen it already?" lookup.
    message_id = models.CharField(_("message id"), max_length=300, null=True, blank=True)
    content_hash = models.CharField(_("content hash"), max_length=64, blank=True, db_index=True)

    created_at = models.DateTimeField(_("received at"), auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        ordering = ["-held_on", "-id"]
        indexes = [
            models.Index(fields=["campaign", "status", "country", "city"], name="report_tally"),
            models.Index(fields=["status", "created_at"], name="report_queue"),
            # the newest published reports on the campaign page (selectors.recent_public_reports), without
            # sorting every published report of the campaign
            models.Index(fields=["campaign", "status", "-held_on", "-published_at", "-id"], name="report_recent"),
            # the map (reports/mapdata.py): actions per city read from this index alone, and one city's newest
            # actions for its popup
            models.Index(
                fields=["campaign", "status", "geonameid", "city", "country", "latitude", "longitude"],
                name="report_map",
            ),
        ]
        constraints = [
            models.UniqueConstraint(fields=["campaign", "message_id"], name="one_report_per_message"),
        ]
        permissions = [("export_private", _("Can export reports with their private fields"))]

    def __str__(self) -> str:
        return f"{self.get_action_type_display()} · {self.city} · {self.held_on:%Y-%m-%d}"

    @property
    def is_published(self) -> bool:
        return self.status == self.Status.PUBLISHED

    @property
    def public_name(self) -> str:
        """The reporter's name if, and only if, they agreed to its publication."""
        return self.reporter_name if self.consent_name else ""


def _photo_path(instance: Photo, filename: str) -> str:
    return f"photos/{instance.key}.jpg"


def _thumb_path(instance: Photo, filename: str) -> str:
    return f"photos/{instance.key}-thumb.jpg"


class PhotoQuerySet(models.QuerySet):
    def public(self) -> PhotoQuerySet:
        """The one rule for which photos anyone may see: the report is published and its sender agreed to
        the photos' publication. Every public output starts here."""
        return self.filter(report__status=Report.Status.PUBLISHED, report__consent_photos=True)


class Photo(models.Model):
    """A re-encoded photo; the uploaded bytes are never stored."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="photos")
    key = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    image = models.ImageField(upload_to=_photo_path, width_field="width", height_field="height")
    thumbnail = models.ImageField(upload_to=_thumb_path)
    width = models.PositiveIntegerField(default=0)
    height = models.PositiveIntegerField(default=0)
    alt_text = models.CharField(_("description for screen readers"), max_length=300, blank=True)
    faces_blurred = models.BooleanField(_("faces blurred"), default=False)
    position = models.PositiveSmallIntegerField(default=0)

    objects = PhotoQuerySet.as_manager()

    class Meta:
        verbose_name = _("photo")
        verbose_name_plural = _("photos")
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return f"photo {self.key}"


class ReviewQueue(Report):
    """Reports awaiting a moderator, as their own admin list."""

    class Meta:
        proxy = True
        verbose_name = _("report awaiting review")
        verbose_name_plural = _("reports awaiting review")
