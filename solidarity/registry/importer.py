"""Importing a registry file (the format is ``transfer.py``'s) through the registry's services.

Records are matched, so that importing a file twice is the same as importing it once:

* organisations, cases and people by slug, or by a former slug (a record merged or renamed since);
* sources by the SHA-256 of their text, else their URL, else title, publisher and date;
* a status event by its person, kind, date and source; a charge by its person, case and wording; a defendant
  link by person and case; an affiliation by person, organisation and role (the unique constraints).

A matched record is updated with the fields the file gives and that differ, and only then saved, so an
unchanged record is not touched and leaves no audit entry. A key left out of a record keeps what is stored
(or the default, for a new record); nothing is ever deleted. Derived values (current status, sort dates, page
links) are ignored and derived again. Every check names the record it failed on: ``people[3] “slug”:
events[1]: …``. ``transfer.import_json`` runs this inside one transaction.
"""

from __future__ import annotations

import datetime
import json
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db.models import Model
from django.utils.text import slugify
from django.utils.translation import gettext as _

from solidarity.lib import audit
from solidarity.registry import names, services
from solidarity.registry.models import (
    Affiliation,
    Case,
    Certainty,
    Charge,
    Defendant,
    Organisation,
    Person,
    Precision,
    Source,
    StatusEvent,
    StatusKind,
    joined_slugs,
)
from solidarity.registry.transfer import FORMAT, VERSION, TransferError

KINDS = ("sources", "organisations", "cases", "people", "events", "defendants", "affiliations", "charges")
SECTIONS = ("sources", "organisations", "cases", "people")


def parse(data: str | bytes | dict[str, Any]) -> dict[str, Any]:
    """The file's top level, checked: a JSON object of our format and version with lists of records."""
    if isinstance(data, (bytes, bytearray)):
        try:
            data = bytes(data).decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise TransferError(_("The file is not UTF-8 text.")) from exc
    if isinstance(data, str):
        try:
            data = json.loads(data)
        except json.JSONDecodeError as exc:
            raise TransferError(
                _("The file is not valid JSON (line %(line)d, column %(column)d: %(problem)s).")
                % {"line": exc.lineno, "column": exc.colno, "problem": exc.msg}
            ) from exc
    if not isinstance(data, dict):
        raise TransferError(_("The file must hold one JSON object with “people”, “cases”, … lists."))
    if data.get("format", FORMAT) != FORMAT:
        raise TransferError(_("This is not a registry file (its format is “%(f)s”).") % {"f": data.get("format")})
    if data.get("version", VERSION) != VERSION:
        raise TransferError(
            _("This file is of format version %(found)s; this site reads version %(known)s.")
            % {"found": data.get("version"), "known": VERSION}
        )
    for section in SECTIONS:
        if not isinstance(data.get(section, []), list):
            raise TransferError(_("“%(section)s” must be a list.") % {"section": section})
    return data


def _messages(exc: ValidationError) -> str:
    if not hasattr(exc, "error_dict"):
        return " ".join(exc.messages)
    parts = []
    for field, errors in exc.error_dict.items():
        text = " ".join(ValidationError(errors).messages)
        parts.append(text if field == NON_FIELD_ERRORS else f"{field}: {text}")
    return "; ".join(parts)


@contextmanager
def about(label: str) -> Iterator[None]:
    """Name the record in any error raised while it is imported."""
    try:
        yield
    except TransferError as exc:
        raise TransferError(f"{label}: {exc}") from exc
    except ValidationError as exc:
        raise TransferError(f"{label}: {_messages(exc)}") from exc


def _label(section: str, n: int, record: Any) -> str:
    slug = record.get("slug") or record.get("name") if isinstance(record, dict) else None
    return f"{section}[{n}] “{slug}”" if slug and isinstance(slug, str) else f"{section}[{n}]"


# --- reading fields ---------------------------------------------------------------------------------------


def storable(text: str) -> bool:
    """Whether a database can store ``text``: PostgreSQL refuses NUL characters, and no database takes half
    of a UTF-16 surrogate pair, both of which JSON can spell (``\u0000``, ``\ud800``)."""
    if "\x00" in text:
        return False
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _text(record: dict[str, Any], key: str, *, required: bool = False) -> str:
    value = record.get(key)
    if value is None or value == "":
        if required:
            raise TransferError(_("“%(key)s” is missing.") % {"key": key})
        return ""
    if not isinstance(value, str) or not storable(value):
        raise TransferError(_("“%(key)s” must be text (without NUL characters).") % {"key": key})
    return value


