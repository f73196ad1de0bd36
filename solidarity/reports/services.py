"""Writes to reports: submission and moderation.

The web form, the admin, commands and tests all call these functions; each validates, runs in a transaction,
writes an audit entry and, when the public view changes, marks the campaign's public pages stale.
"""

from __future__ import annotations

import datetime
import hashlib
import logging
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from solidarity.campaigns.models import ActionType, Campaign
from solidarity.campaigns.services import campaign_changed
from solidarity.lib import audit
from solidarity.places.geocode import City
from solidarity.reports import uploads
from solidarity.reports.models import Photo, Report

logger = logging.getLogger("solidarity.reports")

PUBLIC_FIELDS = [
    "held_on",
    "city",
    "country",
    "geonameid",
    "latitude",
    "longitude",
    "action_type",
    "participants",
    "public_text",
]
MAX_PARTICIPANTS = 10_000_000


@dataclass
class ReportInput:
    """A report as a supporter (or an intake channel) gives it, with the place already resolved."""

    held_on: datetime.date
    city: City
    action_type: str
    public_text: str = ""
    participants: int | None = None
    place_input: str = ""
    reporter_name: str = ""
    reporter_contact: str = ""
    consent_name: bool = False
    consent_photos: bool = False
    raw: dict[str, Any] = field(default_factory=dict)
    message_id: str = ""
    is_sample: bool = False


def validate_held_on(campaign: Campaign, held_on: datetime.date, today: datetime.date | None = None) -> None:
    """An action cannot be held in the future, nor long before the call it answers."""
    today = today or timezone.localdate()
    if held_on > today + datetime.timedelta(days=1):
        raise ValidationError({"held_on": _("The date is in the future.")})
    if held_on < campaign.starts_on - datetime.timedelta(days=60):
        raise ValidationError(
            {
                "held_on": _("The date is long before this campaign began (%(start)s).")
                % {"start": campaign.starts_on.isoformat()}
            }
        )


def _validate(campaign: Campaign, data: ReportInput) -> None:
    if not campaign.accepts_reports:
        raise ValidationError(_("This campaign does not accept reports now."))
    validate_held_on(campaign, data.held_on)
    if data.action_type not in ActionType.values:
        raise ValidationError({"action_type": _("Choose one of the listed actions.")})
    if data.participants is not None and not 0 < data.participants <= MAX_PARTICIPANTS:
        raise ValidationError({"participants": _("Give a number of people between 1 and 10 million.")})


def content_hash(campaign: Campaign, data: ReportInput) -> str:
    """Same campaign, day, place, action and words: the same report, however often the button is pressed."""
    key = "|".join(
        [
            str(campaign.pk),
            data.held_on.isoformat(),
            str(data.city.geonameid),
            data.action_type,
            " ".join(data.public_text.split()),
            data.reporter_contact.strip().casefold(),
        ]
    )
    return hashlib.sha256(key.encode()).hexdigest()


def report_submit(
    *,
    campaign: Campaign,
    data: ReportInput,
    photo_tokens: list[str] | tuple[str, ...] = (),
    origin: str = Report.Origin.WEB,
    actor: Any = None,
    new_message: bool = False,
) -> Report:
    """Store a new report awaiting review, with its staged photos; idempotent for repeats.

    ``data.message_id`` is the idempotency key: an e-mail's Message-ID, or the web form's per-copy key. A repeat
    (a double click, a re-fetched e-mail) returns the report already stored instead of creating another. Equal
    content alone never merges reports: two groups may well hold the same picket in the same city on one day.
    The content hash is stored so moderators can be shown likely duplicates. ``new_message`` says the caller has
    just checked that the message is new (e-mail intake, inside the same transaction): the lookup is skipped and
    the unique constraint alone catches a repeat.
    """
    _validate(campaign, data)
    digest = content_hash(campaign, data)
    existing = None if new_message else _existing(campaign, data)
    if existing:
        return existing
    placed: list[str] = []
    try:
        with transaction.atomic():
            report = Report.objects.create(
                campaign=campaign,
                origin=origin,
                status=Report.Status.RECEIVED,
                is_sample=data.is_sample,
                held_on=data.held_on,
                city=data.city.name,
                country=data.city.country_code,
                geonameid=data.city.geonameid,
                latitude=data.city.latitude,
                longitude=data.city.longitude,
                action_type=data.action_type,
                participants=data.participants,
                public_text=data.public_text.strip(),
                reporter_name=data.reporter_name.strip(),
                reporter_contact=data.reporter_contact.strip(),
                consent_name=data.consent_name,
                consent_photos=data.consent_photos,
                place_input=data.place_input.strip(),
                raw_input=data.raw,
                message_id=data.message_id or None,
                content_hash=digest,
            )
            _attach_photos(report, photo_tokens, placed)
            audit.record("reports.report.received", report, actor, origin=origin)
    except BaseException as exc:
        remove_files(placed)  # no row points at them now; the staged photos stay for a second try
        if isinstance(exc, IntegrityError) and (existing := _existing(campaign, data)):
            return existing
        raise
    return report


def _existing(campaign: Campaign, data: ReportInput) -> Report | None:
    if not data.message_id:
        return None
    return Report.objects.filter(campaign=campaign, message_id=data.message_id).order_by().first()


