"""Asking for reminders, confirming, leaving, and staff removing addresses.

A supporter's own requests leave no audit entry: an audit trail of who asked for reminders about which campaign
would outlive the unsubscribe that is meant to forget them. Staff deletions are audited with a count only.
"""

from __future__ import annotations

import datetime
import enum
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from solidarity.campaigns.models import Campaign
from solidarity.lib import audit
from solidarity.reminders import tokens
from solidarity.reminders.models import Kind, Subscription
from solidarity.reminders.sending import start_due_at, start_reminder_possible
from solidarity.reminders.tasks import queue_send, send_confirmation

# a second request for the same address within this time sends no second confirmation: a form cannot be used
# to flood someone's mailbox, one address at a time
RESEND_AFTER = datetime.timedelta(minutes=15)


def offered_kinds(campaign: Campaign, now: datetime.datetime | None = None) -> list[str]:
    """The reminders still ahead for this campaign: none for a draft or a closed one."""
    now = now or timezone.now()
    if campaign.status != Campaign.Status.PUBLISHED:
        return []
    return [Kind.START, Kind.RESULTS] if start_reminder_possible(campaign, now) else [Kind.RESULTS]


def normalise(email: str) -> str:
    """One row per mailbox: the same address typed in another case is the same subscriber."""
    return email.strip().lower()


def subscribe(*, campaign: Campaign, email: str, kinds: Iterable[str], language: str, site: str = "") -> None:
    """Record a request for reminders and queue a confirmation e-mail when one is needed.

    The caller learns nothing of what was there before: a new address, one waiting for confirmation and one
    already confirmed all end the same way for the visitor, and the e-mail is sent by the worker, so even the
    time the request takes says little. A confirmed address gets a confirmation only if the request adds a
    reminder (confirming adds it); a request repeated within ``RESEND_AFTER`` sends nothing.
    """
    wanted = sorted(set(kinds) & set(offered_kinds(campaign)))
    if not wanted:
        return
    try:
        _record(campaign, normalise(email), wanted, language, site, timezone.now())
    except IntegrityError:  # the same address at the same moment from another request: that one stands
        return


@transaction.atomic
def _record(
    campaign: Campaign, email: str, wanted: list[str], language: str, site: str, now: datetime.datetime
) -> None:
    """Store the request, and queue the confirmation in the same transaction when one should go out (the job
    carries the row's number and the reminders asked for, never the address)."""
    subscription, created = Subscription.objects.select_for_update().get_or_create(
        campaign=campaign,
        email=email,
        defaults={"language": language, "site": site, **{f"wants_{kind}": True for kind in wanted}},
    )
    recent = subscription.confirmation_sent_at and now - subscription.confirmation_sent_at < RESEND_AFTER
    if not created and subscription.confirmed_at is None:
        # still unconfirmed: the newest request is the one the link will confirm
        subscription.language, subscription.site = language, site
        for kind in Kind.values:
            setattr(subscription, f"wants_{kind}", kind in wanted)
    elif not created and all(subscription.wants(kind) for kind in wanted):
        return  # confirmed, and nothing new asked for
    if recent and not created:
        subscription.save()
        return
    subscription.confirmation_sent_at = now
    subscription.save()
    send_confirmation.enqueue(subscription.pk, wanted, language)


class Confirmed(enum.Enum):
    DONE = "done"
    EXPIRED = "expired"
    INVALID = "invalid"
    GONE = "gone"  # a genuine link to a subscription that no longer exists (unsubscribed, purged, sent)


@transaction.atomic
def confirm(*, token: str) -> Confirmed:
    """Confirm the reminders a link carries. Following the link again changes nothing."""
    try:
        request = tokens.read_confirm_token(token, max_age_days=settings.SOLIDARITY_REMINDERS["CONFIRM_DAYS"])
    except tokens.TokenExpired:
        return Confirmed.EXPIRED
    except tokens.TokenInvalid:
        return Confirmed.INVALID
    subscription = Subscription.objects.select_for_update().select_related("campaign").filter(key=request.key).first()
    if subscription is None:
        return Confirmed.GONE
    now = timezone.now()
    wanted = [kind for kind in request.kinds if kind in offered_kinds(subscription.campaign, now)]
    for kind in wanted:
        setattr(subscription, f"wants_{kind}", True)
    if subscription.confirmed_at is None:
        subscription.confirmed_at = now
        subscription.language = request.language
    subscription.save()
    if Kind.START in wanted:
        queue_send(max(start_due_at(subscription.campaign), now))
    if subscription.wants_results and subscription.campaign.status == subscription.campaign.Status.CLOSED:
        queue_send(now)  # the campaign closed before this click: its results are due already
    return Confirmed.DONE


def unsubscribe(*, token: str) -> bool:
    """Delete the subscription a link names; ``False`` for a link we did not make. Deleting what is already
    gone is no error: a mail client may send the one-click request twice."""
    try:
        key = tokens.read_unsubscribe_token(token)
    except tokens.TokenInvalid:
        return False
    Subscription.objects.filter(key=key).delete()
    return True


@transaction.atomic
def subscriptions_delete(*, subscriptions: Iterable[Subscription], actor: Any) -> int:
    """Staff removing addresses (a supporter's request by other means); one audit entry per campaign, with the
    count and nothing of the addresses."""
    by_campaign: dict[int, list[int]] = {}
    for subscription in subscriptions:
        by_campaign.setdefault(subscription.campaign_id, []).append(subscription.pk)
    deleted = 0
    for campaign in Campaign.objects.filter(pk__in=by_campaign):
        count, _detail = Subscription.objects.filter(pk__in=by_campaign[campaign.pk]).delete()
        deleted += count
        audit.record("reminders.subscriptions.deleted", campaign, actor, count=count)
    return deleted
