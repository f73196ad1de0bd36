"""Rate limits kept only in the cache.

The client address is hashed with the secret key and a per-window salt and lives only as a cache key that
expires with the window: no IP address ever reaches the database or a log line.
"""

from __future__ import annotations

import hashlib
import time

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest


def client_key(request: HttpRequest, scope: str, window: int) -> str:
    address = request.META.get("REMOTE_ADDR", "")
    bucket = int(time.time() // window)
    digest = hashlib.sha256(f"{settings.SECRET_KEY}|{scope}|{bucket}|{address}".encode()).hexdigest()[:32]
    return f"rl:{scope}:{digest}"


def hit(request: HttpRequest, scope: str, *, limit: int, window: int) -> bool:
    """Count one attempt; ``True`` while the client is within ``limit`` attempts per ``window`` seconds."""
    if limit <= 0:
        return True
    key = client_key(request, scope, window)
    if cache.add(key, 1, timeout=window):
        return True
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=window)
        return True
    return count <= limit
