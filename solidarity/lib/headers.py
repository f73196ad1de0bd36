"""Security headers on every response.

The content security policy forbids every other origin: a supporter's browser must never tell a third party
that it opened a campaign page. The same policy is repeated as a ``<meta>`` tag in the base template so that
pre-rendered snapshots served by the static file path carry it too.
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
    "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
# A <meta> policy cannot carry frame-ancestors; X-Frame-Options covers framing for snapshots.
CONTENT_SECURITY_POLICY_META = CONTENT_SECURITY_POLICY.replace("; frame-ancestors 'none'", "")
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), interest-cohort=(), browsing-topics=()"


class SecurityHeadersMiddleware:
    """Adds CSP and Permissions-Policy (Django's SecurityMiddleware covers the rest)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        response.headers.setdefault("Cross-Origin-Opener-Policy", "same-origin")
        response.headers.setdefault("Cross-Origin-Resource-Policy", "same-origin")
        return response
