"""``solidarity status``: the instance at a glance, for an operator or a monitoring check."""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from solidarity.lib.status import instance_status


class Command(BaseCommand):
    help = (
        "Show whether the database answers and is migrated, the disk space left, the last backup, and the work "
        "waiting for moderators. Counts and sizes only, no personal data. Exits with 1 when the database is not "
        "ready, so a monitoring check can run it."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--json", action="store_true", help="print the status as one JSON object")

    def handle(self, *args: Any, **options: Any) -> None:
        status = instance_status()
        if options["json"]:
            self.stdout.write(json.dumps(status, sort_keys=True))
        else:
            self.stdout.write("\n".join(_lines(status)))
        if not status["database"]["ok"]:
            raise SystemExit(1)


def _lines(status: dict[str, Any]) -> list[str]:
    database, disk, backup = status["database"], status["disk"], status["last_backup"]
    if database["ok"]:
        lines = [f"database: {database['vendor']}, ready"]
    elif "error" in database:
        lines = [f"database: {database['vendor']}, NOT REACHABLE ({database['error']})"]
    else:
        lines = [f"database: {database['vendor']}, {database['unapplied_migrations']} migrations NOT APPLIED"]
    lines.append(
        f"disk: {disk['free_bytes'] / 1e9:.1f} GB free of {disk['total_bytes'] / 1e9:.1f} GB "
        f"({disk['free_percent']}%) at {disk['data_dir']}; uploads {disk['media_bytes'] / 1e6:.1f} MB"
    )
    if backup:
        lines.append(
            f"last backup: {backup['at']}, {backup['records']} records, {backup['files']} files, "
            f"{backup['bytes'] / 1e6:.1f} MB{', encrypted' if backup.get('encrypted') else ''} ({backup['path']})"
        )
    else:
        lines.append("last backup: none recorded (solidarity backup PATH)")
    lines += [f"{name.replace('_', ' ')}: {count}" for name, count in sorted(status["waiting"].items())]
    return lines
