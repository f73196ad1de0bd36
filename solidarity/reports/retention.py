"""Forgetting reporters' private details once a campaign is over and its reports are decided.

Moderators need a reporter's contact and the submission as received while they check a report; months after the
day of action they only put people at risk if the server is seized. So, for campaigns that ended more than
``days`` ago, every decided report (published, rejected, duplicate) loses its contact, the submission as
received, and the place as typed (which may be a street); the name stays only where the reporter agreed to its
publication. Reports still awaiting review keep everything: a moderator may still need to ask.

Photos of rejected reports go too, rows and files. They were never shown and never will be, yet they may show
faces; until the purge a moderator can still reopen a report rejected by mistake. Files are deleted through the
storage API once the transaction commits, so a folder and a shared bucket lose them alike and a rolled-back purge
deletes nothing.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import Q, QuerySet

from solidarity.campaigns.models import Campaign
from solidarity.lib import audit
from solidarity.reports.models import Photo, Report


@dataclass(frozen=True)
class Purged:
    campaign: str
    reports: int
    photos: int = 0


def purgeable_reports(campaign: Campaign) -> QuerySet[Report]:
    """Decided reports of ``campaign`` that still hold a private detail."""
    holding = (
        ~Q(reporter_contact="") | ~Q(raw_input={}) | ~Q(place_input="") | (~Q(reporter_name="") & Q(consent_name=False))
    )
    return Report.objects.filter(campaign=campaign).exclude(status__in=Report.REVIEW_STATUSES).filter(holding)


def purge_private_details(
    *, days: int, today: datetime.date, actor: object = None, dry_run: bool = False
) -> list[Purged]:
    """Blank the private details of decided reports of campaigns that ended before ``today - days`` and delete
    the photos of their rejected reports; one audit entry per campaign with the counts (nothing of what was
    removed)."""
    done = []
    for campaign in Campaign.objects.filter(ends_on__lt=today - datetime.timedelta(days=days)).order_by("ends_on"):
        with transaction.atomic():
            reports = purgeable_reports(campaign)
            count = reports.count()
            photos = list(rejected_photos(campaign))
            if (count or photos) and not dry_run:
                reports.filter(consent_name=False).update(reporter_name="")
                reports.update(reporter_contact="", raw_input={}, place_input="")
                _delete_photos(photos)
                extra = {"photos": len(photos)} if photos else {}
                audit.record("reports.private_details_purged", campaign, actor, reports=count, after_days=days, **extra)
        if count or photos:
            done.append(Purged(campaign.slug, count, len(photos)))
    return done


def rejected_photos(campaign: Campaign) -> QuerySet[Photo]:
    # whole rows: deferring width and height would make the image fields look them up one photo at a time
    return Photo.objects.filter(report__campaign=campaign, report__status=Report.Status.REJECTED)


def _delete_photos(photos: list[Photo]) -> None:
    """Delete the rows now and their files after commit: a file deleted under a row that a rollback brings
    back would leave a photo that cannot be shown."""
    if not photos:
        return
    names = [field.name for photo in photos for field in (photo.image, photo.thumbnail) if field.name]
    Photo.objects.filter(pk__in=[photo.pk for photo in photos]).delete()

    def delete_files() -> None:
        for name in names:
            default_storage.delete(name)

    transaction.on_commit(delete_files)
