"""Reads of the registry for public pages, exports and the API. Every read of people starts from
``Person.objects.public()``, so a hidden person cannot reach a public output through any of them."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet

from solidarity.registry import names
from solidarity.registry.models import (
    Affiliation,
    Case,
    Charge,
    Defendant,
    Letter,
    Organisation,
    Person,
    StatusEvent,
)


@dataclass(frozen=True)
class PeopleFilter:
    """What a visitor asks the people list for; every field optional."""

    q: str = ""
    status: str = ""
    case: str = ""  # slug
    organisation: str = ""  # slug
    country: str = ""  # ISO alpha-2
    charge: str = ""  # words of the charge's wording or article


def matching(queryset: QuerySet, query: str) -> QuerySet:
    """Rows whose names, in any spelling or script, contain a word starting with each word of ``query``.

    ``search_text`` holds skeletons (registry/names.py) delimited by spaces, so "Олейнику", "oleynik" and
    "Oleinik" all find Nikita Oleinik; a Russian case ending on a query word is tried with and without.
    """
    for forms in names.query_words(query):
        condition = Q()
        for form in forms:
            condition |= Q(search_text__contains=f" {form}")
        queryset = queryset.filter(condition)
    return queryset


def public_people(filters: PeopleFilter | None = None) -> QuerySet[Person]:
    """Public people matching ``filters``, by name."""
    filters = filters or PeopleFilter()
    people = Person.objects.public()
    if filters.q.strip():
        people = matching(people, filters.q)
    if filters.status:
        people = people.filter(current_status=filters.status)
    if filters.country:
        people = people.filter(country=filters.country.upper())
    if filters.case:
        people = people.filter(Exists(Defendant.objects.filter(person=OuterRef("pk"), case__slug=filters.case)))
    if filters.organisation:
        people = people.filter(
            Exists(Affiliation.objects.filter(person=OuterRef("pk"), organisation__slug=filters.organisation))
        )
    if filters.charge.strip():
        wording = filters.charge.strip()
        charged = Q(wording__icontains=wording) | Q(article__icontains=wording)
        people = people.filter(
            Exists(Charge.objects.filter(charged, person=OuterRef("pk")))
            | Exists(Charge.objects.filter(charged, case__defendant_links__person=OuterRef("pk"), person__isnull=True))
        )
    return people.order_by("name", "id")


def public_person(slug: str) -> Person | None:
    """A public person by their address, or by the address of someone merged into them."""
    person = Person.objects.public().filter(slug=slug).first()
    if person is None:
        person = Person.objects.public().filter(former_slugs__contains=f" {slug} ").first() if slug else None
    return person


def timeline(person: Person) -> list[StatusEvent]:
    """The person's events in timeline order, with their sources and cases, newest last."""
    from solidarity.registry.services import timeline_key

    events = list(StatusEvent.objects.filter(person=person).select_related("source", "case"))
    return sorted(events, key=timeline_key)


def person_cases(person: Person) -> list[Defendant]:
    return list(Defendant.objects.filter(person=person).select_related("case", "source").order_by("case__name"))


def person_affiliations(person: Person) -> list[Affiliation]:
    return list(
        Affiliation.objects.filter(person=person)
        .select_related("organisation", "source")
        .order_by("organisation__name")
    )


def person_charges(person: Person) -> list[Charge]:
    """Charges against the person, and those brought in their cases without naming anyone."""
    cases = Defendant.objects.filter(person=person).values("case_id")
    return list(
        Charge.objects.filter(Q(person=person) | Q(person__isnull=True, case__in=cases))
        .select_related("case", "source")
        .order_by("id")
    )


def approved_letters_count(person: Person) -> int:
    return Letter.objects.filter(person=person, status__in=Letter.PUBLIC_STATUSES).count()


def public_cases(query: str = "") -> QuerySet[Case]:
    """Cases with the count of their public defendants (hidden people are not counted)."""
    cases = Case.objects.annotate(
        defendant_count=Count("defendant_links", filter=Q(defendant_links__person__is_public=True), distinct=True)
    )
    if query.strip():
        cases = matching(cases, query)
    return cases.order_by("name")


def public_case(slug: str) -> Case | None:
    case = Case.objects.filter(slug=slug).first()
    return case or (Case.objects.filter(former_slugs__contains=f" {slug} ").first() if slug else None)


def case_defendants(case: Case) -> list[Person]:
    """The case's public defendants, with their current status."""
    return list(Person.objects.public().filter(defendant_links__case=case).order_by("name").distinct())


def public_organisations(query: str = "") -> QuerySet[Organisation]:
    organisations = Organisation.objects.annotate(
        people_count=Count("affiliations__person", filter=Q(affiliations__person__is_public=True), distinct=True)
    )
    if query.strip():
        organisations = matching(organisations, query)
    return organisations.order_by("name")


def public_organisation(slug: str) -> Organisation | None:
    organisation = Organisation.objects.filter(slug=slug).first()
    return organisation or (Organisation.objects.filter(former_slugs__contains=f" {slug} ").first() if slug else None)


def organisation_people(organisation: Organisation) -> list[Affiliation]:
    """The organisation's public members and their roles."""
    return list(
        Affiliation.objects.filter(organisation=organisation, person__is_public=True)
        .select_related("person")
        .order_by("person__name")
    )


def public_people_with_links() -> QuerySet[Person]:
    """Public people with everything an export or API listing prints, in a fixed number of queries."""
    return Person.objects.public().prefetch_related(
        Prefetch("status_events", queryset=StatusEvent.objects.select_related("source", "case")),
        Prefetch("affiliations", queryset=Affiliation.objects.select_related("organisation", "source")),
        Prefetch("defendant_links", queryset=Defendant.objects.select_related("case", "source")),
        Prefetch("charges", queryset=Charge.objects.select_related("case", "source")),
    )
