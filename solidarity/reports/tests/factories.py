"""Reports made through the real submission service, for tests of what happens after."""

from __future__ import annotations

import itertools

from django.utils import timezone

from solidarity.places.geocode import resolve
from solidarity.reports.services import ReportInput, report_submit

_counter = itertools.count()


def submit(campaign, city="Berlin", action="picket", photos=0, **fields):
    """A report as the form stores it; ``photos`` real JPEGs attached (staged first, as the form does)."""
    data = ReportInput(
        held_on=fields.pop("held_on", timezone.localdate()),
        city=resolve(city),
        action_type=action,
        public_text=fields.pop("public_text", f"report {next(_counter)}"),
        place_input=city,
        **fields,
    )
    return report_submit(campaign=campaign, data=data, photo_tokens=[photo_token() for _ in range(photos)])


def photo_token(**jpeg_args) -> str:
    """A real JPEG staged as the report form stages it; the token is what ``report_submit`` attaches."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from conftest import jpeg_bytes
    from solidarity.reports import uploads

    upload = SimpleUploadedFile("p.jpg", jpeg_bytes(**jpeg_args), content_type="image/jpeg")
    return uploads.stage(upload).token


# What each private field of a planted report holds, after the canary: tests search public output for the canary
# and private output for each marker.
CANARY_MARKERS = ("-name", "-contact@", "-place", "-raw", "-raw-contact", "-note", "-message-id", "-hash")


def planted_report(
    campaign,
    moderator,
    canary: str,
    *,
    city: str = "Berlin",
    public_text: str = "Public words.",
    consent_name: bool = False,
    consent_photos: bool = False,
    photo: bool = True,
):
    """A published report with ``canary`` in every private field (see CANARY_MARKERS), for privacy tests."""
    from solidarity.reports import services
    from solidarity.reports.models import Report

    report = report_submit(
        campaign=campaign,
        photo_tokens=[photo_token()] if photo else [],
        data=ReportInput(
            held_on=campaign.starts_on,
            city=resolve(city),
            action_type="picket",
            public_text=public_text,
            reporter_name=f"Name {canary}-name",
            reporter_contact=f"{canary}-contact@example.org",
            place_input=f"{city} {canary}-place",
            raw={"city": f"{city} {canary}-raw", "reporter_contact": f"{canary}-raw-contact"},
            message_id=f"<{canary}-message-id@example.org>",
            consent_name=consent_name,
            consent_photos=consent_photos,
        ),
    )
    Report.objects.filter(pk=report.pk).update(content_hash=f"{canary}-hash")
    services.report_update(report=report, changes={"moderator_note": f"{canary}-note"}, actor=moderator)
    return services.report_publish(report=report, actor=moderator)
