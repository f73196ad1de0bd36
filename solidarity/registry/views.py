"""Public pages of the registry: people, cases and organisations, each fact with its source.

Every page reads through ``selectors``, which start from ``Person.objects.public()``: a hidden person's page is
the same 404 as an unknown address, and hidden people are in no list, count or search result. The address of
a record merged into another answers with a permanent redirect, so links shared before the merge keep working.
"""

from __future__ import annotations

from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import get_language
from django.views.decorators.http import require_safe

from solidarity.campaigns.models import Campaign
from solidarity.campaigns.selectors import public_campaigns
from solidarity.events import selectors as event_selectors
from solidarity.events.selectors import CalendarFilter
from solidarity.registry import bios, selectors
from solidarity.registry.listing import PAGE_SIZE, SEARCH_MAX_CHARS, PeopleFilters
from solidarity.registry.models import Person

ORGANISATION_EVENTS = 5  # the next few on the organisation's page


def _query_without_page(request: HttpRequest) -> str:
    """The list's query string for the page links, so paging keeps the filters."""
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


def _search_words(request: HttpRequest) -> str:
    return request.GET.get("q", "")[:SEARCH_MAX_CHARS]


def _campaign_titles(campaigns: QuerySet[Campaign]) -> list[tuple[Campaign, str]]:
    """Public campaigns with their titles in the reader's language (the original where none is translated)."""
    language = get_language()
    titled = []
    for campaign in campaigns.prefetch_related("translations").order_by("-starts_on", "-id"):
        translated = next((t.title for t in campaign.translations.all() if t.language == language and t.title), "")
        titled.append((campaign, translated or campaign.title))
    return titled


@require_safe
def people(request: HttpRequest) -> HttpResponse:
    """Public people, searchable by any spelling of any of their names and filterable, fifty a page."""
    filters = PeopleFilters(request.GET or None)
    found = selectors.people_list(filters.people_filter())
    page = Paginator(found, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {"filters": filters, "page": page, "people": page.object_list, "query": _query_without_page(request)}
    return render(request, "registry/people.html", context)


@require_safe
def person(request: HttpRequest, slug: str) -> HttpResponse:
    found = selectors.public_person(slug)
    if found is None:
        raise Http404
    if found.slug != slug:
        return redirect("registry:person", slug=found.slug, permanent=True)
    timeline = selectors.timeline(found)
    context = {
        "person": found,
        "bio": bios.localized_bio(found, get_language()),
        "deciding": timeline[-1] if timeline else None,
        "timeline": timeline,
        "cases": selectors.person_cases(found),
        "charges": selectors.person_charges(found),
        "affiliations": selectors.person_affiliations(found),
        "letters_count": selectors.approved_letters_count(found),
        "campaigns": _campaign_titles(public_campaigns().filter(people=found)),
    }
    return render(request, "registry/person.html", context)


@require_safe
def cases(request: HttpRequest) -> HttpResponse:
    """Cases with the number of their public defendants, searchable by name."""
    q = _search_words(request)
    page = Paginator(selectors.public_cases(q), PAGE_SIZE).get_page(request.GET.get("page"))
    context = {"q": q, "page": page, "cases": page.object_list, "query": _query_without_page(request)}
    return render(request, "registry/cases.html", context)


@require_safe
def case(request: HttpRequest, slug: str) -> HttpResponse:
    found = selectors.public_case(slug)
    if found is None:
        raise Http404
    if found.slug != slug:
        return redirect("registry:case", slug=found.slug, permanent=True)
    context = {
        "case": found,
        "defendants": selectors.case_defendant_links(found),
        "charges": selectors.case_charges(found),
        "campaigns": _campaign_titles(public_campaigns().filter(cases=found)),
    }
    return render(request, "registry/case.html", context)


@require_safe
def organisations(request: HttpRequest) -> HttpResponse:
    """Organisations with the number of their public members, searchable by name."""
    q = _search_words(request)
    page = Paginator(selectors.public_organisations(q), PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "q": q,
        "page": page,
        "organisations": page.object_list,
        "query": _query_without_page(request),
    }
    return render(request, "registry/organisations.html", context)


@require_safe
def organisation(request: HttpRequest, slug: str) -> HttpResponse:
    found = selectors.public_organisation(slug)
    if found is None:
        raise Http404
    if found.slug != slug:
        return redirect("registry:organisation", slug=found.slug, permanent=True)
    context = {
        "organisation": found,
        "members": selectors.organisation_members(found),
        "campaigns": _campaign_titles(public_campaigns().filter(organiser=found)),
        # what it holds next; its whole calendar is one link (and one iCal subscription) away
        "events": event_selectors.upcoming(CalendarFilter(organisation=found.slug), timezone.now(), get_language())[
            :ORGANISATION_EVENTS
        ],
    }
    return render(request, "registry/organisation.html", context)


@require_safe
def person_photo(request: HttpRequest, key: str) -> HttpResponse:
    """A person's photo: public only for a public person whose photo may be published (they or their family
    agreed); verified organisers see the others, never cached."""
    found = get_object_or_404(Person.objects.only("is_public", "photo", "photo_consent", "photo_key"), photo_key=key)
    public = found.is_public and found.public_photo
    staff = request.user.is_staff and (request.user.is_verified() or not settings.SOLIDARITY["REQUIRE_OTP"])
    if not found.photo or not (public or staff):
        raise Http404
    # Kept by browsers but revalidated on every use, so a withdrawn consent or a hidden person stops showing
    # everywhere at once (a 304 costs one query).
    etag = f'"{found.photo_key}"'
    if public and request.headers.get("If-None-Match") == etag:
        response = HttpResponse(status=304)
        response["ETag"], response["Cache-Control"] = etag, "public, no-cache"
        return response
    try:
        handle = found.photo.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    response = FileResponse(handle, content_type="image/jpeg")
    response["Cache-Control"] = "public, no-cache" if public else "private, no-store"
    if public:
        response["ETag"] = etag
    response["Content-Disposition"] = "inline"
    return response
