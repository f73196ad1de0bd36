"""The registry as a file: JSON and CSV exports of the public registry, and the JSON import.

**Exports.** The public ones hold what the public pages show and nothing more: public people (a hidden
person is in no row, member list, defendant list or count), every case and organisation, and each fact with
its source, quote and certainty. Sources appear by their metadata and the SHA-256 of the captured text, not
the text itself: that is a copy of someone else's article, kept as evidence, not ours to republish. The
organiser export (``include_hidden``, from the command only, never at a URL) adds hidden people and the texts.
Letters are in neither: who wrote to whom is private.

**The JSON format** is the same one way and the other, so an export imports cleanly into an empty database:
``{"format": "solidarity-registry", "version": 1, "sources": [...], "organisations": [...], "cases": [...],
"people": [...]}``. Sources carry a ``ref`` that facts in the same file cite (it means nothing outside the
file). Links live on the person (``events``, ``cases``, ``affiliations``, ``charges``); a case's
``defendants`` and an organisation's ``members`` are a convenience for readers and are not imported. Derived
values (``current_status``, ``url``) are written for readers and re-derived on import.

**The import** (``registry/importer.py``) matches records by slug (or a former slug) and sources by text,
URL or title; it adds and updates, never deletes, and a second run of the same file changes nothing.

Rows are read a chunk at a time by keyset on the slug, so memory stays flat and no read transaction stays
open for a slow download; the writers yield text for ``StreamingHttpResponse`` or a file.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator
from typing import IO, Any

from django.conf import settings
from django.db import transaction
from django.db.models import Prefetch, Q, QuerySet
from django.urls import NoReverseMatch, reverse
from django.utils import timezone, translation

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

FORMAT = "solidarity-registry"
VERSION = 1
CHUNK_SIZE = 500
CSV_COLUMNS = (
    "slug",
    "name",
    "native_name",
    "aliases",
    "country",
    "current_status",
    "current_status_on",
    "cases",
    "organisations",
    "charges",
    "url",
)
JOINER = " | "
# A cell starting with one of these is a formula to a spreadsheet (CSV injection); it gets an apostrophe.
_FORMULA = frozenset("=+-@\t\r")
_PAGES = {"person": "people", "case": "cases", "organisation": "organisations"}


class TransferError(ValueError):
    """A file that cannot be imported; the message names the record and what is wrong with it."""


def page_path(kind: str, slug: str) -> str:
    """The public page of a person, case or organisation, without a language prefix (the site sends each
    visitor to it in their own language), so one file or API answer serves readers of every language."""
    prefix = f"/{settings.LANGUAGE_CODE}/"
    try:
        with translation.override(settings.LANGUAGE_CODE):
            path = reverse(f"registry:{kind}", args=[slug])
    except NoReverseMatch:  # the registry pages are not installed: the address they will have
        return f"/{_PAGES[kind]}/{slug}/"
    return "/" + path.removeprefix(prefix) if path.startswith(prefix) else path


# --- what is exported -------------------------------------------------------------------------------------


def _linked(people: QuerySet[Person]) -> QuerySet[Person]:
    return people.prefetch_related(
        Prefetch("status_events", queryset=StatusEvent.objects.select_related("source", "case")),
        Prefetch("affiliations", queryset=Affiliation.objects.select_related("organisation", "source")),
        Prefetch("defendant_links", queryset=Defendant.objects.select_related("case", "source")),
        Prefetch("charges", queryset=Charge.objects.select_related("case", "source")),
    )


def _people(include_hidden: bool) -> QuerySet[Person]:
    return _linked(Person.objects.all()) if include_hidden else selectors.public_people_with_links()


def _chunks(rows: QuerySet[Any]) -> Iterator[list[Any]]:
    """Every row by slug, ``CHUNK_SIZE`` per query (with its prefetches), each query short."""
    last = ""
    while True:
        chunk = list(rows.filter(slug__gt=last).order_by("slug")[:CHUNK_SIZE])
        if chunk:
            yield chunk
        if len(chunk) < CHUNK_SIZE:
            return
        last = chunk[-1].slug


def _sources(include_hidden: bool) -> list[Source]:
    """The sources the export cites, in a stable order (refs are positions in it): for the public export only
    those cited by a public fact, so a source known only from a hidden person's timeline stays unknown."""
    if include_hidden:
        return list(Source.objects.order_by("url", "title", "text_hash", "id"))
    public = Q(person__is_public=True)
    cited: set[int] = set()
    for model, facts in (
        (StatusEvent, public),
        (Defendant, public),
        (Affiliation, public),
        (Charge, public | Q(person__isnull=True)),
    ):
        cited.update(model.objects.filter(facts, source__isnull=False).values_list("source_id", flat=True))
    return list(Source.objects.filter(pk__in=cited).order_by("url", "title", "text_hash", "id"))


