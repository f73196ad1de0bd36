"""Rate limits and cache headers of the API.

Reads are limited per client address through ``solidarity.lib.ratelimit`` (a keyed hash of the address lives
in the cache for one window; no address is stored). Submissions are limited per API key instead: a partner's
server may send from several addresses, and many partners may sit behind one. The key's number is no personal
data, so its counter needs no hashing; the windows are the same fixed buckets as ``ratelimit.hit`` uses.
"""

from __future__ import annotations

import functools
import math
import time
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from ninja.throttling import BaseThrottle

from solidarity.lib import ratelimit

PUBLIC_CACHE = "public, max-age=60"


class ReadThrottle(BaseThrottle):
    """``API_READ_RATE_LIMIT`` requests per ``API_READ_RATE_WINDOW`` seconds per client address."""

    def allow_request(self, request: HttpRequest) -> bool:
        limits = settings.SOLIDARITY
        return ratelimit.hit(
            request, "api-read", limit=limits["API_READ_RATE_LIMIT"], window=limits["API_READ_RATE_WINDOW"]
        )

    def wait(self) -> float | None:
        return retry_after(settings.SOLIDARITY["API_READ_RATE_WINDOW"], time.time())


class KeyThrottle(BaseThrottle):
    """``API_SUBMIT_RATE_LIMIT`` writes per ``API_SUBMIT_RATE_WINDOW`` seconds per API key, counted per scope
    (reports, photos); photo uploads may be ``MAX_PHOTOS`` times as many, one per photo of each report."""

    def __init__(self, scope: str, *, photos: bool = False) -> None:
        self.scope = scope
        self.photos = photos

    def allow_request(self, request: HttpRequest) -> bool:
        limits = settings.SOLIDARITY
        key = getattr(request, "auth", None)
        if key is None:  # authentication runs first; nothing to count without a key
            return True
        return count(
            f"{self.scope}:{key.pk}",
            limit=limits["API_SUBMIT_RATE_LIMIT"] * (limits["MAX_PHOTOS"] if self.photos else 1),
            window=limits["API_SUBMIT_RATE_WINDOW"],
        )

    def wait(self) -> float | None:
        return retry_after(settings.SOLIDARITY["API_SUBMIT_RATE_WINDOW"], time.time())


def retry_after(window: int, now: float) -> int:
    """Seconds until the current window (the same fixed buckets as ``ratelimit.hit``) ends."""
    return max(1, math.ceil(window - now % window))


def count(name: str, *, limit: int, window: int) -> bool:
    """Count one use of ``name`` in the current window; ``True`` while within ``limit``."""
    if limit <= 0:
        return True
    key = f"rl:api:{name}:{int(time.time() // window)}"
    if cache.add(key, 1, timeout=window):
        return True
    try:
        return cache.incr(key) <= limit
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=window)
        return True


def public_read(run: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """For ``decorate_view``: a successful public read may be cached by anyone for a minute; an error (a 429
    above all) never is. Such responses set no cookie: the API neither reads nor writes a session."""

    @functools.wraps(run)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        response = run(request, *args, **kwargs)
        response["Cache-Control"] = PUBLIC_CACHE if response.status_code == 200 else "no-store"
        return response

    return wrapper
