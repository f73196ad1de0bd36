"""What a review of the reminders found: URL filters in the admin, refused confirmations in the job table, one
bad message stopping a run, and a results reminder confirmed after the campaign closed."""

from __future__ import annotations

import datetime
from unittest import mock

import pytest
from django.contrib.auth.models import Permission
from django.utils import timezone

from conftest import verified_client
from solidarity.campaigns.models import Campaign
from solidarity.reminders import sending, services, tokens
from solidarity.reminders.models import Subscription
from solidarity.reminders.tasks import RETRY_AFTER, ConfirmationNotSent, send_confirmation, send_due_reminders
from solidarity.reminders.tests.conftest import CANARY_ADDRESS
from solidarity.reminders.tests.test_sending import confirmed, queued_sends


@pytest.mark.parametrize("lookup", ["email", "email__startswith", "email__iexact", "key", "site__contains"])
def test_no_filter_in_the_url_tells_an_organiser_whether_an_address_is_subscribed(upcoming, organiser, lookup):
    confirmed(upcoming, email=CANARY_ADDRESS.lower())
    alice = verified_client(organiser)
    response = alice.get("/admin/reminders/subscription/", {lookup: CANARY_ADDRESS.lower()[:4]})
    assert response.status_code == 400
    assert CANARY_ADDRESS.lower()[:4] not in response.content.decode().lower()
    organiser.user_permissions.add(Permission.objects.get(codename="view_address"))
    alice = verified_client(organiser)
    assert alice.get("/admin/reminders/subscription/", {"email__startswith": "x"}).status_code == 200


def test_a_confirmation_refused_for_good_forgets_the_address_and_keeps_it_out_of_the_job(upcoming, smtp):
    row = Subscription.objects.create(campaign=upcoming, email=CANARY_ADDRESS.lower(), language="en")
    smtp.refuse[CANARY_ADDRESS.lower()] = "550 no such mailbox"
    assert send_confirmation.call(row.pk, ["start"], "en") == {"sent": 0, "refused": 1}
    assert not Subscription.objects.filter(pk=row.pk).exists()


def test_a_deferred_confirmation_fails_the_job_without_naming_the_address(upcoming, smtp):
    row = Subscription.objects.create(
        campaign=upcoming, email=CANARY_ADDRESS.lower(), language="en", confirmation_sent_at=timezone.now()
    )
    smtp.refuse[CANARY_ADDRESS.lower()] = "450 try again later"
    with pytest.raises(ConfirmationNotSent) as failure:
        send_confirmation.call(row.pk, ["start"], "en")
    assert CANARY_ADDRESS.lower() not in str(failure.value).lower()
    assert failure.value.__cause__ is None and failure.value.__suppress_context__
    row.refresh_from_db()
    assert row.confirmation_sent_at is None  # the supporter may ask again at once


def test_one_message_that_cannot_be_made_does_not_stop_the_others(upcoming, smtp):
    broken = confirmed(upcoming, email="broken@example.net")
    fine = confirmed(upcoming, email="fine@example.net")
    real = sending.reminder_message

    def make(subscription, kind):
        if subscription.pk == broken.pk:
            raise ValueError("a header refused the campaign's title")
        return real(subscription, kind)

    with mock.patch.object(sending, "reminder_message", side_effect=make):
        outcome = sending.send_due(sending.start_due_at(upcoming))
    assert (outcome.sent, outcome.failed) == (1, 1)
    assert [m["To"] for m in smtp.take()] == ["fine@example.net"]
    broken.refresh_from_db()
    assert broken.start_sent_at is None  # given back: a fixed title lets the next run send it
    assert not Subscription.objects.filter(pk=fine.pk).exists()  # its only reminder went


def test_a_failing_run_still_leaves_a_job_for_the_reminders_due_and_to_come(upcoming, organisation):
    confirmed(upcoming)  # due already
    later = Campaign.objects.create(
        slug="later",
        title="Later",
        organiser=organisation,
        starts_on=upcoming.starts_on + datetime.timedelta(days=30),
        ends_on=upcoming.starts_on + datetime.timedelta(days=31),
        timezone="Europe/Berlin",
        status=Campaign.Status.PUBLISHED,
    )
    confirmed(later, email="later@example.net")
    with mock.patch.object(sending, "send_due", side_effect=RuntimeError("boom")), pytest.raises(RuntimeError):
        send_due_reminders.call()
    retry, to_come = queued_sends()
    assert 0 < (retry - timezone.now()).total_seconds() <= RETRY_AFTER.total_seconds()
    assert to_come == sending.start_due_at(later)


def test_confirming_after_the_campaign_closed_queues_the_results_reminder(upcoming):
    row = Subscription.objects.create(campaign=upcoming, email="late@example.net", language="en", wants_results=True)
    Campaign.objects.filter(pk=upcoming.pk).update(status=Campaign.Status.CLOSED)
    assert services.confirm(token=tokens.confirm_token(row.key, ["results"], "en")) == services.Confirmed.DONE
    row.refresh_from_db()
    assert row.wants_results and row.confirmed_at is not None
    sends = queued_sends()
    assert len(sends) == 1 and abs((sends[0] - timezone.now()).total_seconds()) < 60
