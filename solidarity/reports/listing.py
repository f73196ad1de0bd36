"""The public list of a campaign's actions, filtered the way readers ask: where, when, what."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django import forms
from django.db.models import Count, Prefetch, QuerySet
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from solidarity.campaigns.models import ActionType, Campaign
from solidarity.places.countries import local_country_name
from solidarity.reports.models import Photo, Report

PAGE_SIZE = 50


class ReportFilters(forms.Form):
    """Filters from the query string; an invalid value is ignored with a message rather than failing the page."""

    country = forms.ChoiceField(label=_("Country"), required=False)
    city = forms.CharField(label=_("City"), required=False, max_length=200)
    action = forms.ChoiceField(label=_("Action"), required=False)
    held_from = forms.DateField(label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    held_to = forms.DateField(label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args: Any, campaign: Campaign, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        counts = facets(campaign)
        language = get_language() or "en"
        countries = sorted(
            ((code, f"{local_country_name(code, language)} ({n})") for code, n in counts.by_country.items()),
            key=lambda item: item[1],
        )
        self.fields["country"].choices = [("", _("all countries")), *countries]
        actions = [
            (code, f"{label} ({counts.by_action[code]})")
            for code, label in ActionType.choices
            if code in counts.by_action
        ]
        self.fields["action"].choices = [("", _("all actions")), *actions]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        start, end = cleaned.get("held_from"), cleaned.get("held_to")
        if start and end and end < start:
            self.add_error("held_to", _("The end date is before the start date."))
        return cleaned


@dataclass(frozen=True)
class Facets:
    """How many published actions each filter value would show, for the counts beside the filters."""

    by_country: dict[str, int]
    by_action: dict[str, int]


def filtered_reports(campaign: Campaign, filters: dict[str, Any]) -> QuerySet[Report]:
    """Published reports of a campaign matching the (already validated) filters, newest action first."""
    reports = Report.objects.filter(campaign=campaign, status=Report.Status.PUBLISHED)
    if filters.get("country"):
        reports = reports.filter(country=filters["country"])
    if filters.get("city"):
        reports = reports.filter(city__iexact=filters["city"].strip())
    if filters.get("action"):
        reports = reports.filter(action_type=filters["action"])
    if isinstance(filters.get("held_from"), datetime.date):
        reports = reports.filter(held_on__gte=filters["held_from"])
    if isinstance(filters.get("held_to"), datetime.date):
        reports = reports.filter(held_on__lte=filters["held_to"])
    return reports.order_by("-held_on", "-id").prefetch_related(
        Prefetch("photos", queryset=Photo.objects.order_by("position", "id"))
    )


def facets(campaign: Campaign) -> Facets:
    published = Report.objects.filter(campaign=campaign, status=Report.Status.PUBLISHED).order_by()
    return Facets(
        by_country=dict(published.values_list("country").annotate(n=Count("id"))),
        by_action=dict(published.values_list("action_type").annotate(n=Count("id"))),
    )
