"""The registry in the API: people, cases and organisations (public reads; writes with a registry key).

Reads are public, the same for everyone whether or not a key is sent, and cacheable for a minute: a hidden
person is a 404 at their address and absent from every list, count, defendant list and member list. A former
address (of a record merged into another, or renamed) answers with the current record, whose ``slug`` is the
address to use from then on; no redirect, so a client needs no second request.

Writes need a key with the ``registry_write`` scope (``registry_writes.writer``) and go through the registry's
services, audited in the name of the key's maker. A write may find and change a hidden person, and its answer
shows the whole record, hidden or not: the key holder acts for the organisers, whose data it is. Such answers
are never cached; a later public read of the same address is still a 404.
"""

from __future__ import annotations

import re
from typing import Any

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from ninja import Query, Router
from ninja.decorators import decorate_view
from ninja.responses import Status

from solidarity.api import registry_selectors as read
from solidarity.api import registry_writes as write
from solidarity.api.auth import KEY_AUTH
from solidarity.api.limits import KeyThrottle, ReadThrottle, public_read
from solidarity.api.registry_schemas import (
    SLUG,
    CaseDetailOut,
    CaseIn,
    CasePatch,
    CasesPage,
    EventIn,
    NameFilters,
    OrganisationDetailOut,
    OrganisationIn,
    OrganisationPatch,
    OrganisationsPage,
    PeopleFilters,
    PeoplePage,
    PersonDetailOut,
    PersonIn,
    PersonPatch,
)
from solidarity.api.schemas import ErrorOut
from solidarity.api.selectors import BadCursor
from solidarity.registry import selectors
from solidarity.registry.models import Case, Organisation, Person

router = Router(tags=["registry"])
SLUG_FORM = re.compile(SLUG)
READ_ERRORS: dict[int, Any] = {code: ErrorOut for code in (404, 422, 429)}
LIST_ERRORS: dict[int, Any] = {code: ErrorOut for code in (422, 429)}
WRITE_ERRORS: dict[int, Any] = {code: ErrorOut for code in (400, 401, 403, 404, 422, 429)}
WRITE = {"auth": KEY_AUTH, "throttle": KeyThrottle("registry")}


def _key(request: HttpRequest) -> Any:
    return request.auth  # type: ignore[attr-defined]


def _found(record: Any) -> Any:
    if record is None:
        raise Http404
    return record


def _bad_cursor() -> ValidationError:
    return ValidationError({"cursor": _("This cursor is not valid; start again without it.")})


def _address(slug: str) -> str:
    """The path's slug, if it can be one: former slugs are matched inside a space-separated list, so a "slug"
    holding a space must not get that far."""
    if not SLUG_FORM.fullmatch(slug):
        raise Http404
    return slug


def _any(model: type[Any], slug: str) -> Any:
    """A record for a write, hidden people included, by its address or a former one."""
    slug = _address(slug)
    found = model.objects.filter(slug=slug).first()
    return _found(found or model.objects.filter(former_slugs__contains=f" {slug} ").first())


# --- people -----------------------------------------------------------------------------------------------


@router.get("/people", response={200: PeoplePage, **LIST_ERRORS}, throttle=ReadThrottle(), summary="People")
@decorate_view(public_read)
def people_list(request: HttpRequest, filters: Query[PeopleFilters]) -> dict[str, Any]:
    """Public people by name, filtered like the web list; `q` matches any spelling or script of a name."""
    wanted = selectors.PeopleFilter(
        q=filters.q or "",
        status=filters.status or "",
        case=filters.case or "",
        organisation=filters.organisation or "",
        country=(filters.country or "").upper(),
        charge=filters.charge or "",
    )
    try:
        return read.people_page(request, wanted, cursor=filters.cursor, limit=filters.limit)
    except BadCursor as exc:
        raise _bad_cursor() from exc


@router.get(
    "/people/{slug}", response={200: PersonDetailOut, **READ_ERRORS}, throttle=ReadThrottle(), summary="One person"
)
@decorate_view(public_read)
def person_detail(request: HttpRequest, slug: str) -> dict[str, Any]:
    """A public person with their timeline, cases, charges and affiliations, each fact with its source."""
    return read.person_data(request, _found(selectors.public_person(_address(slug))))


@router.post("/people", response={201: PersonDetailOut, **WRITE_ERRORS}, summary="Add a person", **WRITE)
@decorate_view(never_cache)
def person_create(request: HttpRequest, payload: PersonIn) -> Status:
    """Add a person (`is_public: false` keeps them hidden); the answer shows the record as stored."""
    with write.acting_with(_key(request)) as actor:
        person = write.person_write(Person(), payload.model_dump(exclude_unset=True), actor=actor)
    return Status(201, read.person_data(request, person))


