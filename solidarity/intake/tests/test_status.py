"""``solidarity status`` tells an operator when mail stopped being fetched: a stopped ``fetch-mail --loop`` or a
mailbox that fails shows there, as counts and minutes only."""

from __future__ import annotations

import datetime
import io
import json

import pytest
from django.core.management import call_command
from django.utils import timezone

from solidarity.intake.models import Mailbox

pytestmark = pytest.mark.django_db


def waiting() -> dict:
    out = io.StringIO()
    call_command("status", "--json", stdout=out)
    return json.loads(out.getvalue())["waiting"]


def test_status_shows_how_long_ago_mail_was_fetched_and_which_mailboxes_fail(campaign):
    assert "minutes_since_mail_fetch" not in waiting()  # no mailbox, nothing to say
    box = Mailbox.objects.create(campaign=campaign, host="imap.example.org", username="canary-mailbox-user")
    assert waiting()["minutes_since_mail_fetch"] == -1  # configured, never fetched
    Mailbox.objects.filter(pk=box.pk).update(
        last_fetch_at=timezone.now() - datetime.timedelta(minutes=95), last_error="LOGIN failed"
    )
    counts = waiting()
    assert counts["minutes_since_mail_fetch"] == 95 and counts["mailboxes_failing"] == 1
    assert "canary" not in json.dumps(counts) and "imap.example.org" not in json.dumps(counts)
