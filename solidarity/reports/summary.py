"""The campaign summary: what organisers used to write by hand after a day of action.

"48 actions in 38 cities of 21 countries between 18 and 24 January", then each country with its cities and
their actions, a few photos, and the organiser's own introduction. Built from PUBLISHED reports only and from
their public fields only: the reports query selects public columns by name, and the reporter's name comes out
of the database already blanked unless they agreed to its publication, so a private value never even reaches
this process. Photos are those of published reports whose reporters agreed.

One :class:`Summary` feeds every output: the page, Markdown, the self-contained HTML file and the PDF
(``summary_render.py``). Everything language-dependent (country names, labels, dates, the headline's plural
forms) is computed in the language asked for.
"""

from __future__ import annotations

import dataclasses
import datetime
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from typing import NamedTuple

from django.db.models import Case, CharField, F, Value, When, Window
from django.db.models.functions import RowNumber
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from solidarity.campaigns.models import ActionType, Campaign
from solidarity.campaigns.selectors import LocalizedCall, localized
from solidarity.lib.text import render_markdown
from solidarity.places.countries import local_country_name
from solidarity.places.worldmap import MapPoint
from solidarity.reports.models import Photo, Report
from solidarity.reports.selectors import GalleryPhoto, to_gallery

PHOTOS_PER_COUNTRY = 3
MAX_PHOTOS = 12
ACTIONS_PER_CITY = 50  # beyond this a city says "and N more actions"; the list page has them all
MAX_CHART_DAYS = 366


@dataclass(frozen=True)
class SummaryAction:
    """One published action, public fields only."""

    id: int
    held_on: datetime.date
    action: str
    participants: int | None
    text: str
    name: str  # the reporter's name if they agreed to its publication, else ""


@dataclass(frozen=True)
class SummaryCity:
    name: str
    latitude: float | None
    longitude: float | None
    total: int
    actions: list[SummaryAction]  # the first ACTIONS_PER_CITY, oldest first

    @property
    def more(self) -> int:
        return self.total - len(self.actions)


@dataclass(frozen=True)
class SummaryPhoto:
    """A consented photo of a published report, with where the picture comes from in this output."""

    photo: GalleryPhoto
    country: str
    src: str = ""

    @property
    def key(self) -> object:
        return self.photo.key


@dataclass(frozen=True)
class SummaryCountry:
    code: str
    name: str
    actions: int
    cities: list[SummaryCity]
    photos: list[SummaryPhoto]

    @property
    def actions_label(self) -> str:
        return ngettext("%(n)s action", "%(n)s actions", self.actions) % {"n": self.actions}


@dataclass(frozen=True)
class Summary:
    campaign: Campaign
    call: LocalizedCall
    language: str
    actions: int
    cities: int
    countries: int
    first_day: datetime.date | None
    last_day: datetime.date | None
    headline: str
    intro_markdown: str
    intro_html: str
    intro_language: str
    sections: list[SummaryCountry]
    days: list[tuple[datetime.date, int]]

    @property
    def photos(self) -> list[SummaryPhoto]:
        return [photo for section in self.sections for photo in section.photos]

    def map_counts(self) -> tuple[dict[str, int], list[MapPoint]]:
        """What the world map draws: actions per country, and each city's centroid with its count."""
        countries = {section.code: section.actions for section in self.sections}
        points = [
            MapPoint(city.longitude, city.latitude, city.total, city.name)
            for section in self.sections
            for city in section.cities
            if city.latitude is not None and city.longitude is not None
        ]
        return countries, points

    def with_photo_sources(self, source: Callable[[SummaryPhoto], str]) -> Summary:
        """A copy whose photos point where ``source(photo)`` says (a URL, or a data: URI for offline files)."""
        sections = [
            dataclasses.replace(s, photos=[dataclasses.replace(p, src=source(p)) for p in s.photos])
            for s in self.sections
        ]
        return dataclasses.replace(self, sections=sections)


def headline(actions: int, cities: int, countries: int, first: datetime.date | None, last: datetime.date | None) -> str:
    """ "N actions in M cities of K countries between D1 and D2", each number with its own plural form (the
    same messages as the campaign page's tally) and the dates as the language writes them."""
    if not actions or first is None or last is None:
        return _("No reports have been published yet.")
    counts = " ".join(
        [
            ngettext("%(actions)s action", "%(actions)s actions", actions) % {"actions": actions},
            ngettext("in %(cities)s city", "in %(cities)s cities", cities) % {"cities": cities},
            ngettext("of %(countries)s country", "of %(countries)s countries", countries) % {"countries": countries},
        ]
    )
    if first == last:
        return _("%(counts)s on %(day)s") % {"counts": counts, "day": date_format(first, "DATE_FORMAT")}
    return _("%(counts)s between %(first)s and %(last)s") % {
        "counts": counts,
        "first": date_format(first, "DATE_FORMAT"),
        "last": date_format(last, "DATE_FORMAT"),
    }


def localized_intro(campaign: Campaign, language: str) -> tuple[str, str]:
    """The organiser's introduction in ``language`` and the language it is written in: the original where
    that translation has none."""
    if language != campaign.language:
        for translation_ in campaign.translations.all():
            if translation_.language == language and translation_.summary_intro.strip():
                return translation_.summary_intro, language
    return campaign.summary_intro, campaign.language


