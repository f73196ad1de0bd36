"""System checks for the deployment mistakes that would hurt people: a secret key nobody set, hosts left
at their loopback defaults behind TLS, a data folder the server cannot write (photos and snapshots lost), or a
media store named wrong."""

from __future__ import annotations

import os
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.core.checks import Error, Warning, register


@register(deploy=True)
def check_production_settings(app_configs: Any, **kwargs: Any) -> list[Warning]:
    problems = []
    if not os.environ.get("SOLIDARITY_SECRET_KEY") and not os.environ.get("SOLIDARITY_SECRET_KEY_FILE"):
        problems.append(
            Warning(
                "The secret key was generated into the data folder.",
                hint="Set SOLIDARITY_SECRET_KEY_FILE so a restored backup or a second server uses the same key.",
                id="solidarity.W001",
            )
        )
    if settings.HTTPS and set(settings.ALLOWED_HOSTS) <= {"127.0.0.1", "localhost", "[::1]"}:
        problems.append(
            Warning(
                "SOLIDARITY_HTTPS is on but SOLIDARITY_ALLOWED_HOSTS only names loopback addresses.",
                hint="Set SOLIDARITY_ALLOWED_HOSTS to the public host name.",
                id="solidarity.W002",
            )
        )
    return problems


@register()
def check_data_folders(app_configs: Any, **kwargs: Any) -> list[Error]:
    problems = []
    for name in ("MEDIA_ROOT", "SNAPSHOT_ROOT", "SUMMARY_ROOT"):
        path = getattr(settings, name)
        existing = next((p for p in (path, *path.parents) if p.exists()), path)  # the folder the server would create in
        if not os.access(existing, os.W_OK):
            problems.append(
                Error(
                    f"{name} ({path}) is not writable by the server.",
                    hint="Give the service user write access to SOLIDARITY_DATA_DIR.",
                    id="solidarity.E001",
                )
            )
    return problems


@register()
def check_vendor_assets(app_configs: Any, **kwargs: Any) -> list[Warning]:
    """The map needs Leaflet and the country shapes; without them it would show only the drawn map. A warning,
    not an error: commands such as ``tally`` or ``backup`` must still run on a box without them."""
    missing = [str(path) for path in settings.VENDOR_ASSETS.values() if not path.is_dir()]
    if not missing:
        return []
    return [
        Warning(
            f"Front-end libraries are missing: {', '.join(missing)}.",
            hint="Run `npm ci --ignore-scripts` in the project folder (`make run` and `make test` do).",
            id="solidarity.W003",
        )
    ]


@register(deploy=True)
def check_public_url(app_configs: Any, **kwargs: Any) -> list[Warning]:
    """Shared-link previews need absolute addresses. Without SOLIDARITY_PUBLIC_URL they take the host of the
    request that rendered the page, and the page is then served to everyone: with several public host names
    (a mirror, an onion address) one could show up in links shared from another."""
    hosts = [host for host in settings.ALLOWED_HOSTS if host not in {"127.0.0.1", "localhost", "[::1]"}]
    if settings.SOLIDARITY["PUBLIC_URL"] or len(hosts) < 2:
        return []
    return [
        Warning(
            "Several host names are allowed but SOLIDARITY_PUBLIC_URL is not set.",
            hint="Set SOLIDARITY_PUBLIC_URL to the address links should carry, e.g. https://example.org.",
            id="solidarity.W004",
        )
    ]


MEDIA_STORAGES = ("local", "s3")


@register()
def check_media_storage(app_configs: Any, **kwargs: Any) -> list[Error | Warning]:
    """A typo in SOLIDARITY_MEDIA_STORAGE must not quietly fall back to one box's disk: the other boxes would not
    see its photos. A bucket needs a name, and its keys should not cross the network in the clear."""
    choice = getattr(settings, "MEDIA_STORAGE", "local")
    if choice not in MEDIA_STORAGES:
        return [
            Error(
                f"SOLIDARITY_MEDIA_STORAGE is {choice!r}; it must be one of: {', '.join(MEDIA_STORAGES)}.",
                hint="Use local (MEDIA_ROOT on this box) or s3 (an S3-compatible bucket, see docs/media-storage.md).",
                id="solidarity.E010",
            )
        ]
    if choice != "s3":
        return []
    options = settings.STORAGES["default"].get("OPTIONS", {})
    if not options.get("bucket_name"):
        return [
            Error(
                "SOLIDARITY_MEDIA_STORAGE is s3 but no bucket is named.",
                hint="Set SOLIDARITY_S3_BUCKET (and SOLIDARITY_S3_ENDPOINT_URL for storage other than AWS).",
                id="solidarity.E011",
            )
        ]
    endpoint = urlsplit(options.get("endpoint_url") or "https://s3.amazonaws.com")
    if endpoint.scheme != "https" and endpoint.hostname not in {"127.0.0.1", "localhost", "::1"}:
        return [
            Warning(
                f"The S3 endpoint {endpoint.scheme}://{endpoint.hostname} is not HTTPS: every photo, before "
                "publication too, crosses the network readable by anyone on the way.",
                hint="Use an https:// SOLIDARITY_S3_ENDPOINT_URL, or a storage server on this box.",
                id="solidarity.W010",
            )
        ]
    return []
