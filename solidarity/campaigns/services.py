"""Writes to campaigns. Every change runs in a transaction and leaves an audit entry."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from typing import Any

import django.dispatch
from django.conf import settings
from django.db import transaction
from django.db.models import F, Q
from django.forms.models import model_to_dict

from solidarity.campaigns.models import Campaign, CampaignTranslation
from solidarity.lib import audit, snapshots

logger = logging.getLogger("solidarity.campaigns")

# Sent after the commit that changed a campaign's public data, with ``campaign_id`` and the new ``version``;
# apps that keep derived copies (the summary PDFs in reports) refresh them without campaigns knowing of them.
public_data_changed = django.dispatch.Signal()


def public_paths(campaign: Campaign) -> list[str]:
    """Every snapshotted URL path that shows this campaign's data."""
    languages = [code for code, _name in settings.LANGUAGES]
    pages = ("", "map/", "photos/")  # as SNAPSHOT_PATTERN in wsgi.py admits them
    return [f"/{lang}/c/{campaign.slug}/{page}" for lang in languages for page in pages] + [
        f"/{lang}/" for lang in languages
    ]


def campaign_changed(campaign: Campaign) -> None:
    """Mark the public view of a campaign stale: bump its version, drop its snapshots after commit."""
    Campaign.objects.filter(pk=campaign.pk).update(data_version=F("data_version") + 1)
    paths = public_paths(campaign)
    campaign_id = campaign.pk

    def after_commit() -> None:
        snapshots.remove(settings.SNAPSHOT_ROOT, paths)
        # the change is committed: a failing receiver (say, the queue) is logged, never the visitor's error
        for receiver, result in public_data_changed.send_robust(Campaign, campaign_id=campaign_id):
            if isinstance(result, Exception):
                logger.error("after a campaign change, %s failed: %s", receiver.__name__, type(result).__name__)

    transaction.on_commit(after_commit)


def _state(campaign: Campaign) -> dict[str, Any]:
    data = model_to_dict(campaign, fields=Campaign.EDITABLE_FIELDS)
    return {key: (str(value) if key in ("starts_on", "ends_on") else value) for key, value in data.items()}


@transaction.atomic
def campaign_save(*, campaign: Campaign, actor: Any, before: dict[str, Any] | None = None) -> Campaign:
    """Validate and save a campaign (new or edited), recording what changed."""
    campaign.full_clean()
    is_new = campaign.pk is None
    campaign.save()
    after = _state(campaign)
    if is_new:
        audit.record("campaigns.campaign.created", campaign, actor, after=after)
    else:
        audit.record("campaigns.campaign.changed", campaign, actor, **audit.diff(before or {}, after))
    campaign_changed(campaign)
    return campaign


def campaign_state(campaign: Campaign) -> dict[str, Any]:
    """The audited fields as stored, to pass back as ``before`` when saving an edit."""
    return _state(Campaign.objects.get(pk=campaign.pk)) if campaign.pk else {}


@transaction.atomic
def translation_save(*, translation: CampaignTranslation, actor: Any) -> CampaignTranslation:
    translation.full_clean()
    translation.save()
    audit.record(
        "campaigns.translation.saved",
        translation,
        actor,
        after={"language": translation.language, "title": translation.title},
    )
    campaign_changed(translation.campaign)
    return translation


@transaction.atomic
def translation_delete(*, translation: CampaignTranslation, actor: Any) -> None:
    audit.record("campaigns.translation.deleted", translation, actor, before={"language": translation.language})
    campaign = translation.campaign
    translation.delete()
    campaign_changed(campaign)


@transaction.atomic
def campaign_set_subjects(*, campaign: Campaign, people: Iterable[Any], cases: Iterable[Any], actor: Any) -> None:
    """Name the people and cases a campaign is for; its page then shows them with their current status."""
    before = {
        "people": sorted(campaign.people.values_list("pk", flat=True)),
        "cases": sorted(campaign.cases.values_list("pk", flat=True)),
    }
    campaign.people.set(people)
    campaign.cases.set(cases)
    after = {
        "people": sorted(campaign.people.values_list("pk", flat=True)),
        "cases": sorted(campaign.cases.values_list("pk", flat=True)),
    }
    if before != after:
        audit.record("campaigns.campaign.subjects_changed", campaign, actor, before=before, after=after)
        campaign_changed(campaign)


def registry_facts_changed(*, people: list[int], cases: list[int], **kwargs: Any) -> None:
    """A registry fact shown on campaign pages changed (a status, a name, a hidden person): refresh the pages
    of every campaign naming those people or cases. Connected to ``registry.services.registry_changed``."""
    linked = Campaign.objects.filter(Q(people__in=people) | Q(cases__in=cases)).distinct()
    for campaign in linked:
        with transaction.atomic():
            campaign_changed(campaign)
