"""An Atom feed of published events, newest first, in the language of its address (/en/calendar/feed/).

Entries say what, when (where it happens, in the page's language and date format) and where, and link to the
event page in the same language. Each entry's id is a tag URI made from the event's number, so renaming an event
(a new slug) does not make feed readers show it again as new.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.contrib.syndication.views import Feed
from django.http import HttpRequest
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.formats import date_format, time_format
from django.utils.html import format_html
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from solidarity.events import ical, occurrences
from solidarity.events.links import base_url, event_path
from solidarity.events.models import Event
from solidarity.events.selectors import LocalizedEvent, localized, with_file_details

FEED_SIZE = 50


@dataclass(frozen=True)
class Reader:
    """What the feed knows of the request: the language and the site's public address."""

    language: str
    base: str


@dataclass(frozen=True)
class Entry:
    event: Event
    text: LocalizedEvent
    link: str
    host: str


def when(event: Event) -> str:
    """The first occurrence, where it happens, in the active language's formats."""
    once = occurrences.single(event)
    first, last = once.local_start, once.local_end
    if event.all_day:
        days = [date_format(first, "DATE_FORMAT")]
        if not once.same_day:
            days.append(date_format(once.last_day, "DATE_FORMAT"))
        text = " – ".join(days)
    else:
        text = f"{date_format(first, 'DATE_FORMAT')}, {time_format(first, 'TIME_FORMAT')}"
        if last is not None:
            end = time_format(last, "TIME_FORMAT")
            text += f" – {end}" if once.same_day else f" – {date_format(last, 'DATE_FORMAT')}, {end}"
        text += f" ({event.timezone})"
    if event.is_yearly:
        text += " · " + _("every year")
    return text


class EventsFeed(Feed):
    """Published events only (the same gate as the pages), public people only."""

    feed_type = Atom1Feed

    def get_object(self, request: HttpRequest) -> Reader:
        return Reader(language=get_language(), base=base_url(request))

    def title(self, obj: Reader) -> str:
        return _("Events")

    def subtitle(self, obj: Reader) -> str:
        return _("Rallies, pickets, strikes, broadcasts, commemorations and international days.")

    def link(self, obj: Reader) -> str:
        return obj.base + reverse("events:calendar")

    def items(self, obj: Reader) -> list[Entry]:
        events = with_file_details(Event.objects.published().prefetch_related("translations"))
        newest = events.order_by("-published_at", "-id")[:FEED_SIZE]
        host = ical.host_of(obj.base)
        return [
            Entry(event, localized(event, obj.language), obj.base + event_path(event, obj.language), host)
            for event in newest
        ]

    def item_title(self, item: Entry) -> str:
        return item.text.title

    def item_description(self, item: Entry) -> str:
        """HTML: what and when, where, then the description (sanitised Markdown) and who it is for."""
        event = item.event
        language = get_language()
        parts = [format_html("<p>{} · {}</p>", str(event.get_kind_display()).capitalize(), when(event))]
        place = ical.location(event, language)
        if place:
            parts.append(format_html("<p>{}</p>", place))
        parts.append(item.text.description_html)
        people = [person.name for person in event.public_people]
        if people:
            parts.append(format_html("<p>{}</p>", _("For: %(names)s") % {"names": ", ".join(people)}))
        return "".join(parts)

    def item_link(self, item: Entry) -> str:
        return item.link

    def item_guid(self, item: Entry) -> str:
        return f"tag:{item.host},{item.event.created_at:%Y-%m-%d}:event-{item.event.pk}"

    def item_guid_is_permalink(self, item: Entry) -> bool:
        return False

    def item_pubdate(self, item: Entry) -> datetime.datetime | None:
        return item.event.published_at

    def item_updateddate(self, item: Entry) -> datetime.datetime:
        return item.event.updated_at

    def item_categories(self, item: Entry) -> list[str]:
        return [str(item.event.get_kind_display())]
