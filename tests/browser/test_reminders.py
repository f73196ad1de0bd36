"""Asking for a reminder in a real browser, without JavaScript: from the campaign page to the form, the "check
your e-mail" page, the confirmation button the e-mail's link opens, and the unsubscribe button."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from solidarity.reminders.models import Subscription
from solidarity.reminders.tasks import send_confirmation
from tests.browser.helpers import CAMPAIGN_URL, SLUG, submit

ADDRESS = "dana.browser@example.net"


def link_in(body: str, marker: str) -> str:
    return next(word for word in body.split() if "://" in word and marker in word)


@pytest.mark.browser
def test_sign_up_from_the_campaign_page_then_confirm_and_stop(campaign, new_context, site):
    page = new_context(java_script_enabled=False).new_page()
    page.goto(CAMPAIGN_URL)
    page.get_by_role("link", name="Ask for a reminder").click()
    expect(page).to_have_url(re.compile(re.escape(f"/en/c/{SLUG}/remind/") + "$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Get a reminder by e-mail")

    page.get_by_label("Your e-mail address").fill("not an address")
    answer = submit(page, page.get_by_role("button", name="Send me the confirmation link"))
    assert answer.status == 400
    expect(page.get_by_label("Your e-mail address")).to_have_value("not an address")  # kept, with its error

    page.get_by_label("Your e-mail address").fill(ADDRESS)
    summary = page.get_by_label(re.compile("when it is over"))
    expect(summary).to_be_checked()  # the campaign is under way: only the summary reminder is left
    submit(page, page.get_by_role("button", name="Send me the confirmation link"))
    expect(page).to_have_url(re.compile(re.escape(f"/en/c/{SLUG}/remind/sent/") + "$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your e-mail")
    subscription = Subscription.objects.get()
    assert subscription.email == ADDRESS and subscription.confirmed_at is None

    # the worker's job, run here; the test settings keep its e-mail in Django's outbox
    send_confirmation.call(subscription.pk, ["results"], "en")
    confirm = link_in(mail.outbox[-1].body, "/reminders/confirm/")
    assert confirm.startswith(site)
    page.goto(confirm)
    assert Subscription.objects.get().confirmed_at is None  # opening the link confirms nothing
    submit(page, page.get_by_role("button", name="Confirm"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Confirmed")
    assert Subscription.objects.get().confirmed_at is not None

    from solidarity.reminders.mail import reminder_message

    stop = reminder_message(Subscription.objects.get(), "results").extra_headers["List-Unsubscribe"].strip("<>")
    page.goto(stop)
    submit(page, page.get_by_role("button", name="Stop reminders"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Reminders stopped")
    assert not Subscription.objects.exists()
