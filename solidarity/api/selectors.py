"""Reads for the API: public campaigns in a language, and published reports a page at a time.

Reports are paged by keyset, not offset: the cursor is the (publication time, id) of the last report a client
got, signed so it cannot be forged into anything but a position. Newest published first, so a partner that
polls the first page sees new actions there; reports published while a client pages on sort before its cursor
and never push a seen report onto the next page twice or past one unseen.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.conf import settings
from django.core import signing
from django.db.models import Case, F, Q, QuerySet, Value, When
from django.db.models.functions import Coalesce
from django.http import HttpRequest
from django.urls import reverse
from django.utils import translation

from solidarity.campaigns.models import ActionType, Campaign
from solidarity.campaigns.selectors import localized
from solidarity.places.countries import country_name
from solidarity.reports.listing import filtered_reports
from solidarity.reports.models import Photo, Report
from solidarity.reports.services import PUBLIC_FIELDS

_CURSOR_SALT = "solidarity.api.reports-cursor"
# What a report row is read with: the public fields and nothing else, the name only where consent was given
# (the database returns it for those rows alone, so a name without consent never reaches this process).
REPORT_SOURCE: tuple[str, ...] = ("id", *PUBLIC_FIELDS, "public_name", "consent_photos", "published_at", "is_sample")


class BadCursor(ValueError):
    pass


def absolute(request: HttpRequest, path: str) -> str:
    """A full URL: partners show these on their own sites. The configured public address wins."""
    base = settings.SOLIDARITY["PUBLIC_URL"]
    return f"{base}{path}" if base else request.build_absolute_uri(path)


def site_language(language: str) -> str:
    """The interface language for labels and the page link: the one asked for if the site has it."""
    codes = [code for code, _name in settings.LANGUAGES]
    return language if language in codes else settings.LANGUAGE_CODE


def campaign_data(request: HttpRequest, campaign: Campaign, language: str | None, *, body: bool) -> dict[str, Any]:
    """A campaign's public fields with its text in ``language`` (falling back field by field to the
    original), or in the original language when none is asked for."""
    call = localized(campaign, language or campaign.language)
    with translation.override(site_language(call.language)):
        labels = dict(ActionType.choices)
        data = {
            "slug": campaign.slug,
            "status": campaign.status,
            "accepts_reports": campaign.accepts_reports,
            "language": call.language,
            "is_fallback": call.is_fallback,
            "title": call.title,
            "summary": call.summary,
            "organiser": campaign.organiser.name,
            "starts_on": campaign.starts_on,
            "ends_on": campaign.ends_on,
            "timezone": campaign.timezone,
            "slogans": list(call.slogans),
            "demands": list(call.demands),
            "action_types": [{"code": c, "label": str(labels[c])} for c in campaign.action_types if c in labels],
            "languages": list(campaign.call_languages),
            "report_email": campaign.report_email,
            "url": absolute(request, reverse("pages:campaign", args=[campaign.slug])),
        }
    if body:
        data["body_html"] = call.body_html
    return data


# --- reports --------------------------------------------------------------------------------------------


def encode_cursor(sort_at: datetime.datetime, pk: int) -> str:
    return signing.dumps([sort_at.isoformat(), pk], salt=_CURSOR_SALT)


def decode_cursor(cursor: str) -> tuple[datetime.datetime, int]:
    try:
        stamp, pk = signing.loads(cursor, salt=_CURSOR_SALT)
        return datetime.datetime.fromisoformat(stamp), int(pk)
    except (signing.BadSignature, TypeError, ValueError) as exc:
        raise BadCursor(cursor) from exc


def _published(campaign: Campaign, filters: dict[str, Any]) -> QuerySet[Report]:
    """The web list's filters (``reports.listing``) in the API's keyset order."""
    return (
        filtered_reports(campaign, filters)
        .prefetch_related(None)
        .annotate(
            sort_at=Coalesce("published_at", "created_at"),
            public_name=Case(When(consent_name=True, then=F("reporter_name")), default=Value("")),
        )
        .order_by("-sort_at", "-id")
    )


def report_page(
    request: HttpRequest, campaign: Campaign, filters: dict[str, Any], *, cursor: str | None, limit: int
) -> dict[str, Any]:
    """One page of published reports and the cursor of the next (``None`` on the last page)."""
    reports = _published(campaign, filters)
    if cursor:
        sort_at, pk = decode_cursor(cursor)
        reports = reports.filter(Q(sort_at__lt=sort_at) | Q(sort_at=sort_at, id__lt=pk))
    columns = (*REPORT_SOURCE, "sort_at")
    rows = [dict(zip(columns, row, strict=True)) for row in reports.values_list(*columns)[: limit + 1]]
    more = len(rows) > limit
    rows = rows[:limit]
    photos = _photos(request, [row["id"] for row in rows if row["consent_photos"]])
    following = encode_cursor(rows[-1]["sort_at"], rows[-1]["id"]) if more else None
    return {"items": [_report(row, photos) for row in rows], "next": following}


def _report(row: dict[str, Any], photos: dict[int, list[dict[str, Any]]]) -> dict[str, Any]:
    item = {name: row[name] for name in ("id", *PUBLIC_FIELDS)}
    item.update(
        country_name=country_name(row["country"]),
        reporter_name=row["public_name"],
        photos=photos.get(row["id"], []) if row["consent_photos"] else [],
        published_at=row["published_at"],
        is_sample=row["is_sample"],
    )
    return item


def _photos(request: HttpRequest, report_ids: list[int]) -> dict[int, list[dict[str, Any]]]:
    """Photos of these reports, in one query; the consent and publication checks are part of the query."""
    if not report_ids:
        return {}
    found = Photo.objects.public().filter(report_id__in=report_ids).order_by("report_id", "position", "id")
    by_report: dict[int, list[dict[str, Any]]] = {}
    for photo in found:
        by_report.setdefault(photo.report_id, []).append(
            {
                "url": absolute(request, reverse("photo", args=[photo.key])),
                "thumbnail_url": absolute(request, reverse("photo-thumb", args=[photo.key])),
                "width": photo.width,
                "height": photo.height,
                "alt": photo.alt_text,
            }
        )
    return by_report
