"""``solidarity fetch-mail [--campaign SLUG] [--loop]``: read campaigns' mailboxes over IMAP."""

from __future__ import annotations

import json
import logging
import time
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import close_old_connections

from solidarity.intake.imap import MailboxError, fetch
from solidarity.intake.models import Mailbox
from solidarity.intake.services import summary
from solidarity.places.geocode import preload

log = logging.getLogger(__name__)


class Command(BaseCommand):
    help = (
        "Fetch new messages from each enabled campaign mailbox (configured in the admin: IMAP over TLS or "
        "STARTTLS) and import them as draft reports, duplicates or not-reports, from where the last run stopped. "
        "Read-only on the server: no flags change. With --loop, keeps polling every --interval seconds."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--campaign", help="only this campaign's mailbox")
        parser.add_argument("--loop", action="store_true", help="keep polling until stopped")
        parser.add_argument(
            "--interval",
            type=int,
            default=settings.SOLIDARITY_INTAKE["FETCH_INTERVAL"],
            help="seconds between polls with --loop (SOLIDARITY_INTAKE_FETCH_INTERVAL)",
        )
        parser.add_argument("--json", action="store_true", help="print the result of each poll as JSON")

    def handle(self, *args: Any, **options: Any) -> None:
        mailboxes = Mailbox.objects.filter(enabled=True).select_related("campaign")
        if options["campaign"]:
            mailboxes = mailboxes.filter(campaign__slug=options["campaign"])
            if not mailboxes.exists():
                raise CommandError(f"no enabled mailbox for campaign {options['campaign']!r}")
        preload()
        while True:
            failed = self.poll(list(mailboxes), as_json=options["json"])
            if not options["loop"]:
                if failed:
                    raise CommandError("; ".join(failed))
                return
            close_old_connections()
            time.sleep(max(10, options["interval"]))

    def poll(self, mailboxes: list[Mailbox], *, as_json: bool) -> list[str]:
        items: list[dict[str, Any]] = []
        failed = []
        for mailbox in mailboxes:
            try:
                items += [message.item() for message in fetch(mailbox)]
            except MailboxError as exc:
                failed.append(str(exc))
                Mailbox.objects.filter(pk=mailbox.pk).update(last_error=str(exc)[:500])
                log.warning("intake: mailbox could not be read", extra={"campaign": mailbox.campaign.slug})
        result = summary(items)
        if as_json:
            self.stdout.write(json.dumps(result, ensure_ascii=False))
        else:
            self.stdout.write(
                f"{result['messages']} new messages: {result['reports']} reports, {result['duplicates']} "
                f"duplicates, {result['not_reports']} not reports."
            )
        return failed
