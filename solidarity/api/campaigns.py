"""Public campaigns (published and closed; a draft is never visible), in the language asked for."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema
from ninja.decorators import decorate_view

from solidarity.api.limits import ReadThrottle, public_read
from solidarity.api.schemas import CampaignDetailOut, CampaignOut, ErrorOut
from solidarity.api.selectors import campaign_data
from solidarity.campaigns.models import Campaign
from solidarity.campaigns.selectors import public_campaigns

router = Router(tags=["campaigns"], throttle=ReadThrottle())
READ_ERRORS: dict[int, Any] = {404: ErrorOut, 422: ErrorOut, 429: ErrorOut}


class Language(Schema):
    lang: str | None = Field(
        None,
        pattern=r"^[A-Za-z]{2,3}([-_][A-Za-z0-9]{2,8})?$",
        description="Language of the text (e.g. ru); untranslated fields fall back to the original.",
    )


def public_campaign(slug: str, *, translations: bool = True) -> Campaign:
    """A published or closed campaign by slug; raises ``Campaign.DoesNotExist`` (a 404) for drafts too."""
    campaigns = public_campaigns().prefetch_related("translations") if translations else public_campaigns()
    return campaigns.get(slug=slug)


@router.get("", response={200: list[CampaignOut], 422: ErrorOut, 429: ErrorOut}, summary="Public campaigns")
@decorate_view(public_read)
def campaign_list(request: HttpRequest, language: Query[Language]) -> list[dict[str, Any]]:
    """Every published or closed campaign, the latest first."""
    lang = language.lang.lower() if language.lang else None
    campaigns = public_campaigns().prefetch_related("translations").order_by("-starts_on", "pk")
    return [campaign_data(request, campaign, lang, body=False) for campaign in campaigns]


@router.get("/{slug}", response={200: CampaignDetailOut, **READ_ERRORS}, summary="One campaign")
@decorate_view(public_read)
def campaign_detail(request: HttpRequest, slug: str, language: Query[Language]) -> dict[str, Any]:
    """A campaign with the text of its call."""
    lang = language.lang.lower() if language.lang else None
    return campaign_data(request, public_campaign(slug), lang, body=True)
