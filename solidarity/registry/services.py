"""Writes to the registry. Each runs in a transaction and leaves an audit entry saying who changed what, from
which source; the admin's history page for a record reads those entries back (``registry/history.py``).

A person's current status is recomputed here whenever their timeline changes, so it is never typed twice.
Pages that show registry facts elsewhere (a campaign naming the person) learn of changes through the
``registry_changed`` signal, which keeps the registry free of any dependency on campaigns.
"""

from __future__ import annotations

import datetime
import hashlib
from collections.abc import Iterable
from typing import Any

import django.dispatch
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.forms.models import model_to_dict
from django.utils import timezone
from django.utils.translation import gettext as _

from solidarity.lib import audit
from solidarity.registry import names, word_index
from solidarity.registry.models import (
    STAGE,
    Affiliation,
    Case,
    Charge,
    Defendant,
    Letter,
    Organisation,
    Person,
    Source,
    StatusEvent,
    joined_slugs,
)

# Sent after commit with the primary keys of the people and cases whose public facts changed.
registry_changed = django.dispatch.Signal()

LETTER_MAX_CHARS = 5000


def _plain(value: Any) -> Any:
    """A value as the audit trail stores it (JSON): dates as ISO strings, models as their primary key."""
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, models.Model):
        return value.pk
    return value


def _state(obj: models.Model, fields: Iterable[str]) -> dict[str, Any]:
    return {key: _plain(value) for key, value in model_to_dict(obj, fields=list(fields)).items()}


def _source_note(source: Source | None) -> dict[str, Any]:
    return {"source": {"id": source.pk, "title": str(source)}} if source else {}


def _notify(people: Iterable[int] = (), cases: Iterable[int] = ()) -> None:
    people, cases = list(people), list(cases)
    transaction.on_commit(lambda: registry_changed.send(sender=Person, people=people, cases=cases))


def _owners(obj: Any) -> dict[str, Any]:
    """The person and case a linked row belongs to, stored in every audit entry about it so that the history
    of a person or a case also shows the changes to their timeline, charges and links."""
    owners = {}
    for key in ("person", "case"):
        value = getattr(obj, f"{key}_id", None)
        if value and not isinstance(obj, (Person, Case)):
            owners[key] = value
    return owners


def _save(obj: Any, *, actor: Any, source: Source | None, label: str, fields: list[str]) -> None:
    """Validate, save and audit one record (created, or changed with only the fields that differ)."""
    obj.full_clean()
    before = _state(type(obj).objects.get(pk=obj.pk), fields) if obj.pk else None
    obj.save()
    after = _state(obj, fields)
    if before is None:
        audit.record(f"registry.{label}.created", obj, actor, after=after, **_source_note(source), **_owners(obj))
    else:
        changes = audit.diff(before, after)
        if changes["after"]:
            audit.record(f"registry.{label}.changed", obj, actor, **changes, **_source_note(source), **_owners(obj))


# --- sources ---------------------------------------------------------------------------------------------


def text_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@transaction.atomic
def source_save(*, source: Source, actor: Any) -> Source:
    source.text_hash = text_hash(source.text) if source.text else ""
    _save(source, actor=actor, source=None, label="source", fields=["url", "title", "publisher", "published_on"])
    return source


@transaction.atomic
def source_capture(
    *,
    title: str,
    text: str,
    actor: Any,
    url: str = "",
    publisher: str = "",
    published_on: datetime.date | None = None,
    language: str = "",
) -> Source:
    """The source with this text, stored once: capturing the same article again returns the first copy."""
    digest = text_hash(text) if text else ""
    existing = Source.objects.filter(text_hash=digest).first() if digest else None
    if existing is None and url and not text:
        existing = Source.objects.filter(url=url, text_hash="").first()
    if existing:
        return existing
    source = Source(title=title, text=text, url=url, publisher=publisher, published_on=published_on, language=language)
    return source_save(source=source, actor=actor)


# --- organisations, people, cases --------------------------------------------------------------------------


@transaction.atomic
def organisation_save(*, organisation: Organisation, actor: Any, source: Source | None = None) -> Organisation:
    organisation.search_text = names.search_text(organisation.name, *organisation.aliases)
    _save(organisation, actor=actor, source=source, label="organisation", fields=Organisation.EDITABLE_FIELDS)
    people = Affiliation.objects.filter(organisation=organisation).values_list("person_id", flat=True)
    _notify(people=people)
    return organisation


@transaction.atomic
def person_save(*, person: Person, actor: Any, source: Source | None = None) -> Person:
    person.search_text = names.search_text(person.name, person.native_name, *person.aliases)
    _save(person, actor=actor, source=source, label="person", fields=Person.EDITABLE_FIELDS)
    word_index.index_name_words(person)
    _notify(people=[person.pk])
    return person


