"""Download views for the report exports (see reports/exports.py for what each holds and why).

The public export answers at /c/<slug>/reports.<format>, without a language prefix (the columns are the same
in every language). The private export is an admin view (mounted by ReportAdmin.get_urls inside
``admin_site.admin_view``, so it already needs a staff login with a second factor); it checks the factor and
the permission again itself, because a private export must never depend on how it happens to be mounted.
"""

from __future__ import annotations

from collections.abc import Iterator

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from solidarity.campaigns.models import Campaign
from solidarity.campaigns.selectors import public_campaigns
from solidarity.lib import ratelimit
from solidarity.reports import exports

# A whole campaign per request is the heaviest public read there is; a person needs a handful a minute, a
# script that loops would otherwise keep a server worker busy.
PUBLIC_LIMIT = 30
PUBLIC_WINDOW = 600


def _stream(body: Iterator[str], fmt: str, filename: str, cache_control: str) -> StreamingHttpResponse:
    response = StreamingHttpResponse(body, content_type=exports.content_type(fmt))
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = cache_control
    return response


@require_safe
def public_export(request: HttpRequest, slug: str, fmt: str) -> HttpResponse:
    """Published reports of a public campaign, public fields only, as a file download."""
    if fmt not in exports.FORMATS:
        raise Http404
    campaign = get_object_or_404(public_campaigns(), slug=slug)
    if not ratelimit.hit(request, "reports-export", limit=PUBLIC_LIMIT, window=PUBLIC_WINDOW):
        response = HttpResponse(
            _("Too many downloads in a short time. Please try again in a few minutes."),
            status=429,
            content_type="text/plain; charset=utf-8",
        )
        response["Retry-After"] = str(PUBLIC_WINDOW)
        return response
    # A HEAD request (link checkers, crawlers) must not cost a read of every report only to discard it.
    body = iter(()) if request.method == "HEAD" else exports.public_export(campaign, fmt)
    # Never reused unchecked, so a report a moderator withdraws leaves the files at once.
    return _stream(body, fmt, exports.filename(campaign, fmt), "public, no-cache")


@require_safe
def private_export(request: HttpRequest, slug: str, fmt: str) -> StreamingHttpResponse:
    """Every report of a campaign with its private fields, for organisers; each download is audited."""
    if fmt not in exports.FORMATS:
        raise Http404
    user = request.user
    if not (user.is_active and user.is_staff and user.is_verified() and user.has_perm(exports.PERMISSION)):
        raise PermissionDenied  # before the lookup, so a refusal says nothing about which campaigns exist
    campaign = get_object_or_404(Campaign, slug=slug)
    body = exports.private_export(campaign, fmt, actor=user, via="admin")
    return _stream(body, fmt, exports.filename(campaign, fmt, private=True), "private, no-store")
