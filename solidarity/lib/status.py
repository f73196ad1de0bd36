"""What an operator checks first: is the database reachable and migrated, how much disk is left, when was the
last backup, and what waits for a person (reports and messages to review).

No personal data: only counts, sizes and dates. Apps contribute their own waiting work through a
``status_counts()`` method on their AppConfig, so this module knows no domain.
"""

from __future__ import annotations

import datetime
import json
import shutil
from pathlib import Path
from typing import Any

from django.apps import apps
from django.conf import settings
from django.core.files.storage import default_storage
from django.db import DatabaseError, connections
from django.db.migrations.executor import MigrationExecutor

from solidarity.lib.storage import is_local, total_bytes

LAST_BACKUP = "last-backup.json"


def database_state() -> dict[str, Any]:
    """Whether the database answers and how many migrations are not applied (a deploy that forgot migrate)."""
    connection = connections["default"]
    try:
        connection.ensure_connection()
        executor = MigrationExecutor(connection)
        plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    except DatabaseError as error:
        return {"ok": False, "vendor": connection.vendor, "error": type(error).__name__}
    return {"ok": not plan, "vendor": connection.vendor, "unapplied_migrations": len(plan)}


def disk_state() -> dict[str, Any]:
    """Free space where the data folder is, and how much the uploads take wherever they are kept (this box's
    folder or the shared bucket, whose listing carries sizes, a thousand objects a request)."""
    data = Path(settings.DATA_DIR)
    usage = shutil.disk_usage(data)
    return {
        "data_dir": str(data),
        "free_bytes": usage.free,
        "total_bytes": usage.total,
        "free_percent": round(100 * usage.free / usage.total, 1),
        "media_store": "local" if is_local(default_storage) else "s3",
        "media_bytes": total_bytes(default_storage),
    }


def note_backup(summary: dict[str, Any]) -> None:
    """Remember the last backup (when, where, how big) for ``solidarity status``."""
    record = {"at": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"), **summary}
    (Path(settings.DATA_DIR) / LAST_BACKUP).write_text(json.dumps(record), encoding="utf-8")


def last_backup() -> dict[str, Any] | None:
    try:
        return json.loads((Path(settings.DATA_DIR) / LAST_BACKUP).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def waiting() -> dict[str, int]:
    """Work waiting for a person, as each app counts it."""
    counts: dict[str, int] = {}
    for config in apps.get_app_configs():
        contribute = getattr(config, "status_counts", None)
        if contribute:
            counts.update(contribute())
    return counts


def instance_status() -> dict[str, Any]:
    database = database_state()
    return {
        "database": database,
        "disk": disk_state(),
        "last_backup": last_backup(),
        "waiting": waiting() if database["ok"] else {},
    }
