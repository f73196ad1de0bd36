"""Sending what is due, once: twice-run jobs, a worker killed mid-run, a mail server that is down or refuses,
and the moments reminders fall due."""

from __future__ import annotations

import datetime
import threading
import zoneinfo

import pytest
from django.core import mail
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from solidarity.campaigns.models import Campaign
from solidarity.reminders import sending
from solidarity.reminders.models import Subscription
from solidarity.reminders.tasks import campaign_changed, queue_send, send_due_reminders
from solidarity.reminders.tests.conftest import free_port

BERLIN = zoneinfo.ZoneInfo("Europe/Berlin")


def confirmed(campaign, email="dana@example.net", **fields) -> Subscription:
    values = {"language": "en", "wants_start": True, "confirmed_at": timezone.now(), **fields}
    return Subscription.objects.create(campaign=campaign, email=email, **values)


def queued_sends() -> list[datetime.datetime]:
    jobs = DBTaskResult.objects.filter(task_path=send_due_reminders.module_path, status="READY")
    return sorted(jobs.values_list("run_after", flat=True))


def test_the_start_reminder_is_due_at_nine_in_the_campaigns_zone_days_before(upcoming):
    due = sending.start_due_at(upcoming)
    assert due.tzinfo == BERLIN and due.time() == datetime.time(9)
    assert due.date() == upcoming.starts_on - datetime.timedelta(days=3)
    row = confirmed(upcoming)
    assert sending.due(due - datetime.timedelta(minutes=1)) == []
    assert sending.due(due) == [(row.pk, "start")]
    first_day = datetime.datetime.combine(upcoming.starts_on, datetime.time(0, 1), tzinfo=BERLIN)
    assert sending.due(first_day) == []  # a reminder after the start is no reminder


def test_only_confirmed_addresses_and_only_what_is_due(upcoming, campaign, smtp):
    waiting = Subscription.objects.create(
        campaign=upcoming, email="waiting@example.net", language="en", wants_start=True
    )
    results_only = confirmed(upcoming, email="results@example.net", wants_start=False, wants_results=True)
    under_way = confirmed(campaign, email="late@example.net")  # began three days ago
    assert sending.send_due().sent == 0
    assert smtp.take() == []
    for row in (waiting, results_only, under_way):
        row.refresh_from_db()
        assert row.start_sent_at is None and row.results_sent_at is None


def test_a_job_run_twice_sends_once_and_forgets_the_address_after_its_last_reminder(upcoming, smtp):
    both = confirmed(upcoming, email="both@example.net", wants_results=True)
    start_only = confirmed(upcoming, email="start@example.net")
    assert send_due_reminders.call() == {"sent": 2, "failed": 0}
    assert send_due_reminders.call() == {"sent": 0, "failed": 0}
    assert sorted(m["To"] for m in smtp.take()) == ["both@example.net", "start@example.net"]
    assert Subscription.objects.get(pk=both.pk).start_sent_at is not None
    assert not Subscription.objects.filter(pk=start_only.pk).exists()

    Campaign.objects.filter(pk=upcoming.pk).update(status=Campaign.Status.CLOSED)
    assert send_due_reminders.call()["sent"] == 1
    assert send_due_reminders.call()["sent"] == 0
    assert [m["To"] for m in smtp.take()] == ["both@example.net"]
    assert not Subscription.objects.exists()


def test_a_worker_killed_after_claiming_never_sends_that_reminder_twice(upcoming, smtp, monkeypatch):
    """The claim commits before the SMTP conversation: a kill between them loses one reminder, never doubles it."""
    row = confirmed(upcoming)

    def killed(*args, **kwargs):
        raise SystemExit("kill -9")  # not an Exception: nothing in the sender catches it, as with a real kill

    monkeypatch.setattr("django.core.mail.message.EmailMessage.send", killed)
    with pytest.raises(SystemExit):
        sending.send_due()
    row.refresh_from_db()
    assert row.start_sent_at is not None  # claimed before the kill
    monkeypatch.undo()
    assert sending.send_due().sent == 0  # the restarted worker finds nothing to send
    assert smtp.take() == []


def test_of_two_jobs_that_found_the_same_work_only_one_claims_each_reminder(upcoming):
    rows = [confirmed(upcoming, email=f"p{n}@example.net") for n in range(5)]
    now = timezone.now()
    first, second = sending.due(now), sending.due(now)  # both jobs read the queue before either sends
    assert first == second == [(row.pk, "start") for row in rows]
    assert [sending.claim(pk, kind, now) for pk, kind in first] == [True] * 5
    assert [sending.claim(pk, kind, now) for pk, kind in second] == [False] * 5