@router.patch("/people/{slug}", response={200: PersonDetailOut, **WRITE_ERRORS}, summary="Change a person", **WRITE)
@decorate_view(never_cache)
def person_update(request: HttpRequest, slug: str, payload: PersonPatch) -> dict[str, Any]:
    """Change the fields sent, and only those; a new `slug` keeps the old one working as a former address."""
    with write.acting_with(_key(request)) as actor:
        person = write.person_write(_any(Person, slug), payload.model_dump(exclude_unset=True), actor=actor)
    return read.person_data(request, person)


@router.post(
    "/people/{slug}/events", response={201: PersonDetailOut, **WRITE_ERRORS}, summary="Add a status event", **WRITE
)
@decorate_view(never_cache)
def event_create(request: HttpRequest, slug: str, payload: EventIn) -> Status:
    """Add an event to the timeline, citing a stored source (`source_id`) or a new one (`source`); the answer
    is the person with their current status derived again."""
    with write.acting_with(_key(request)) as actor:
        person = _any(Person, slug)
        write.event_add(person, payload.model_dump(), actor=actor)
    return Status(201, read.person_data(request, person))


# --- cases ------------------------------------------------------------------------------------------------


@router.get("/cases", response={200: CasesPage, **LIST_ERRORS}, throttle=ReadThrottle(), summary="Cases")
@decorate_view(public_read)
def case_list(request: HttpRequest, filters: Query[NameFilters]) -> dict[str, Any]:
    """Cases by name, each with the number of its public defendants."""
    try:
        return read.cases_page(request, filters.q or "", cursor=filters.cursor, limit=filters.limit)
    except BadCursor as exc:
        raise _bad_cursor() from exc


@router.get("/cases/{slug}", response={200: CaseDetailOut, **READ_ERRORS}, throttle=ReadThrottle(), summary="One case")
@decorate_view(public_read)
def case_detail(request: HttpRequest, slug: str) -> dict[str, Any]:
    """A case with its public defendants and its charges."""
    return read.case_data(request, _found(selectors.public_case(_address(slug))))


@router.post("/cases", response={201: CaseDetailOut, **WRITE_ERRORS}, summary="Add a case", **WRITE)
@decorate_view(never_cache)
def case_create(request: HttpRequest, payload: CaseIn) -> Status:
    with write.acting_with(_key(request)) as actor:
        case = write.case_write(Case(), payload.model_dump(exclude_unset=True), actor=actor)
    return Status(201, read.case_data(request, case))


@router.patch("/cases/{slug}", response={200: CaseDetailOut, **WRITE_ERRORS}, summary="Change a case", **WRITE)
@decorate_view(never_cache)
def case_update(request: HttpRequest, slug: str, payload: CasePatch) -> dict[str, Any]:
    with write.acting_with(_key(request)) as actor:
        case = write.case_write(_any(Case, slug), payload.model_dump(exclude_unset=True), actor=actor)
    return read.case_data(request, case)


# --- organisations ----------------------------------------------------------------------------------------


@router.get(
    "/organisations", response={200: OrganisationsPage, **LIST_ERRORS}, throttle=ReadThrottle(), summary="Organisations"
)
@decorate_view(public_read)
def organisation_list(request: HttpRequest, filters: Query[NameFilters]) -> dict[str, Any]:
    """Organisations by name, each with the number of its public members."""
    try:
        return read.organisations_page(request, filters.q or "", cursor=filters.cursor, limit=filters.limit)
    except BadCursor as exc:
        raise _bad_cursor() from exc


@router.get(
    "/organisations/{slug}",
    response={200: OrganisationDetailOut, **READ_ERRORS},
    throttle=ReadThrottle(),
    summary="One organisation",
)
@decorate_view(public_read)
def organisation_detail(request: HttpRequest, slug: str) -> dict[str, Any]:
    """An organisation with its public members."""
    return read.organisation_data(request, _found(selectors.public_organisation(_address(slug))))


@router.post(
    "/organisations", response={201: OrganisationDetailOut, **WRITE_ERRORS}, summary="Add an organisation", **WRITE
)
@decorate_view(never_cache)
def organisation_create(request: HttpRequest, payload: OrganisationIn) -> Status:
    with write.acting_with(_key(request)) as actor:
        organisation = write.organisation_write(Organisation(), payload.model_dump(exclude_unset=True), actor=actor)
    return Status(201, read.organisation_data(request, organisation))


@router.patch(
    "/organisations/{slug}",
    response={200: OrganisationDetailOut, **WRITE_ERRORS},
    summary="Change an organisation",
    **WRITE,
)
@decorate_view(never_cache)
def organisation_update(request: HttpRequest, slug: str, payload: OrganisationPatch) -> dict[str, Any]:
    with write.acting_with(_key(request)) as actor:
        found = _any(Organisation, slug)
        organisation = write.organisation_write(found, payload.model_dump(exclude_unset=True), actor=actor)
    return read.organisation_data(request, organisation)
