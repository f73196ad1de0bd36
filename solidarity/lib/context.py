"""Template context shared by every page."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest

from solidarity.lib.headers import content_security_policy


def site(request: HttpRequest) -> dict[str, object]:
    return {"SITE_NAME": settings.SOLIDARITY["SITE_NAME"], "CSP": content_security_policy(meta=True)}
