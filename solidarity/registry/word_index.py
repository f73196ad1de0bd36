"""The people list's word index: the skeleton words of each person's names and of the charges they face.

Searching "Oleinik" or filtering by "extremism" asks which people have a word *starting with* the query. As
``LIKE '% oleinik%'`` over every person, or as charges joined to every person, that read grew with the
registry (55–95 ms at 100k people, bench/registry.py); as a range on an indexed word column it reads only
the matching words. The index is derived: ``person_save`` refreshes a person's name words, the link services
refresh charge words, and nothing else writes it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from django.db import connection, transaction
from django.db.models import Q, QuerySet

from solidarity.registry import names
from solidarity.registry.models import WORD_LENGTH, Charge, ChargeWord, Defendant, NameWord, Person

# what the people list can ask the index for: a name, a charge
NAME, CHARGE = NameWord, ChargeWord


def words_of(*texts: str) -> list[str]:
    """The index words of some names or charge wordings: their skeleton words, once each, cut to the column."""
    return sorted({word[:WORD_LENGTH] for word in names.search_text(*texts).split()})


def index_name_words(person: Person) -> None:
    """Replace ``person``'s name words with those of its ``search_text`` (name, native name, aliases)."""
    NameWord.objects.filter(person=person).delete()
    NameWord.objects.bulk_create(NameWord(person=person, word=word) for word in words_of(person.search_text))


def index_charge_words(*, people: Iterable[int] = (), cases: Iterable[int] = ()) -> None:
    """Recompute the charge words of ``people`` and of every defendant in ``cases``.

    A person faces the charges brought against them and the charges brought in a case (with no person named)
    in which they are a defendant, the same rule the case and person pages show.
    """
    ids = set(people) | set(Defendant.objects.filter(case_id__in=list(cases)).values_list("person_id", flat=True))
    ids = set(Person.objects.filter(pk__in=ids).values_list("pk", flat=True))  # a deleted person has no words
    if not ids:
        return
    texts: dict[int, list[str]] = defaultdict(list)
    for person_id, wording, article in Charge.objects.filter(person_id__in=ids).values_list(
        "person_id", "wording", "article"
    ):
        texts[person_id] += [wording, article]
    in_cases = Charge.objects.filter(person__isnull=True, case__defendant_links__person_id__in=ids)
    for person_id, wording, article in in_cases.values_list("case__defendant_links__person_id", "wording", "article"):
        texts[person_id] += [wording, article]
    ChargeWord.objects.filter(person_id__in=ids).delete()
    ChargeWord.objects.bulk_create(
        ChargeWord(person_id=person_id, word=word) for person_id, found in texts.items() for word in words_of(*found)
    )


def people_with_words(
    index: type[NameWord] | type[ChargeWord], query: str, people: QuerySet[Person]
) -> QuerySet[Person]:
    """``people`` narrowed to those with, for each word of ``query``, a word in ``index`` (``NAME`` or
    ``CHARGE``) starting with it, or with its stem without a Russian case ending ("Олейнику" finds Олейник)."""
    for forms in names.query_words(query):
        condition = Q()
        for form in forms:
            condition |= _starts_with(form[:WORD_LENGTH])
        people = people.filter(pk__in=index.objects.filter(condition).values("person_id"))
    return people


def _starts_with(prefix: str) -> Q:
    """Index words starting with ``prefix``, written so the database reads them from the word index.

    PostgreSQL reads ``LIKE 'prefix%'`` from its pattern-ops index whatever the collation. SQLite uses an index
    for LIKE only when the column is case-insensitive, so it gets the equivalent range under its binary
    collation, where every word starting with ``prefix`` lies between ``prefix`` and the next string after it.
    """
    if connection.vendor == "postgresql":
        return Q(word__startswith=prefix)
    return Q(word__gte=prefix, word__lt=prefix[:-1] + chr(ord(prefix[-1]) + 1))


def case_deleting(sender: type, instance: object, **kwargs: object) -> None:
    """``pre_delete`` of a Case (superusers only): its charges and defendant links go with it, so once the
    deletion is committed, re-read the charges of everyone it named."""
    people = set(Defendant.objects.filter(case=instance).values_list("person_id", flat=True))
    people |= set(Charge.objects.filter(case=instance, person__isnull=False).values_list("person_id", flat=True))
    transaction.on_commit(lambda: index_charge_words(people=people))
