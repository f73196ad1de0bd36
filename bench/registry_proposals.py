"""What bench/registry.py measures as proposals: changes to the people list that would bring it under its goal,
applied in-process (monkeypatched selectors, tables and indexes made with raw SQL in the throwaway database)
so that their effect is measured before anyone changes the models, migrations or selectors.

1. (Adopted in selectors.py since e1cd6a0.) Filters by case, organisation and charge as ``pk IN
   (subquery)`` instead of correlated ``EXISTS``. SQLite runs a correlated EXISTS once per person, in name
   order: a case filter reads all 100k people; the charge filter's second EXISTS (charges brought in a case
   the person is a defendant in) rescans every case-level charge for each person, minutes at 100k. An IN set
   is computed once and probed by primary key.
2. Name search through a word index: a table of (skeleton word, person) pairs with a B-tree on the word, the
   words being those ``search_text`` already holds. "Starts with" becomes a range (word >= 'oleinik' AND
   word < 'oleinil'), answered from the index on both databases, instead of ``LIKE '% oleinik%'`` reading
   every row. Kept by ``person_save`` (it computes ``search_text`` already) in a real implementation.
3. (Adopted since b5bbfd4.) The filter options (cases and organisations with a public person, countries of
   public people) with a join on ``person.is_public`` instead of ``person_id IN (SELECT id FROM person WHERE
   is_public)``, which SQLite rebuilds and probes for every case; and cached, since every visitor gets the
   same lists.
4. The list's order as partial indexes on public people, ``(name, id)`` and ``(current_status, name, id)``
   ``WHERE is_public``. Django writes ``is_public=True`` as a bare ``WHERE "is_public"``, which SQLite does not
   match to the leading column of the existing ``person_public_name (is_public, name)`` index, so every page
   sorts all 98k public people (or all 9k of a status) to show the first 50; a partial index with that very
   condition is walked in order instead.
5. PostgreSQL only, no code change: a trigram GIN index on ``search_text`` serves the current LIKE search.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

WORD_TABLE = "bench_person_word"


def build_word_index(connection: Any) -> int:
    """The (word, person) table from every person's ``search_text``, and its index; returns the row count."""
    from solidarity.registry.models import Person

    rows = [(word, pk) for pk, text in Person.objects.values_list("id", "search_text") for word in text.split()]
    with connection.cursor() as cursor:
        cursor.execute(f"DROP TABLE IF EXISTS {WORD_TABLE}")
        cursor.execute(f"CREATE TABLE {WORD_TABLE} (word varchar(100) NOT NULL, person_id bigint NOT NULL)")
        cursor.executemany(f"INSERT INTO {WORD_TABLE} (word, person_id) VALUES (%s, %s)", rows)
        cursor.execute(f"CREATE INDEX {WORD_TABLE}_word ON {WORD_TABLE} (word, person_id)")
        cursor.execute(f"ANALYZE {WORD_TABLE}")
    return len(rows)


def order_indexes() -> list[Any]:
    """Proposal 4, as it would stand in ``Person.Meta.indexes`` (replacing ``person_public_name``)."""
    from django.db import models
    from django.db.models import Q

    return [
        models.Index(fields=["name", "id"], condition=Q(is_public=True), name="person_public_by_name"),
        models.Index(
            fields=["current_status", "name", "id"], condition=Q(is_public=True), name="person_public_by_status"
        ),
    ]


def create_order_indexes(connection: Any) -> list[str]:
    """Make the proposal-4 indexes with the SQL Django would write for them; returns that SQL."""
    from solidarity.registry.models import Person

    statements = []
    with connection.schema_editor() as editor:
        for index in order_indexes():
            statements.append(str(index.create_sql(Person, editor)))
            editor.execute(statements[-1])
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE registry_person")
    return statements


def drop_all(connection: Any) -> None:
    """Remove what the proposals added, so that a reused database measures the code as built again."""
    with connection.cursor() as cursor:
        cursor.execute(f"DROP TABLE IF EXISTS {WORD_TABLE}")
        for name in ["bench_person_search_trgm", *(index.name for index in order_indexes())]:
            cursor.execute(f"DROP INDEX IF EXISTS {name}")


