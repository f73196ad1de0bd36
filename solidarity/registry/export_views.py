"""Downloads of the public registry: ``/registry/people.csv`` and ``/registry/registry.json``.

Public people only, as ``transfer.py`` writes them; the organiser export with hidden people is a command
(``solidarity registry-export --include-hidden``) and never an address. Streamed, so a large registry costs
no memory; rate-limited per client like the report exports, since each download reads the whole registry.
"""

from __future__ import annotations

from collections.abc import Iterator

from django.conf import settings
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from solidarity.lib import ratelimit
from solidarity.registry import transfer

PUBLIC_LIMIT = 30
PUBLIC_WINDOW = 600
CONTENT_TYPES = {"csv": "text/csv; charset=utf-8", "json": "application/json"}


def _too_many() -> HttpResponse:
    response = HttpResponse(
        _("Too many downloads in a short time. Please try again in a few minutes."),
        status=429,
        content_type="text/plain; charset=utf-8",
    )
    response["Retry-After"] = str(PUBLIC_WINDOW)
    return response


def _download(request: HttpRequest, fmt: str, body: Iterator[str], stem: str) -> HttpResponse:
    if not ratelimit.hit(request, "registry-export", limit=PUBLIC_LIMIT, window=PUBLIC_WINDOW):
        return _too_many()
    # A HEAD request (link checkers) must not cost a read of the whole registry only to discard it.
    response = StreamingHttpResponse(iter(()) if request.method == "HEAD" else body, content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{stem}-{timezone.localdate().isoformat()}.{fmt}"'
    # Revalidated on every use, so a person hidden or a fact withdrawn leaves the file at once.
    response["Cache-Control"] = "public, no-cache"
    return response


def _base_url(request: HttpRequest) -> str:
    return settings.SOLIDARITY["PUBLIC_URL"] or request.build_absolute_uri("/").rstrip("/")


@require_safe
def people_csv(request: HttpRequest) -> HttpResponse:
    """One row per public person, with their status, cases, organisations, charges and page."""
    return _download(request, "csv", transfer.csv_chunks(base_url=_base_url(request)), "registry-people")


@require_safe
def registry_json(request: HttpRequest) -> HttpResponse:
    """The public registry as the JSON file ``solidarity registry-import`` reads."""
    return _download(request, "json", transfer.json_chunks(), "registry")
