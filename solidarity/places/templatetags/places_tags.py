from django import template
from django.utils.translation import get_language

from solidarity.places.countries import local_country_name

register = template.Library()


@register.filter
def country_label(code: str) -> str:
    """A country code as the reader's language names it: {{ row.code|country_label }}."""
    return local_country_name(code, get_language() or "en")
