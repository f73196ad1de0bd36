"""The public summary of a campaign: the page, and the same summary as a PDF to download."""

from __future__ import annotations

from django.core.cache import cache
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import get_language
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

from solidarity.campaigns.models import Campaign
from solidarity.campaigns.selectors import public_campaigns
from solidarity.reports.summary import build_summary
from solidarity.reports.summary_render import (
    CACHE_SECONDS,
    chart_title,
    map_title,
    summary_chart_svg,
    summary_map_svg,
)


def _public_campaign(slug: str) -> Campaign:
    try:
        return public_campaigns().prefetch_related("translations").get(slug=slug)
    except Campaign.DoesNotExist as exc:
        raise Http404 from exc


@require_safe
def summary_page(request: HttpRequest, slug: str) -> HttpResponse:
    """Headline, introduction, map, chart and every country's actions and photos, with no JavaScript.

    The page is the same for every reader of a language until the campaign's public data changes, so its
    HTML is cached under the data version (rendering 500 actions takes ~0.1 s; a hit costs two queries).
    """
    campaign = _public_campaign(slug)
    language = get_language()
    key = f"summary-page:{campaign.pk}:{campaign.data_version}:{language}"
    body = cache.get(key)
    if body is not None:
        return HttpResponse(body)
    summary = build_summary(campaign, language).with_photo_sources(
        lambda photo: reverse("photo-thumb", args=[photo.key])
    )
    context = {
        "campaign": campaign,
        "call": summary.call,
        "summary": summary,
        "map_svg": summary_map_svg(summary) if summary.actions else "",
        "map_title": map_title(summary),
        "chart_svg": summary_chart_svg(summary) if summary.actions else "",
        "chart_title": chart_title(summary),
    }
    response = render(request, "reports/summary.html", context)
    cache.set(key, response.content, CACHE_SECONDS)
    return response


@require_safe
@cache_control(public=True, no_cache=True)  # a withdrawn report must leave it at once
def summary_pdf(request: HttpRequest, slug: str) -> FileResponse:
    """The summary as a PDF in the page's language, rendered once per data version (see summary_pdf.py)."""
    from solidarity.reports.summary_pdf import open_cached_pdf  # WeasyPrint loads only when a PDF is asked for

    campaign = _public_campaign(slug)
    language = get_language()
    return FileResponse(
        open_cached_pdf(campaign, language),
        content_type="application/pdf",
        as_attachment=True,
        filename=f"{campaign.slug}-summary-{language}.pdf",
    )
