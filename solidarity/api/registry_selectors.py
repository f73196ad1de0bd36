"""Reads for the registry endpoints: public people, cases and organisations, a page at a time, as plain data.

Every query starts from the registry's public selectors (``registry/selectors.py``), which start from
``Person.objects.public()``: a hidden person is in no list, count, defendant list or member list here. The one
exception is :func:`person_data` with ``hidden_ok``, which a write's answer uses for a person the key holder
has just written (``registry.py`` says when).

Lists are paged by keyset on (name, id), like the report lists: the cursor is the last row's name and id,
signed, so a client cannot turn it into anything but a position, and rows added while it pages on never
repeat a row on the next page.
"""

from __future__ import annotations

from typing import Any

from django.core import signing
from django.db.models import Prefetch, Q, QuerySet
from django.http import HttpRequest

from solidarity.api.selectors import BadCursor, absolute
from solidarity.registry import selectors
from solidarity.registry.models import (
    Affiliation,
    Case,
    Charge,
    Defendant,
    Organisation,
    Person,
    Source,
    StatusEvent,
)
from solidarity.registry.transfer import page_path

_CURSOR_SALT = "solidarity.api.registry-cursor"


# --- paging -----------------------------------------------------------------------------------------------


def _encode(kind: str, name: str, pk: int) -> str:
    return signing.dumps([kind, name, pk], salt=_CURSOR_SALT)


def _decode(kind: str, cursor: str) -> tuple[str, int]:
    try:
        found, name, pk = signing.loads(cursor, salt=_CURSOR_SALT)
        if found != kind:  # a cursor of the cases list is no position in the people list
            raise ValueError(found)
        return str(name), int(pk)
    except (signing.BadSignature, TypeError, ValueError) as exc:
        raise BadCursor(cursor) from exc


def _page(kind: str, rows: QuerySet[Any], cursor: str | None, limit: int) -> tuple[list[Any], int, str | None]:
    """One page of ``rows`` (ordered by name and id), how many there are in all, and the next page's cursor."""
    total = rows.count()
    if cursor:
        name, pk = _decode(kind, cursor)
        rows = rows.filter(Q(name__gt=name) | Q(name=name, id__gt=pk))
    found = list(rows.order_by("name", "id")[: limit + 1])
    following = _encode(kind, found[limit - 1].name, found[limit - 1].pk) if len(found) > limit else None
    return found[:limit], total, following


# --- pieces -----------------------------------------------------------------------------------------------


def _ref(obj: Any) -> dict[str, str] | None:
    return {"slug": obj.slug, "name": obj.name} if obj is not None else None


def _source(source: Source | None) -> dict[str, Any] | None:
    if source is None:
        return None
    return {
        "id": source.pk,
        "url": source.url,
        "title": source.title,
        "publisher": source.publisher,
        "published_on": source.published_on,
        "language": source.language,
    }


def _evidence(fact: Any) -> dict[str, Any]:
    return {"source": _source(fact.source), "quote": fact.quote, "certainty": fact.certainty}


def _event(event: StatusEvent) -> dict[str, Any]:
    return {
        "kind": event.kind,
        "label": str(event.get_kind_display()),
        "on": event.on,
        "precision": event.precision,
        "detail": event.detail,
        "case": _ref(event.case),
        **_evidence(event),
    }


def _charge(charge: Charge) -> dict[str, Any]:
    return {"article": charge.article, "wording": charge.wording, "case": _ref(charge.case), **_evidence(charge)}


# --- people -----------------------------------------------------------------------------------------------


def _with_links(people: QuerySet[Person]) -> QuerySet[Person]:
    """The cases and organisations a list row names, in two queries for the whole page."""
    return people.prefetch_related(
        Prefetch("defendant_links", queryset=Defendant.objects.select_related("case").order_by("case__name")),
        Prefetch(
            "affiliations", queryset=Affiliation.objects.select_related("organisation").order_by("organisation__name")
        ),
    )


def _unique(refs: list[dict[str, str] | None]) -> list[dict[str, str]]:
    seen: dict[str, dict[str, str]] = {}
    for ref in refs:
        if ref is not None:
            seen.setdefault(ref["slug"], ref)
    return list(seen.values())


def person_summary(request: HttpRequest, person: Person) -> dict[str, Any]:
    """A list row; ``person`` comes with its links prefetched (``_with_links``)."""
    return {
        "slug": person.slug,
        "name": person.name,
        "native_name": person.native_name,
        "aliases": list(person.aliases),
        "country": person.country,
        "current_status": person.current_status,
        "current_status_on": person.current_status_on,
        "cases": _unique([_ref(link.case) for link in person.defendant_links.all()]),
        "organisations": _unique([_ref(link.organisation) for link in person.affiliations.all()]),
        "url": absolute(request, page_path("person", person.slug)),
    }


