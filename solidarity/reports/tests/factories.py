"""Reports made through the real submission service, for tests of what happens after."""

from __future__ import annotations

import itertools

from django.utils import timezone

from solidarity.places.geocode import resolve
from solidarity.reports.services import ReportInput, report_submit

_counter = itertools.count()


def submit(campaign, city="Berlin", action="picket", **fields):
    data = ReportInput(
        held_on=fields.pop("held_on", timezone.localdate()),
        city=resolve(city),
        action_type=action,
        public_text=fields.pop("public_text", f"report {next(_counter)}"),
        place_input=city,
        **fields,
    )
    return report_submit(campaign=campaign, data=data)
