"""Slowing down password guessing on the staff sign-in, without keeping who or where anyone signed in from.

Two counters of failed sign-ins, both only in the cache and expiring with their window:

* per client (the address hashed with the secret key, as ``ratelimit`` does): one machine trying many
  passwords or many accounts is stopped after ``LOGIN_CLIENT_LIMIT`` failures;
* per account (the user name, hashed the same way): many machines trying one organiser's password lock that
  account for the window after ``LOGIN_ACCOUNT_LIMIT`` failures, whoever asks next, even with the right password.

A stopped attempt is refused before the password is checked, so it teaches the guesser nothing. The second
factor has its own back-off (django-otp). A lockout is written to the audit trail under the account, with no
address.
"""

from __future__ import annotations

import hashlib
import time

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest

from solidarity.lib.ratelimit import client_key


def _account_key(username: str, window: int) -> str:
    bucket = int(time.time() // window)
    name = username.strip().casefold()
    digest = hashlib.sha256(f"{settings.SECRET_KEY}|login-account|{bucket}|{name}".encode()).hexdigest()[:32]
    return f"rl:login-account:{digest}"


def _limits() -> tuple[int, int, int]:
    limits = settings.SOLIDARITY
    return limits["LOGIN_CLIENT_LIMIT"], limits["LOGIN_ACCOUNT_LIMIT"], limits["LOGIN_WINDOW"]


def blocked(request: HttpRequest, username: str) -> bool:
    """Whether this sign-in must be refused unheard: too many failures from here, or against this account."""
    client_limit, account_limit, window = _limits()
    from_here = cache.get(client_key(request, "login-client", window), 0)
    against_account = cache.get(_account_key(username, window), 0)
    return from_here >= client_limit or against_account >= account_limit


def failed(request: HttpRequest, username: str) -> bool:
    """Count a failed sign-in; ``True`` when it is the one that locks the account."""
    client_limit, account_limit, window = _limits()
    _count(client_key(request, "login-client", window), window)
    return _count(_account_key(username, window), window) == account_limit


def succeeded(username: str) -> None:
    """A right password and code clear the account's failures (not the client's: they may be guessing others)."""
    cache.delete(_account_key(username, _limits()[2]))


def _count(key: str, window: int) -> int:
    if cache.add(key, 1, timeout=window):
        return 1
    try:
        return cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=window)
        return 1
