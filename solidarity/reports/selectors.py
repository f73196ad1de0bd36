"""Reads of reports for public pages: only published reports and only their public fields."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode

from django.conf import settings
from django.db.models import Prefetch, QuerySet
from django.utils.formats import date_format
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from solidarity.campaigns.models import ActionType, Campaign
from solidarity.places.countries import local_country_name
from solidarity.reports.models import Photo, Report


@dataclass(frozen=True)
class PublicReport:
    """What the public may know of a report. Built field by field, so a private field cannot slip through
    a template by accident."""

    id: int
    held_on: object
    city: str
    country: str
    action: str
    participants: int | None
    text: str
    name: str
    is_sample: bool
    photos: list[Photo]


def to_public(report: Report) -> PublicReport:
    labels = dict(ActionType.choices)
    return PublicReport(
        id=report.pk,
        held_on=report.held_on,
        city=report.city,
        country=local_country_name(report.country, get_language() or "en"),
        action=str(labels.get(report.action_type, report.action_type)),
        participants=report.participants,
        text=report.public_text,
        name=report.public_name,
        is_sample=report.is_sample,
        photos=list(report.photos.all()) if report.consent_photos else [],
    )


def recent_public_reports(campaign: Campaign, *, limit: int = 30) -> list[PublicReport]:
    reports = (
        Report.objects.filter(campaign=campaign, status=Report.Status.PUBLISHED)
        .order_by("-held_on", "-published_at", "-id")
        .prefetch_related(Prefetch("photos", queryset=Photo.objects.order_by("position", "id")))[:limit]
    )
    return [to_public(report) for report in reports]


@dataclass(frozen=True)
class GalleryPhoto:
    """A photo the public may see, with what a caption and a screen reader need."""

    key: object
    width: int
    height: int
    alt: str
    caption: str
    report_id: int
    report_query: str  # the list filtered to the report's city and day, so its anchor is on the first page

    @property
    def thumb_size(self) -> tuple[int, int]:
        """The thumbnail's pixel size (long side THUMB_LONG_SIDE), so the page reserves the space before it
        loads."""
        side = settings.SOLIDARITY["THUMB_LONG_SIDE"]
        longest = max(self.width, self.height, 1)
        if longest <= side:
            return self.width, self.height
        return round(self.width * side / longest), round(self.height * side / longest)


def public_photos(campaign: Campaign) -> QuerySet[Photo]:
    """Photos of published reports whose reporters agreed to their publication, newest action first."""
    return (
        Photo.objects.public()
        .filter(report__campaign=campaign)
        .select_related("report")
        .order_by("-report__held_on", "-report__id", "position", "id")
    )


def to_gallery(photo: Photo) -> GalleryPhoto:
    """Caption and alt text from public fields only; the moderator's description wins when there is one."""
    report = photo.report
    labels = dict(ActionType.choices)
    country = local_country_name(report.country, get_language() or "en")
    caption = _("%(action)s in %(city)s, %(country)s, %(date)s") % {
        "action": str(labels.get(report.action_type, report.action_type)).capitalize(),
        "city": report.city,
        "country": country,
        "date": date_format(report.held_on, "DATE_FORMAT"),
    }
    return GalleryPhoto(
        key=photo.key,
        width=photo.width,
        height=photo.height,
        alt=photo.alt_text or _("Photo: %(caption)s") % {"caption": caption},
        caption=caption,
        report_id=report.pk,
        report_query=urlencode(
            {"country": report.country, "city": report.city, "held_from": report.held_on, "held_to": report.held_on}
        ),
    )