def _date(value: Any) -> str | None:
    return value.isoformat() if value else None


def _evidence(fact: Any, refs: dict[int, int]) -> dict[str, Any]:
    return {
        "source": refs.get(fact.source_id) if fact.source_id else None,
        "quote": fact.quote,
        "certainty": fact.certainty,
    }


def source_record(source: Source, ref: int, *, with_text: bool) -> dict[str, Any]:
    record = {
        "ref": ref,
        "url": source.url,
        "title": source.title,
        "publisher": source.publisher,
        "published_on": _date(source.published_on),
        "language": source.language,
        "text_sha256": source.text_hash,
    }
    if with_text:
        record["text"] = source.text
    return record


def organisation_record(organisation: Organisation, members: list[Affiliation]) -> dict[str, Any]:
    return {
        "slug": organisation.slug,
        "name": organisation.name,
        "aliases": list(organisation.aliases),
        "kind": organisation.kind,
        "country": organisation.country,
        "website": organisation.website,
        "description": organisation.description,
        "former_slugs": organisation.former_slug_list(),
        "url": page_path("organisation", organisation.slug),
        "members": [{"person": link.person.slug, "role": link.role} for link in members],
    }


def case_record(case: Case, defendants: list[Defendant], charges: list[Charge], refs: dict[int, int]) -> dict[str, Any]:
    return {
        "slug": case.slug,
        "name": case.name,
        "aliases": list(case.aliases),
        "country": case.country,
        "jurisdiction": case.jurisdiction,
        "description": case.description,
        "started_on": _date(case.started_on),
        "former_slugs": case.former_slug_list(),
        "url": page_path("case", case.slug),
        "defendants": [{"person": link.person.slug, "role": link.role} for link in defendants],
        "charges": [
            {"article": c.article, "wording": c.wording, **_evidence(c, refs)} for c in charges if c.person_id is None
        ],
    }


def person_record(person: Person, refs: dict[int, int]) -> dict[str, Any]:
    """A person with their links, from the prefetched relations (no query of its own)."""
    from solidarity.registry.services import timeline_key

    def slug(obj: Any) -> str | None:
        return obj.slug if obj is not None else None

    return {
        "slug": person.slug,
        "name": person.name,
        "native_name": person.native_name,
        "aliases": list(person.aliases),
        "bio": person.bio,
        "country": person.country,
        "is_public": person.is_public,
        "postal_address": person.postal_address,
        "letter_guidance": person.letter_guidance,
        "accepts_messages": person.accepts_messages,
        "former_slugs": person.former_slug_list(),
        "current_status": person.current_status,
        "current_status_on": _date(person.current_status_on),
        "url": page_path("person", person.slug),
        "events": [
            {
                "kind": e.kind,
                "on": _date(e.on),
                "precision": e.precision,
                "detail": e.detail,
                "case": slug(e.case),
                **_evidence(e, refs),
            }
            for e in sorted(person.status_events.all(), key=timeline_key)
        ],
        "cases": [
            {"case": link.case.slug, "role": link.role, **_evidence(link, refs)}
            for link in sorted(person.defendant_links.all(), key=lambda link: (link.case.slug, link.pk))
        ],
        "affiliations": [
            {"organisation": link.organisation.slug, "role": link.role, **_evidence(link, refs)}
            for link in sorted(person.affiliations.all(), key=lambda link: (link.organisation.slug, link.role))
        ],
        "charges": [
            {"case": slug(c.case), "article": c.article, "wording": c.wording, **_evidence(c, refs)}
            for c in sorted(person.charges.all(), key=lambda c: c.pk)
        ],
    }


# --- JSON -------------------------------------------------------------------------------------------------


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _array(name: str, records: Iterable[dict[str, Any]], *, last: bool = False) -> Iterator[str]:
    yield f'"{name}":['
    separator = "\n"
    for record in records:
        yield separator + _dumps(record)
        separator = ",\n"
    yield "\n]" + ("" if last else ",\n")


def _organisations(include_hidden: bool) -> Iterator[dict[str, Any]]:
    members = Affiliation.objects.select_related("person").order_by("person__slug", "role")
    if not include_hidden:
        members = members.filter(person__is_public=True)
    organisations = Organisation.objects.prefetch_related(Prefetch("affiliations", queryset=members))
    for chunk in _chunks(organisations):
        yield from (organisation_record(o, list(o.affiliations.all())) for o in chunk)


