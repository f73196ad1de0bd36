"""Writes to events. Every change runs in a transaction and leaves an audit entry.

The campaign page lists its events and is served from a snapshot, so a change to a published event (or one
that was published until now) marks its campaign's public data changed, the old campaign's too when the event
moves to another. Every edit the public sees bumps the event's ``sequence`` so calendar apps that subscribed
replace their copy instead of keeping the old one beside it.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any

from django.db import models, transaction
from django.db.models import F
from django.forms.models import model_to_dict
from django.utils import timezone

from solidarity.campaigns.models import Campaign
from solidarity.campaigns.services import campaign_changed
from solidarity.events.models import Event, EventTranslation
from solidarity.lib import audit
from solidarity.places.geocode import City


def _plain(value: Any) -> Any:
    """A value as the audit trail stores it (JSON): times as ISO strings, records as their primary key."""
    if isinstance(value, datetime.date | datetime.datetime):
        return value.isoformat()
    if isinstance(value, models.Model):
        return value.pk
    return value


def event_state(event: Event) -> dict[str, Any]:
    """The audited fields as stored, to pass back as ``before`` when saving an edit."""
    if not event.pk:
        return {}
    stored = Event.objects.get(pk=event.pk)
    return {key: _plain(value) for key, value in model_to_dict(stored, fields=Event.EDITABLE_FIELDS).items()}


def _campaigns_changed(*campaign_ids: int | None) -> None:
    for campaign in Campaign.objects.filter(pk__in={pk for pk in campaign_ids if pk}):
        campaign_changed(campaign)


def set_place(event: Event, city: City | None, *, country: str = "") -> None:
    """Put the event in a gazetteer city (its centre is the only point kept), in a country only, or nowhere."""
    if city is not None:
        event.geonameid, event.city, event.country = city.geonameid, city.name, city.country_code
        event.latitude, event.longitude = city.latitude, city.longitude
    else:
        event.geonameid, event.city, event.country = None, "", country.upper()
        event.latitude = event.longitude = None


@transaction.atomic
def event_save(*, event: Event, actor: Any, before: dict[str, Any] | None = None) -> Event:
    """Validate and save an event (new or edited), recording what changed."""
    event.full_clean()
    is_new = event.pk is None
    if before is None and not is_new:
        before = event_state(event)
    if event.status == Event.Status.PUBLISHED and event.published_at is None:
        event.published_at = timezone.now()
    if not is_new:
        event.sequence = F("sequence") + 1
    event.save()
    event.refresh_from_db(fields=["sequence", "updated_at"])
    after = {key: _plain(value) for key, value in model_to_dict(event, fields=Event.EDITABLE_FIELDS).items()}
    if is_new:
        audit.record("events.event.created", event, actor, after=after)
    else:
        audit.record("events.event.changed", event, actor, **audit.diff(before or {}, after))
    was_public = (before or {}).get("status") == Event.Status.PUBLISHED
    if event.is_public or was_public:
        _campaigns_changed(event.campaign_id, (before or {}).get("campaign"))
    return event


def _touch(event: Event) -> None:
    """The event's public text or links changed: calendar apps should fetch it again."""
    Event.objects.filter(pk=event.pk).update(sequence=F("sequence") + 1, updated_at=timezone.now())
    if event.is_public:
        _campaigns_changed(event.campaign_id)


def _pks(rows: Iterable[Any]) -> list[int]:
    return sorted(row.pk if isinstance(row, models.Model) else int(row) for row in rows)


@transaction.atomic
def event_set_links(
    *, event: Event, organisers: Iterable[Any], people: Iterable[Any], cases: Iterable[Any], actor: Any
) -> None:
    """Name the organisers, and the people and cases the event is for."""
    before = {name: _pks(getattr(event, name).all()) for name in ("organisers", "people", "cases")}
    event.organisers.set(list(organisers))
    event.people.set(list(people))
    event.cases.set(list(cases))
    after = {name: _pks(getattr(event, name).all()) for name in ("organisers", "people", "cases")}
    if before != after:
        audit.record("events.event.links_changed", event, actor, **audit.diff(before, after))
        _touch(event)


@transaction.atomic
def translation_save(*, translation: EventTranslation, actor: Any) -> EventTranslation:
    translation.full_clean()
    translation.save()
    audit.record(
        "events.translation.saved",
        translation,
        actor,
        after={"language": translation.language, "title": translation.title},
        event=translation.event_id,
    )
    _touch(translation.event)
    return translation


@transaction.atomic
def translation_delete(*, translation: EventTranslation, actor: Any) -> None:
    audit.record(
        "events.translation.deleted",
        translation,
        actor,
        before={"language": translation.language},
        event=translation.event_id,
    )
    event = translation.event
    translation.delete()
    _touch(event)


@transaction.atomic
def event_delete(*, event: Event, actor: Any) -> None:
    """Delete an event for good (superusers only; organisers set it back to draft instead)."""
    audit.record("events.event.deleted", event, actor, before=event_state(event))
    campaign_id, was_public = event.campaign_id, event.is_public
    event.delete()
    if was_public:
        _campaigns_changed(campaign_id)
