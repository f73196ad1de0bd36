"""The sign-up form: what it offers, what it refuses, and that it never tells whether an address was known."""

from __future__ import annotations

import datetime
import re

import pytest
from django.core.cache import cache
from django.test import Client
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from solidarity.campaigns.models import Campaign
from solidarity.reminders import services
from solidarity.reminders.models import Subscription
from solidarity.reminders.tasks import send_confirmation
from solidarity.reminders.tests.conftest import CANARY_ADDRESS, sign_up

URL = "/en/c/days-of-solidarity/remind/"


def confirmations() -> list[list]:
    """The confirmation jobs queued so far (their arguments)."""
    jobs = DBTaskResult.objects.filter(task_path=send_confirmation.module_path).order_by("enqueued_at")
    return [job.args_kwargs["args"] for job in jobs]


def test_the_form_offers_what_is_still_ahead(upcoming, campaign, supporter):
    form = supporter.get(URL)
    assert form.status_code == 200 and form["Cache-Control"].startswith("max-age=0")
    choices = dict(form.context["form"].fields["kinds"].choices)
    assert list(choices) == ["start", "results"]
    assert choices["start"].startswith("3 days before it starts on ")
    body = form.content.decode()
    assert 'name="csrfmiddlewaretoken"' in body and 'name="website"' in body
    assert 'type="email"' in body
    # the fixture campaign began three days ago: only the summary reminder is left
    assert list(dict(supporter.get("/en/c/week-of-action/remind/").context["form"].fields["kinds"].choices)) == [
        "results"
    ]


def test_closed_and_draft_campaigns_take_no_sign_ups(upcoming, supporter):
    Campaign.objects.filter(pk=upcoming.pk).update(status=Campaign.Status.CLOSED)
    assert supporter.get(URL).status_code == 410
    assert 'href="/en/c/days-of-solidarity/remind/"' not in supporter.get("/en/c/days-of-solidarity/").content.decode()
    Campaign.objects.filter(pk=upcoming.pk).update(status=Campaign.Status.DRAFT)
    assert supporter.get(URL).status_code == 404


@pytest.mark.parametrize(
    "address", ["not-an-address", "dana@", "@example.net", "dana@example..net", "a" * 250 + "@x.org"]
)
def test_a_bad_address_is_refused_and_kept_in_the_form(upcoming, supporter, address):
    answer = sign_up(supporter, upcoming, address=address)
    assert answer.status_code == 400
    assert answer.context["form"].errors["email"]
    assert answer.context["form"]["email"].value() == address
    assert not Subscription.objects.exists() and confirmations() == []


def test_no_reminder_chosen_is_an_error(upcoming, supporter):
    answer = sign_up(supporter, upcoming, kinds=[])
    assert answer.status_code == 400 and "Choose at least one reminder." in answer.content.decode()
    answer = sign_up(supporter, upcoming, kinds=["weekly-newsletter"])
    assert answer.status_code == 400 and not Subscription.objects.exists()


def test_the_honeypot_pretends_success_and_stores_nothing(upcoming, supporter):
    answer = sign_up(supporter, upcoming, website="http://spam.example")
    assert answer.status_code == 302 and answer["Location"].endswith("/remind/sent/")
    assert not Subscription.objects.exists() and confirmations() == []


def test_a_form_sent_too_fast_or_damaged_is_asked_again(upcoming, supporter, settings):
    settings.SOLIDARITY = {**settings.SOLIDARITY, "MIN_FILL_SECONDS": 60}
    answer = sign_up(supporter, upcoming)
    assert answer.status_code == 400 and "very fast" in answer.content.decode()
    answer = sign_up(supporter, upcoming, started="forged")
    assert answer.status_code == 400 and "damaged" in answer.content.decode()
    assert not Subscription.objects.exists()


def test_the_form_needs_its_csrf_token(upcoming):
    browser = Client(enforce_csrf_checks=True)
    form = browser.get(URL)
    data = {"email": CANARY_ADDRESS, "kinds": ["start"], "started": form.context["form"]["started"].value()}
    assert browser.post(URL, data).status_code == 403
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form.content.decode()).group(1)
    assert browser.post(URL, {**data, "csrfmiddlewaretoken": token}).status_code == 302


def test_sign_ups_are_rate_limited_per_client(upcoming, supporter, settings):
    settings.SOLIDARITY_REMINDERS = {**settings.SOLIDARITY_REMINDERS, "RATE_LIMIT": 2}
    cache.clear()
    assert sign_up(supporter, upcoming, address="one@example.net").status_code == 302
    assert sign_up(supporter, upcoming, address="two@example.net").status_code == 302
    limited = sign_up(supporter, upcoming, address="three@example.net")
    assert limited.status_code == 429
    assert limited.context["form"]["email"].value() == "three@example.net"
    assert Subscription.objects.count() == 2


def test_the_answer_is_the_same_for_a_new_a_waiting_and_a_confirmed_address(upcoming, supporter):
    """A visitor cannot learn from the page whether someone asked for reminders before."""
    first = sign_up(supporter, upcoming)
    again = sign_up(supporter, upcoming, address=CANARY_ADDRESS.upper())  # still unconfirmed; same mailbox
    Subscription.objects.update(confirmed_at=timezone.now())
    confirmed = sign_up(supporter, upcoming)
    other = sign_up(supporter, upcoming, address="someone-else@example.net")
    answers = [(a.status_code, a["Location"]) for a in (first, again, confirmed, other)]
    assert len(set(answers)) == 1
    pages = {supporter.get(first["Location"]).content for _ in range(2)}
    assert len(pages) == 1
    assert Subscription.objects.count() == 2  # one row per address and campaign


def test_a_repeated_request_sends_one_confirmation_until_the_pause_is_over(upcoming):
    ask = lambda kinds: services.subscribe(  # noqa: E731
        campaign=upcoming, email=CANARY_ADDRESS, kinds=kinds, language="en", site="https://x.example"
    )
    ask(["start"])
    ask(["start", "results"])  # a change of mind while waiting: the link will confirm the newest request
    assert len(confirmations()) == 1
    subscription = Subscription.objects.get()
    assert subscription.kinds == ["start", "results"]

    Subscription.objects.update(confirmation_sent_at=timezone.now() - services.RESEND_AFTER - datetime.timedelta(1))
    ask(["start"])
    assert len(confirmations()) == 2

    Subscription.objects.update(confirmed_at=timezone.now(), wants_results=False)
    Subscription.objects.update(confirmation_sent_at=timezone.now() - services.RESEND_AFTER - datetime.timedelta(1))
    ask(["start"])  # confirmed and nothing new: no e-mail at all
    assert len(confirmations()) == 2
    ask(["results"])  # something new: the owner of the address confirms the addition
    assert confirmations()[-1] == [subscription.pk, ["results"], "en"]
    assert Subscription.objects.get().kinds == ["start"]  # not before the confirmation


def test_jobs_carry_no_address(upcoming, supporter):
    sign_up(supporter, upcoming)
    jobs = list(DBTaskResult.objects.values_list("args_kwargs", flat=True))
    assert jobs and "canary" not in str(jobs).lower() and "@" not in str(jobs)
