"""Forgetting reminder addresses that have no use left (run by ``solidarity purge-private``).

Most go on their own: on unsubscribing, and right after their last reminder. Two kinds would otherwise stay:

* addresses never confirmed: after ``CONFIRM_DAYS`` their link has expired and nobody will ever confirm them;
* addresses whose reminders can no longer come (a campaign never closed, a worker down past the start): deleted
  with the campaign's other private details, ``days`` after it ended.

Each purge is one audit entry per campaign, with the count and nothing of the addresses.
"""

from __future__ import annotations

import datetime
from collections import Counter

from django.db import transaction
from django.db.models import Q, QuerySet

from solidarity.campaigns.models import Campaign
from solidarity.lib import audit
from solidarity.reminders.models import Subscription


def unconfirmed(now: datetime.datetime, confirm_days: int) -> QuerySet[Subscription]:
    """Unconfirmed rows whose newest confirmation link has expired."""
    cutoff = now - datetime.timedelta(days=confirm_days)
    return Subscription.objects.filter(confirmed_at__isnull=True, created_at__lt=cutoff).filter(
        Q(confirmation_sent_at__isnull=True) | Q(confirmation_sent_at__lt=cutoff)
    )


def of_ended_campaigns(today: datetime.date, days: int) -> QuerySet[Subscription]:
    return Subscription.objects.filter(campaign__ends_on__lt=today - datetime.timedelta(days=days))


@transaction.atomic
def purge_subscriptions(
    *,
    now: datetime.datetime,
    today: datetime.date,
    days: int,
    confirm_days: int,
    actor: object = None,
    dry_run: bool = False,
) -> int:
    """Delete unconfirmed addresses past their link and every address of campaigns that ended more than ``days``
    before ``today``; returns how many."""
    doomed = unconfirmed(now, confirm_days) | of_ended_campaigns(today, days)
    per_campaign = Counter(doomed.values_list("campaign_id", flat=True))
    if dry_run or not per_campaign:
        return sum(per_campaign.values())
    Subscription.objects.filter(pk__in=list(doomed.values_list("pk", flat=True))).delete()
    for campaign in Campaign.objects.filter(pk__in=per_campaign).order_by("pk"):
        audit.record(
            "reminders.subscriptions_purged", campaign, actor, count=per_campaign[campaign.pk], after_days=days
        )
    return sum(per_campaign.values())
