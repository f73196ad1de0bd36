"""A campaign's published reports and tally (public), and report submission (with an API key)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router
from ninja.decorators import decorate_view
from ninja.responses import Status

from solidarity.api import submission
from solidarity.api.auth import KEY_AUTH
from solidarity.api.campaigns import READ_ERRORS, public_campaign
from solidarity.api.errors import ApiError
from solidarity.api.limits import KeyThrottle, ReadThrottle, public_read
from solidarity.api.schemas import ErrorOut, ReportAccepted, ReportFilters, ReportIn, ReportPage, TallyOut
from solidarity.api.selectors import BadCursor, report_page
from solidarity.reports.models import Report
from solidarity.reports.services import report_submit
from solidarity.reports.tally import tally

router = Router(tags=["reports"])
WRITE_ERRORS: dict[int, Any] = {code: ErrorOut for code in (400, 401, 403, 404, 409, 422, 429)}


@router.get(
    "/{slug}/reports", response={200: ReportPage, **READ_ERRORS}, throttle=ReadThrottle(), summary="Published reports"
)
@decorate_view(public_read)
def report_list(request: HttpRequest, slug: str, filters: Query[ReportFilters]) -> dict[str, Any]:
    """Published reports, newest published first, filtered like the web list; follow `next` for more."""
    campaign = public_campaign(slug, translations=False)
    if filters.held_from and filters.held_to and filters.held_to < filters.held_from:
        raise ValidationError({"held_to": _("The end date is before the start date.")})
    wanted = {
        "country": (filters.country or "").upper(),
        "city": filters.city or "",
        "action": filters.action_type or "",
        "held_from": filters.held_from,
        "held_to": filters.held_to,
    }
    try:
        return report_page(request, campaign, wanted, cursor=filters.cursor, limit=filters.limit)
    except BadCursor as exc:
        raise ValidationError({"cursor": _("This cursor is not valid; start again without it.")}) from exc


@router.get("/{slug}/tally", response={200: TallyOut, **READ_ERRORS}, throttle=ReadThrottle(), summary="Tally")
@decorate_view(public_read)
def campaign_tally(request: HttpRequest, slug: str) -> dict[str, Any]:
    """How many published actions, in how many cities of how many countries (as `solidarity tally --json`)."""
    return tally(public_campaign(slug, translations=False))


@router.post(
    "/{slug}/reports",
    auth=KEY_AUTH,
    throttle=KeyThrottle("reports"),
    response={201: ReportAccepted, 200: ReportAccepted, **WRITE_ERRORS},
    summary="Send a report",
)
def report_create(request: HttpRequest, slug: str, payload: ReportIn) -> Status:
    """Store a report for moderators to review (201), or, for a retry with the same `idempotency_key`, answer
    with the report stored the first time (200). Nothing sent is public until a moderator publishes it."""
    key = request.auth  # type: ignore[attr-defined]
    campaign = public_campaign(slug, translations=False)
    if key.campaign_id is not None and key.campaign_id != campaign.pk:
        raise ApiError(403, "forbidden", _("This API key may only send reports to its own campaign."))
    data = submission.to_input(payload, key)
    repeat = bool(data.message_id) and Report.objects.filter(campaign=campaign, message_id=data.message_id).exists()
    # A retry's photos were moved into place the first time; only a new report needs its tokens staged.
    tokens = [] if repeat else submission.check_photos(payload.photos)
    report = report_submit(campaign=campaign, data=data, photo_tokens=tokens, origin=Report.Origin.API, actor=key)
    if repeat and submission.conflicts(campaign, data, report.content_hash):
        raise ApiError(409, "conflict", _("This idempotency key was already used for a different report."))
    if repeat:
        message = _("This report was received before; it is stored once.")
    else:
        message = _("Thank you: the report awaits review by a moderator.")
    return Status(200 if repeat else 201, {"id": report.pk, "status": report.status, "message": message})
