import sys
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from solidarity.campaigns.models import Campaign
from solidarity.reports.summary import build_summary
from solidarity.reports.summary_render import FORMATS, render


class Command(BaseCommand):
    help = (
        "Write a campaign's summary (headline, introduction, map, chart, every country's actions and photos) "
        "from its published reports: Markdown, one self-contained HTML file, or an A4 PDF."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        languages = [code for code, _name in settings.LANGUAGES]
        parser.add_argument("slug", help="the campaign's slug, e.g. remember-to-fight-2023")
        parser.add_argument("--format", choices=FORMATS, default="md", help="md (default), html or pdf")
        parser.add_argument(
            "--lang",
            choices=languages,
            help="language of the summary (default: the campaign's own, if the site has it, else "
            f"{settings.LANGUAGE_CODE})",
        )
        parser.add_argument(
            "-o", "--output", type=Path, help="file to write (default: standard output; needed for a PDF on a terminal)"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            campaign = (
                Campaign.objects.select_related("organiser").prefetch_related("translations").get(slug=options["slug"])
            )
        except Campaign.DoesNotExist as exc:
            raise CommandError(f"no campaign with slug {options['slug']!r}") from exc
        languages = [code for code, _name in settings.LANGUAGES]
        language = options["lang"] or (campaign.language if campaign.language in languages else settings.LANGUAGE_CODE)
        fmt = options["format"]
        output: Path | None = options["output"]
        if fmt == "pdf" and output is None and sys.stdout.isatty():
            raise CommandError("a PDF is not for the terminal: give -o FILE or redirect the output")
        content = render(build_summary(campaign, language), fmt, base_url=settings.SOLIDARITY["PUBLIC_URL"])
        if output is None:
            if fmt == "pdf":
                sys.stdout.buffer.write(content)
            else:
                self.stdout.write(content.decode(), ending="")
            return
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_bytes(content)
        self.stderr.write(f"wrote {output} ({fmt}, {language}, {len(content)} bytes)")
