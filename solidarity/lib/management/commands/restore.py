"""``solidarity restore PATH``: a backup brought back into an empty instance."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from solidarity.lib.backup import BackupError, restore


class Command(BaseCommand):
    help = (
        "Restore an archive written by `solidarity backup` into this instance, which must be empty (a new "
        "DATABASE_URL and data folder): every member is checked against the manifest first, the records load in "
        "one transaction and are counted against it, and a failed restore leaves nothing behind. The backup may "
        "come from SQLite or PostgreSQL; it must come from this version of Solidarity (restore with the version "
        "that wrote it, then upgrade)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", help="the archive written by `solidarity backup`")
        parser.add_argument(
            "--identity",
            action="append",
            default=[],
            metavar="FILE",
            help="an age identity file (AGE-SECRET-KEY-1…) to decrypt an encrypted archive; may be repeated",
        )
        parser.add_argument("--json", action="store_true", help="print what was restored as JSON")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            summary = restore(Path(options["path"]), [Path(file) for file in options["identity"]])
        except BackupError as error:
            raise CommandError(str(error)) from error
        if options["json"]:
            self.stdout.write(json.dumps({"records": summary.records, "files": summary.files}))
        else:
            self.stdout.write(f"Restored {summary.records} records and {summary.files} files from {summary.path}.")
