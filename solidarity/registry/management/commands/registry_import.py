"""``solidarity registry-import FILE [--dry-run] [--json] [--user NAME]``."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser

from solidarity.registry import transfer
from solidarity.registry.importer import KINDS


class Command(BaseCommand):
    help = (
        "Import a registry file in the format of registry-export --format json. Records are matched by slug "
        "(sources by text or address): a record already there is updated where the file differs, nothing is "
        "deleted, and importing the same file again changes nothing. All or nothing: a bad record stops the "
        "import with its name and nothing is kept. Every change is in the audit trail, in the name of --user."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="the JSON file, or - for standard input")
        parser.add_argument("--dry-run", action="store_true", help="say what would change, change nothing")
        parser.add_argument("--json", action="store_true", help="print the counts as JSON")
        parser.add_argument("--user", help="the organiser the changes are recorded for (default: the system)")

    def handle(self, *args: Any, **options: Any) -> None:
        actor = self._actor(options["user"])
        try:
            data = sys.stdin.buffer.read() if options["file"] == "-" else Path(options["file"]).read_bytes()
        except OSError as exc:
            raise CommandError(f"cannot read {options['file']}: {exc.strerror}") from exc
        try:
            counts = transfer.import_json(data, actor, dry_run=options["dry_run"])
        except transfer.TransferError as exc:
            raise CommandError(f"nothing imported: {exc}") from exc
        if options["json"]:
            self.stdout.write(json.dumps({"dry_run": options["dry_run"], **counts}, indent=2))
            return
        heading = "would be (dry run, nothing changed)" if options["dry_run"] else "imported"
        self.stdout.write(f"{'':14}{'created':>9}{'updated':>9}{'unchanged':>11}   {heading}")
        for kind in KINDS:
            n = counts[kind]
            self.stdout.write(f"{kind:14}{n['created']:>9}{n['updated']:>9}{n['unchanged']:>11}")

    @staticmethod
    def _actor(username: str | None) -> Any:
        if not username:
            return None
        user = get_user_model().objects.filter(username=username, is_active=True).first()
        if user is None:
            raise CommandError(f"no active user named {username!r}")
        if not user.has_perm("registry.change_person"):
            raise CommandError(f"{username!r} may not edit the registry (registry.change_person)")
        return user
