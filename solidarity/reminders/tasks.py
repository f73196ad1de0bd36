"""Background jobs of the reminders (run by ``solidarity worker``; see lib/jobs.py).

Nothing here runs on a timer. A "send due reminders" job is queued for the moment something falls due: when an
address is confirmed (for the "starts soon" time of its campaign), when a campaign changes (closed: the summary
reminders are due now; new dates: a new "starts soon" time), and by each job for the next moment after its own.
Running it more often than needed costs a query; running it twice sends nothing twice (``sending.py``).
``solidarity send-reminders`` runs the same job by hand or from cron.

Jobs carry row numbers and reminder kinds, never an address: the queue is stored, backed up and shown in the
admin.
"""

from __future__ import annotations

import datetime
import logging
import smtplib
from typing import Any

from django.utils import timezone
from django_tasks import task
from django_tasks_db.models import DBTaskResult

from solidarity.lib.jobs import READY

logger = logging.getLogger("solidarity.jobs")

RETRY_AFTER = datetime.timedelta(minutes=15)  # a mail server that failed is tried again this much later
# a job already waiting to run this close before the wanted moment will do: each job queues the next one
COALESCE = datetime.timedelta(minutes=1)


@task()
def send_confirmation(subscription_id: int, kinds: list[str], language: str) -> dict[str, Any]:
    """The confirmation e-mail of one request; nothing if the row is gone (unsubscribed, purged)."""
    from solidarity.reminders.mail import confirmation_message
    from solidarity.reminders.models import Subscription

    subscription = Subscription.objects.select_related("campaign").filter(pk=subscription_id).first()
    if subscription is None:
        return {"sent": 0}
    try:
        confirmation_message(subscription, kinds, language).send()
    except smtplib.SMTPRecipientsRefused as exc:
        # the job's stored traceback would name the address: never re-raise the server's words
        if all(500 <= code < 600 for code, _text in exc.recipients.values()):
            subscription.delete()  # a mailbox that does not exist: nothing to confirm, ever
            return {"sent": 0, "refused": 1}
        Subscription.objects.filter(pk=subscription_id).update(confirmation_sent_at=None)
        raise ConfirmationNotSent("the server deferred the address") from None
    except (smtplib.SMTPException, OSError) as exc:
        # let the supporter ask again at once rather than after the resend pause, and the job show as failed
        Subscription.objects.filter(pk=subscription_id).update(confirmation_sent_at=None)
        raise ConfirmationNotSent(type(exc).__name__) from None
    logger.info("reminder confirmation sent", extra={"task": "send_confirmation", "count": 1})
    return {"sent": 1}


@task()
def send_due_reminders() -> dict[str, Any]:
    """Send what is due, then come back when the next reminder falls due (or soon, if the server failed)."""
    from solidarity.reminders.sending import next_start_due, send_due

    now = timezone.now()
    try:
        outcome = send_due(now)
    except Exception:
        queue_send(now + RETRY_AFTER)  # what was due is due still: another run will try it
        raise
    finally:  # whatever happened to this run, the reminders still to come keep a job that will send them
        upcoming = next_start_due(now)
        if upcoming is not None:
            queue_send(upcoming)
    if outcome.retry:
        queue_send(now + RETRY_AFTER)
    return {"sent": outcome.sent, "failed": outcome.failed}


class ConfirmationNotSent(Exception):
    """A confirmation that did not go out; its message never carries the address (jobs keep tracebacks)."""


def queue_send(at: datetime.datetime) -> None:
    """Queue ``send_due_reminders`` for ``at`` unless a job waiting in the queue will run shortly before."""
    at = max(at, timezone.now())
    waiting = DBTaskResult.objects.filter(
        task_path=send_due_reminders.module_path, status=READY, run_after__range=(at - COALESCE, at)
    )
    if not waiting.exists():
        send_due_reminders.using(run_after=at).enqueue()


def campaign_changed(sender: Any, *, campaign_id: int, **kwargs: Any) -> None:
    """Receiver of ``campaigns.services.public_data_changed``: a campaign closed, or its dates moved, may make
    reminders due at another time than the jobs already queued."""
    from solidarity.campaigns.models import Campaign
    from solidarity.reminders.models import Subscription
    from solidarity.reminders.sending import pending_start, start_due_at

    campaign = Campaign.objects.filter(pk=campaign_id).first()
    if campaign is None:
        return
    if campaign.status == Campaign.Status.CLOSED:
        waiting = Subscription.objects.filter(
            campaign=campaign, confirmed_at__isnull=False, wants_results=True, results_sent_at__isnull=True
        )
        if waiting.exists():
            queue_send(timezone.now())
    elif pending_start().filter(campaign=campaign).exists():
        queue_send(start_due_at(campaign))
