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
        "`solidarity restore PATH` brings it back into an empty instance, on SQLite or PostgreSQL. With --recipient "
        "(age public keys) the archive is encrypted so that only the holders of the matching secret keys can open "
        "it; the server needs only the public key."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", help="the archive to write (a .tar file; never overwritten)")
        parser.add_argument(
            "--recipient",
            action="append",
            default=[],
            metavar="AGE1…",
            help="encrypt the archive to this age public key (repeat for several organisers)",
        )
        parser.add_argument(
            "--recipients-file", metavar="FILE", help="encrypt to every age public key in FILE (one per line)"
        )
        parser.add_argument("--json", action="store_true", help="print what was written as JSON")

    def handle(self, *args: Any, **options: Any) -> None:
        recipients = list(options["recipient"])
        try:
            if options["recipients_file"]:
                recipients += _keys_in(Path(options["recipients_file"]))
            summary = backup(Path(options["path"]), recipients)
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


def _keys_in(path: Path) -> list[str]:
    """Public keys from an age recipients file: one per line, ``#`` comments and blank lines ignored."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as error:
        raise BackupError(f"Cannot read the recipients file {path}: {error.strerror}.") from error
    return [line.strip() for line in lines if line.strip() and not line.strip().startswith("#")]
