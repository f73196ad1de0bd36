"""An Atom feed of registry updates: people newly added to the public registry and what happened to public people
(status events), newest first, each entry linking to the person's page.

Both reads start from ``Person.objects.public()`` (through ``selectors``), like every public page: a hidden
person, and every event of one, is in no entry. An entry shows what the person's page shows (name, status with
its date's precision and certainty, the detail, the case and the source's title) and nothing the page keeps
back: no captured source text, no letters or their senders, no one who added a fact.
"""

from __future__ import annotations

import datetime

from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.text import Truncator
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from solidarity.lib.feeds import FEED_SIZE, Entry, EntryFeed, FeedContext
from solidarity.registry import bios, selectors
from solidarity.registry.models import Certainty, Person, StatusEvent
from solidarity.registry.templatetags.registry_tags import date_text, status_label

BIO_WORDS = 60


def _status_words(kind: str, on: datetime.date | None, precision: str | None, certainty: str | None) -> str:
    """ "sentenced · March 2014 (alleged)": a status as the person's page words it."""
    words = status_label(kind)
    if on:
        words = f"{words} · {date_text(on, precision or 'day')[1]}"
    if certainty == Certainty.ALLEGED:
        words = f"{words} ({_('alleged')})"
    return words


class RegistryFeed(EntryFeed):
    def title(self, obj: FeedContext) -> str:
        return _("Registry of persecuted people: updates")

    def subtitle(self, obj: FeedContext) -> str:
        return _("People added to the registry, and what has happened to them, with the source of every fact.")

    def page_path(self, obj: FeedContext) -> str:
        return reverse("registry:people")

    def entries(self, obj: FeedContext) -> list[Entry]:
        entries = [self._person_entry(obj, person) for person in self._new_people()]
        entries += [self._event_entry(obj, event) for event in self._new_events()]
        return sorted(entries, key=lambda entry: entry.updated, reverse=True)

    @staticmethod
    def _new_people() -> list[Person]:
        people = selectors.with_status_detail(selectors.public_people()).prefetch_related("translations")
        return list(people.order_by("-created_at", "-id")[:FEED_SIZE])

    @staticmethod
    def _new_events() -> list[StatusEvent]:
        events = StatusEvent.objects.filter(person__in=Person.objects.public()).select_related(
            "person", "case", "source"
        )
        return list(events.order_by("-added_at", "-id")[:FEED_SIZE])

    def _person_entry(self, obj: FeedContext, person: Person) -> Entry:
        parts = []
        if person.current_status:
            status = _status_words(
                person.current_status,
                person.current_status_on,
                getattr(person, "status_precision", None),
                getattr(person, "status_certainty", None),
            )
            parts.append(format_html("<p>{} {}</p>", _("Current status:"), status))
        bio = bios.localized_bio(person, get_language())
        if bio.text:
            parts.append(format_html('<p lang="{}">{}</p>', bio.language, Truncator(bio.text).words(BIO_WORDS)))
        name = f"{person.name} ({person.native_name})" if person.native_name else person.name
        return Entry(
            guid=obj.site.tag(f"registry/person/{person.pk}"),
            title=_("Added to the registry: %(name)s") % {"name": name},
            link=obj.site.url(reverse("registry:person", args=[person.slug])),
            description="".join(parts),
            updated=person.created_at,
            published=person.created_at,
        )

    def _event_entry(self, obj: FeedContext, event: StatusEvent) -> Entry:
        person = event.person
        status = _status_words(event.kind, event.on, event.precision, event.certainty)
        facts = [status]
        if event.detail:
            facts.append(event.detail)
        if event.case:
            facts.append(_("Case: %(case)s") % {"case": event.case.name})
        if event.source:
            source = ", ".join(part for part in (event.source.title, event.source.publisher) if part)
            facts.append(_("Source: %(source)s") % {"source": source})
        return Entry(
            guid=obj.site.tag(f"registry/status-event/{event.pk}"),
            title=_("%(name)s: %(status)s") % {"name": person.name, "status": status},
            link=obj.site.url(reverse("registry:person", args=[person.slug])) + f"#event-{event.pk}",
            description=format_html_join("", "<p>{}</p>", ((fact,) for fact in facts)),
            updated=event.added_at,
            published=event.added_at,
        )