@transaction.atomic
def person_set_photo(*, person: Person, image: Any, consent: bool, actor: Any) -> Person:
    """Store a person's photo re-encoded (no metadata survives) under a fresh key, replacing any earlier one.

    ``image`` is a file-like upload; raises ``ImageRejected`` with a message fit for the organiser.
    """
    import uuid

    from django.conf import settings
    from django.core.files.base import ContentFile

    from solidarity.lib.images import reencode

    limits = settings.SOLIDARITY
    encoded = reencode(
        image,
        max_bytes=limits["MAX_PHOTO_BYTES"],
        max_pixels=limits["MAX_PHOTO_PIXELS"],
        long_side=800,
        thumb_side=limits["THUMB_LONG_SIDE"],
    )
    old = person.photo.name if person.photo else ""
    person.photo_key = uuid.uuid4()  # a new address, so no cache keeps showing a withdrawn photo
    person.photo_consent = consent
    person.photo.save(f"{person.photo_key}.jpg", ContentFile(encoded.data), save=False)
    person.save(update_fields=["photo", "photo_key", "photo_consent", "updated_at"])
    if old:
        storage = person.photo.storage
        transaction.on_commit(lambda: storage.delete(old))
    audit.record("registry.person.photo_set", person, actor, after={"photo_consent": consent})
    _notify(people=[person.pk])
    return person


@transaction.atomic
def person_remove_photo(*, person: Person, actor: Any) -> Person:
    if person.photo:
        old, storage = person.photo.name, person.photo.storage
        person.photo = ""
        person.photo_consent = False
        person.save(update_fields=["photo", "photo_consent", "updated_at"])
        transaction.on_commit(lambda: storage.delete(old))
        audit.record("registry.person.photo_removed", person, actor)
        _notify(people=[person.pk])
    return person


@transaction.atomic
def case_save(*, case: Case, actor: Any, source: Source | None = None) -> Case:
    case.search_text = names.search_text(case.name, *case.aliases)
    _save(case, actor=actor, source=source, label="case", fields=Case.EDITABLE_FIELDS)
    _notify(people=case.defendant_links.values_list("person_id", flat=True), cases=[case.pk])
    return case


# --- the timeline and the current status ------------------------------------------------------------------


def timeline_key(event: StatusEvent) -> tuple[datetime.date, int, int]:
    """The order of a person's timeline: by date (undated events at their source's date, else last), then by
    stage of the prosecution for events on one date, then in the order they were entered."""
    return (event.sort_on or datetime.date.max, STAGE.get(event.kind, 0), event.pk or 0)


def refresh_current_status(person: Person) -> None:
    """Store the status the timeline ends with: the last event in ``timeline_key`` order.

    Alleged events count too (the person page says they are alleged), because in the first days after an
    arrest an allegation is often all there is, and hiding it would show the person as free.
    """
    events = list(StatusEvent.objects.filter(person=person).only("kind", "sort_on", "on", "id"))
    last = max(events, key=timeline_key, default=None)
    status = last.kind if last else ""
    since = last.on if last else None
    Person.objects.filter(pk=person.pk).update(current_status=status, current_status_on=since)
    person.current_status, person.current_status_on = status, since


def _evidence_fields(model: type[models.Model]) -> list[str]:
    return [*getattr(model, "EDITABLE_FIELDS", []), "source", "quote", "certainty"]


@transaction.atomic
def status_event_save(*, event: StatusEvent, actor: Any) -> StatusEvent:
    """Add or change an event on a person's timeline, then re-derive their current status."""
    if event.pk is None and getattr(actor, "is_authenticated", False):
        event.added_by = actor
    event.sort_on = event.on or (event.source.published_on if event.source_id else None)
    previous_person = StatusEvent.objects.filter(pk=event.pk).values_list("person_id", flat=True).first()
    _save(event, actor=actor, source=event.source, label="status_event", fields=StatusEvent.EDITABLE_FIELDS)
    refresh_current_status(event.person)
    touched = {event.person_id}
    if previous_person and previous_person != event.person_id:
        refresh_current_status(Person.objects.get(pk=previous_person))
        touched.add(previous_person)
    _notify(people=touched, cases=[event.case_id] if event.case_id else [])
    return event


@transaction.atomic
def status_event_delete(*, event: StatusEvent, actor: Any) -> None:
    audit.record("registry.status_event.deleted", event, actor, before=_state(event, StatusEvent.EDITABLE_FIELDS))
    person = event.person
    event.delete()
    refresh_current_status(person)
    _notify(people=[person.pk])


