"""Security headers on every response.

The content security policy forbids every other origin: a supporter's browser must never tell a third party
that it opened a campaign page. The same policy is repeated as a ``<meta>`` tag in the base template so that
pre-rendered snapshots served by the static file path carry it too.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from urllib.parse import urlsplit

from django.conf import settings
from django.http import HttpRequest, HttpResponse

CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
    "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)


@cache
def _policy(tile_url: str) -> str:
    if not tile_url:
        return CONTENT_SECURITY_POLICY
    parts = urlsplit(tile_url)
    host = parts.netloc
    if "{" in host:  # a subdomain placeholder, as in https://{s}.tile.example.org/{z}/{x}/{y}.png
        host = "*." + host.split(".", 1)[1]
    return CONTENT_SECURITY_POLICY.replace("img-src 'self' data:", f"img-src 'self' data: {parts.scheme}://{host}")


def content_security_policy(*, meta: bool = False) -> str:
    """The policy; an operator's opt-in tile server (``SOLIDARITY_TILE_URL``) is the only other origin allowed,
    and only for images. A ``<meta>`` policy cannot carry frame-ancestors; X-Frame-Options covers snapshots."""
    policy = _policy(settings.SOLIDARITY.get("TILE_URL", ""))
    return policy.replace("; frame-ancestors 'none'", "") if meta else policy


PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), interest-cohort=(), browsing-topics=()"


class SecurityHeadersMiddleware:
    """Adds CSP and Permissions-Policy (Django's SecurityMiddleware covers the rest)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", content_security_policy())
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        response.headers.setdefault("Cross-Origin-Opener-Policy", "same-origin")
        response.headers.setdefault("Cross-Origin-Resource-Policy", "same-origin")
        return response
