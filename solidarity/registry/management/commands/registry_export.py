"""``solidarity registry-export --format json|csv [-o FILE] [--include-hidden]``."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from solidarity.registry import transfer


class Command(BaseCommand):
    help = (
        "Export the registry as JSON (the file registry-import reads) or CSV (one row per person). By default "
        "the public registry only, as at /registry/registry.json; --include-hidden adds hidden people and the "
        "captured texts of sources, for organisers: keep such a file private. Writes to standard output unless "
        "-o is given."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--format", choices=["json", "csv"], default="json", help="file format (json)")
        parser.add_argument("-o", "--output", help="write to this file (replaced only once the export is complete)")
        parser.add_argument(
            "--include-hidden", action="store_true", help="also hidden people and source texts (organisers only)"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        hidden = options["include_hidden"]
        if options["format"] == "csv":
            body = transfer.csv_chunks(include_hidden=hidden)
        else:
            body = transfer.json_chunks(include_hidden=hidden)
        if options["output"]:
            write_file(Path(options["output"]), body)
        else:
            for piece in body:
                self.stdout.write(piece, ending="")
        if hidden:
            self.stderr.write("This export includes hidden people: keep it private.")


def write_file(path: Path, body: Iterator[str]) -> None:
    """Write beside ``path`` and move into place at the end, so a failed export never leaves a truncated file
    that looks complete; the file is readable by its owner only, as it may hold hidden people."""
    if path.exists() and not path.is_file():  # a device such as /dev/null
        with path.open("w", encoding="utf-8", newline="") as handle:
            handle.writelines(body)
        return
    if not path.parent.is_dir():
        raise CommandError(f"no such folder: {path.parent}")
    descriptor, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with open(descriptor, "w", encoding="utf-8", newline="") as handle:
            handle.writelines(body)
        os.replace(name, path)
    except BaseException:
        Path(name).unlink(missing_ok=True)
        raise
