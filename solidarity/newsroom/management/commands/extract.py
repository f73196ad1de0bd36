"""``solidarity extract PATH|- [--json]``: the proposals an article supports, as JSON, without any write.

A folder as PATH reads every ``.txt``, ``.md``, ``.html`` and ``.htm`` file in it (sorted by name) and prints
one JSON line per article, each with its ``path``, while a progress bar runs on stderr. An article that
cannot be read gives a line with ``error`` instead, and the exit status is then 1.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from solidarity.lib.progress import Progress
from solidarity.newsroom.extract import extract_bytes
from solidarity.newsroom.language import LanguageError
from solidarity.newsroom.reading import ArticleError

ARTICLE_SUFFIXES = (".txt", ".md", ".html", ".htm")


class Command(BaseCommand):
    help = (
        "Read a news article (a text or HTML file, or - for standard input) and print the registry records it "
        "supports: people with status, case, charge, sentence, organisation and date, each with the sentence "
        "that says so; organisations, cases, events and the call to action. Nothing is written to the database. "
        "A folder gives one JSON line per article."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("path", help="A file, a folder of articles, or - to read standard input.")
        parser.add_argument("--json", action="store_true", help="Compact JSON on one line (the default is indented).")

    def handle(self, *args: Any, **options: Any) -> None:
        path = options["path"]
        if path != "-" and Path(path).is_dir():
            self._folder(Path(path))
            return
        data = self._read(path)
        try:
            result = extract_bytes(data)
        except (ArticleError, LanguageError) as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(json.dumps(result, ensure_ascii=False, indent=None if options["json"] else 2))

    def _read(self, path: str) -> bytes:
        if path == "-":
            return sys.stdin.buffer.read() if hasattr(sys.stdin, "buffer") else sys.stdin.read().encode("utf-8")
        try:
            return Path(path).read_bytes()
        except OSError as exc:
            raise CommandError(_("Cannot read %(path)s: %(error)s") % {"path": path, "error": exc.strerror}) from exc

    def _folder(self, folder: Path) -> None:
        files = sorted(p for p in folder.iterdir() if p.is_file() and p.suffix.lower() in ARTICLE_SUFFIXES)
        failed = 0
        with Progress(len(files), unit="articles", stream=self.stderr._out) as progress:
            for file in files:
                try:
                    line: dict[str, Any] = {"path": str(file), **extract_bytes(file.read_bytes())}
                except (ArticleError, LanguageError, OSError) as exc:
                    failed += 1
                    line = {"path": str(file), "error": str(exc)}
                self.stdout.write(json.dumps(line, ensure_ascii=False))
                progress.advance(file.name)
        if failed:
            raise CommandError(_("%(n)d of %(total)d articles could not be read.") % {"n": failed, "total": len(files)})
