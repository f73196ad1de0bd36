"""Photos between upload and report.

A browser cannot re-fill a file input, so when the report form comes back (an error, or the place to confirm)
the photos already sent must not be lost. Each upload is re-encoded at once and kept under an unguessable
token in the media store's ``staging/`` folder; the form carries the tokens, and submitting the report moves the
files into place. Only re-encoded bytes are ever written. Tokens nobody claims are purged after a day.

Everything goes through the storage API (``solidarity.lib.storage``): with several app boxes sharing one bucket,
the page that staged a photo and the one that submits the report may well be served by different boxes.
"""

from __future__ import annotations

import datetime
import json
import os
import re
import secrets
import time
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import Storage, default_storage
from django.core.files.uploadedfile import UploadedFile

from solidarity.lib.images import EncodedImage, reencode
from solidarity.lib.storage import copy, save_exactly

_TOKEN = re.compile(r"^[a-f0-9]{32}$")
STALE_AFTER = 24 * 3600
STAGING = "staging"
# the metadata goes last on staging and first on discarding, so a token whose metadata is found has its pictures
_SUFFIXES = (".jpg", "-thumb.jpg", ".json")


@dataclass(frozen=True)
class StagedPhoto:
    token: str
    width: int
    height: int
    name: str  # the uploaded file name, shown back only to the person who sent it

    @property
    def image_name(self) -> str:
        return _name(self.token, ".jpg")

    @property
    def thumb_name(self) -> str:
        return _name(self.token, "-thumb.jpg")

    @property
    def image_path(self) -> Path:
        """The staged photo on this box's disk; only a local media folder has one (tests look there)."""
        return Path(_storage().path(self.image_name))

    @property
    def thumb_path(self) -> Path:
        return Path(_storage().path(self.thumb_name))


def _storage() -> Storage:
    return default_storage


def _name(token: str, suffix: str) -> str:
    return f"{STAGING}/{token}{suffix}"


def stage(upload: UploadedFile) -> StagedPhoto:
    """Re-encode an upload and keep it under a new token; raises ``ImageRejected`` with a clear message."""
    return keep(encode(upload), upload.name or "photo")


def encode(upload: UploadedFile) -> EncodedImage:
    """The re-encoding alone, with the site's limits: pure computation, so e-mail intake runs it in worker
    processes that never touch the media store (see ``intake/pipeline.py``)."""
    limits = settings.SOLIDARITY
    return reencode(
        upload,
        max_bytes=limits["MAX_PHOTO_BYTES"],
        max_pixels=limits["MAX_PHOTO_PIXELS"],
        long_side=limits["PHOTO_LONG_SIDE"],
        thumb_side=limits["THUMB_LONG_SIDE"],
    )


def keep(encoded: EncodedImage, filename: str) -> StagedPhoto:
    """Keep re-encoded bytes under a new token in the staging folder."""
    token = secrets.token_hex(16)
    name = os.path.basename(filename or "photo")[:100]
    photo = StagedPhoto(token=token, width=encoded.width, height=encoded.height, name=name)
    meta = json.dumps({"width": encoded.width, "height": encoded.height, "name": name}).encode()
    storage = _storage()
    for suffix, data in zip(_SUFFIXES, (encoded.data, encoded.thumbnail, meta), strict=True):
        save_exactly(storage, _name(token, suffix), ContentFile(data))
    return photo


def load(token: str) -> StagedPhoto | None:
    """The staged photo for a token from a form, or ``None`` if it is malformed, unknown or purged."""
    if not _TOKEN.match(token or ""):
        return None
    storage = _storage()
    try:
        with storage.open(_name(token, ".json"), "rb") as handle:
            meta = json.loads(handle.read().decode("utf-8"))
    except (FileNotFoundError, ValueError):
        return None
    photo = StagedPhoto(token=token, width=meta["width"], height=meta["height"], name=meta.get("name", ""))
    return photo if storage.exists(photo.image_name) and storage.exists(photo.thumb_name) else None


def place(photo: StagedPhoto, *, image: str, thumbnail: str) -> None:
    """Give a staged photo and its thumbnail the names a report's photo keeps. The staged files stay until the
    report is committed (the caller discards the token then), so a report whose saving fails can be sent again
    with the same photos."""
    storage = _storage()
    copy(storage, photo.image_name, image)
    copy(storage, photo.thumb_name, thumbnail)


def discard(token: str) -> None:
    if _TOKEN.match(token or ""):
        storage = _storage()
        for suffix in reversed(_SUFFIXES):
            storage.delete(_name(token, suffix))


def purge_stale(now: float | None = None) -> int:
    """Delete staged files older than a day; returns how many photos went."""
    cutoff = datetime.datetime.fromtimestamp((now or time.time()) - STALE_AFTER, tz=datetime.UTC)
    storage = _storage()
    try:
        _folders, files = storage.listdir(STAGING)
    except FileNotFoundError:
        return 0
    gone = 0
    for file in files:
        token, suffix = os.path.splitext(file)
        if suffix != ".json" or not _TOKEN.match(token):
            continue
        try:
            modified = storage.get_modified_time(_name(token, ".json"))
        except FileNotFoundError:
            continue  # claimed or purged by another box meanwhile
        if modified < cutoff:
            discard(token)
            gone += 1
    return gone
