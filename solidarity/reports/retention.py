"""Forgetting reporters' private details once a campaign is over and its reports are decided.

Moderators need a reporter's contact and the submission as received while they check a report; months after the
day of action they only put people at risk if the server is seized. So, for campaigns that ended more than
``days`` ago, every decided report (published, rejected, duplicate) loses its contact, the submission as
received, and the place as typed (which may be a street); the name stays only where the reporter agreed to its
publication. Reports still awaiting review keep everything: a moderator may still need to ask.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Q, QuerySet

from solidarity.campaigns.models import Campaign
from solidarity.lib import audit
from solidarity.reports.models import Report


@dataclass(frozen=True)
class Purged:
    campaign: str
    reports: int


def purgeable_reports(campaign: Campaign) -> QuerySet[Report]:
    """Decided reports of ``campaign`` that still hold a private detail."""
    holding = (
        ~Q(reporter_contact="") | ~Q(raw_input={}) | ~Q(place_input="") | (~Q(reporter_name="") & Q(consent_name=False))
    )
    return Report.objects.filter(campaign=campaign).exclude(status__in=Report.REVIEW_STATUSES).filter(holding)


def purge_private_details(
    *, days: int, today: datetime.date, actor: object = None, dry_run: bool = False
) -> list[Purged]:
    """Blank the private details of decided reports of campaigns that ended before ``today - days``; one audit
    entry per campaign with the count (nothing of what was removed)."""
    done = []
    for campaign in Campaign.objects.filter(ends_on__lt=today - datetime.timedelta(days=days)).order_by("ends_on"):
        with transaction.atomic():
            reports = purgeable_reports(campaign)
            count = reports.count()
            if count and not dry_run:
                reports.filter(consent_name=False).update(reporter_name="")
                reports.update(reporter_contact="", raw_input={}, place_input="")
                audit.record("reports.private_details_purged", campaign, actor, reports=count, after_days=days)
        if count:
            done.append(Purged(campaign.slug, count))
    return done
