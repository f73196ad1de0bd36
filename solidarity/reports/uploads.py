"""Photos between upload and report.

A browser cannot re-fill a file input, so when the report form comes back (an error, or the place to confirm)
the photos already sent must not be lost. Each upload is re-encoded at once and kept under an unguessable
token in ``MEDIA_ROOT/staging/``; the form carries the tokens, and submitting the report moves the files into
place. Only re-encoded bytes are ever written to disk. Tokens nobody claims are purged after a day.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import time
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile

from solidarity.lib.images import reencode

_TOKEN = re.compile(r"^[a-f0-9]{32}$")
STALE_AFTER = 24 * 3600


@dataclass(frozen=True)
class StagedPhoto:
    token: str
    width: int
    height: int
    name: str  # the uploaded file name, shown back only to the person who sent it

    @property
    def image_path(self) -> Path:
        return staging_dir() / f"{self.token}.jpg"

    @property
    def thumb_path(self) -> Path:
        return staging_dir() / f"{self.token}-thumb.jpg"


def staging_dir() -> Path:
    path = Path(settings.MEDIA_ROOT) / "staging"
    path.mkdir(parents=True, exist_ok=True)
    return path


def stage(upload: UploadedFile) -> StagedPhoto:
    """Re-encode an upload and keep it under a new token; raises ``ImageRejected`` with a clear message."""
    limits = settings.SOLIDARITY
    encoded = reencode(
        upload,
        max_bytes=limits["MAX_PHOTO_BYTES"],
        max_pixels=limits["MAX_PHOTO_PIXELS"],
        long_side=limits["PHOTO_LONG_SIDE"],
        thumb_side=limits["THUMB_LONG_SIDE"],
    )
    token = secrets.token_hex(16)
    name = os.path.basename(upload.name or "photo")[:100]
    photo = StagedPhoto(token=token, width=encoded.width, height=encoded.height, name=name)
    photo.image_path.write_bytes(encoded.data)
    photo.thumb_path.write_bytes(encoded.thumbnail)
    (staging_dir() / f"{token}.json").write_text(
        json.dumps({"width": encoded.width, "height": encoded.height, "name": name}), encoding="utf-8"
    )
    return photo


def load(token: str) -> StagedPhoto | None:
    """The staged photo for a token from a form, or ``None`` if it is malformed, unknown or purged."""
    if not _TOKEN.match(token or ""):
        return None
    try:
        meta = json.loads((staging_dir() / f"{token}.json").read_text(encoding="utf-8"))
    except (FileNotFoundError, ValueError):
        return None
    photo = StagedPhoto(token=token, width=meta["width"], height=meta["height"], name=meta.get("name", ""))
    return photo if photo.image_path.exists() and photo.thumb_path.exists() else None


def discard(token: str) -> None:
    if _TOKEN.match(token or ""):
        for suffix in (".jpg", "-thumb.jpg", ".json"):
            (staging_dir() / f"{token}{suffix}").unlink(missing_ok=True)


def purge_stale(now: float | None = None) -> int:
    """Delete staged files older than a day; returns how many photos went."""
    cutoff = (now or time.time()) - STALE_AFTER
    gone = 0
    for meta in staging_dir().glob("*.json"):
        if meta.stat().st_mtime < cutoff:
            discard(meta.stem)
            gone += 1
    return gone