def _link_save(obj: Any, *, actor: Any, label: str, fields: list[str]) -> Any:
    if obj.pk is None and getattr(actor, "is_authenticated", False):
        obj.added_by = actor
    charges = isinstance(obj, (Charge, Defendant))
    before = _link_owners(type(obj).objects.filter(pk=obj.pk).first()) if charges and obj.pk else ([], [])
    _save(obj, actor=actor, source=obj.source, label=label, fields=fields)
    people, cases = _link_owners(obj)
    if charges:  # whoever faced the charge before an edit, and whoever does now
        word_index.index_charge_words(people=people + before[0], cases=cases + before[1])
    _notify(people=people, cases=cases)
    return obj


def _link_owners(link: Any) -> tuple[list[int], list[int]]:
    """([person id], [case id]) of a link, each list empty when the link names none."""
    if link is None:
        return [], []
    person_id, case_id = getattr(link, "person_id", None), getattr(link, "case_id", None)
    return ([person_id] if person_id else []), ([case_id] if case_id else [])


@transaction.atomic
def affiliation_save(*, affiliation: Affiliation, actor: Any) -> Affiliation:
    return _link_save(
        affiliation,
        actor=actor,
        label="affiliation",
        fields=["person", "organisation", "role", "source", "quote", "certainty"],
    )


@transaction.atomic
def defendant_save(*, defendant: Defendant, actor: Any) -> Defendant:
    return _link_save(
        defendant, actor=actor, label="defendant", fields=["case", "person", "role", "source", "quote", "certainty"]
    )


@transaction.atomic
def charge_save(*, charge: Charge, actor: Any) -> Charge:
    return _link_save(
        charge,
        actor=actor,
        label="charge",
        fields=["case", "person", "article", "wording", "source", "quote", "certainty"],
    )


@transaction.atomic
def link_delete(*, link: Affiliation | Defendant | Charge, actor: Any) -> None:
    """Remove an affiliation, a defendant link or a charge, keeping what it said in the audit trail."""
    label = type(link).__name__.lower()
    fields = [f.name for f in link._meta.concrete_fields if f.name not in ("id", "added_by", "added_at")]
    audit.record(f"registry.{label}.deleted", link, actor, before=_state(link, fields), **_owners(link))
    people, cases = _link_owners(link)
    link.delete()
    if isinstance(link, (Charge, Defendant)):
        word_index.index_charge_words(people=people, cases=cases)
    _notify(people=people, cases=cases)


# --- merging duplicates ------------------------------------------------------------------------------------


def _merged_aliases(keep: Any, merge: Any, *extra: str) -> list[str]:
    aliases = list(keep.aliases)
    for name in [merge.name, *extra, *merge.aliases]:
        if name and name != keep.name and name not in aliases:
            aliases.append(name)
    return aliases


@transaction.atomic
def person_merge(*, keep: Person, merge: Person, actor: Any) -> Person:
    """Fold ``merge`` into ``keep``: names become aliases, the timeline, cases, charges, affiliations and
    messages move over, and the old address redirects. Links both had are kept once."""
    if keep.pk == merge.pk:
        raise ValidationError(_("A person cannot be merged with themselves."))
    merged_state = _state(merge, Person.EDITABLE_FIELDS)
    keep.aliases = _merged_aliases(keep, merge, merge.native_name)
    keep.native_name = keep.native_name or merge.native_name
    if not keep.bio and merge.bio:  # the biography kept brings its own translations along
        keep.bio, keep.bio_language = merge.bio, merge.bio_language
        keep.translations.all().delete()
        merge.translations.update(person=keep)
    keep.country = keep.country or merge.country
    keep.postal_address = keep.postal_address or merge.postal_address
    keep.letter_guidance = keep.letter_guidance or merge.letter_guidance
    keep.is_public = keep.is_public and merge.is_public  # if either was hidden, there was a reason
    keep.former_slugs = joined_slugs(*keep.former_slug_list(), merge.slug, *merge.former_slug_list())
    StatusEvent.objects.filter(person=merge).update(person=keep)
    Letter.objects.filter(person=merge).update(person=keep)
    Charge.objects.filter(person=merge).update(person=keep)
    for link in Defendant.objects.filter(person=merge):
        if Defendant.objects.filter(person=keep, case_id=link.case_id).exists():
            link.delete()
        else:
            Defendant.objects.filter(pk=link.pk).update(person=keep)
    for link in Affiliation.objects.filter(person=merge):
        if Affiliation.objects.filter(person=keep, organisation_id=link.organisation_id, role=link.role).exists():
            link.delete()
        else:
            Affiliation.objects.filter(pk=link.pk).update(person=keep)
    _move_relations(
        merge,
        keep,
        skip={"status_events", "letters", "charges", "defendant_links", "affiliations", "cases", "translations"}
        | {"name_words", "charge_words"},  # derived: person_save and index_charge_words below rebuild keep's
    )
    audit.record("registry.person.merged", keep, actor, merged={"id": merge.pk, "slug": merge.slug, **merged_state})
    merge.delete()
    person_save(person=keep, actor=actor)
    word_index.index_charge_words(people=[keep.pk])
    refresh_current_status(keep)
    return keep