@pytest.mark.django_db(transaction=True)
def test_two_workers_racing_for_the_same_reminders_send_each_once(upcoming, smtp):
    """Real threads with their own connections; on SQLite the writers queue on the lock, on PostgreSQL they race."""
    from django.db import connection, connections

    if connection.vendor == "sqlite":
        pytest.skip("the in-memory test database of SQLite is one connection's: this race needs PostgreSQL")
    for n in range(30):
        confirmed(upcoming, email=f"p{n}@example.net")
    totals: list[int] = []
    barrier = threading.Barrier(3)

    def worker() -> None:
        barrier.wait()
        try:
            totals.append(sending.send_due().sent)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sum(totals) == 30
    received = sorted(message["To"] for message in smtp.take())
    assert received == sorted(f"p{n}@example.net" for n in range(30))


@pytest.mark.django_db(transaction=True)
def test_a_mail_server_that_is_down_gets_the_reminder_later(upcoming, settings, smtp):
    row = confirmed(upcoming)
    working_port = settings.EMAIL_PORT
    settings.EMAIL_PORT = free_port()  # nothing listens there
    before = timezone.now()
    assert send_due_reminders.call() == {"sent": 0, "failed": 0}
    row.refresh_from_db()
    assert row.start_sent_at is None  # not claimed for good
    assert any(at > before + datetime.timedelta(minutes=10) for at in queued_sends())  # a retry is queued

    settings.EMAIL_PORT = working_port
    assert send_due_reminders.call()["sent"] == 1
    assert len(smtp.take()) == 1


def test_a_temporary_refusal_is_retried_and_a_permanent_one_forgets_the_address(upcoming, smtp):
    greylisted = confirmed(upcoming, email="greylisted@example.net")
    gone = confirmed(upcoming, email="gone@example.net")
    fine = confirmed(upcoming, email="fine@example.net")
    smtp.refuse = {"greylisted@example.net": "450 Try again later", "gone@example.net": "550 No such user"}
    outcome = sending.send_due()
    assert (outcome.sent, outcome.failed, outcome.retry) == (1, 2, True)
    assert [m["To"] for m in smtp.take()] == ["fine@example.net"]
    assert not Subscription.objects.filter(pk__in=[gone.pk, fine.pk]).exists()
    greylisted.refresh_from_db()
    assert greylisted.start_sent_at is None

    smtp.refuse = {}
    assert sending.send_due().sent == 1


def test_a_closed_campaign_sends_no_start_reminder(upcoming, smtp):
    confirmed(upcoming, wants_results=True)
    Campaign.objects.filter(pk=upcoming.pk).update(status=Campaign.Status.CLOSED)
    assert sending.send_due().sent == 1
    [message] = smtp.take()
    assert "is over" in message["Subject"]


def test_the_job_comes_back_when_the_next_reminder_is_due(organisation, upcoming):
    later = Campaign.objects.create(
        slug="later",
        title="Later",
        organiser=organisation,
        starts_on=upcoming.starts_on + datetime.timedelta(days=30),
        ends_on=upcoming.starts_on + datetime.timedelta(days=31),
        timezone="America/New_York",
        status=Campaign.Status.PUBLISHED,
    )
    confirmed(later)
    send_due_reminders.call()
    assert queued_sends() == [sending.start_due_at(later)]
    queue_send(sending.start_due_at(later))  # already waiting: no second job
    assert len(queued_sends()) == 1


def test_moving_a_campaign_queues_its_new_moment_and_closing_queues_the_summaries(upcoming):
    confirmed(upcoming, wants_results=True)
    Campaign.objects.filter(pk=upcoming.pk).update(starts_on=upcoming.starts_on + datetime.timedelta(days=10))
    upcoming.refresh_from_db()
    campaign_changed(Campaign, campaign_id=upcoming.pk)
    assert queued_sends() == [sending.start_due_at(upcoming)]

    Campaign.objects.filter(pk=upcoming.pk).update(status=Campaign.Status.CLOSED)
    campaign_changed(Campaign, campaign_id=upcoming.pk)
    assert queued_sends()[0] <= timezone.now()


def test_the_confirmation_of_a_row_gone_meanwhile_sends_nothing(upcoming, smtp):
    from solidarity.reminders.tasks import send_confirmation

    assert send_confirmation.call(12345, ["start"], "en") == {"sent": 0}
    assert smtp.take() == [] and mail.outbox == []
