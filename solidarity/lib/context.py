"""Template context shared by every page."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest

from solidarity.lib.headers import CONTENT_SECURITY_POLICY_META


def site(request: HttpRequest) -> dict[str, object]:
    return {"SITE_NAME": settings.SOLIDARITY["SITE_NAME"], "CSP": CONTENT_SECURITY_POLICY_META}
