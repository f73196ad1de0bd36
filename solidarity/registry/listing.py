"""The public list of people, filtered the way supporters ask: a name in any spelling, a status, a case, an
organisation, a country, a charge."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from solidarity.places.countries import local_country_name
from solidarity.registry.models import StatusKind
from solidarity.registry.selectors import PeopleFilter, people_filter_options

PAGE_SIZE = 50
SEARCH_MAX_CHARS = 200


class CountryField(forms.ChoiceField):
    """A country code in any case: "ru" in a hand-typed address means Russia as much as "RU"."""

    def to_python(self, value: Any) -> str:
        return super().to_python(value).upper()


class PeopleFilters(forms.Form):
    """Filters from the query string. An invalid value (an old link to a case that no longer has public
    defendants, a typo in the address) is shown with its message and ignored; the valid ones still apply."""

    q = forms.CharField(
        label=_("Name"),
        required=False,
        max_length=SEARCH_MAX_CHARS,
        help_text=_("Any spelling, in Latin or Cyrillic letters."),
        widget=forms.TextInput(attrs={"type": "search"}),
    )
    status = forms.ChoiceField(label=_("Status"), required=False)
    case = forms.ChoiceField(label=_("Case"), required=False)
    organisation = forms.ChoiceField(label=_("Organisation"), required=False)
    country = CountryField(label=_("Country"), required=False)
    charge = forms.CharField(label=_("Charge"), required=False, max_length=SEARCH_MAX_CHARS)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        options = people_filter_options()
        language = get_language() or "en"
        countries = sorted(
            ((code, local_country_name(code, language)) for code in options.countries), key=lambda item: item[1]
        )
        self.fields["status"].choices = [("", _("any status")), *StatusKind.choices]
        self.fields["case"].choices = [("", _("any case")), *options.cases]
        self.fields["organisation"].choices = [("", _("any organisation")), *options.organisations]
        self.fields["country"].choices = [("", _("any country")), *countries]

    def people_filter(self) -> PeopleFilter:
        """The valid filters as the selector takes them; an invalid one counts as not given."""
        self.is_valid()
        cleaned = getattr(self, "cleaned_data", {})
        valid = {name: cleaned.get(name) or "" for name in self.fields if name not in self.errors}
        return PeopleFilter(**valid)

    @property
    def is_filtered(self) -> bool:
        return any(self.data.get(name) for name in self.fields)
