"""``solidarity purge-private [--days N] [--dry-run] [--json]``: forget private details no one needs any more."""

from __future__ import annotations

import json
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from solidarity.lib.jobs import prune_finished
from solidarity.registry.retention import purge_letter_contacts
from solidarity.reminders.retention import purge_subscriptions
from solidarity.reports.retention import purge_private_details


class Command(BaseCommand):
    help = (
        "Remove the reporters' contacts, the submissions as received and the places as typed from decided reports "
        "of campaigns that ended more than --days ago (reporters' names too, unless they agreed to publication), "
        "and the senders' contacts from solidarity messages decided more than --days ago. Reports still awaiting "
        "review keep everything. Reminder addresses go too: those of campaigns that ended more than --days ago, and "
        "those never confirmed once their link has expired (SOLIDARITY_REMINDER_CONFIRM_DAYS). So do the records of "
        "background jobs that ended more than two weeks ago. Run it from cron; "
        "each run is audited with counts only."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--days",
            type=int,
            default=settings.SOLIDARITY["RETENTION_DAYS"],
            help="keep private details this many days after a campaign ends (SOLIDARITY_RETENTION_DAYS)",
        )
        parser.add_argument("--dry-run", action="store_true", help="count what would be removed, remove nothing")
        parser.add_argument("--json", action="store_true", help="print the counts as JSON")

    def handle(self, *args: Any, **options: Any) -> None:
        days, dry_run = max(0, options["days"]), options["dry_run"]
        reports = purge_private_details(days=days, today=timezone.localdate(), dry_run=dry_run)
        letters = purge_letter_contacts(days=days, now=timezone.now(), dry_run=dry_run)
        reminders = purge_subscriptions(
            now=timezone.now(),
            today=timezone.localdate(),
            days=days,
            confirm_days=settings.SOLIDARITY_REMINDERS["CONFIRM_DAYS"],
            dry_run=dry_run,
        )
        jobs = prune_finished(now=timezone.now(), dry_run=dry_run)
        counts = {
            "reports": {item.campaign: item.reports for item in reports},
            "letters": letters,
            "reminder_addresses": reminders,
            "finished_jobs": jobs,
            "dry_run": dry_run,
        }
        if options["json"]:
            self.stdout.write(json.dumps(counts, sort_keys=True))
            return
        verb = "Would remove" if dry_run else "Removed"
        for item in reports:
            self.stdout.write(f"{verb} private details from {item.reports} reports of {item.campaign}.")
        self.stdout.write(f"{verb} the contacts of {letters} solidarity message senders.")
        self.stdout.write(f"{verb} {reminders} reminder addresses.")
        self.stdout.write(f"{verb} the records of {jobs} finished background jobs.")
