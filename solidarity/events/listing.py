"""The calendar's filters from the query string: kind, country, organisation. Plain GET parameters, so they work
without JavaScript and a filtered calendar is a link one can share (and subscribe to, as iCalendar)."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django import forms
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from solidarity.events.models import Kind
from solidarity.events.selectors import CalendarFilter, filter_options
from solidarity.places.countries import local_country_name

FILTER_NAMES = ("kind", "country", "organisation")


class CountryField(forms.ChoiceField):
    """A country code in any case: "ru" in a hand-typed address means Russia as much as "RU"."""

    def to_python(self, value: Any) -> str:
        return super().to_python(value).upper()


class CalendarFilters(forms.Form):
    """An invalid value (an old link, a typo) is shown with its message and ignored; the valid ones still apply."""

    kind = forms.ChoiceField(label=_("Kind"), required=False)
    country = CountryField(label=_("Country"), required=False)
    organisation = forms.ChoiceField(label=_("Organisation"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        options = filter_options()
        language = get_language() or "en"
        countries = sorted(
            ((code, local_country_name(code, language)) for code in options.countries), key=lambda item: item[1]
        )
        self.fields["kind"].choices = [("", _("any kind")), *Kind.choices]
        self.fields["country"].choices = [("", _("any country")), *countries]
        self.fields["organisation"].choices = [("", _("any organisation")), *options.organisations]

    def calendar_filter(self) -> CalendarFilter:
        """The valid filters as the selectors take them; an invalid one counts as not given."""
        self.is_valid()
        cleaned = getattr(self, "cleaned_data", {})
        return CalendarFilter(**{name: cleaned.get(name) or "" for name in FILTER_NAMES if name not in self.errors})

    @property
    def is_filtered(self) -> bool:
        return any(self.data.get(name) for name in FILTER_NAMES)

    def query(self) -> str:
        """The valid filters as a query string, for links that keep them (months, subscriptions)."""
        chosen = self.calendar_filter()
        return urlencode({name: getattr(chosen, name) for name in FILTER_NAMES if getattr(chosen, name)})