def _cases(include_hidden: bool, refs: dict[int, int]) -> Iterator[dict[str, Any]]:
    defendants = Defendant.objects.select_related("person").order_by("person__slug")
    if not include_hidden:
        defendants = defendants.filter(person__is_public=True)
    charges = Charge.objects.filter(person__isnull=True).order_by("id")
    cases = Case.objects.prefetch_related(
        Prefetch("defendant_links", queryset=defendants), Prefetch("charges", queryset=charges)
    )
    for chunk in _chunks(cases):
        yield from (case_record(c, list(c.defendant_links.all()), list(c.charges.all()), refs) for c in chunk)


def json_chunks(*, include_hidden: bool = False) -> Iterator[str]:
    """The registry as one JSON document, written a piece at a time."""
    sources = _sources(include_hidden)
    refs = {source.pk: n for n, source in enumerate(sources, start=1)}
    head = {
        "format": FORMAT,
        "version": VERSION,
        "exported_at": timezone.now().replace(microsecond=0).isoformat(),
        "includes_hidden": include_hidden,
    }
    yield _dumps(head)[:-1] + ",\n"
    yield from _array("sources", (source_record(s, refs[s.pk], with_text=include_hidden) for s in sources))
    yield from _array("organisations", _organisations(include_hidden))
    yield from _array("cases", _cases(include_hidden, refs))
    people = (person_record(p, refs) for chunk in _chunks(_people(include_hidden)) for p in chunk)
    yield from _array("people", people, last=True)
    yield "}\n"


# --- CSV --------------------------------------------------------------------------------------------------


def _cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, str) and value[:1] in _FORMULA:
        return "'" + value
    return value


def _charge_text(charge: Charge) -> str:
    return f"{charge.wording} ({charge.article})" if charge.article else charge.wording


def _csv_rows(people: list[Person], base_url: str) -> list[list[Any]]:
    """One row per person; their cases' charges against nobody in particular count as theirs, as on the page."""
    case_ids = {link.case_id for p in people for link in p.defendant_links.all()}
    case_charges: dict[int, list[Charge]] = {}
    for charge in Charge.objects.filter(person__isnull=True, case_id__in=case_ids).order_by("id"):
        case_charges.setdefault(charge.case_id, []).append(charge)
    rows = []
    for p in people:
        cases = sorted(p.defendant_links.all(), key=lambda link: link.case.name)
        charges = [*p.charges.all(), *(c for link in cases for c in case_charges.get(link.case_id, []))]
        organisations = dict.fromkeys(link.organisation.name for link in p.affiliations.all())
        row = [
            p.slug,
            p.name,
            p.native_name,
            JOINER.join(p.aliases),
            p.country,
            p.current_status,
            _date(p.current_status_on),
            JOINER.join(link.case.name for link in cases),
            JOINER.join(sorted(organisations)),
            JOINER.join(dict.fromkeys(_charge_text(c) for c in charges)),
            base_url + page_path("person", p.slug),
        ]
        rows.append([_cell(value) for value in row])
    return rows


def csv_chunks(*, include_hidden: bool = False, base_url: str = "") -> Iterator[str]:
    """One row per person (``CSV_COLUMNS``), lists joined with " | "; page links start with ``base_url``."""
    base_url = base_url or settings.SOLIDARITY.get("PUBLIC_URL", "")
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(CSV_COLUMNS)
    yield buffer.getvalue()
    for people in _chunks(_people(include_hidden)):
        buffer.seek(0)
        buffer.truncate()
        writer.writerows(_csv_rows(people, base_url))
        yield buffer.getvalue()


# --- the plain functions ------------------------------------------------------------------------------------


def export_json(stream: IO[str], *, include_hidden: bool = False) -> None:
    """Write the public registry (with ``include_hidden``: everything, for organisers only) as JSON."""
    stream.writelines(json_chunks(include_hidden=include_hidden))


def export_csv(stream: IO[str], *, include_hidden: bool = False, base_url: str = "") -> None:
    """Write one CSV row per public person (with ``include_hidden``: every person)."""
    stream.writelines(csv_chunks(include_hidden=include_hidden, base_url=base_url))


def import_json(data: str | bytes | dict[str, Any], actor: Any, *, dry_run: bool = False) -> dict[str, dict[str, int]]:
    """Import a registry file (the export's format); returns per kind how many were created, updated, unchanged.

    All or nothing: one transaction, and the first bad record raises ``TransferError`` naming it, with nothing
    kept. ``dry_run`` rolls back at the end, so the counts say what an import would do. Every change goes
    through the registry's services, audited in ``actor``'s name (``None``: the system).
    """
    from solidarity.registry.importer import Importer, parse

    document = parse(data)
    importer = Importer(actor)
    with transaction.atomic():
        importer.run(document)
        if dry_run:
            transaction.set_rollback(True)
    return importer.counts
