"""Addresses that leave the site: the public base URL, event pages in a given language, subscription links."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode

from django.conf import settings
from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import override

from solidarity.events.models import Event


def base_url(request: HttpRequest) -> str:
    """The site's public address (``SOLIDARITY_PUBLIC_URL``), else the request's own, without a trailing slash."""
    return settings.SOLIDARITY["PUBLIC_URL"] or request.build_absolute_uri("/").rstrip("/")


def event_path(event: Event, language: str) -> str:
    """The event page's path in ``language`` (/ru/events/<slug>/)."""
    with override(language):
        return reverse("events:event", args=[event.slug])


def site_language(code: str | None) -> str:
    """``code`` if the site is offered in it, else the default language."""
    codes = [language for language, _name in settings.LANGUAGES]
    return code if code in codes else settings.LANGUAGE_CODE


@dataclass(frozen=True)
class Subscription:
    """The same calendar file as an https link (download, or paste into an app) and a webcal:// one (opens the
    reader's calendar app, which then subscribes)."""

    https: str
    webcal: str


def subscription(request: HttpRequest, path: str, language: str, query: str = "") -> Subscription:
    """Links to the calendar file at ``path`` with the filters in ``query``, its text in ``language``."""
    params = "&".join(part for part in (query, urlencode({"lang": language})) if part)
    address = f"{base_url(request)}{path}?{params}"
    return Subscription(https=address, webcal="webcal://" + address.split("://", 1)[1])