def trigram_index(connection: Any) -> None:
    with connection.cursor() as cursor:
        cursor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        cursor.execute(
            "CREATE INDEX IF NOT EXISTS bench_person_search_trgm ON registry_person USING gin (search_text gin_trgm_ops)"
        )
        cursor.execute("ANALYZE registry_person")


def drop_trigram_index(connection: Any) -> None:
    with connection.cursor() as cursor:
        cursor.execute("DROP INDEX IF EXISTS bench_person_search_trgm")


def _next_prefix(prefix: str) -> str:
    """The smallest string greater than every string starting with ``prefix`` (skeletons are [a-z0-9])."""
    return prefix[:-1] + chr(ord(prefix[-1]) + 1)


def word_matching(queryset: Any, query: str) -> Any:
    """Proposal 2: ``selectors.matching`` through the word index, same semantics (each query word, or its
    stem, begins a word of the record's names)."""
    from django.db.models.expressions import RawSQL

    from solidarity.registry import names

    for forms in names.query_words(query):
        ranges = " OR ".join("(word >= %s AND word < %s)" for _ in forms)
        params = [bound for form in forms for bound in (form, _next_prefix(form))]
        queryset = queryset.filter(pk__in=RawSQL(f"SELECT person_id FROM {WORD_TABLE} WHERE {ranges}", params))
    return queryset


def public_people(filters: Any = None) -> Any:
    """``selectors.public_people`` with proposals 1 and 2."""
    from django.db.models import Q

    from solidarity.registry import selectors
    from solidarity.registry.models import Affiliation, Charge, Defendant, Person

    filters = filters or selectors.PeopleFilter()
    people = Person.objects.public()
    if filters.q.strip():
        people = word_matching(people, filters.q)
    if filters.status:
        people = people.filter(current_status=filters.status)
    if filters.country:
        people = people.filter(country=filters.country.upper())
    if filters.case:
        people = people.filter(pk__in=Defendant.objects.filter(case__slug=filters.case).values("person_id"))
    if filters.organisation:
        members = Affiliation.objects.filter(organisation__slug=filters.organisation).values("person_id")
        people = people.filter(pk__in=members)
    if filters.charge.strip():
        words = filters.charge.strip()
        charged = Q(wording__icontains=words) | Q(article__icontains=words)
        direct = Charge.objects.filter(charged, person__isnull=False).values("person_id")
        in_cases = Charge.objects.filter(charged, person__isnull=True).values("case_id")
        via_case = Defendant.objects.filter(case_id__in=in_cases).values("person_id")
        people = people.filter(Q(pk__in=direct) | Q(pk__in=via_case))
    return people.order_by("name", "id")


def people_filter_options() -> Any:
    """Proposal 3 without the cache: the options through joins on ``is_public``."""
    from django.db.models import Exists, OuterRef

    from solidarity.registry import selectors
    from solidarity.registry.models import Affiliation, Case, Defendant, Organisation, Person

    cases = Case.objects.filter(Exists(Defendant.objects.filter(case=OuterRef("pk"), person__is_public=True)))
    organisations = Organisation.objects.filter(
        Exists(Affiliation.objects.filter(organisation=OuterRef("pk"), person__is_public=True))
    )
    countries = Person.objects.public().exclude(country="").order_by("country").values_list("country", flat=True)
    return selectors.PeopleFilterOptions(
        cases=list(cases.order_by("name").values_list("slug", "name")),
        organisations=list(organisations.order_by("name").values_list("slug", "name")),
        countries=list(countries.distinct()),
    )


def apply(*, cached_options: Any) -> Callable[[], None]:
    """Swap the proposals in (the list view and the selectors both see them); returns the undo."""
    from solidarity.registry import listing, selectors

    saved = (selectors.public_people, listing.people_filter_options)
    selectors.public_people = public_people
    listing.people_filter_options = lambda: cached_options

    def undo() -> None:
        selectors.public_people, listing.people_filter_options = saved

    return undo