def _move_relations(old: models.Model, new: models.Model, *, skip: set[str]) -> None:
    """Point every other link (a campaign naming the person or organised by the organisation) at ``new``.

    Found through the model's relations rather than listed, so apps that link to the registry later
    (campaigns, events) are moved without the registry knowing them.
    """
    for relation in old._meta.get_fields(include_hidden=True):  # hidden too: links with related_name="+"
        if not relation.auto_created or relation.concrete or relation.related_model._meta.auto_created:
            continue  # not a link from elsewhere, or a row of a many-to-many table (moved with its relation)
        name = relation.get_accessor_name()
        if name in skip:
            continue
        if relation.many_to_many and relation.hidden:  # related_name="+": no accessor, move the link rows
            _move_hidden_links(relation, old, new)
        elif relation.many_to_many:
            related = list(getattr(old, name).all())
            getattr(new, name).add(*related)
            getattr(old, name).clear()
        elif relation.one_to_many:
            relation.related_model._default_manager.filter(**{relation.field.name: old}).update(
                **{relation.field.name: new}
            )


def _move_hidden_links(relation: Any, old: models.Model, new: models.Model) -> None:
    """Move the rows of a many-to-many table that has no reverse accessor, keeping a link both had once."""
    through = relation.through._default_manager
    target, owner = relation.field.m2m_reverse_field_name(), relation.field.m2m_field_name()
    both = set(through.filter(**{target: new}).values_list(f"{owner}_id", flat=True))
    through.filter(**{target: old, f"{owner}_id__in": both}).delete()
    through.filter(**{target: old}).update(**{target: new})


@transaction.atomic
def organisation_merge(*, keep: Organisation, merge: Organisation, actor: Any) -> Organisation:
    """Fold ``merge`` into ``keep``: its name becomes an alias, members, campaigns and events move over."""
    if keep.pk == merge.pk:
        raise ValidationError(_("An organisation cannot be merged with itself."))
    merged_state = _state(merge, Organisation.EDITABLE_FIELDS)
    keep.aliases = _merged_aliases(keep, merge)
    keep.country = keep.country or merge.country
    keep.website = keep.website or merge.website
    keep.description = keep.description or merge.description
    keep.former_slugs = joined_slugs(*keep.former_slug_list(), merge.slug, *merge.former_slug_list())
    for link in Affiliation.objects.filter(organisation=merge):
        if Affiliation.objects.filter(organisation=keep, person_id=link.person_id, role=link.role).exists():
            link.delete()
        else:
            Affiliation.objects.filter(pk=link.pk).update(organisation=keep)
    _move_relations(merge, keep, skip={"affiliations"})  # campaigns it organised, events, …
    audit.record(
        "registry.organisation.merged", keep, actor, merged={"id": merge.pk, "slug": merge.slug, **merged_state}
    )
    merge.delete()
    organisation_save(organisation=keep, actor=actor)
    return keep


# --- solidarity messages -----------------------------------------------------------------------------------


@transaction.atomic
def letter_submit(
    *,
    person: Person,
    text: str,
    sender_name: str = "",
    sender_country: str = "",
    sender_contact: str = "",
    language: str = "",
) -> Letter:
    """Keep a supporter's message for moderation. Nothing of it is public until approved, and then only the
    count; the audit entry names no sender."""
    if not person.is_public or not person.accepts_messages:
        raise ValidationError(_("Messages to this person are not accepted here."))
    text = text.strip()
    if not text:
        raise ValidationError({"text": _("Write a message.")})
    if len(text) > LETTER_MAX_CHARS:
        raise ValidationError({"text": _("A message can be at most %(n)d characters.") % {"n": LETTER_MAX_CHARS}})
    letter = Letter(
        person=person,
        text=text,
        sender_name=sender_name.strip(),
        sender_country=sender_country,
        sender_contact=sender_contact.strip(),
        language=language,
    )
    letter.full_clean()
    letter.save()
    audit.record("registry.letter.received", letter, None, person=person.pk)
    return letter


@transaction.atomic
def letter_review(*, letter: Letter, status: str, actor: Any, note: str = "") -> Letter:
    """Approve, reject or mark delivered; the public count follows."""
    if status not in Letter.Status.values:
        raise ValidationError(_("Unknown status."))
    before = letter.status
    letter.status = status
    letter.reviewed_at = timezone.now()
    if note:
        letter.moderator_note = note
    letter.save(update_fields=["status", "reviewed_at", "moderator_note"])
    audit.record(
        f"registry.letter.{status}",
        letter,
        actor,
        before={"status": before},
        after={"status": status},
        person=letter.person_id,
    )
    _notify(people=[letter.person_id])
    return letter
