"""From a registry write's payload to ``registry/services.py``, the one write path of the registry.

A key acts in the name of the organiser who made it (``key.created_by``): the services audit every change
under that name, as if they had made it in the admin. Which key it was is added to each of those audit
entries (``data["api_key"]``, its public prefix) by :func:`acting_with`, without the services having to know
about keys: while a write runs, a ``pre_save`` receiver on ``AuditEntry`` stamps the prefix on the entries
this thread writes. A context variable, not a global, so concurrent requests never stamp each other's.

Each write runs in one transaction: a new source and the event citing it, or a record and its renamed
address, are stored together or not at all.
"""

from __future__ import annotations

import contextvars
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models.signals import pre_save
from django.dispatch import receiver
from django.utils.text import slugify
from django.utils.translation import gettext as _

from solidarity.api.errors import ApiError
from solidarity.api.models import ApiKey
from solidarity.api.services import REGISTRY_PERMISSION, may
from solidarity.lib.models import AuditEntry
from solidarity.registry import names, services
from solidarity.registry.models import Case, Organisation, Person, Source, StatusEvent, joined_slugs

_key_prefix: contextvars.ContextVar[str | None] = contextvars.ContextVar("solidarity_api_key_prefix", default=None)


@receiver(pre_save, sender=AuditEntry, dispatch_uid="solidarity.api.registry_writes.stamp_key")
def _stamp_key(sender: type[AuditEntry], instance: AuditEntry, **kwargs: Any) -> None:
    prefix = _key_prefix.get()
    if prefix and instance._state.adding:
        instance.data = {**(instance.data or {}), "api_key": prefix}


def writer(key: ApiKey) -> Any:
    """The user a key writes as, once it is checked that the key may write the registry at all.

    Refused (403): a key without the ``registry_write`` scope, and a key whose maker may no longer edit the
    registry (left the organisers, or the account is disabled), since it would write in their name.
    """
    if not key.registry_write:
        raise ApiError(403, "forbidden", _("This API key may not edit the registry."))
    maker = key.created_by
    if maker is not None and not may(maker, REGISTRY_PERMISSION):
        raise ApiError(403, "forbidden", _("The organiser who made this API key may no longer edit the registry."))
    return maker


@contextmanager
def acting_with(key: ApiKey) -> Iterator[Any]:
    """Run a write as ``key``'s maker, in one transaction, with the key's prefix on every audit entry."""
    actor = writer(key)
    token = _key_prefix.set(key.prefix)
    try:
        with transaction.atomic():
            yield actor
    finally:
        _key_prefix.reset(token)


def new_slug(name: str, model: type[Any]) -> str:
    """An address made from the name (Cyrillic transliterated), numbered if taken."""
    base = slugify(names.transliterate(name))[:90] or model.__name__.lower()
    slug, n = base, 2
    while model.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


def _apply(record: Any, changes: dict[str, Any]) -> None:
    """Set the fields sent; a renamed record keeps its old address as a former one, so links keep working."""
    new = changes.get("slug")
    if new and record.pk and new != record.slug:
        record.former_slugs = joined_slugs(*record.former_slug_list(), record.slug)
    if changes.get("country"):
        changes["country"] = changes["country"].upper()
    for field, value in changes.items():
        setattr(record, field, value)


def person_write(person: Person, changes: dict[str, Any], *, actor: Any) -> Person:
    _apply(person, changes)
    if not person.slug:
        person.slug = new_slug(person.name, Person)
    return services.person_save(person=person, actor=actor)


def case_write(case: Case, changes: dict[str, Any], *, actor: Any) -> Case:
    _apply(case, changes)
    if not case.slug:
        case.slug = new_slug(case.name, Case)
    return services.case_save(case=case, actor=actor)


def organisation_write(organisation: Organisation, changes: dict[str, Any], *, actor: Any) -> Organisation:
    _apply(organisation, changes)
    if not organisation.slug:
        organisation.slug = new_slug(organisation.name, Organisation)
    return services.organisation_save(organisation=organisation, actor=actor)


def _cited(data: dict[str, Any], *, actor: Any) -> Source | None:
    """The event's source: one already stored (``source_id``), or a new one (stored once per text)."""
    if data.get("source_id") and data.get("source"):
        raise ValidationError({"source": _("Give either source_id or source, not both.")})
    if data.get("source_id"):
        source = Source.objects.filter(pk=data["source_id"]).first()
        if source is None:
            raise ValidationError({"source_id": _("No source has this id.")})
        return source
    if data.get("source"):
        return services.source_capture(**data["source"], actor=actor)
    return None


def event_add(person: Person, data: dict[str, Any], *, actor: Any) -> StatusEvent:
    """A status event on the person's timeline; their current status is derived again by the service."""
    case = None
    if data.get("case"):
        case = Case.objects.filter(slug=data["case"]).first()
        if case is None:
            raise ValidationError({"case": _("No case has this slug.")})
    event = StatusEvent(
        person=person,
        case=case,
        kind=data["kind"],
        on=data.get("on"),
        precision=data.get("precision") or "day",
        detail=data.get("detail", ""),
        source=_cited(data, actor=actor),
        quote=data.get("quote", ""),
        certainty=data.get("certainty") or "established",
    )
    return services.status_event_save(event=event, actor=actor)
