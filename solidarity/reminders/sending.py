"""Sending the reminders that are due, each exactly once however often, and however many workers, run this.

When a reminder is due:

* **before the start**: at 9:00 in the campaign's time zone, ``DAYS_BEFORE`` days before its first day, while
  the campaign is published and has not begun (a reminder that comes after the start is no reminder, so a worker
  that was down past the first day sends none);
* **results**: once the organiser has closed the campaign. Closing is what "the summary is published" means
  here: the summary page exists from the first published action and changes with every publication, while
  closing says that no more reports are taken and the counts are final.

Each send is claimed first with one conditional ``UPDATE ... SET start_sent_at = now WHERE start_sent_at IS
NULL``: the row is marked sent in the very statement that claims it, so of two jobs (or a job run again after
its worker was killed) only one gets the row. The e-mail goes after the claim commits, so the failure this
leaves is a reminder lost (a worker killed between the claim and the SMTP conversation), never one sent twice.
A server that refuses or cannot be reached gives the claim back for the next run.
"""

from __future__ import annotations

import datetime
import logging
import smtplib
import zoneinfo
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import get_connection
from django.core.mail.backends.base import BaseEmailBackend
from django.db.models import QuerySet
from django.utils import timezone

from solidarity.campaigns.models import Campaign
from solidarity.reminders.mail import reminder_message
from solidarity.reminders.models import Kind, Subscription

logger = logging.getLogger("solidarity.reminders")

SEND_HOUR = 9  # local time of the "starts soon" e-mail: read in the morning, not at midnight


@dataclass
class Sent:
    sent: int = 0
    failed: int = 0
    retry: bool = False  # something due is left for a later run (the server failed or deferred an address)


def start_due_at(campaign: Campaign) -> datetime.datetime:
    zone = zoneinfo.ZoneInfo(campaign.timezone)
    day = campaign.starts_on - datetime.timedelta(days=settings.SOLIDARITY_REMINDERS["DAYS_BEFORE"])
    return datetime.datetime.combine(day, datetime.time(SEND_HOUR), tzinfo=zone)


def has_started(campaign: Campaign, now: datetime.datetime) -> bool:
    return now.astimezone(zoneinfo.ZoneInfo(campaign.timezone)).date() >= campaign.starts_on


def start_reminder_possible(campaign: Campaign, now: datetime.datetime) -> bool:
    """Whether a "starts soon" reminder asked for now could still arrive before the start."""
    return campaign.status == Campaign.Status.PUBLISHED and not has_started(campaign, now)


def _confirmed() -> QuerySet[Subscription]:
    return Subscription.objects.filter(confirmed_at__isnull=False)


def pending_start() -> QuerySet[Subscription]:
    return _confirmed().filter(wants_start=True, start_sent_at__isnull=True, campaign__status=Campaign.Status.PUBLISHED)


def due(now: datetime.datetime) -> list[tuple[int, str]]:
    """(subscription id, kind) of every reminder due at ``now``, oldest requests first."""
    found: list[tuple[int, str]] = []
    campaign_ids = set(pending_start().values_list("campaign_id", flat=True))
    for campaign in Campaign.objects.filter(pk__in=campaign_ids).order_by("starts_on", "pk"):
        if start_due_at(campaign) <= now and not has_started(campaign, now):
            ids = pending_start().filter(campaign=campaign).order_by("pk").values_list("pk", flat=True)
            found += [(pk, Kind.START) for pk in ids]
    results = _confirmed().filter(
        wants_results=True, results_sent_at__isnull=True, campaign__status=Campaign.Status.CLOSED
    )
    found += [(pk, Kind.RESULTS) for pk in results.order_by("pk").values_list("pk", flat=True)]
    return found


def next_start_due(now: datetime.datetime) -> datetime.datetime | None:
    """The next moment a "starts soon" reminder falls due, for the job to come back then."""
    campaign_ids = set(pending_start().values_list("campaign_id", flat=True))
    moments = [
        start_due_at(campaign)
        for campaign in Campaign.objects.filter(pk__in=campaign_ids)
        if not has_started(campaign, now) and start_due_at(campaign) > now
    ]
    return min(moments, default=None)


def _sent_field(kind: str) -> str:
    return "start_sent_at" if kind == Kind.START else "results_sent_at"


def claim(pk: int, kind: str, now: datetime.datetime) -> bool:
    """Mark one reminder sent; ``True`` for the one caller that changed the row."""
    field = _sent_field(kind)
    return bool(Subscription.objects.filter(pk=pk, **{f"{field}__isnull": True}).update(**{field: now}))


def give_back(pk: int, kind: str) -> None:
    Subscription.objects.filter(pk=pk).update(**{_sent_field(kind): None})


def send_due(now: datetime.datetime | None = None) -> Sent:
    """Send every reminder due at ``now`` through one SMTP connection."""
    now = now or timezone.now()
    work = due(now)
    outcome = Sent()
    if not work:
        return outcome
    connection = get_connection()
    try:
        connection.open()
        for pk, kind in work:
            if not _send_one(pk, kind, now, connection, outcome):
                break  # the server failed: the rest waits for the next run
    except (smtplib.SMTPException, OSError):
        logger.warning("reminders: the mail server could not be reached", exc_info=True, extra={"task": "reminders"})
        outcome.retry = True
    finally:
        connection.close()
    logger.info("reminders sent", extra={"task": "reminders", "count": outcome.sent})
    return outcome


def _send_one(pk: int, kind: str, now: datetime.datetime, connection: BaseEmailBackend, outcome: Sent) -> bool:
    """Claim, send, and forget the address if nothing more is to come; ``False`` if the server failed."""
    if not claim(pk, kind, now):
        return True  # another run has it
    subscription = Subscription.objects.select_related("campaign").filter(pk=pk).first()
    if subscription is None:
        return True  # unsubscribed meanwhile
    try:
        message = reminder_message(subscription, kind)
        message.connection = connection
        message.send()
    except smtplib.SMTPRecipientsRefused as exc:
        slug = subscription.campaign.slug
        logger.warning("reminders: an address was refused", extra={"task": "reminders", "campaign": slug})
        outcome.failed += 1
        if all(code >= 500 for code, _text in exc.recipients.values()):
            # refused for good: retrying would not help, and the address is kept for nothing else
            Subscription.objects.filter(pk=pk).delete()
        else:
            give_back(pk, kind)  # a temporary refusal (greylisting): the next run tries again
            outcome.retry = True
        return True
    except (smtplib.SMTPException, OSError):
        give_back(pk, kind)
        logger.warning("reminders: sending failed", exc_info=True, extra={"task": "reminders"})
        outcome.failed += 1
        outcome.retry = True
        return False
    except Exception:  # this one message could not be made (say, a title a header refuses): the others still go
        give_back(pk, kind)
        logger.error("reminders: a reminder could not be made", exc_info=True, extra={"task": "reminders"})
        outcome.failed += 1
        return True
    outcome.sent += 1
    if not subscription.pending_after(kind):
        Subscription.objects.filter(pk=pk).delete()  # its last reminder went: the address has no use left
    return True