def _strings(record: dict[str, Any], key: str) -> list[str]:
    value = record.get(key) or []
    if not isinstance(value, list) or not all(isinstance(item, str) and storable(item) for item in value):
        raise TransferError(_("“%(key)s” must be a list of text.") % {"key": key})
    return value


def _date(record: dict[str, Any], key: str) -> datetime.date | None:
    value = record.get(key)
    if value in (None, ""):
        return None
    try:
        return datetime.date.fromisoformat(value)
    except (TypeError, ValueError) as exc:
        raise TransferError(_("“%(key)s” must be a date as YYYY-MM-DD.") % {"key": key}) from exc


def _choice(record: dict[str, Any], key: str, choices: list[str], what: str) -> str:
    value = record.get(key)
    if value not in choices:
        raise TransferError(
            _("unknown %(what)s “%(value)s” (one of: %(choices)s).")
            % {"what": what, "value": value, "choices": ", ".join(choices)}
        )
    return value


def _present(record: dict[str, Any], readers: dict[str, Any]) -> dict[str, Any]:
    """The fields the record gives, read and checked; keys it leaves out are left out."""
    return {field: read(record, key) for key, (field, read) in readers.items() if key in record}


def _bool(record: dict[str, Any], key: str) -> bool:
    value = record.get(key)
    if not isinstance(value, bool):
        raise TransferError(_("“%(key)s” must be true or false.") % {"key": key})
    return value


def _country(record: dict[str, Any], key: str) -> str:
    return _text(record, key).upper()


def _assign(obj: Model, values: dict[str, Any]) -> bool:
    """Set the values that differ; whether any did."""
    changed = False
    for field, value in values.items():
        if getattr(obj, field) != value:
            setattr(obj, field, value)
            changed = True
    return changed


def _find(model: type[Any], slug: str) -> Any:
    return model.objects.filter(slug=slug).first() or model.objects.filter(former_slugs__contains=f" {slug} ").first()


NAMED = {"name": ("name", lambda r, k: _text(r, k, required=True)), "aliases": ("aliases", _strings)}
ORGANISATION_FIELDS = {
    **NAMED,
    "kind": ("kind", lambda r, k: _choice(r, k, Organisation.Kind.values, _("organisation kind"))),
    "country": ("country", _country),
    "website": ("website", _text),
    "description": ("description", _text),
}
CASE_FIELDS = {
    **NAMED,
    "country": ("country", _country),
    "jurisdiction": ("jurisdiction", _text),
    "description": ("description", _text),
    "started_on": ("started_on", _date),
}
PERSON_FIELDS = {
    **NAMED,
    "native_name": ("native_name", _text),
    "bio": ("bio", _text),
    "country": ("country", _country),
    "is_public": ("is_public", _bool),
    "postal_address": ("postal_address", _text),
    "letter_guidance": ("letter_guidance", _text),
    "accepts_messages": ("accepts_messages", _bool),
}
SAVERS = {
    Organisation: lambda obj, actor: services.organisation_save(organisation=obj, actor=actor),
    Case: lambda obj, actor: services.case_save(case=obj, actor=actor),
    Person: lambda obj, actor: services.person_save(person=obj, actor=actor),
    StatusEvent: lambda obj, actor: services.status_event_save(event=obj, actor=actor),
    Defendant: lambda obj, actor: services.defendant_save(defendant=obj, actor=actor),
    Affiliation: lambda obj, actor: services.affiliation_save(affiliation=obj, actor=actor),
    Charge: lambda obj, actor: services.charge_save(charge=obj, actor=actor),
}


