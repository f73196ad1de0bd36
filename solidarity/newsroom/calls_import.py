"""A campaign draft from a call to action: what the extractor read, for the organiser to check and publish.

The draft is written through ``campaigns/services.py`` like any campaign; it stays a draft (never public)
until an organiser publishes it. Suggested actions in the call's words are mapped onto the report form's
action types, so that reports of those actions can be counted; the words themselves stay in the body.
"""

from __future__ import annotations

import datetime
import re
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from solidarity.campaigns.models import ActionType, Campaign
from solidarity.campaigns.services import campaign_save
from solidarity.newsroom.models import Proposal

_ACTION_WORDS = [
    (ActionType.PICKET, r"picket|пикет"),
    (ActionType.RALLY, r"rall(?:y|ies)|demonstration|митинг"),
    (ActionType.MARCH, r"march|шестви"),
    (ActionType.BANNER, r"banner|баннер|растяжк"),
    (ActionType.LEAFLETS, r"leaflet|листовк"),
    (ActionType.MEETING, r"meeting|evening|собрани|вечер"),
    (ActionType.ONLINE, r"online|discussion|обсуждени|онлайн"),
    (ActionType.PHOTO, r"photo|poster|фото|плакат"),
    (ActionType.CONCERT, r"concert|концерт"),
    (ActionType.VIGIL, r"vigil"),
    (ActionType.GRAFFITI, r"graffiti|граффити"),
    (ActionType.LETTERS, r"letter|письм|писем|открытк|postcard"),
    (ActionType.FLASHMOB, r"flash ?mob|флешмоб"),
]


def action_types(suggested: list[str]) -> list[str]:
    """The report form's action types for the actions a call suggests ("pickets at embassies" → picket)."""
    found: list[str] = []
    for action in suggested:
        for kind, pattern in _ACTION_WORDS:
            if re.search(pattern, action, re.IGNORECASE) and kind not in found:
                found.append(kind)
    return [str(kind) for kind in found]


def check_call(data: dict[str, Any]) -> tuple[datetime.date, datetime.date]:
    """The call's first and last day, or the ``ValidationError`` saying what is missing."""
    if not data.get("organiser"):
        raise ValidationError(_("Name the organiser of the call before accepting it."))
    if not data.get("start") or not data.get("end"):
        raise ValidationError(_("Give the first and last day of the call before accepting it."))
    try:
        return datetime.date.fromisoformat(data["start"]), datetime.date.fromisoformat(data["end"])
    except (TypeError, ValueError) as exc:
        raise ValidationError(_("Dates of a campaign need a day: YYYY-MM-DD.")) from exc


def campaign_from_call(proposal: Proposal, actor: Any) -> Campaign:
    from solidarity.newsroom.services import organisation_for, unique_slug, valid_email

    data = proposal.data
    starts_on, ends_on = check_call(data)
    article = proposal.article
    title = (data.get("title") or article.source.title)[:200]
    campaign = Campaign(
        slug=unique_slug(Campaign, title),
        title=title,
        organiser=organisation_for(data["organiser"], "", proposal, actor),
        language=article.language,
        starts_on=starts_on,
        ends_on=ends_on,
        body=article.source.text,
        slogans=list(data.get("slogans") or []),
        demands=list(data.get("demands") or []),
        action_types=action_types(list(data.get("suggested_actions") or [])),
        call_languages=list(data.get("languages") or [article.language]),
        report_email=valid_email(data.get("report_to")),
        status=Campaign.Status.DRAFT,
    )
    return campaign_save(campaign=campaign, actor=actor)
