"""The whole way, through a real SMTP server and the real worker: sign up on the campaign's page, get the
confirmation, confirm, get the reminder with its one-click unsubscribe, unsubscribe, and nothing more."""

from __future__ import annotations

import pytest
from django.test import Client

from solidarity.campaigns.models import Campaign
from solidarity.campaigns.services import campaign_save, campaign_state
from solidarity.reminders.models import Subscription
from solidarity.reminders.tests.conftest import CANARY_ADDRESS, PUBLIC_URL, link_path, run_worker, sign_up

pytestmark = pytest.mark.django_db(transaction=True)


def close(campaign: Campaign, organiser) -> None:
    campaign.refresh_from_db()
    before = campaign_state(campaign)
    campaign.status = Campaign.Status.CLOSED
    campaign_save(campaign=campaign, actor=organiser, before=before)


def test_sign_up_confirm_remind_unsubscribe(upcoming, organiser, smtp):
    supporter = Client()
    page = supporter.get("/en/c/days-of-solidarity/").content.decode()
    assert 'href="/en/c/days-of-solidarity/remind/"' in page

    answer = sign_up(supporter, upcoming)
    assert answer.status_code == 302 and answer["Location"] == "/en/c/days-of-solidarity/remind/sent/"
    assert "Check your e-mail" in supporter.get(answer["Location"]).content.decode()
    subscription = Subscription.objects.get()
    assert subscription.email == CANARY_ADDRESS.lower() and subscription.confirmed_at is None
    assert smtp.take() == []  # the request sends nothing itself: the worker does

    run_worker()
    [confirmation] = smtp.take()
    assert confirmation["To"] == CANARY_ADDRESS.lower()
    assert confirmation["Subject"].strip() == "Please confirm: reminders about “Days of solidarity”"
    assert confirmation["Auto-Submitted"] == "auto-generated"
    assert "List-Unsubscribe" not in confirmation
    body = confirmation.get_body().get_content()
    assert confirmation.get_content_type() == "text/plain"
    confirm_path = link_path(body, "/reminders/confirm/")
    assert confirm_path.startswith("/en/reminders/confirm/")

    run_worker()  # unconfirmed: no reminder, however often the worker runs
    assert smtp.take() == []

    assert "Confirm" in supporter.get(confirm_path).content.decode()  # opening the link only shows a button
    assert Subscription.objects.get().confirmed_at is None
    assert supporter.post(confirm_path).status_code == 200
    assert Subscription.objects.get().confirmed_at is not None

    run_worker()
    [reminder] = smtp.take()
    assert reminder["To"] == CANARY_ADDRESS.lower()
    assert reminder["Subject"].strip().startswith("“Days of solidarity” begins on ")
    unsubscribe_url = reminder["List-Unsubscribe"].strip().strip("<>")  # folded: a long header starts on a new line
    assert unsubscribe_url.startswith(f"{PUBLIC_URL}/en/reminders/unsubscribe/")
    assert reminder["List-Unsubscribe-Post"].strip() == "List-Unsubscribe=One-Click"
    assert reminder.get_content_type() == "text/plain" and not reminder.is_multipart()
    text = reminder.get_body().get_content()
    assert unsubscribe_url in text
    assert f"{PUBLIC_URL}/en/c/days-of-solidarity/" in text
    links = [word for word in text.split() if "://" in word]
    assert links and all(link.startswith(PUBLIC_URL) for link in links)  # no tracker, no other host
    assert "<img" not in text and "<html" not in text.lower()
    assert Subscription.objects.get().start_sent_at is not None  # kept: the summary reminder is still to come

    run_worker()
    assert smtp.take() == []  # sent once

    # the mail client's one-click request: a POST with no cookie, session or CSRF token (RFC 8058)
    mail_client = Client(enforce_csrf_checks=True)
    answer = mail_client.post(
        unsubscribe_url[len(PUBLIC_URL) :],
        "List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )
    assert answer.status_code == 200
    assert not Subscription.objects.exists()  # the row is gone, not flagged
    assert (
        mail_client.post(
            unsubscribe_url[len(PUBLIC_URL) :],
            "List-Unsubscribe=One-Click",
            content_type="application/x-www-form-urlencoded",
        ).status_code
        == 200
    )  # twice is fine

    close(upcoming, organiser)
    run_worker()
    assert smtp.take() == []  # nothing more, ever
    assert supporter.post(confirm_path).status_code == 410  # and the old confirmation cannot bring it back
    assert not Subscription.objects.exists()


def test_the_summary_reminder_comes_when_the_campaign_is_closed_in_the_supporters_language(campaign, organiser, smtp):
    """The fixture campaign is already under way: only the summary reminder is offered."""
    supporter = Client()
    form = supporter.get("/ru/c/week-of-action/remind/")
    assert [value for value, _label in form.context["form"].fields["kinds"].choices] == ["results"]
    assert sign_up(supporter, campaign, kinds=["results"], language="ru").status_code == 302
    run_worker()
    [confirmation] = smtp.take()
    confirm_path = link_path(confirmation.get_body().get_content(), "/reminders/confirm/")
    assert confirm_path.startswith("/ru/reminders/confirm/")
    supporter.post(confirm_path)

    run_worker()
    assert smtp.take() == []  # not before the campaign is closed

    close(campaign, organiser)  # the change queues the job at once
    run_worker()
    [reminder] = smtp.take()
    assert reminder["Content-Language"] == "ru"
    text = reminder.get_body().get_content()
    assert f"{PUBLIC_URL}/ru/c/week-of-action/summary/" in text
    assert reminder["List-Unsubscribe"].strip().startswith(f"<{PUBLIC_URL}/ru/reminders/unsubscribe/")
    assert not Subscription.objects.exists()  # its last reminder went: the address is deleted
