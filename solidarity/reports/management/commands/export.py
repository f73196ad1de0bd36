"""``solidarity export SLUG --format csv|json|geojson [--private --user NAME] [-o PATH]``."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError, CommandParser

from solidarity.campaigns.models import Campaign
from solidarity.campaigns.selectors import public_campaigns
from solidarity.reports import exports


class Command(BaseCommand):
    help = (
        "Export a campaign's reports. By default only published reports and their public fields, as on "
        "/c/SLUG/reports.csv; with --private every report and every field, for an organiser named with --user "
        "(recorded in the audit trail). Writes to standard output unless -o is given."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("slug", help="the campaign's slug, e.g. remember-to-fight-2023")
        parser.add_argument("--format", choices=list(exports.FORMATS), default="csv", help="file format (csv)")
        parser.add_argument("--private", action="store_true", help="all statuses and private fields (needs --user)")
        parser.add_argument("--user", help="the organiser doing a --private export; must hold reports.export_private")
        parser.add_argument("-o", "--output", help="write to this file (replaced only once the export is complete)")

    def handle(self, *args: Any, **options: Any) -> None:
        fmt = options["format"]
        if options["private"]:
            campaign = self._campaign(Campaign.objects.all(), options["slug"])
            body = self._private(campaign, fmt, options["user"])
        else:
            if options["user"]:
                raise CommandError("--user is only used with --private")
            campaign = self._campaign(public_campaigns(), options["slug"])
            body = exports.public_export(campaign, fmt)
        if options["output"]:
            self._write_file(Path(options["output"]), body)
        else:
            for piece in body:
                self.stdout.write(piece, ending="")

    @staticmethod
    def _campaign(campaigns: Any, slug: str) -> Campaign:
        try:
            return campaigns.get(slug=slug)
        except Campaign.DoesNotExist as exc:
            draft = Campaign.objects.filter(slug=slug).exists()
            hint = " (it is a draft: only --private exports drafts)" if draft else ""
            raise CommandError(f"no public campaign with slug {slug!r}{hint}") from exc

    @staticmethod
    def _private(campaign: Campaign, fmt: str, username: str | None) -> Iterator[str]:
        if not username:
            raise CommandError("--private needs --user NAME: the organiser the export is recorded for")
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"no user named {username!r}")
        try:
            return exports.private_export(campaign, fmt, actor=user, via="command")
        except PermissionDenied as exc:
            raise CommandError(f"{username!r} may not export private fields ({exports.PERMISSION})") from exc

    @staticmethod
    def _write_file(path: Path, body: Iterator[str]) -> None:
        """Write to a temporary file beside ``path`` and move it into place at the end, so a failed export
        never leaves a truncated file that looks complete. Devices such as /dev/null are written directly."""
        if path.exists() and not path.is_file():
            with path.open("w", encoding="utf-8", newline="") as handle:
                handle.writelines(body)
            return
        if not path.parent.is_dir():
            raise CommandError(f"no such folder: {path.parent}")
        descriptor, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")  # readable by us only
        try:
            with open(descriptor, "w", encoding="utf-8", newline="") as handle:
                handle.writelines(body)
            os.replace(name, path)
        except BaseException:
            Path(name).unlink(missing_ok=True)
            raise
