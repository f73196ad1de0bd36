"""The API, version 1, mounted at ``/api/v1/`` outside the language prefix (``solidarity/urls.py``).

The OpenAPI description is at ``/api/v1/openapi.json``; the docs page at ``/api/v1/docs`` is ninja's Swagger
UI served from our own static files (``ninja`` is in INSTALLED_APPS for that alone), so it loads nothing from
another origin, and its schema validator badge (which would call validator.swagger.io) is off.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.urls import URLPattern, URLResolver, path, re_path
from django.utils.translation import gettext as _
from ninja import NinjaAPI, Swagger

from solidarity.api import campaigns, errors, events, photos, registry, reports

DESCRIPTION = """Campaigns, their published reports and tallies, and report submission for partner sites; the
registry of persecuted people, their cases and organisations; the calendar of events.

Reading needs no key. Sending reports needs an API key from the campaign's organisers, sent as
`Authorization: Bearer <key>` (or `X-API-Key: <key>`); editing the registry needs a key that may edit it.
Every error has the shape `{"error": {"code": "...", "message": "...", "fields": {"name": ["..."]}}}`."""


class SolidarityAPI(NinjaAPI):
    """NinjaAPI whose every answer under its prefix, even for an unknown address or method, is JSON in the one
    error shape, instead of Django's HTML error pages."""

    def _get_urls(self) -> list[URLResolver | URLPattern]:
        patterns: list[URLResolver | URLPattern] = []
        for pattern in super()._get_urls():
            if isinstance(pattern, URLPattern) and pattern.name == "api-root":
                # ninja reverses this name to find the prefix it writes into the OpenAPI paths
                patterns.append(path("", errors.not_found, name="api-root"))
            elif isinstance(pattern, URLPattern):
                callback = _json_not_allowed(pattern.callback)
                patterns.append(URLPattern(pattern.pattern, callback, pattern.default_args, pattern.name))
            else:
                patterns.append(pattern)
        patterns.append(re_path(r"^", errors.not_found, name="not-found"))
        return patterns


def _json_not_allowed(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    @functools.wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        response = view(request, *args, **kwargs)
        if isinstance(response, HttpResponseNotAllowed):
            allowed = response["Allow"]
            response = errors.error_response(
                405, "method_not_allowed", _("This address accepts only: %(methods)s.") % {"methods": allowed}
            )
            response["Allow"] = allowed
        return response

    return wrapper


api = SolidarityAPI(
    title="Solidarity API",
    version="1",
    description=DESCRIPTION,
    urls_namespace="api-v1",
    docs=Swagger(settings={"validatorUrl": None}),
)
errors.register(api)
api.add_router("/campaigns", campaigns.router)
api.add_router("/campaigns", reports.router)
api.add_router("/photos", photos.router)
api.add_router("", registry.router)
api.add_router("/events", events.router)
