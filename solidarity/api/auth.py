"""API key authentication: ``Authorization: Bearer <key>``, or ``X-API-Key: <key>`` for clients that cannot
set the Authorization header.

Both classes are ours rather than ninja's ``HttpBearer``/``APIKeyHeader`` for one reason: ninja's bearer class
logs the whole header when DEBUG is on, and a key must never reach a log line. Neither looks at cookies, so
a signed-in organiser's browser session cannot be used to send reports (and no CSRF token is needed).
"""

from __future__ import annotations

from django.http import HttpRequest
from ninja.security import APIKeyHeader, HttpBearer

from solidarity.api.models import ApiKey
from solidarity.api.services import api_key_check


class BearerKey(HttpBearer):
    def __call__(self, request: HttpRequest) -> ApiKey | None:
        scheme, _space, token = request.headers.get("Authorization", "").partition(" ")
        if scheme.lower() != "bearer" or not token:
            return None
        return self.authenticate(request, token)

    def authenticate(self, request: HttpRequest, token: str) -> ApiKey | None:
        return api_key_check(token)


class HeaderKey(APIKeyHeader):
    param_name = "X-API-Key"

    def authenticate(self, request: HttpRequest, key: str | None) -> ApiKey | None:
        return api_key_check(key)


KEY_AUTH = [BearerKey(), HeaderKey()]
