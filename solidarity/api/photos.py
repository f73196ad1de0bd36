"""Photo upload for partner sites: one file per request, re-encoded at once, answered with a token.

The token goes into a report's ``photos`` (``POST /campaigns/{slug}/reports``). This is the web form's own
two-step flow (``reports.uploads``): the uploaded bytes are decoded and written anew, so no EXIF, GPS or other
metadata survives, and the original is never stored. A token nobody claims is deleted after a day.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from ninja import File, Router, UploadedFile
from ninja.responses import Status

from solidarity.api.auth import KEY_AUTH
from solidarity.api.limits import KeyThrottle
from solidarity.api.schemas import ErrorOut, PhotoStaged
from solidarity.lib.images import ImageRejected
from solidarity.reports import uploads

router = Router(tags=["reports"])


@router.post(
    "",
    auth=KEY_AUTH,
    throttle=KeyThrottle("photos", photos=True),
    response={201: PhotoStaged, 400: ErrorOut, 401: ErrorOut, 422: ErrorOut, 429: ErrorOut},
    summary="Upload a photo",
)
def photo_upload(request: HttpRequest, file: File[UploadedFile]) -> Any:
    """A photo (JPEG, PNG, WebP or HEIC) as the multipart part `file`; returns the token to attach it."""
    try:
        staged = uploads.stage(file)
    except ImageRejected as exc:
        raise ValidationError({"file": [str(exc)]}) from exc
    return Status(201, {"token": staged.token, "width": staged.width, "height": staged.height})
