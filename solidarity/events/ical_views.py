"""The calendar as iCalendar files, outside the language prefix so that a subscription's address never changes:
``/calendar.ics`` (all published events, or filtered like the calendar page by ``kind``, ``country`` and
``organisation``), ``/c/<slug>/calendar.ics`` (a campaign's), ``/organisations/<slug>/calendar.ics``,
``/countries/<code>/calendar.ics`` and ``/events/<slug>.ics`` (one event). ``?lang=ru`` gives titles and
descriptions in that language where they are translated (the original elsewhere) and links to the Russian pages.

The files are revalidated on every use (``no-cache`` with an ETag of the content): a calendar app asks each time
it refreshes and gets a 304 when nothing changed, and an event taken back to draft leaves every calendar at the
app's next refresh instead of lingering in a cache.
"""

from __future__ import annotations

import hashlib

import pycountry
from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.cache import get_conditional_response
from django.utils.translation import gettext as _
from django.utils.translation import override
from django.views.decorators.http import require_safe

from solidarity.campaigns.models import Campaign
from solidarity.campaigns.selectors import localized as localized_call
from solidarity.campaigns.selectors import public_campaigns
from solidarity.events import ical, selectors
from solidarity.events.links import base_url, event_path, site_language
from solidarity.events.listing import CalendarFilters
from solidarity.events.models import Event
from solidarity.events.selectors import CalendarFilter
from solidarity.places.countries import local_country_name
from solidarity.registry.selectors import public_organisation

CONTENT_TYPE = "text/calendar; charset=utf-8"


def _respond(request: HttpRequest, events: list[Event], *, name: str, language: str, filename: str) -> HttpResponse:
    body = ical.calendar_bytes(
        events,
        name=name,
        language=language,
        base_url=base_url(request),
        page_path=lambda event: event_path(event, language),
    )
    etag = f'"{hashlib.sha256(body).hexdigest()[:32]}"'
    conditional = get_conditional_response(request, etag=etag)
    response = conditional or HttpResponse(body, content_type=CONTENT_TYPE)
    response["ETag"] = etag
    response["Cache-Control"] = "public, no-cache"
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


def _events(filters: CalendarFilter) -> list[Event]:
    return list(selectors.with_file_details(selectors.published_events(filters)))


def _language(request: HttpRequest) -> str:
    return site_language(request.GET.get("lang"))


@require_safe
def calendar_ics(request: HttpRequest) -> HttpResponse:
    language = _language(request)
    filters = CalendarFilters(request.GET or None)
    with override(language):
        name = _("%(site)s: calendar") % {"site": _site_name()}
    return _respond(request, _events(filters.calendar_filter()), name=name, language=language, filename="calendar.ics")


@require_safe
def campaign_ics(request: HttpRequest, slug: str) -> HttpResponse:
    try:
        campaign = public_campaigns().prefetch_related("translations").get(slug=slug)
    except Campaign.DoesNotExist as exc:
        raise Http404 from exc
    language = _language(request)
    name = localized_call(campaign, language).title
    events = _events(CalendarFilter(campaign=campaign.slug))
    return _respond(request, events, name=name, language=language, filename=f"{campaign.slug}.ics")


@require_safe
def organisation_ics(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = public_organisation(slug)
    if organisation is None:
        raise Http404
    language = _language(request)
    events = _events(CalendarFilter(organisation=organisation.slug))
    return _respond(request, events, name=organisation.name, language=language, filename=f"{organisation.slug}.ics")


@require_safe
def country_ics(request: HttpRequest, code: str) -> HttpResponse:
    if pycountry.countries.get(alpha_2=code.upper()) is None:
        raise Http404
    language = _language(request)
    with override(language):
        name = _("%(site)s: events in %(country)s") % {
            "site": _site_name(),
            "country": local_country_name(code.upper(), language),
        }
    events = _events(CalendarFilter(country=code.upper()))
    return _respond(request, events, name=name, language=language, filename=f"{code.lower()}.ics")


@require_safe
def event_ics(request: HttpRequest, slug: str) -> HttpResponse:
    """One event, to add to a calendar (same UID as in the subscriptions, so it is not added twice)."""
    found = Event.objects.published().filter(slug=slug).prefetch_related("translations")
    events = list(selectors.with_file_details(found))
    if not events:
        raise Http404
    language = _language(request)
    name = selectors.localized(events[0], language).title
    return _respond(request, events, name=name, language=language, filename=f"{slug}.ics")


def _site_name() -> str:
    return settings.SOLIDARITY["SITE_NAME"]
