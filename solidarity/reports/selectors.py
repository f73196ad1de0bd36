"""Reads of reports for public pages: only published reports and only their public fields."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Prefetch
from django.utils.translation import get_language

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
