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


def client_address(request: HttpRequest) -> str:
    """The visitor's address, used only to make a key; never stored or logged.

    Behind a proxy every request comes from the proxy, so the proxy's header (``SOLIDARITY_CLIENT_IP_HEADER``,
    e.g. ``X-Real-IP``) names the visitor. Only the last address of a list counts: that is the one our own
    proxy added, while earlier ones are whatever the client chose to send.
    """
    header = settings.SOLIDARITY.get("CLIENT_IP_HEADER")
    if header:
        forwarded = request.META.get("HTTP_" + header.upper().replace("-", "_"), "")
        if forwarded.strip():
            return forwarded.split(",")[-1].strip()
    return request.META.get("REMOTE_ADDR", "")


def client_key(request: HttpRequest, scope: str, window: int) -> str:
    address = client_address(request)
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
