"""The summary as an A4 PDF (WeasyPrint), and the copy kept per campaign data version for the summary page.

WeasyPrint fetches every URL a document names. Ours gets :class:`OwnFilesFetcher` instead of the default one:
no network at all, only ``data:`` URIs, our own static files, and photos of published reports whose reporters
agreed, read from disk exactly as the public photo view would serve them; anything else is refused. So even a
link slipped into a report could not make the server call out, and no private photo can end up in a PDF.

This module imports WeasyPrint (and through it Pango) at the top; the rest of the summary imports it only
when a PDF is asked for.
"""

from __future__ import annotations

import fcntl
import logging
import mimetypes
import os
import re
import tempfile
from pathlib import Path
from typing import BinaryIO
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders

# WeasyPrint narrates every step at INFO, from its import on; our logs keep its warnings only.
logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)

from weasyprint import HTML  # noqa: E402
from weasyprint.urls import URLFetcher, URLFetcherResponse  # noqa: E402

from solidarity.campaigns.models import Campaign  # noqa: E402
from solidarity.reports.models import Photo  # noqa: E402
from solidarity.reports.summary import Summary, build_summary  # noqa: E402
from solidarity.reports.summary_render import document  # noqa: E402

# Relative URLs in the document resolve against this made-up origin: the reserved .invalid name can never reach
# a real host, and OwnFilesFetcher answers for it from disk.
OWN_ORIGIN = "https://solidarity.invalid"
_PHOTO_PATH = re.compile(r"^/media/photos/(?P<key>[0-9a-f\-]{36})(?P<thumb>-thumb)?\.jpg$")


class OwnFilesFetcher(URLFetcher):
    """WeasyPrint's URL fetcher, confined to ``data:`` URIs and our own files.

    ``/static/…`` is read from the static files; ``/media/photos/<key>[-thumb].jpg`` only for a photo of a
    published report whose reporter agreed. Every other URL (another host, ``file:``, any other path) raises,
    which WeasyPrint treats as a missing resource.
    """

    def __init__(self) -> None:
        super().__init__(allowed_protocols={"data"}, allow_redirects=False, timeout=1)

    def fetch(self, url: str, headers: dict[str, str] | None = None) -> URLFetcherResponse:
        parts = urlsplit(url)
        if parts.scheme == "data":
            return super().fetch(url, headers)
        if f"{parts.scheme}://{parts.netloc}" != OWN_ORIGIN or parts.query:
            raise ValueError("only our own files may be read")
        path = unquote(parts.path)
        if ".." in path.split("/"):
            raise ValueError("only our own files may be read")
        content = self._static(path) if path.startswith(settings.STATIC_URL) else self._photo(path)
        mime = mimetypes.guess_type(path)[0] or "application/octet-stream"
        return URLFetcherResponse(url, body=content, headers={"Content-Type": mime})

    @staticmethod
    def _static(path: str) -> bytes:
        found = finders.find(path.removeprefix(settings.STATIC_URL))
        if not found:
            raise ValueError("no such static file")
        return Path(found).read_bytes()

    @staticmethod
    def _photo(path: str) -> bytes:
        match = _PHOTO_PATH.match(path)
        if not match:
            raise ValueError("only our own files may be read")
        photo = Photo.objects.public().filter(key=match["key"]).only("image", "thumbnail").first()
        if photo is None:
            raise ValueError("not a published photo")
        field = photo.thumbnail if match["thumb"] else photo.image
        with field.open("rb") as handle:
            return handle.read()


def render_pdf(summary: Summary) -> bytes:
    """The summary as an A4 PDF, the map and chart as pictures, photos as thumbnails."""
    html = document(summary, pdf=True)
    return HTML(string=html, base_url=f"{OWN_ORIGIN}/", url_fetcher=OwnFilesFetcher()).write_pdf()


def summary_root() -> Path:
    return Path(settings.SUMMARY_ROOT)


def cached_pdf(campaign: Campaign, language: str) -> Path:
    """The PDF of the campaign's current data version in ``language``, rendered on the first request.

    Every service that changes public data bumps the version, so a kept file is never stale. One process
    renders while the others wait on a lock and then read its file (a surge after a publication costs one
    rendering, not one per reader); files of older versions go once a newer one exists.
    """
    folder = summary_root() / str(campaign.pk)
    target = folder / f"v{campaign.data_version}-{language}.pdf"
    if target.exists():
        return target
    folder.mkdir(parents=True, exist_ok=True)
    with open(folder / ".lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            if not target.exists():
                content = render_pdf(build_summary(campaign, language))
                fd, tmp = tempfile.mkstemp(dir=folder, prefix=".tmp-", suffix=".pdf")
                with os.fdopen(fd, "wb") as handle:
                    handle.write(content)
                os.replace(tmp, target)
                _remove_older(folder, campaign.data_version)
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)
    return target


def open_cached_pdf(campaign: Campaign, language: str) -> BinaryIO:
    """The kept PDF, opened. Should a newer version remove it between finding and opening it, the newer one is
    served instead (an open file survives its removal, so the caller reads it whole)."""
    try:
        return open(cached_pdf(campaign, language), "rb")  # noqa: SIM115 (the caller closes it)
    except FileNotFoundError:
        campaign.refresh_from_db(fields=["data_version"])
        return open(cached_pdf(campaign, language), "rb")  # noqa: SIM115


def _remove_older(folder: Path, version: int) -> None:
    for old in folder.glob("v*-*.pdf"):
        number = old.name[1:].split("-", 1)[0]
        if number.isdigit() and int(number) < version:
            old.unlink(missing_ok=True)
