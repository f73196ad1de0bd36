"""An Atom feed of the public calls (new ones, and the ones whose text changed), in the reader's language."""

from __future__ import annotations

import datetime

from django.template.defaultfilters import date as format_date
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from solidarity.campaigns.models import Campaign
from solidarity.campaigns.selectors import localized, public_campaigns
from solidarity.lib.feeds import FEED_SIZE, Entry, EntryFeed, FeedContext


def call_updated(campaign: Campaign, language: str) -> datetime.datetime:
    """When the call as read in ``language`` last changed: the campaign itself or its translation.

    Publishing reports bumps only the campaign's data version, not ``updated_at``, so the feed follows the call,
    not the tally.
    """
    times = [campaign.updated_at]
    times += [t.updated_at for t in campaign.translations.all() if t.language == language]
    return max(times)


class CampaignsFeed(EntryFeed):
    """Published and closed calls, the most recently published or changed first; drafts never."""

    def title(self, obj: FeedContext) -> str:
        return _("Calls for solidarity")

    def subtitle(self, obj: FeedContext) -> str:
        return _("New calls for days of action, and changes to them.")

    def page_path(self, obj: FeedContext) -> str:
        return reverse("pages:home")

    def entries(self, obj: FeedContext) -> list[Entry]:
        language = get_language()
        campaigns = public_campaigns().prefetch_related("translations").order_by("-updated_at", "-id")
        entries = [self._entry(obj, campaign, language) for campaign in campaigns[:FEED_SIZE]]
        return sorted(entries, key=lambda entry: entry.updated, reverse=True)

    def _entry(self, obj: FeedContext, campaign: Campaign, language: str) -> Entry:
        call = localized(campaign, language)
        dates = _("%(first)s to %(last)s") % {
            "first": format_date(campaign.starts_on, "DATE_FORMAT"),
            "last": format_date(campaign.ends_on, "DATE_FORMAT"),
        }
        by = _("A call by %(organiser)s") % {"organiser": campaign.organiser.name}
        parts = [format_html("<p>{} · {}</p>", by, dates)]
        if call.summary:
            parts.append(format_html("<p>{}</p>", call.summary))
        if campaign.status == Campaign.Status.CLOSED:
            parts.append(format_html("<p>{}</p>", _("This campaign is closed.")))
        return Entry(
            guid=obj.site.tag(f"campaign/{campaign.pk}"),
            title=call.title,
            link=obj.site.url(reverse("pages:campaign", args=[campaign.slug])),
            description="".join(parts),
            updated=call_updated(campaign, language),
        )
