"""The links in our e-mails: forged, damaged, expired, replayed or swapped, none does more than it should, and
opening one (as a mail scanner does) changes nothing until its button is pressed."""

from __future__ import annotations

import time
from unittest import mock

from django.test import Client
from django.utils import timezone

from solidarity.reminders import services, tokens
from solidarity.reminders.models import Subscription
from solidarity.reminders.tests.conftest import CANARY_ADDRESS


def subscription(campaign, **fields) -> Subscription:
    values = {"email": CANARY_ADDRESS.lower(), "language": "en", "wants_start": True, **fields}
    return Subscription.objects.create(campaign=campaign, **values)


def confirm_path(row: Subscription, kinds=("start",), language="en") -> str:
    return f"/{language}/reminders/confirm/{tokens.confirm_token(row.key, list(kinds), language)}/"


def unsubscribe_path(row: Subscription) -> str:
    return f"/en/reminders/unsubscribe/{tokens.unsubscribe_token(row.key)}/"


def test_opening_a_link_only_shows_a_button(upcoming, supporter):
    row = subscription(upcoming)
    for path in (confirm_path(row), unsubscribe_path(row)):
        page = supporter.get(path)
        assert page.status_code == 200 and '<form method="post"' in page.content.decode()
        assert page["Cache-Control"].startswith("max-age=0")
    row.refresh_from_db()
    assert row.confirmed_at is None


def test_a_forged_or_damaged_link_does_nothing(upcoming, supporter):
    row = subscription(upcoming)
    genuine = tokens.confirm_token(row.key, ["start"], "en")
    forged_key = tokens.confirm_token("x" * 32, ["start"], "en")[:-5] + "AAAAA"
    for token in (genuine[:-3], genuine + "x", forged_key, "nonsense", f"{row.key}:whatever"):
        answer = supporter.post(f"/en/reminders/confirm/{token}/")
        assert answer.status_code == 400 and "not valid" in answer.content.decode()
    row.refresh_from_db()
    assert row.confirmed_at is None
    for token in (tokens.unsubscribe_token(row.key)[:-2], row.key, genuine):  # a confirm link cannot unsubscribe
        assert supporter.post(f"/en/reminders/unsubscribe/{token}/").status_code == 400
    assert Subscription.objects.filter(pk=row.pk).exists()
    # nor can an unsubscribe link confirm
    assert supporter.post(f"/en/reminders/confirm/{tokens.unsubscribe_token(row.key)}/").status_code == 400


def test_an_expired_confirmation_link_says_so(upcoming, supporter, settings):
    row = subscription(upcoming)
    four_days_ago = time.time() - 4 * 86400
    with mock.patch("django.core.signing.time.time", return_value=four_days_ago):
        old = confirm_path(row)
    answer = supporter.post(old)
    assert answer.status_code == 410 and "expired" in answer.content.decode()
    row.refresh_from_db()
    assert row.confirmed_at is None
    assert supporter.post(confirm_path(row)).status_code == 200  # a fresh link works


def test_a_replayed_confirmation_changes_nothing_and_cannot_revive_an_address(upcoming, supporter):
    row = subscription(upcoming)
    path = confirm_path(row)
    assert supporter.post(path).status_code == 200
    first = Subscription.objects.get().confirmed_at
    assert supporter.post(path).status_code == 200
    assert Subscription.objects.get().confirmed_at == first

    assert Client(enforce_csrf_checks=True).post(unsubscribe_path(row)).status_code == 200
    assert not Subscription.objects.exists()
    answer = supporter.post(path)
    assert answer.status_code == 410 and not Subscription.objects.exists()


def test_a_confirmation_adds_only_what_is_still_ahead(campaign, supporter):
    """A link to confirm the start reminder of a campaign that has begun since adds nothing for the start."""
    row = subscription(campaign, wants_start=False, wants_results=True)
    assert supporter.post(confirm_path(row, kinds=("start", "results"))).status_code == 200
    row.refresh_from_db()
    assert row.kinds == ["results"] and row.confirmed_at is not None


def test_unsubscribing_deletes_only_that_row(upcoming, campaign):
    mine = subscription(upcoming)
    other_campaign = subscription(campaign)
    someone_else = subscription(upcoming, email="other@example.net")
    assert services.unsubscribe(token=tokens.unsubscribe_token(mine.key))
    assert set(Subscription.objects.values_list("pk", flat=True)) == {other_campaign.pk, someone_else.pk}


def test_confirm_sets_the_language_of_the_link(upcoming, supporter):
    row = subscription(upcoming, language="en")
    supporter.post(confirm_path(row, language="ru"))
    row.refresh_from_db()
    assert row.language == "ru" and row.confirmed_at <= timezone.now()