def people_page(
    request: HttpRequest, filters: selectors.PeopleFilter, *, cursor: str | None, limit: int
) -> dict[str, Any]:
    rows, total, following = _page("people", _with_links(selectors.public_people(filters)), cursor, limit)
    return {"items": [person_summary(request, person) for person in rows], "count": total, "next": following}


def person_data(request: HttpRequest, person: Person) -> dict[str, Any]:
    """Everything the person's public page shows, each fact with its evidence, timeline oldest first.

    Only ever called with a public person, or (for a write's answer) the person the key holder just wrote.
    """
    person = _with_links(Person.objects.filter(pk=person.pk)).get()
    return {
        **person_summary(request, person),
        "is_public": person.is_public,
        "bio": person.bio,
        "postal_address": person.postal_address,
        "letter_guidance": person.letter_guidance,
        "accepts_messages": person.accepts_messages,
        "timeline": [_event(event) for event in selectors.timeline(person)],
        "case_links": [
            {"case": _ref(link.case), "role": link.role, **_evidence(link)} for link in selectors.person_cases(person)
        ],
        "charges": [_charge(charge) for charge in selectors.person_charges(person)],
        "affiliations": [
            {"organisation": _ref(link.organisation), "role": link.role, **_evidence(link)}
            for link in selectors.person_affiliations(person)
        ],
    }


# --- cases ------------------------------------------------------------------------------------------------


def case_summary(request: HttpRequest, case: Case, defendant_count: int) -> dict[str, Any]:
    return {
        "slug": case.slug,
        "name": case.name,
        "aliases": list(case.aliases),
        "country": case.country,
        "jurisdiction": case.jurisdiction,
        "started_on": case.started_on,
        "defendant_count": defendant_count,
        "url": absolute(request, page_path("case", case.slug)),
    }


def cases_page(request: HttpRequest, query: str, *, cursor: str | None, limit: int) -> dict[str, Any]:
    rows, total, following = _page("cases", selectors.public_cases(query), cursor, limit)
    items = [case_summary(request, case, case.defendant_count) for case in rows]
    return {"items": items, "count": total, "next": following}


def case_data(request: HttpRequest, case: Case) -> dict[str, Any]:
    """A case with its public defendants and the charges brought in it (none against a hidden person)."""
    roles = dict(Defendant.objects.filter(case=case).values_list("person_id", "role"))
    defendants = selectors.case_defendants(case)
    charges = (
        Charge.objects.filter(case=case)
        .filter(Q(person__isnull=True) | Q(person__is_public=True))
        .select_related("person", "source", "case")
        .order_by("id")
    )
    return {
        **case_summary(request, case, len(defendants)),
        "description": case.description,
        "defendants": [
            {
                "person": _ref(person),
                "current_status": person.current_status,
                "current_status_on": person.current_status_on,
                "role": roles.get(person.pk, ""),
            }
            for person in defendants
        ],
        "charges": [{**_charge(charge), "person": _ref(charge.person)} for charge in charges],
    }


# --- organisations ----------------------------------------------------------------------------------------


def organisation_summary(request: HttpRequest, organisation: Organisation, people_count: int) -> dict[str, Any]:
    return {
        "slug": organisation.slug,
        "name": organisation.name,
        "aliases": list(organisation.aliases),
        "kind": organisation.kind,
        "country": organisation.country,
        "website": organisation.website,
        "people_count": people_count,
        "url": absolute(request, page_path("organisation", organisation.slug)),
    }


def organisations_page(request: HttpRequest, query: str, *, cursor: str | None, limit: int) -> dict[str, Any]:
    rows, total, following = _page("organisations", selectors.public_organisations(query), cursor, limit)
    items = [organisation_summary(request, row, row.people_count) for row in rows]
    return {"items": items, "count": total, "next": following}


def organisation_data(request: HttpRequest, organisation: Organisation) -> dict[str, Any]:
    """An organisation with its public members (a hidden person is neither listed nor counted)."""
    members = selectors.organisation_people(organisation)
    return {
        **organisation_summary(request, organisation, len({link.person_id for link in members})),
        "description": organisation.description,
        "members": [
            {"person": _ref(link.person), "current_status": link.person.current_status, "role": link.role}
            for link in members
        ],
    }