class _Row(NamedTuple):
    id: int
    held_on: datetime.date
    country: str
    city: str
    latitude: float | None
    longitude: float | None
    action_type: str
    participants: int | None
    public_text: str
    consented_name: str


def _published_rows(campaign: Campaign) -> list[_Row]:
    """Public columns of the published reports, oldest action first. The name is blanked in SQL unless the
    reporter agreed to its publication."""
    consented_name = Case(When(consent_name=True, then=F("reporter_name")), default=Value(""), output_field=CharField())
    rows = (
        Report.objects.filter(campaign_id=campaign.pk, status=Report.Status.PUBLISHED)
        .annotate(consented_name=consented_name)
        .values_list(*_Row._fields)
        .order_by("held_on", "id")
    )
    return [_Row(*values) for values in rows]


def _sections(rows: list[_Row], language: str) -> list[SummaryCountry]:
    """Countries by number of actions, each with its cities by number of actions, each with its actions in
    the order they were held (photos are added afterwards)."""
    labels = dict(ActionType.choices)
    grouped: dict[str, dict[str, list[_Row]]] = {}
    for row in rows:
        grouped.setdefault(row.country, {}).setdefault(row.city, []).append(row)
    sections = []
    for code, cities in grouped.items():
        city_list = []
        for name, city_rows in cities.items():
            actions = [
                SummaryAction(
                    id=row.id,
                    held_on=row.held_on,
                    action=str(labels.get(row.action_type, row.action_type)),
                    participants=row.participants,
                    text=row.public_text,
                    name=row.consented_name,
                )
                for row in city_rows[:ACTIONS_PER_CITY]
            ]
            centre = city_rows[0]
            city_list.append(SummaryCity(name, centre.latitude, centre.longitude, len(city_rows), actions))
        city_list.sort(key=lambda city: (-city.total, city.name))
        total = sum(city.total for city in city_list)
        sections.append(SummaryCountry(code, local_country_name(code, language), total, city_list, []))
    sections.sort(key=lambda section: (-section.actions, section.name))
    return sections


def _photo_selection(campaign: Campaign, country_order: list[str]) -> dict[str, list[SummaryPhoto]]:
    """Up to PHOTOS_PER_COUNTRY consented photos per country and MAX_PHOTOS in all.

    Within a country, first photos of reports come before second ones (more actions shown, rather than one
    action three times), newest action first. Countries take turns in the summary's order, so twelve photos
    cover twelve countries before any country gets a second.
    """
    ranked = (
        Photo.objects.public()
        .filter(report__campaign_id=campaign.pk)
        .select_related("report")
        .only(
            "key",
            "width",
            "height",
            "alt_text",
            "position",
            "report__id",
            "report__held_on",
            "report__city",
            "report__country",
            "report__action_type",
        )
        .annotate(
            rank=Window(
                RowNumber(),
                partition_by=[F("report__country")],
                order_by=[F("position").asc(), F("report__held_on").desc(), F("report_id").desc(), F("id").asc()],
            )
        )
        .filter(rank__lte=PHOTOS_PER_COUNTRY)
        .order_by("rank")
    )
    by_country: dict[str, list[Photo]] = {}
    for photo in ranked:
        by_country.setdefault(photo.report.country, []).append(photo)
    chosen: dict[str, list[SummaryPhoto]] = {}
    taken = 0
    for turn in range(PHOTOS_PER_COUNTRY):
        for code in country_order:
            candidates = by_country.get(code, [])
            if taken < MAX_PHOTOS and turn < len(candidates):
                chosen.setdefault(code, []).append(SummaryPhoto(photo=to_gallery(candidates[turn]), country=code))
                taken += 1
    return chosen


def _days(
    campaign: Campaign, counts: Counter[datetime.date], first: datetime.date, last: datetime.date
) -> list[tuple[datetime.date, int]]:
    """Every day of the campaign so far plus any day with an action outside it, with its count (zero too)."""
    start = min(first, campaign.starts_on)
    end = max(last, min(campaign.ends_on, timezone.localdate()))
    if (end - start).days >= MAX_CHART_DAYS:  # a call open for years: chart only the days with actions between
        start, end = first, last
    return [
        (start + datetime.timedelta(days=i), counts[start + datetime.timedelta(days=i)])
        for i in range((end - start).days + 1)
    ]


def build_summary(campaign: Campaign, language: str) -> Summary:
    """The summary of a campaign's published actions in ``language`` (three queries, plus one for the
    translations unless they were prefetched)."""
    with translation.override(language):
        rows = _published_rows(campaign)
        sections = _sections(rows, language)
        photos = _photo_selection(campaign, [section.code for section in sections])
        sections = [dataclasses.replace(section, photos=photos.get(section.code, [])) for section in sections]

        counts = Counter(row.held_on for row in rows)
        first, last = (min(counts), max(counts)) if counts else (None, None)
        n_cities = sum(len(section.cities) for section in sections)
        intro, intro_language = localized_intro(campaign, language)
        return Summary(
            campaign=campaign,
            call=localized(campaign, language),
            language=language,
            actions=len(rows),
            cities=n_cities,
            countries=len(sections),
            first_day=first,
            last_day=last,
            headline=headline(len(rows), n_cities, len(sections), first, last),
            intro_markdown=intro,
            intro_html=render_markdown(intro),
            intro_language=intro_language,
            sections=sections,
            days=_days(campaign, counts, first, last) if first and last else [],
        )
