"""Building registry records for tests through the services, as organisers would."""

from __future__ import annotations

import datetime
from typing import Any

from django.utils.text import slugify

from solidarity.registry import services
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


def source(title: str = "A report on the arrests", text: str = "", **fields: Any) -> Source:
    return services.source_capture(title=title, text=text or f"{title}.", actor=None, **fields)


def organisation(name: str, kind: str = "movement", **fields: Any) -> Organisation:
    found = Organisation.objects.filter(name=name).first()
    if found:
        return found
    return services.organisation_save(
        organisation=Organisation(slug=slugify(name)[:100], name=name, kind=kind, **fields), actor=None
    )


def case(name: str, **fields: Any) -> Case:
    found = Case.objects.filter(name=name).first()
    if found:
        return found
    return services.case_save(case=Case(slug=slugify(name)[:100], name=name, **fields), actor=None)


def person(
    name: str,
    *,
    status: str = "",
    on: datetime.date | None = None,
    hidden: bool = False,
    case_name: str = "",
    organisation_name: str = "",
    charge: str = "",
    evidence: Source | None = None,
    actor: Any = None,
    **fields: Any,
) -> Person:
    """A person with, optionally, one status event, a case, an organisation and a charge, all sourced."""
    slug = fields.pop("slug", slugify(name)[:100])
    created = services.person_save(person=Person(slug=slug, name=name, is_public=not hidden, **fields), actor=actor)
    cited = evidence or (source() if status or case_name or charge else None)
    if status:
        services.status_event_save(
            event=StatusEvent(person=created, kind=status, on=on, source=cited, quote=f"{name}: {status}."),
            actor=actor,
        )
    if case_name:
        services.defendant_save(defendant=Defendant(case=case(case_name), person=created, source=cited), actor=actor)
    if organisation_name:
        services.affiliation_save(
            affiliation=Affiliation(person=created, organisation=organisation(organisation_name), role="member"),
            actor=actor,
        )
    if charge:
        services.charge_save(charge=Charge(person=created, wording=charge, source=cited), actor=actor)
    created.refresh_from_db()
    return created
