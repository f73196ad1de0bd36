"""``solidarity backup PATH``: the whole instance in one checked archive."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from solidarity.lib.backup import BackupError, backup


class Command(BaseCommand):
    help = (
        "Write one archive of this instance: every record (read from one consistent snapshot while the site keeps "
        "serving), every uploaded file, and a manifest with their checksums and the schema version. The archive "
        "holds reporters' private details: it is created readable by its owner only; keep it like the database. "
        "`solidarity restore PATH` brings it back into an empty instance, on SQLite or PostgreSQL."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", help="the archive to write (a .tar file; never overwritten)")
        parser.add_argument("--json", action="store_true", help="print what was written as JSON")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            summary = backup(Path(options["path"]))
        except BackupError as error:
            raise CommandError(str(error)) from error
        figures = {"path": str(summary.path), "records": summary.records, "files": summary.files, "bytes": summary.size}
        if options["json"]:
            self.stdout.write(json.dumps(figures))
        else:
            self.stdout.write(
                f"Backed up {summary.records} records and {summary.files} files to {summary.path} "
                f"({summary.size / 1e6:.1f} MB)."
            )
