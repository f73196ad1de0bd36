"""Reads of the registry for public pages, exports and the API. Every read of people starts from
``Person.objects.public()``, so a hidden person cannot reach a public output through any of them."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.cache import cache
from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet, Subquery

from solidarity.registry import names, word_index
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

    Names are indexed as skeletons (registry/names.py), so "Олейнику", "oleynik" and "Oleinik" all find Nikita
    Oleinik; a Russian case ending on a query word is tried with and without. People are searched through
    their word index (registry/word_index.py); cases and organisations, a few thousand rows at most, by
    ``LIKE`` on their space-delimited ``search_text``.
    """
    if queryset.model is Person:
        return word_index.people_with_words(word_index.NAME, query, queryset)
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
    # IN (subquery) rather than EXISTS: both databases then read the few matching links first instead of
    # probing them once per person (a correlated EXISTS took minutes at 100k people on SQLite; bench/registry.py)
    if filters.case:
        people = people.filter(pk__in=Defendant.objects.filter(case__slug=filters.case).values("person_id"))
    if filters.organisation:
        people = people.filter(
            pk__in=Affiliation.objects.filter(organisation__slug=filters.organisation).values("person_id")
        )
    if filters.charge.strip():
        # the words of the charges each person faces, their own and their cases', indexed like names
        people = word_index.people_with_words(word_index.CHARGE, filters.charge, people)
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


# --- public pages (people, cases, organisations, campaign subjects) ---------------------------------------


def _deciding_event(person: str) -> QuerySet[StatusEvent]:
    """The event a person's stored current status was taken from: the newest one of that kind on that date.

    ``person`` is the path from the outer row to the person ("pk" for a person, "person" for a link). The
    status is stored on the person, but its date's precision and whether it is only alleged are not; lists
    need both so that "March 2014" is not shown as "1 March 2014" and an allegation is not shown as a fact.
    """
    prefix = "" if person == "pk" else f"{person}__"
    return StatusEvent.objects.filter(
        person=OuterRef(person),
        kind=OuterRef(f"{prefix}current_status"),
        on=OuterRef(f"{prefix}current_status_on"),
    ).order_by("-id")


def _status_detail(person: str) -> dict[str, Subquery]:
    deciding = _deciding_event(person)
    return {
        "status_precision": Subquery(deciding.values("precision")[:1]),
        "status_certainty": Subquery(deciding.values("certainty")[:1]),
    }


def with_status_detail(people: QuerySet[Person]) -> QuerySet[Person]:
    """People with ``status_precision`` and ``status_certainty`` of their current status, in the same query."""
    return people.annotate(**_status_detail("pk"))


def people_list(filters: PeopleFilter) -> QuerySet[Person]:
    """The rows of the people list: only the columns a row shows, with the detail of the current status.

    Bios, aliases, addresses and the search text stay in the database; a page needs none of them.
    """
    rows = public_people(filters).only("slug", "name", "native_name", "country", "current_status", "current_status_on")
    return with_status_detail(rows)


def _copy_status_detail(links: list[Any]) -> list[Any]:
    """Hand the annotations of a link row to its person, so one template shows a status whatever the row."""
    for link in links:
        link.person.status_precision = link.status_precision
        link.person.status_certainty = link.status_certainty
    return links


def case_defendant_links(case: Case) -> list[Defendant]:
    """The case's public defendants as links (role and source), each person with the detail of their status."""
    links = (
        Defendant.objects.filter(case=case, person__in=Person.objects.public())
        .select_related("person", "source")
        .annotate(**_status_detail("person"))
        .order_by("person__name", "person_id")
    )
    return _copy_status_detail(list(links))


def case_charges(case: Case) -> list[Charge]:
    """Charges brought in the case: those naming nobody, and those against a public defendant (a hidden
    person's charge would reveal that someone unnamed is accused)."""
    return list(
        Charge.objects.filter(case=case)
        .filter(Q(person__isnull=True) | Q(person__in=Person.objects.public()))
        .select_related("person", "source")
        .order_by("id")
    )


def organisation_members(organisation: Organisation) -> list[Affiliation]:
    """The organisation's public members with their roles, each with the detail of their current status."""
    links = (
        Affiliation.objects.filter(organisation=organisation, person__in=Person.objects.public())
        .select_related("person", "source")
        .annotate(**_status_detail("person"))
        .order_by("person__name", "person_id", "role")
    )
    return _copy_status_detail(list(links))


@dataclass(frozen=True)
class PeopleFilterOptions:
    """The values the people list can be filtered by: only those that lead to at least one public person.

    ``cases`` and ``organisations`` hold at most ``MAX_CHOICES + 1`` entries: one more than the list offers
    as a drop-down tells it to offer a text field instead.
    """

    cases: list[tuple[str, str]]  # (slug, name)
    organisations: list[tuple[str, str]]  # (slug, name)
    countries: list[str]  # ISO alpha-2


FILTER_OPTIONS_KEY = "registry:people-filter-options"
# Beyond this many cases or organisations a drop-down costs more to send and render than the rest of the page
# (0.35 s for 5,000 cases, bench/registry.py) and is no help to a reader anyway: the list shows a text field.
MAX_CHOICES = 100


def people_filter_options() -> PeopleFilterOptions:
    """The cases, organisations and countries that lead to at least one public person, for the list's filters;
    at most ``MAX_CHOICES + 1`` cases and organisations, in name order.

    Cached, because at 100k people the three queries cost ~50 ms; every registry write drops the cached copy
    (``forget_filter_options``, connected to ``registry_changed``), so a hidden person's case never lingers.
    Cut short because every page view reads the cached copy back (all 5,000 cases took 2 ms to unpickle).
    The joins test ``is_public`` on the joined row rather than ``person__in=<subquery>``, which SQLite ran
    once per case (9.5 s at 5,000 cases).
    """
    cached = cache.get(FILTER_OPTIONS_KEY)
    if cached is not None:
        return cached
    cases = Case.objects.filter(Exists(Defendant.objects.filter(case=OuterRef("pk"), person__is_public=True)))
    organisations = Organisation.objects.filter(
        Exists(Affiliation.objects.filter(organisation=OuterRef("pk"), person__is_public=True))
    )
    countries = (
        Person.objects.public().exclude(country="").order_by("country").values_list("country", flat=True).distinct()
    )
    options = PeopleFilterOptions(
        cases=list(cases.order_by("name").values_list("slug", "name")[: MAX_CHOICES + 1]),
        organisations=list(organisations.order_by("name").values_list("slug", "name")[: MAX_CHOICES + 1]),
        countries=list(countries),
    )
    cache.set(FILTER_OPTIONS_KEY, options, 3600)
    return options


def forget_filter_options(**kwargs: Any) -> None:
    cache.delete(FILTER_OPTIONS_KEY)


def campaign_people(campaign_id: int) -> list[Person]:
    """The public people a campaign is for, with the detail of their current status; hidden ones never."""
    return list(with_status_detail(Person.objects.public().filter(campaigns=campaign_id)).order_by("name", "id"))


def campaign_cases(campaign_id: int) -> list[Case]:
    """The cases a campaign is for, with their public defendant counts."""
    return list(public_cases().filter(campaigns=campaign_id))
