"""``solidarity purge-mail [--days N] [--dry-run] [--json]``: forget raw e-mails no moderator needs any more."""

from __future__ import annotations

import json
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from solidarity.intake.moderation import purge_raw


class Command(BaseCommand):
    help = (
        "Remove the raw message and the sender's name and address from e-mails whose report was decided "
        "(published, rejected, duplicate) more than --days ago, and from not-reports and duplicates received more "
        "than --days ago. The report text and the guesses stay. Reports keep their own private fields until "
        "`solidarity purge-private`. Run it from cron; each run is audited with counts only."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--days",
            type=int,
            default=settings.SOLIDARITY_INTAKE["RAW_RETENTION_DAYS"],
            help="keep raw messages this many days after the decision (SOLIDARITY_INTAKE_RAW_RETENTION_DAYS)",
        )
        parser.add_argument("--dry-run", action="store_true", help="count, remove nothing")
        parser.add_argument("--json", action="store_true", help="print the count as JSON")

    def handle(self, *args: Any, **options: Any) -> None:
        count = purge_raw(days=max(0, options["days"]), now=timezone.now(), dry_run=options["dry_run"])
        if options["json"]:
            self.stdout.write(json.dumps({"messages": count, "dry_run": options["dry_run"]}))
        else:
            verb = "Would remove" if options["dry_run"] else "Removed"
            self.stdout.write(f"{verb} the raw message and sender of {count} e-mails.")