def _attach_photos(report: Report, tokens: list[str] | tuple[str, ...], placed: list[str]) -> None:
    """Give the staged photos their names under the report (adding each to ``placed``) and create their rows.

    The files exist before the rows do, so no row ever points at nothing. The staged copies are discarded only
    once the report is committed; if saving fails (a full disk, a lost database), the caller removes ``placed``
    and the same form can be sent again with its photos.
    """
    for position, token in enumerate(tokens):
        staged = uploads.load(token)
        if staged is None:
            raise ValidationError(_("A photo you sent has expired; please attach it again."))
        photo = Photo(report=report, position=position, width=staged.width, height=staged.height)
        photo.image.name = f"photos/{photo.key}.jpg"
        photo.thumbnail.name = f"photos/{photo.key}-thumb.jpg"
        uploads.place(staged, image=photo.image.name, thumbnail=photo.thumbnail.name)
        placed += [photo.image.name, photo.thumbnail.name]
        photo.save()
    if tokens:
        done = list(tokens)  # a copy: the caller may clear its own list once the photos are placed
        transaction.on_commit(lambda: [uploads.discard(token) for token in done])


def remove_files(names: list[str]) -> None:
    """Delete photo files no row points at (after a failed save); best effort, never masking the failure."""
    for name in names:
        try:
            default_storage.delete(name)
        except Exception:  # best effort: an unreferenced file is harmless, a masked original error is not
            logger.warning("could not remove a photo file after a failed save", exc_info=True)


def _moderate(report: Report, actor: Any, action: str, status: str, **changes: Any) -> Report:
    """Move one report to a new status, audited; the campaign's public view changes if it was or becomes
    published."""
    with transaction.atomic():
        locked = Report.objects.select_for_update().get(pk=report.pk)
        was_public = locked.status == Report.Status.PUBLISHED
        before = {"status": locked.status, **{k: _plain(getattr(locked, k)) for k in changes}}
        locked.status = status
        for key, value in changes.items():
            setattr(locked, key, value)
        if status == Report.Status.PUBLISHED and not locked.published_at:
            locked.published_at = timezone.now()
        locked.save()
        after = {"status": status, **{k: _plain(v) for k, v in changes.items()}}
        audit.record(action, locked, actor, before=before, after=after)
        if was_public or status == Report.Status.PUBLISHED:
            campaign_changed(locked.campaign)
    return locked


def _plain(value: Any) -> Any:
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, Report):
        return value.pk
    return value


def report_publish(*, report: Report, actor: Any) -> Report:
    return _moderate(report, actor, "reports.report.published", Report.Status.PUBLISHED)


def report_reject(*, report: Report, actor: Any, note: str = "") -> Report:
    changes = {"moderator_note": note} if note else {}
    return _moderate(report, actor, "reports.report.rejected", Report.Status.REJECTED, **changes)


def report_mark_duplicate(*, report: Report, original: Report, actor: Any) -> Report:
    """Fold a report into another of the same action; only the original counts in the tally."""
    if original.pk == report.pk:
        raise ValidationError(_("A report cannot be a duplicate of itself."))
    if original.campaign_id != report.campaign_id:
        raise ValidationError(_("The original must belong to the same campaign."))
    if original.duplicate_of_id == report.pk or original.status == Report.Status.DUPLICATE:
        raise ValidationError(_("The original is itself marked as a duplicate; choose the report it points to."))
    return _moderate(report, actor, "reports.report.duplicate", Report.Status.DUPLICATE, duplicate_of=original)


def report_reopen(*, report: Report, actor: Any) -> Report:
    """Send a report back to the review queue (e.g. published by mistake)."""
    return _moderate(report, actor, "reports.report.reopened", Report.Status.NEEDS_REVIEW, duplicate_of=None)


def report_update(*, report: Report, changes: dict[str, Any], actor: Any, city: City | None = None) -> Report:
    """Edit public fields (and the place, given as a gazetteer city), keeping the tally and pages in step."""
    unknown = set(changes) - set(PUBLIC_FIELDS) - {"moderator_note", "consent_name", "consent_photos"}
    if unknown:
        raise ValidationError(_("These fields cannot be edited here: %(f)s") % {"f": ", ".join(sorted(unknown))})
    if city is not None:
        changes = {
            **changes,
            "city": city.name,
            "country": city.country_code,
            "geonameid": city.geonameid,
            "latitude": city.latitude,
            "longitude": city.longitude,
        }
    with transaction.atomic():
        locked = Report.objects.select_for_update().get(pk=report.pk)
        before = {k: _plain(getattr(locked, k)) for k in changes}
        for key, value in changes.items():
            setattr(locked, key, value)
        if "held_on" in changes:
            validate_held_on(locked.campaign, locked.held_on)
        locked.full_clean(exclude=["duplicate_of"])
        locked.save()
        after = {k: _plain(getattr(locked, k)) for k in changes}
        delta = audit.diff(before, after)
        if delta["after"]:
            audit.record("reports.report.changed", locked, actor, **delta)
            if locked.status == Report.Status.PUBLISHED:
                campaign_changed(locked.campaign)
    return locked


def photo_describe(*, photo: Photo, alt_text: str, actor: Any) -> Photo:
    """Set a photo's description for screen readers (what the gallery and lightbox read out), audited; the
    public pages are refreshed when the photo is public."""
    alt_text = " ".join(alt_text.split())
    if len(alt_text) > Photo._meta.get_field("alt_text").max_length:
        raise ValidationError({"alt_text": _("Keep the description under 300 characters.")})
    with transaction.atomic():
        locked = Photo.objects.select_for_update().select_related("report__campaign").get(pk=photo.pk)
        if locked.alt_text == alt_text:
            return locked
        before = locked.alt_text
        locked.alt_text = alt_text
        locked.save(update_fields=["alt_text"])
        audit.record("reports.photo.described", locked, actor, before=before, after=alt_text)
        if locked.report.status == Report.Status.PUBLISHED:
            campaign_changed(locked.report.campaign)
    return locked
