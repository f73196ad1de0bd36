"""The web submission flow: validate, keep photos, confirm the place, then store.

Kept apart from the view so that the steps read in order and can be tested without HTTP.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from enum import Enum

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext as _

from solidarity.lib import ratelimit
from solidarity.lib.images import ImageRejected
from solidarity.reports import uploads
from solidarity.reports.forms import ReportForm
from solidarity.reports.models import Report
from solidarity.reports.services import report_submit

logger = logging.getLogger("solidarity.reports")


class Step(Enum):
    INVALID = "invalid"  # show the form again with errors and everything typed
    CONFIRM = "confirm"  # show the form again with the resolved place to confirm
    LIMITED = "limited"  # too many submissions from this client
    SPAM = "spam"  # honeypot filled: pretend success, store nothing
    UNAVAILABLE = "unavailable"  # the server could not store it (disk full): nothing saved, try again later
    SAVED = "saved"


def _store_failed() -> str:
    """Said when the disk or media store refuses a photo (translated in the visitor's language)."""
    return _(
        "The server could not store your photos just now, so nothing was saved. Please try again in a few "
        "minutes; what you typed is still here."
    )


@dataclass
class Outcome:
    step: Step
    form: ReportForm
    report: Report | None = None


def process(request: HttpRequest, form: ReportForm) -> Outcome:
    """Run one POST of the report form through every check, in the order a supporter would want."""
    if form.is_spam:
        return Outcome(Step.SPAM, form)
    valid = form.is_valid()
    _stage_photos(request, form)
    if not valid or form.errors:
        return Outcome(Step.INVALID, form)
    if form.needs_confirmation:
        return Outcome(Step.CONFIRM, form)
    limits = settings.SOLIDARITY
    if not ratelimit.hit(request, "report", limit=limits["REPORT_RATE_LIMIT"], window=limits["REPORT_RATE_WINDOW"]):
        form.add_error(
            None,
            _(
                "Too many reports came from your connection in a short time. Please wait a few "
                "minutes and send again; nothing you typed is lost."
            ),
        )
        return Outcome(Step.LIMITED, form)
    try:
        report = report_submit(
            campaign=form.campaign, data=form.to_input(), photo_tokens=[photo.token for photo in form.staged_photos]
        )
    except ValidationError as exc:
        _add_errors(form, exc)
        return Outcome(Step.INVALID, form)
    except OSError:  # the disk (or media store) refused a photo: the report's transaction was rolled back whole
        logger.error("a report could not be saved: storing its photos failed", exc_info=True)
        form.add_error(None, _store_failed())
        return Outcome(Step.UNAVAILABLE, form)
    return Outcome(Step.SAVED, form, report)


def _stage_photos(request: HttpRequest, form: ReportForm) -> None:
    """Keep the photos already staged (unless unticked) and stage new uploads, naming each rejected file."""
    kept = [uploads.load(token) for token in request.POST.getlist("keep")[: settings.SOLIDARITY["MAX_PHOTOS"]]]
    form.staged_photos = [photo for photo in kept if photo is not None]
    for token in set(request.POST.getlist("staged")) - {p.token for p in form.staged_photos}:
        uploads.discard(token)  # unticked by the supporter
    for upload in request.FILES.getlist("photos"):
        if len(form.staged_photos) >= settings.SOLIDARITY["MAX_PHOTOS"]:
            form.add_error(
                "photos",
                _("At most %(n)d photos per report; %(name)s was not added.")
                % {"n": settings.SOLIDARITY["MAX_PHOTOS"], "name": upload.name},
            )
            continue
        try:
            form.staged_photos.append(uploads.stage(upload))
        except ImageRejected as exc:
            form.add_error("photos", f"{upload.name}: {exc}")
        except OSError:  # a full disk or an unreachable media store: the photo is fine, the server is not
            logger.error("an uploaded photo could not be stored", exc_info=True)
            form.add_error("photos", f"{upload.name}: {_store_failed()}")


def _add_errors(form: ReportForm, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            for error in errors:
                form.add_error(field if field in form.fields else None, error)
    else:
        for message in exc.messages:
            form.add_error(None, message)
