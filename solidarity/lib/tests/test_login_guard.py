"""Password guessing on the staff sign-in: one machine is stopped after a few failures, many machines against
one organiser lock that account for a while, and nothing about who tried from where is kept."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.test import Client
from django_otp.oath import totp

from solidarity.lib.models import AuditEntry

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _limits(settings):
    cache.clear()
    settings.SOLIDARITY = {**settings.SOLIDARITY, "LOGIN_CLIENT_LIMIT": 3, "LOGIN_ACCOUNT_LIMIT": 5}
    yield
    cache.clear()


def sign_in(user, password: str, address: str = "198.51.100.7") -> int:
    device = user.totpdevice_set.get()
    device.throttle_reset()  # the second factor's own back-off is django-otp's, tested there
    device.last_t = -1  # and so is its refusal of a code used twice in one 30-second step
    device.save()
    token = str(totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits)).zfill(device.digits)
    client = Client(REMOTE_ADDR=address)
    response = client.post("/admin/login/", {"username": user.username, "password": password, "otp_token": token})
    return response.status_code


def test_one_client_is_stopped_after_a_few_failures_even_with_the_right_password(moderator):
    assert [sign_in(moderator, "guess") for _ in range(3)] == [200, 200, 200]
    assert sign_in(moderator, "correct horse battery") == 429
    assert sign_in(moderator, "correct horse battery", address="203.0.113.9") == 302  # the account is not locked
    cache.clear()  # the window passes
    assert sign_in(moderator, "correct horse battery") == 302


def test_many_clients_against_one_account_lock_it_for_the_window(moderator, organiser):
    for n in range(5):
        assert sign_in(moderator, "guess", address=f"192.0.2.{n}") == 200
    assert sign_in(moderator, "correct horse battery", address="203.0.113.9") == 429
    assert sign_in(organiser, "correct horse battery", address="203.0.113.9") == 302  # others sign in
    locked = AuditEntry.objects.get(action="auth.account_locked")
    assert locked.object_id == str(moderator.pk)
    assert not any(address in str(locked.data) + locked.object_repr for address in ("192.0.2.", "203.0.113.9"))


def test_a_successful_sign_in_clears_the_accounts_failures(moderator):
    for n in range(4):
        sign_in(moderator, "guess", address=f"192.0.2.{n}")
    assert sign_in(moderator, "correct horse battery", address="203.0.113.1") == 302
    for n in range(4):
        assert sign_in(moderator, "guess", address=f"192.0.2.{10 + n}") == 200
    assert sign_in(moderator, "correct horse battery", address="203.0.113.2") == 302


def test_the_refusal_says_what_to_do(moderator):
    for _ in range(3):
        sign_in(moderator, "guess")
    response = Client(REMOTE_ADDR="198.51.100.7").post("/admin/login/", {"username": "bob", "password": "x"})
    assert response.status_code == 429 and "Too many failed sign-ins. Wait 15 minutes" in response.content.decode()
