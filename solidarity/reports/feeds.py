"""An Atom feed of a campaign's newly published actions, for feed readers and partner sites."""

from __future__ import annotations

import datetime

from django.contrib.syndication.views import Feed
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape
from django.utils.translation import gettext as _

from solidarity.campaigns.models import Campaign
from solidarity.campaigns.selectors import public_campaigns
from solidarity.lib.feeds import on_public_address
from solidarity.reports.models import Report
from solidarity.reports.selectors import PublicReport, to_public

FEED_SIZE = 50


class CampaignReportsFeed(Feed):
    """Only published reports, and of them only what `to_public` lets through: the same gate as the pages."""

    feed_type = Atom1Feed

    def get_object(self, request: HttpRequest, slug: str) -> Campaign:
        return get_object_or_404(public_campaigns(), slug=slug)

    def title(self, obj: Campaign) -> str:
        return _("Actions for “%(title)s”") % {"title": obj.title}

    def subtitle(self, obj: Campaign) -> str:
        return obj.summary

    def link(self, obj: Campaign) -> str:
        return on_public_address(reverse("reports:list", args=[obj.slug]))

    def feed_url(self, obj: Campaign) -> str:
        return on_public_address(reverse("reports:feed", args=[obj.slug]))

    def items(self, obj: Campaign) -> list[tuple[Report, PublicReport]]:
        reports = Report.objects.filter(campaign=obj, status=Report.Status.PUBLISHED).order_by("-published_at", "-id")
        return [(report, to_public(report)) for report in reports.prefetch_related("photos")[:FEED_SIZE]]

    def item_title(self, item: tuple[Report, PublicReport]) -> str:
        public = item[1]
        return f"{public.action.capitalize()} — {public.city}, {public.country}"

    def item_description(self, item: tuple[Report, PublicReport]) -> str:
        public = item[1]
        held = _("Held on %(date)s.") % {"date": public.held_on.isoformat()}
        # Atom carries the summary as HTML: a supporter's words are text, never markup for the reader to run
        return escape(" ".join(part for part in (held, public.text) if part))

    def item_link(self, item: tuple[Report, PublicReport]) -> str:
        report = item[0]
        return on_public_address(f"{reverse('reports:list', args=[report.campaign.slug])}#report-{report.pk}")

    def item_pubdate(self, item: tuple[Report, PublicReport]) -> datetime.datetime | None:
        return item[0].published_at

    def item_updateddate(self, item: tuple[Report, PublicReport]) -> datetime.datetime:
        return item[0].updated_at