class Importer:
    """One import: what it has matched so far (sources by the file's refs) and what it did, per kind."""

    def __init__(self, actor: Any) -> None:
        self.actor = actor
        self.counts = {kind: {"created": 0, "updated": 0, "unchanged": 0} for kind in KINDS}
        self.sources: dict[Any, Source] = {}

    def run(self, document: dict[str, Any]) -> None:
        steps = {"sources": self.source, "organisations": self.organisation, "cases": self.case, "people": self.person}
        for section in SECTIONS:
            for n, record in enumerate(document.get(section, [])):
                with about(_label(section, n, record)):
                    if not isinstance(record, dict):
                        raise TransferError(_("a record must be a JSON object."))
                    steps[section](record)

    def _count(self, kind: str, outcome: str) -> None:
        self.counts[kind][outcome] += 1

    def _keep(self, kind: str, obj: Model, values: dict[str, Any]) -> str:
        """Create ``obj`` with ``values``, or update the fields that differ; count and return what happened."""
        created = obj.pk is None
        outcome = "unchanged"
        if _assign(obj, values) or created:
            SAVERS[type(obj)](obj, self.actor)
            outcome = "created" if created else "updated"
        self._count(kind, outcome)
        return outcome

    # --- sources and records with an address ---

    def source(self, record: dict[str, Any]) -> None:
        ref = _ref(record.get("ref"))
        if ref is not None and ref in self.sources:
            raise TransferError(_("the ref %(ref)s is used twice.") % {"ref": ref})
        text = _text(record, "text")
        digest = services.text_hash(text) if text else _text(record, "text_sha256")
        values = _present(
            record,
            {
                "url": ("url", _text),
                "title": ("title", lambda r, k: _text(r, k, required=True)),
                "publisher": ("publisher", _text),
                "published_on": ("published_on", _date),
                "language": ("language", _text),
            },
        )
        if "title" not in values:
            raise TransferError(_("“%(key)s” is missing.") % {"key": "title"})
        found = Source.objects.filter(text_hash=digest).order_by("id").first() if digest else None
        if found is None and values.get("url"):
            # a text of our own that matched nothing is another capture, even of the same address
            same_url = Source.objects.filter(url=values["url"]).order_by("id")
            found = (same_url.filter(text_hash="") if text else same_url).first()
        if found is None and not values.get("url") and not text:
            plain = {k: values.get(k, "") for k in ("title", "publisher")}
            found = Source.objects.filter(
                url="", text_hash="", published_on=values.get("published_on"), **plain
            ).first()
        if found is None:
            found = services.source_capture(text=text, actor=self.actor, **values)
            self._count("sources", "created")
        elif _assign(found, values):
            services.source_save(source=found, actor=self.actor)
            self._count("sources", "updated")
        else:
            self._count("sources", "unchanged")
        if ref is not None:
            self.sources[ref] = found

    def _addressed(self, kind: str, model: type[Any], record: dict[str, Any], fields: dict[str, Any]) -> Any:
        """An organisation, case or person: found by slug (made from the name if the file gives none)."""
        values = _present(record, fields)
        if "name" not in values:
            raise TransferError(_("“%(key)s” is missing.") % {"key": "name"})
        slug = _text(record, "slug") or slugify(names.transliterate(values["name"]))[:100]
        if not slug:
            raise TransferError(_("give a “slug”: none can be made from this name."))
        former = [s for s in _strings(record, "former_slugs") if s]
        obj = _find(model, slug)
        if obj is None:
            obj = model(slug=slug, former_slugs=joined_slugs(*former))
        outcome = self._keep(kind, obj, values)
        missing = [s for s in former if s != obj.slug and s not in obj.former_slug_list()]
        if missing:
            if outcome == "unchanged":
                self.counts[kind]["unchanged"] -= 1
                self._count(kind, "updated")
            before = obj.former_slug_list()
            type(obj).objects.filter(pk=obj.pk).update(former_slugs=joined_slugs(*before, *missing))
            obj.former_slugs = joined_slugs(*before, *missing)
            label = model.__name__.lower()
            audit.record(
                f"registry.{label}.changed",
                obj,
                self.actor,
                before={"former_slugs": before},
                after={"former_slugs": obj.former_slug_list()},
            )
        return obj

    def organisation(self, record: dict[str, Any]) -> None:
        self._addressed("organisations", Organisation, record, ORGANISATION_FIELDS)

    def case(self, record: dict[str, Any]) -> None:
        case = self._addressed("cases", Case, record, CASE_FIELDS)
        for n, charge in enumerate(_records(record, "charges")):
            with about(f"charges[{n}]"):
                self.charge(charge, person=None, case=case)

    def person(self, record: dict[str, Any]) -> None:
        person = self._addressed("people", Person, record, PERSON_FIELDS)
        pool: dict[tuple[Any, ...], list[StatusEvent]] = {}
        for event in StatusEvent.objects.filter(person=person).order_by("id"):
            pool.setdefault((event.kind, event.on, event.source_id), []).append(event)
        for n, event in enumerate(_records(record, "events")):
            with about(f"events[{n}]"):
                self.event(event, person, pool)
        for n, link in enumerate(_records(record, "cases")):
            with about(f"cases[{n}]"):
                self.defendant(link, person)
        for n, link in enumerate(_records(record, "affiliations")):
            with about(f"affiliations[{n}]"):
                self.affiliation(link, person)
        for n, charge in enumerate(_records(record, "charges")):
            with about(f"charges[{n}]"):
                case_slug = _text(charge, "case")
                self.charge(charge, person=person, case=self._named(Case, case_slug) if case_slug else None)

    # --- facts ---

    def _named(self, model: type[Any], slug: str) -> Any:
        found = _find(model, slug)
        if found is None:
            raise TransferError(
                _("no %(what)s “%(slug)s” in the file or the registry.")
                % {"what": model._meta.verbose_name, "slug": slug}
            )
        return found

    def _evidence(self, record: dict[str, Any]) -> dict[str, Any]:
        values = _present(
            record,
            {
                "quote": ("quote", _text),
                "certainty": ("certainty", lambda r, k: _choice(r, k, Certainty.values, _("certainty"))),
            },
        )
        if "source" in record:
            values["source"] = self._cited(record["source"])
        return values

    def _cited(self, ref: Any) -> Source | None:
        ref = _ref(ref)
        if ref is None:
            return None
        if ref not in self.sources:
            raise TransferError(_("it cites the source ref %(ref)s, which the file does not list.") % {"ref": ref})
        return self.sources[ref]

    def event(self, record: dict[str, Any], person: Person, pool: dict[tuple[Any, ...], list[StatusEvent]]) -> None:
        kind = _choice(record, "kind", StatusKind.values, _("status kind"))
        on = _date(record, "on")
        values = self._evidence(record)
        values.update(
            _present(
                record,
                {
                    "precision": ("precision", lambda r, k: _choice(r, k, Precision.values, _("date precision"))),
                    "detail": ("detail", _text),
                },
            )
        )
        if "case" in record:
            values["case"] = self._named(Case, _text(record, "case")) if record["case"] else None
        source = values.get("source")
        matches = pool.get((kind, on, source.pk if source else None))
        event = matches.pop(0) if matches else StatusEvent(person=person, kind=kind, on=on)
        self._keep("events", event, values)

    def defendant(self, record: dict[str, Any], person: Person) -> None:
        case = self._named(Case, _text(record, "case", required=True))
        link = Defendant.objects.filter(case=case, person=person).first() or Defendant(case=case, person=person)
        values = {**self._evidence(record), **_present(record, {"role": ("role", _text)})}
        self._keep("defendants", link, values)

    def affiliation(self, record: dict[str, Any], person: Person) -> None:
        organisation = self._named(Organisation, _text(record, "organisation", required=True))
        role = _text(record, "role")
        link = Affiliation.objects.filter(person=person, organisation=organisation, role=role).first()
        link = link or Affiliation(person=person, organisation=organisation, role=role)
        self._keep("affiliations", link, self._evidence(record))

    def charge(self, record: dict[str, Any], *, person: Person | None, case: Case | None) -> None:
        wording = _text(record, "wording", required=True)
        found = Charge.objects.filter(person=person, case=case, wording=wording).order_by("id").first()
        charge = found or Charge(person=person, case=case, wording=wording)
        values = {**self._evidence(record), **_present(record, {"article": ("article", _text)})}
        self._keep("charges", charge, values)


def _ref(value: Any) -> int | str | None:
    """A source's ref in the file: a number or a short text."""
    if value is None or (isinstance(value, (int, str)) and not isinstance(value, bool)):
        return value
    raise TransferError(_("a source ref must be a number or text."))


def _records(record: dict[str, Any], key: str) -> list[Any]:
    value = record.get(key) or []
    if not isinstance(value, list) or not all(isinstance(item, dict) for item in value):
        raise TransferError(_("“%(key)s” must be a list of objects.") % {"key": key})
    return value
