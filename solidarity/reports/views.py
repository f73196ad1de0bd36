"""The report form, the public list of actions, and photo delivery."""

from __future__ import annotations

from django.conf import settings
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.functional import SimpleLazyObject
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from solidarity.campaigns.selectors import localized, public_campaigns
from solidarity.reports.forms import ReportForm
from solidarity.reports.listing import PAGE_SIZE, ReportFilters, filtered_reports
from solidarity.reports.models import Photo, Report
from solidarity.reports.selectors import to_public
from solidarity.reports.submission import Step, process

_STATUS = {Step.INVALID: 400, Step.CONFIRM: 200, Step.LIMITED: 429, Step.UNAVAILABLE: 503}


@never_cache
def report_form(request: HttpRequest, slug: str) -> HttpResponse:
    campaign = get_object_or_404(public_campaigns().prefetch_related("translations"), slug=slug)
    # The call (Markdown rendered and sanitised) is needed only when a page is rendered, not for the redirect
    # that answers a saved report.
    context = {"campaign": campaign, "call": SimpleLazyObject(lambda: localized(campaign, request.LANGUAGE_CODE))}
    if not campaign.accepts_reports:
        return render(request, "reports/closed.html", context, status=410)
    if request.method == "POST":
        outcome = process(request, ReportForm(request.POST, request.FILES, campaign=campaign))
        if outcome.step in (Step.SAVED, Step.SPAM):
            return redirect("reports:thanks", slug=campaign.slug)
        context.update(form=outcome.form, confirm=outcome.step == Step.CONFIRM)
        return render(request, "reports/report_form.html", context, status=_STATUS[outcome.step])
    context["form"] = ReportForm(campaign=campaign)
    return render(request, "reports/report_form.html", context)


@require_safe
def report_list(request: HttpRequest, slug: str) -> HttpResponse:
    """Every published action of a campaign, filterable by country, city, action and date, fifty a page."""
    campaign = get_object_or_404(public_campaigns().prefetch_related("translations"), slug=slug)
    filters = ReportFilters(request.GET or None, campaign=campaign)
    filters.is_valid()  # an invalid filter is shown with its message and ignored; the valid ones still apply
    valid = {k: v for k, v in getattr(filters, "cleaned_data", {}).items() if k not in filters.errors}
    page = Paginator(filtered_reports(campaign, valid), PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "campaign": campaign,
        "call": localized(campaign, request.LANGUAGE_CODE),
        "filters": filters,
        "page": page,
        "reports": [to_public(report) for report in page.object_list],
        "query": query.urlencode(),
    }
    return render(request, "reports/report_list.html", context)


@require_safe
def thanks(request: HttpRequest, slug: str) -> HttpResponse:
    campaign = get_object_or_404(public_campaigns().prefetch_related("translations"), slug=slug)
    return render(
        request, "reports/thanks.html", {"campaign": campaign, "call": localized(campaign, request.LANGUAGE_CODE)}
    )


@require_safe
def photo(request: HttpRequest, key: str, variant: str) -> HttpResponse:
    """A photo, only if its report is published and the reporter agreed, or to a verified organiser."""
    item = get_object_or_404(Photo.objects.select_related("report"), key=key)
    report = item.report
    public = report.status == Report.Status.PUBLISHED and report.consent_photos
    staff = request.user.is_staff and (request.user.is_verified() or not settings.SOLIDARITY["REQUIRE_OTP"])
    if not (public or staff):
        raise Http404
    field = item.thumbnail if variant == "thumb" else item.image
    # Browsers and proxies may keep a public photo but must ask first (a 304 costs one query), so a photo whose
    # report is withdrawn, or whose sender takes back consent, stops being shown everywhere at once.
    etag = f'"{item.key}-{variant}"'
    if public and request.headers.get("If-None-Match") == etag:
        response = HttpResponse(status=304)
        response["ETag"], response["Cache-Control"] = etag, "public, no-cache"
        return response
    try:
        handle = field.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    response = FileResponse(handle, content_type="image/jpeg")
    response["Cache-Control"] = "public, no-cache" if public else "private, no-store"
    if public:
        response["ETag"] = etag
    response["Content-Disposition"] = "inline"
    return response
