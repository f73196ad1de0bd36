"""Exports of a campaign's reports as CSV, JSON and GeoJSON, streamed in flat memory.

Two kinds, with nothing in common but the writers:

* **Public**: published reports only, and of them only the public fields. The model fields come from
  ``services.PUBLIC_FIELDS`` (the one list of what the public may see of a report), plus the number, when it
  was published, the sample flag, and two consent-gated columns: the reporter's name (the database returns it
  only where ``consent_name`` is set, so a name without consent never even reaches this process) and the photo
  URLs (only where ``consent_photos`` is set).
* **Private**: every report of the campaign in every status, with every column of the table. For organisers
  holding ``reports.export_private``; :func:`private_export` checks that and writes the audit entry, so the
  admin view and the command cannot forget either.

Rows are read by keyset pagination (``id > last seen``, ``CHUNK_SIZE`` at a time): each chunk is a short query
of its own, so a slow download never holds a database cursor or read transaction open, memory stays flat
however many reports there are, and SQLite and PostgreSQL behave alike. Photos are fetched once per chunk.
Writers yield text one chunk at a time; ``StreamingHttpResponse`` and the command encode it as UTF-8.
"""

from __future__ import annotations

import csv
import datetime
import io
import json
import uuid
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import models
from django.db.models import Case, F, QuerySet, Value, When
from django.urls import reverse

from solidarity.campaigns.models import Campaign
from solidarity.lib import audit
from solidarity.places.countries import country_name
from solidarity.reports.models import Photo, Report
from solidarity.reports.services import PUBLIC_FIELDS

CHUNK_SIZE = 2000
PERMISSION = "reports.export_private"
AUDIT_ACTION = "reports.export.private"

Row = list[Any]
Chunks = Iterable[Sequence[Row]]

# The public columns: the number and the public model fields as stored, then those made here: the English
# country name, the consent-gated name and photo URLs, when it was published, and whether it is demo data.
PUBLIC_COLUMNS: tuple[str, ...] = (
    "id",
    *PUBLIC_FIELDS,
    "country_name",
    "reporter_name",
    "photos",
    "published_at",
    "sample",
)
# What the public query reads; the test suite checks it against PUBLIC_FIELDS so nothing private slips in.
PUBLIC_SOURCE: tuple[str, ...] = ("id", *PUBLIC_FIELDS, "public_name", "consent_photos", "published_at", "is_sample")
PRIVATE_FIELDS: tuple[str, ...] = tuple(field.attname for field in Report._meta.concrete_fields)
PRIVATE_COLUMNS: tuple[str, ...] = (*PRIVATE_FIELDS, "country_name", "photos")

# A cell starting with one of these is a formula to a spreadsheet (CSV injection, OWASP); such text cells are
# prefixed with an apostrophe. Numbers are written as numbers, so a negative longitude stays a number.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_FORMULA = frozenset(FORMULA_START)


# --- rows ------------------------------------------------------------------------------------------------


def _keyset_chunks(queryset: QuerySet[Report], fields: Sequence[str]) -> Iterator[list[tuple[Any, ...]]]:
    """``fields`` of every report in ``queryset`` by ascending id, ``CHUNK_SIZE`` rows per query.

    ``fields[0]`` must be ``id``: the last id of a chunk is where the next one starts.
    """
    last = 0
    while True:
        rows = list(queryset.filter(pk__gt=last).order_by("pk").values_list(*fields)[:CHUNK_SIZE])
        if rows:
            yield rows
        if len(rows) < CHUNK_SIZE:
            return
        last = rows[-1][0]


def _photo_url_template() -> Callable[[uuid.UUID], str]:
    """Photo URLs without a ``reverse()`` per photo: the path is reversed once and the key put in its place."""
    zero = uuid.UUID(int=0)
    path = reverse("photo", args=[zero])
    return lambda key: path.replace(str(zero), str(key))


def _photos(first: int, last: int, **report_filter: Any) -> dict[int, list[str]]:
    """Photo URLs of the reports with ids in ``first..last`` that match ``report_filter``, in one query for a
    whole chunk. The filter is a join in the database, so a photo that may not be shown is never read."""
    url = _photo_url_template()
    photos = (
        Photo.objects.filter(
            report_id__gte=first, report_id__lte=last, **{f"report__{k}": v for k, v in report_filter.items()}
        )
        .order_by("report_id", "position", "id")
        .values_list("report_id", "key")
    )
    by_report: dict[int, list[str]] = {}
    for report_id, key in photos:
        by_report.setdefault(report_id, []).append(url(key))
    return by_report


def _iso(value: datetime.date | None) -> str | None:
    return value.isoformat() if value is not None else None


def _date_positions(fields: Sequence[str]) -> list[int]:
    """Where the dates and times are among ``fields`` (written as ISO 8601 text)."""
    names = {f.attname for f in Report._meta.concrete_fields if isinstance(f, models.DateField)}  # and DateTime
    return [i for i, name in enumerate(fields) if name in names]


