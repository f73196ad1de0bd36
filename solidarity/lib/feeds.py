"""What every public Atom feed shares: links on the site's public address, entry ids that never change, and
entries prepared in one pass so that a feed's items carry everything a reader gets and nothing else.

Feed readers keep entries by their id. An id made from a page's address changes when a slug changes (a merge, a
corrected name) or the page moves, and the reader then shows the same news twice; ids here are tag URIs
(RFC 4151) naming the record's kind and primary key, which outlive both.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.http import HttpRequest
from django.utils.feedgenerator import Atom1Feed

FEED_SIZE = 50
# the date part of our tag URIs: any fixed day on which the site's host name was ours will do (RFC 4151 §2.1)
TAG_DATE = "2025"


@dataclass(frozen=True)
class FeedSite:
    """Where a feed's links point: the public address if one is configured, else the request's."""

    base: str  # "https://example.org", no trailing slash

    @property
    def authority(self) -> str:
        return urlsplit(self.base).hostname or "localhost"

    def url(self, path: str) -> str:
        return f"{self.base}{path}"

    def tag(self, specific: str) -> str:
        """A stable entry id: ``tag:example.org,2025:registry/status-event/12``."""
        return f"tag:{self.authority},{TAG_DATE}:{specific}"


def on_public_address(path: str) -> str:
    """``path`` on the public address when one is configured; else as is, for the feed to put on the request's."""
    base = settings.SOLIDARITY["PUBLIC_URL"]
    return f"{base.rstrip('/')}{path}" if base else path


def feed_site(request: HttpRequest) -> FeedSite:
    base = settings.SOLIDARITY["PUBLIC_URL"] or f"{request.scheme}://{request.get_host()}"
    return FeedSite(base=base.rstrip("/"))


@dataclass(frozen=True)
class Entry:
    """One feed entry; ``description`` is HTML whose every value the builder has escaped."""

    guid: str
    title: str
    link: str
    description: str
    updated: datetime.datetime
    published: datetime.datetime | None = None


@dataclass(frozen=True)
class FeedContext:
    """Per request (a Feed instance serves every request, so nothing request-bound may live on it)."""

    site: FeedSite
    path: str  # the feed's own path, for its id and self link


class EntryFeed(Feed):
    """An Atom feed whose items are :class:`Entry` objects built by ``entries``; subclasses give ``title``,
    ``subtitle``, ``page_path`` (the HTML page the feed follows) and ``entries``."""

    feed_type = Atom1Feed

    def get_object(self, request: HttpRequest, *args: Any, **kwargs: Any) -> FeedContext:
        return FeedContext(site=feed_site(request), path=request.path)

    def link(self, obj: FeedContext) -> str:
        return obj.site.url(self.page_path(obj))

    def feed_url(self, obj: FeedContext) -> str:
        return obj.site.url(obj.path)

    def feed_guid(self, obj: FeedContext) -> str:
        return obj.site.url(obj.path)

    def page_path(self, obj: FeedContext) -> str:
        raise NotImplementedError

    def entries(self, obj: FeedContext) -> list[Entry]:
        raise NotImplementedError

    def items(self, obj: FeedContext) -> list[Entry]:
        return self.entries(obj)[:FEED_SIZE]

    def item_title(self, item: Entry) -> str:
        return item.title

    def item_description(self, item: Entry) -> str:
        return item.description

    def item_link(self, item: Entry) -> str:
        return item.link

    def item_guid(self, item: Entry) -> str:
        return item.guid

    def item_updateddate(self, item: Entry) -> datetime.datetime:
        return item.updated

    def item_pubdate(self, item: Entry) -> datetime.datetime | None:
        return item.published
