"""Reads of campaigns for public pages."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import QuerySet

from solidarity.campaigns.models import ActionType, Campaign
from solidarity.lib.text import render_markdown


@dataclass(frozen=True)
class LocalizedCall:
    """A call as shown in one language: translated fields where they exist, the original elsewhere."""

    campaign: Campaign
    language: str
    title: str
    summary: str
    body_html: str
    slogans: list[str]
    demands: list[str]
    is_fallback: bool  # True when the requested language has no translation and the original is shown

    @property
    def action_labels(self) -> list[str]:
        labels = dict(ActionType.choices)
        return [str(labels[code]) for code in self.campaign.action_types if code in labels]


def public_campaigns() -> QuerySet[Campaign]:
    return Campaign.objects.exclude(status=Campaign.Status.DRAFT).select_related("organiser")


def localized(campaign: Campaign, language: str) -> LocalizedCall:
    """The call in ``language``, each empty translated field falling back to the original text."""
    translation = None
    if language != campaign.language:
        translation = next((t for t in campaign.translations.all() if t.language == language), None)
    return LocalizedCall(
        campaign=campaign,
        language=language if translation or language == campaign.language else campaign.language,
        title=(translation and translation.title) or campaign.title,
        summary=(translation and translation.summary) or campaign.summary,
        body_html=render_markdown((translation and translation.body) or campaign.body),
        slogans=(translation and translation.slogans) or campaign.slogans,
        demands=(translation and translation.demands) or campaign.demands,
        is_fallback=language != campaign.language and translation is None,
    )
