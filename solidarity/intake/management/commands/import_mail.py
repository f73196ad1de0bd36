"""``solidarity import-mail --campaign SLUG PATH...``: e-mails from files into draft reports."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from solidarity.campaigns.models import Campaign
from solidarity.intake.pipeline import import_many
from solidarity.intake.services import summary
from solidarity.intake.sources import open_source
from solidarity.lib.progress import Progress
from solidarity.places.geocode import preload


class Command(BaseCommand):
    help = (
        "Read e-mailed reports from an mbox file, a maildir, .eml files or a folder of .eml files into a campaign: "
        "each message becomes a draft report awaiting review, or is set aside as a duplicate or as not a report "
        "(question, spam, auto-reply, bounce). Safe to run again and to interrupt: messages already imported "
        "(same Message-ID) are not imported twice. --json prints the counts and one item per message."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--campaign", required=True, help="the campaign's slug")
        parser.add_argument("paths", nargs="+", type=Path, help="mbox file, maildir, .eml file or folder")
        parser.add_argument("--json", action="store_true", help="print the result as JSON")
        parser.add_argument("--no-progress", action="store_true", help="no progress bar on stderr")
        parser.add_argument(
            "--workers", type=int, default=None,
            help="processes that read messages while this one stores them (default: one per core; 0: none)",
        )  # fmt: skip

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            campaign = Campaign.objects.get(slug=options["campaign"])
        except Campaign.DoesNotExist as exc:
            raise CommandError(f"no campaign with slug {options['campaign']!r}") from exc
        try:
            sources = [open_source(path) for path in options["paths"]]
        except (ValueError, OSError) as exc:
            raise CommandError(str(exc)) from exc
        preload()
        progress = Progress(sum(s.count for s in sources), unit="messages", enabled=not options["no_progress"])
        # only the small --json items are kept (one per Message-ID): memory stays flat however big the mailbox
        items: dict[str, dict[str, Any]] = {}
        for source in sources:
            pairs = ((raw, None) for raw in source.messages)
            for imported in import_many(campaign, pairs, source=source.kind, workers=options["workers"]):
                item = imported.message.item()
                items.setdefault(item["message_id"], item)
                progress.advance()
        progress.close()
        result = summary(list(items.values()))
        if options["json"]:
            self.stdout.write(json.dumps(result, ensure_ascii=False))
            return
        self.stdout.write(
            f"{result['messages']} messages: {result['reports']} reports, {result['duplicates']} duplicates, "
            f"{result['not_reports']} not reports, {result['errors']} unreadable."
        )
