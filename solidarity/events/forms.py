"""The organiser's event form: times as typed where the event happens, the place looked up in the gazetteer.

Django's admin reads a date and time in the server's zone (UTC here). An organiser in Berlin announcing a rally
in Moscow thinks "18:00 Moscow time", so the form takes the wall-clock time and the event's time zone and makes
the instant from both; when it shows a saved event it turns the instant back into that zone's wall clock. For
an all-day event the times are ignored and the last day is given, not the midnight after it.
"""

from __future__ import annotations

import datetime
import zoneinfo
from typing import Any

from django import forms
from django.contrib.admin.widgets import AdminSplitDateTime
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from solidarity.events.models import Event, EventTranslation
from solidarity.events.services import set_place
from solidarity.places.countries import country_name, find_country
from solidarity.places.geocode import City, city_by_id, resolve


class WallClockField(forms.SplitDateTimeField):
    """A date and an optional time (midnight when left empty), as a naive wall-clock time: the form places it in
    the event's zone once it knows which."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(widget=AdminSplitDateTime, require_all_fields=False, **kwargs)
        self.fields[1].required = False

    def compress(self, data_list: list[Any]) -> datetime.datetime | None:
        if not data_list or data_list[0] in self.empty_values:
            if data_list and data_list[1] not in self.empty_values:
                raise ValidationError(self.error_messages["invalid_date"], code="invalid_date")
            return None
        return datetime.datetime.combine(data_list[0], data_list[1] or datetime.time())


def _zone(name: str) -> zoneinfo.ZoneInfo | None:
    try:
        return zoneinfo.ZoneInfo(name) if name else None
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return None


class EventForm(forms.ModelForm):
    place = forms.CharField(
        label=_("City or country"),
        max_length=200,
        required=False,
        help_text=_(
            "A city in any language or spelling (“Moscow”, “München, Germany”), looked up in the gazetteer; or only "
            "a country for an action across it. Leave it empty for an online event or a day kept everywhere."
        ),
    )
    starts_at = WallClockField(label=_("starts"), help_text=_("Local time where it happens (see the time zone)."))
    ends_at = WallClockField(
        label=_("ends"),
        required=False,
        help_text=_("Local time where it happens; for an all-day event, its last day."),
    )

    online_url = forms.URLField(
        label=_("online link"),
        max_length=500,
        required=False,
        assume_scheme="https",
        help_text=_("Where to watch or join online."),
        error_messages={"invalid": _("Give a web address starting with https:// or http://.")},
    )

    class Meta:
        model = Event
        # the city and country come from "place"
        fields = [*(f for f in Event.EDITABLE_FIELDS if f not in ("city", "country")), "organisers", "people", "cases"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.city: City | None = None
        self.country_code = ""
        event = self.instance
        if event.pk:
            zone = event.zone
            self.initial["starts_at"] = event.starts_at.astimezone(zone).replace(tzinfo=None)
            if event.ends_at:
                end = event.ends_at.astimezone(zone).replace(tzinfo=None)
                self.initial["ends_at"] = end - datetime.timedelta(days=1) if event.all_day else end
            if event.city:
                self.initial["place"] = f"{event.city}, {country_name(event.country)}"
            elif event.country:
                self.initial["place"] = country_name(event.country)

    def clean_place(self) -> str:
        text = self.cleaned_data["place"].strip()
        if not text:
            return ""
        event = self.instance
        unchanged = "place" not in self.changed_data and (event.city or event.country)
        if unchanged:
            self.city = city_by_id(event.geonameid) if event.geonameid else None
            self.country_code = event.country
            return text
        self.country_code = find_country(text) or ""
        if not self.country_code:
            self.city = resolve(text)
            if self.city is None:
                raise ValidationError(_("No city or country of that name in the gazetteer."))
        return text

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        zone = _zone(cleaned.get("timezone", "")) or zoneinfo.ZoneInfo("UTC")  # a bad name has its own error
        start, end = cleaned.get("starts_at"), cleaned.get("ends_at")
        if cleaned.get("all_day"):
            start = start and datetime.datetime.combine(start.date(), datetime.time())
            end = end and datetime.datetime.combine(end.date() + datetime.timedelta(days=1), datetime.time())
            if start and end is None:
                end = start + datetime.timedelta(days=1)
        cleaned["starts_at"] = start and start.replace(tzinfo=zone)
        cleaned["ends_at"] = end and end.replace(tzinfo=zone)
        if "place" not in self.errors:
            if self.city is not None:
                set_place(self.instance, self.city)
            else:
                set_place(self.instance, None, country=self.country_code)
        return cleaned


class TranslationForm(forms.ModelForm):
    class Meta:
        model = EventTranslation
        fields = ["language", "title", "description"]
