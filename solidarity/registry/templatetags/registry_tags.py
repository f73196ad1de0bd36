"""Showing registry facts as they are known: a date only as precisely as the source gives it, a status with its
date and whether it is only alleged."""

from __future__ import annotations

import datetime
from typing import Any

from django import template
from django.template.defaultfilters import date as format_date
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from solidarity.registry.models import Certainty, Precision, StatusEvent, StatusKind

register = template.Library()

_STATUS_LABELS = dict(StatusKind.choices)


def date_text(value: datetime.date, precision: str) -> tuple[str, str]:
    """(machine-readable, human-readable) forms of a date known to ``precision``.

    A date known only to the month is stored as the 1st; printing "1 March 2014" would claim a precision the
    source never gave, so the reader sees "March 2014", "2014" or "about 2014" instead.
    """
    if precision == Precision.MONTH:
        return value.strftime("%Y-%m"), format_date(value, "YEAR_MONTH_FORMAT")
    if precision == Precision.YEAR:
        return str(value.year), str(value.year)
    if precision == Precision.APPROXIMATE:
        return str(value.year), _("about %(year)s") % {"year": value.year}
    return value.isoformat(), format_date(value, "DATE_FORMAT")


@register.simple_tag
def fuzzy_date(value: datetime.date | None, precision: str | None = None) -> SafeString | str:
    """``<time>`` for a date at its precision: {% fuzzy_date event.on event.precision %}."""
    if not value:
        return ""
    machine, human = date_text(value, precision or Precision.DAY)
    return format_html('<time datetime="{}">{}</time>', machine, human)


@register.filter
def status_label(code: str) -> str:
    """A status code as the reader's language names it ("custody" → "in custody")."""
    return str(_STATUS_LABELS.get(code, code))


@register.simple_tag
def current_status(person: Any, deciding: StatusEvent | None = None) -> SafeString:
    """A person's current status with its date and an "alleged" mark.

    The date's precision and the certainty come from ``deciding``, the event the status was taken from (the
    person page has the timeline), else from ``selectors.with_status_detail``; without either the date is
    shown to the day and unmarked.
    """
    if not person.current_status:
        return format_html('<span class="meta">{}</span>', _("no status recorded"))
    precision = deciding.precision if deciding else getattr(person, "status_precision", None)
    certainty = deciding.certainty if deciding else getattr(person, "status_certainty", None)
    html = format_html(
        '<span class="status status-{}">{}</span>', person.current_status, status_label(person.current_status)
    )
    if person.current_status_on:
        html += format_html(" · {}", fuzzy_date(person.current_status_on, precision))
    if certainty == Certainty.ALLEGED:
        html += format_html(' <em class="alleged">({})</em>', _("alleged"))
    return html
