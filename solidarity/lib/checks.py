"""System checks for the deployment mistakes that would hurt people: a secret key nobody set, hosts left
at their loopback defaults behind TLS, or a data folder the server cannot write (photos and snapshots lost)."""

from __future__ import annotations

import os
from typing import Any

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
    for name in ("MEDIA_ROOT", "SNAPSHOT_ROOT"):
        path = getattr(settings, name)
        parent = path if path.exists() else path.parent
        if not os.access(parent, os.W_OK):
            problems.append(
                Error(
                    f"{name} ({path}) is not writable by the server.",
                    hint="Give the service user write access to SOLIDARITY_DATA_DIR.",
                    id="solidarity.E001",
                )
            )
    return problems


@register()
def check_vendor_assets(app_configs: Any, **kwargs: Any) -> list[Error]:
    """The map needs Leaflet and the country shapes; without them it would silently show nothing."""
    missing = [str(path) for path in settings.VENDOR_ASSETS.values() if not path.is_dir()]
    if not missing:
        return []
    return [
        Error(
            f"Front-end libraries are missing: {', '.join(missing)}.",
            hint="Run `npm ci --ignore-scripts` in the project folder (`make run` and `make test` do).",
            id="solidarity.E002",
        )
    ]
