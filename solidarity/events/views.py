"""The public calendar, inside the language prefix: upcoming events, past ones, a month, one event.

These pages depend on today, so they are rendered each time rather than snapshotted; the queries they make do not
grow with the number of people or organisations linked to events.
"""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.views.decorators.http import require_safe

from solidarity.events import month as months
from solidarity.events import occurrences, selectors
from solidarity.events.links import subscription
from solidarity.events.listing import CalendarFilters

PAGE_SIZE = 50


def _query_without_page(request: HttpRequest) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


def _list(request: HttpRequest, *, past: bool) -> HttpResponse:
    filters = CalendarFilters(request.GET or None)
    chosen = filters.calendar_filter()
    language = get_language()
    now = timezone.now()
    found = selectors.past(chosen, now, language) if past else selectors.upcoming(chosen, now, language)
    page = Paginator(found, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "past": past,
        "filters": filters,
        "filter_query": filters.query(),
        "page": page,
        "items": page.object_list,
        "query": _query_without_page(request),
        "today": now.date(),
        "subscription": subscription(request, reverse("events-ics"), language, filters.query()),
    }
    return render(request, "events/calendar.html", context)


@require_safe
def calendar(request: HttpRequest) -> HttpResponse:
    """What is on now and next, soonest first, fifty a page."""
    return _list(request, past=False)


@require_safe
def past(request: HttpRequest) -> HttpResponse:
    """Events that are over and will not come again, the latest first."""
    return _list(request, past=True)


@require_safe
def month(request: HttpRequest, year: int, month: int) -> HttpResponse:
    """A month as a grid of days, each with the events on it where they happen."""
    if not (months.FIRST_YEAR <= year <= months.LAST_YEAR and 1 <= month <= 12):
        raise Http404
    filters = CalendarFilters(request.GET or None)
    language = get_language()
    since, until = months.window(year, month)
    grid = months.build(year, month, selectors.between(filters.calendar_filter(), since, until, language))
    context = {
        "filters": filters,
        "filter_query": filters.query(),
        "grid": grid,
        "today": timezone.now().date(),
        "subscription": subscription(request, reverse("events-ics"), language, filters.query()),
    }
    return render(request, "events/month.html", context)


@require_safe
def event(request: HttpRequest, slug: str) -> HttpResponse:
    found = selectors.public_event(slug)
    if found is None:
        raise Http404
    language = get_language()
    now = timezone.now()
    shown = occurrences.upcoming(found, now) or occurrences.latest_past(found, now) or occurrences.single(found)
    context = {
        "event": found,
        "text": selectors.localized(found, language),
        "occurrence": shown,
        "is_over": shown.over_at <= now,
        "campaign_title": selectors.public_campaign_title(found, language),
        "subscription": subscription(request, reverse("events-ics"), language),
        "event_file": subscription(request, reverse("event-ics", args=[found.slug]), language),
    }
    return render(request, "events/event.html", context)
