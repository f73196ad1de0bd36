"""Public pages that combine a call with its reports: the start page and the campaign page."""

from __future__ import annotations

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import get_language
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

from solidarity.campaigns.models import Campaign
from solidarity.campaigns.selectors import localized, public_campaigns
from solidarity.lib import snapshots
from solidarity.reports.selectors import recent_public_reports
from solidarity.reports.tally import tally


def _public_campaign(slug: str) -> Campaign:
    try:
        return public_campaigns().prefetch_related("translations").get(slug=slug)
    except Campaign.DoesNotExist as exc:
        raise Http404 from exc


def _store_snapshot(request: HttpRequest, response: HttpResponse, versions: list[int], campaigns: list[int]) -> None:
    """Write the page as a snapshot unless the data changed while it was rendered (then the next request
    renders it again)."""
    if not settings.SOLIDARITY["SNAPSHOTS"] or request.GET or response.status_code != 200:
        return
    current = list(Campaign.objects.filter(pk__in=campaigns).order_by("pk").values_list("data_version", flat=True))
    if current == versions:
        snapshots.write(settings.SNAPSHOT_ROOT, request.path, response.content)


@require_safe
def home(request: HttpRequest) -> HttpResponse:
    campaigns = list(public_campaigns().prefetch_related("translations").order_by("pk"))
    versions = [c.data_version for c in campaigns]
    language = get_language()
    items = sorted(
        ((localized(c, language), tally(c)) for c in campaigns),
        key=lambda item: (
            item[0].campaign.status != Campaign.Status.PUBLISHED,
            -item[0].campaign.starts_on.toordinal(),
        ),
    )
    response = render(request, "pages/home.html", {"items": items})
    _store_snapshot(request, response, versions, [c.pk for c in campaigns])
    return response


@require_safe
def campaign_page(request: HttpRequest, slug: str) -> HttpResponse:
    campaign = _public_campaign(slug)
    version = campaign.data_version
    context = {
        "call": localized(campaign, get_language()),
        "campaign": campaign,
        "tally": tally(campaign),
        "reports": recent_public_reports(campaign, limit=30),
    }
    response = render(request, "pages/campaign.html", context)
    _store_snapshot(request, response, [version], [campaign.pk])
    return response


@require_safe
@cache_control(no_cache=True)  # the tally itself is cached server-side per data version
def tally_json(request: HttpRequest, slug: str) -> JsonResponse:
    """The published tally, for the live counter on the campaign page and for partner sites."""
    return JsonResponse(tally(_public_campaign(slug)), json_dumps_params={"ensure_ascii": False})
