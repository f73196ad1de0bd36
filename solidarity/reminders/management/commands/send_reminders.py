"""``solidarity send-reminders [--json]``: send the e-mail reminders that are due, now."""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from solidarity.reminders.tasks import send_due_reminders


class Command(BaseCommand):
    help = (
        "Send the e-mail reminders that are due (campaigns starting soon, campaigns closed since). The worker "
        "does this by itself at the right moments; run this by hand, or from cron as a safety net. Each reminder "
        "goes once however often this runs, beside a worker or not."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--json", action="store_true", help="print the counts as JSON")

    def handle(self, *args: Any, **options: Any) -> None:
        counts = send_due_reminders.call()
        if options["json"]:
            self.stdout.write(json.dumps(counts, sort_keys=True))
        else:
            self.stdout.write(f"Sent {counts['sent']} reminders; {counts['failed']} could not be sent.")
