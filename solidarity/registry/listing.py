"""The public list of people, filtered the way supporters ask: a name in any spelling, a status, a case, an
organisation, a country, a charge."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from solidarity.places.countries import local_country_name
from solidarity.registry.models import Case, Organisation, StatusKind
from solidarity.registry.selectors import MAX_CHOICES, PeopleFilter, matching, people_filter_options

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
        for name, choices, empty in (
            ("case", options.cases, _("any case")),
            ("organisation", options.organisations, _("any organisation")),
        ):
            if len(choices) > MAX_CHOICES:
                self.fields[name] = forms.CharField(
                    label=self.fields[name].label,
                    required=False,
                    max_length=SEARCH_MAX_CHARS,
                    help_text=_("Its name, in any spelling."),
                )
            else:
                self.fields[name].choices = [("", empty), *choices]
        self.fields["country"].choices = [("", _("any country")), *countries]

    def clean_case(self) -> str:
        return self._slug_for("case", Case)

    def clean_organisation(self) -> str:
        return self._slug_for("organisation", Organisation)

    def _slug_for(self, name: str, model: type[Case] | type[Organisation]) -> str:
        """A typed name (text field) turned into the record's slug; a chosen slug (drop-down) as it is."""
        value = self.cleaned_data.get(name) or ""
        if not value or isinstance(self.fields[name], forms.ChoiceField):
            return value
        found = model.objects.filter(slug=value).values_list("slug", flat=True).first()
        found = found or matching(model.objects.order_by("name"), value).values_list("slug", flat=True).first()
        if not found:
            raise forms.ValidationError(_("Nothing of that name is in the registry."))
        return found

    def people_filter(self) -> PeopleFilter:
        """The valid filters as the selector takes them; an invalid one counts as not given."""
        self.is_valid()
        cleaned = getattr(self, "cleaned_data", {})
        valid = {name: cleaned.get(name) or "" for name in self.fields if name not in self.errors}
        return PeopleFilter(**valid)

    @property
    def is_filtered(self) -> bool:
        return any(self.data.get(name) for name in self.fields)