def public_rows(campaign: Campaign) -> Iterator[list[Row]]:
    """The public export's rows (``PUBLIC_COLUMNS`` order), a chunk at a time: published reports only."""
    published = {"campaign_id": campaign.pk, "status": Report.Status.PUBLISHED}
    reports = Report.objects.filter(**published).annotate(
        public_name=Case(When(consent_name=True, then=F("reporter_name")), default=Value(""))
    )
    n = len(PUBLIC_FIELDS) + 1  # id and the public fields, as read
    dates = _date_positions(PUBLIC_SOURCE[:n])
    country_at = PUBLIC_SOURCE.index("country")
    for chunk in _keyset_chunks(reports, PUBLIC_SOURCE):
        consented = [values[0] for values in chunk if values[n + 1]]
        photos = _photos(consented[0], consented[-1], **published, consent_photos=True) if consented else {}
        rows = []
        for values in chunk:
            row = list(values[:n])
            for i in dates:
                row[i] = _iso(row[i])
            name, consent_photos, published_at, is_sample = values[n:]
            photo_urls = photos.get(row[0], []) if consent_photos else []
            rows.append([*row, country_name(row[country_at]), name, photo_urls, _iso(published_at), is_sample])
        yield rows


def private_rows(campaign: Campaign) -> Iterator[list[Row]]:
    """Every report of the campaign with every column (``PRIVATE_COLUMNS`` order), a chunk at a time."""
    reports = Report.objects.filter(campaign_id=campaign.pk)
    dates = _date_positions(PRIVATE_FIELDS)
    country_at = PRIVATE_FIELDS.index("country")
    for chunk in _keyset_chunks(reports, PRIVATE_FIELDS):
        photos = _photos(chunk[0][0], chunk[-1][0], campaign_id=campaign.pk)
        rows = []
        for values in chunk:
            row = list(values)
            for i in dates:
                row[i] = _iso(row[i])
            row += [country_name(row[country_at]), photos.get(row[0], [])]
            rows.append(row)
        yield rows


# --- writers ---------------------------------------------------------------------------------------------


def _csv_cell(value: Any) -> Any:
    """One CSV cell: lists as space-separated URLs, objects as JSON text, formula-like text neutralised.

    Text and numbers are tested first and by exact type: this runs for every cell of every row.
    """
    kind = type(value)
    if kind is str:
        return "'" + value if value[:1] in _FORMULA else value
    if kind is int or kind is float:
        return value
    if value is None:
        return ""
    if kind is bool:
        return "true" if value else "false"
    if kind is list:
        return _csv_cell(" ".join(str(item) for item in value))
    return _csv_cell(json.dumps(value, ensure_ascii=False, sort_keys=True))


def write_csv(columns: Sequence[str], chunks: Chunks) -> Iterator[str]:
    """CSV with a header row (RFC 4180 quoting, CRLF line ends), one piece of text per chunk of rows."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(columns)
    yield buffer.getvalue()
    for rows in chunks:
        buffer.seek(0)
        buffer.truncate()
        writer.writerows([_csv_cell(value) for value in row] for row in rows)
        yield buffer.getvalue()


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def write_json(columns: Sequence[str], chunks: Chunks) -> Iterator[str]:
    """One JSON array of objects, one object per line, written a chunk at a time."""
    separator = "\n"
    yield "["
    for rows in chunks:
        yield separator + ",\n".join(_dumps(dict(zip(columns, row, strict=True))) for row in rows)
        separator = ",\n"
    yield "\n]\n"


def write_geojson(columns: Sequence[str], chunks: Chunks) -> Iterator[str]:
    """A GeoJSON FeatureCollection (RFC 7946): a Point at [longitude, latitude] per report, the other columns
    as properties. A report without coordinates keeps its feature with a null geometry, as §3.2 allows."""
    lat, lon = columns.index("latitude"), columns.index("longitude")
    names = [name for name in columns if name not in ("latitude", "longitude")]
    separator = "\n"
    yield '{"type":"FeatureCollection","features":['
    for rows in chunks:
        features = []
        for row in rows:
            point = None
            if row[lat] is not None and row[lon] is not None:
                point = {"type": "Point", "coordinates": [row[lon], row[lat]]}
            properties = dict(zip(names, (v for i, v in enumerate(row) if i not in (lat, lon)), strict=True))
            features.append(_dumps({"type": "Feature", "id": row[0], "geometry": point, "properties": properties}))
        yield separator + ",\n".join(features)
        separator = ",\n"
    yield "\n]}\n"


FORMATS: dict[str, tuple[str, Callable[[Sequence[str], Chunks], Iterator[str]]]] = {
    "csv": ("text/csv; charset=utf-8", write_csv),
    "json": ("application/json", write_json),
    "geojson": ("application/geo+json", write_geojson),
}

LABELS = {"csv": "CSV", "json": "JSON", "geojson": "GeoJSON"}

# --- the two exports -------------------------------------------------------------------------------------


def content_type(fmt: str) -> str:
    return FORMATS[fmt][0]


def filename(campaign: Campaign, fmt: str, *, private: bool = False) -> str:
    """A download name that says which campaign, and warns when the file holds private data."""
    return f"{campaign.slug}-reports{'-private' if private else ''}.{fmt}"


def public_export(campaign: Campaign, fmt: str) -> Iterator[str]:
    """The public export of ``campaign`` in ``fmt`` (a key of ``FORMATS``), lazily."""
    return FORMATS[fmt][1](PUBLIC_COLUMNS, public_rows(campaign))


def private_export(campaign: Campaign, fmt: str, *, actor: Any, via: str) -> Iterator[str]:
    """The full export, for a holder of ``reports.export_private`` only; audited before any row is read.

    Not a generator itself: the permission check and the audit entry happen on the call, so a refused or
    unrecorded export cannot start. The entry names the campaign, format and channel (``via``), never data.
    """
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}")
    if not (actor is not None and actor.is_active and actor.has_perm(PERMISSION)):
        raise PermissionDenied
    audit.record(AUDIT_ACTION, campaign, actor, format=fmt, via=via)
    return FORMATS[fmt][1](PRIVATE_COLUMNS, private_rows(campaign))
