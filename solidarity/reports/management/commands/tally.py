import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from solidarity.campaigns.models import Campaign
from solidarity.reports.tally import tally


class Command(BaseCommand):
    help = (
        "Print a campaign's tally: actions, cities and countries from published reports "
        "(with --all, also those awaiting review)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("slug", help="the campaign's slug, e.g. remember-to-fight-2023")
        parser.add_argument("--json", action="store_true", help="print the machine-readable form")
        parser.add_argument("--all", action="store_true", help="include reports that await review")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            campaign = Campaign.objects.get(slug=options["slug"])
        except Campaign.DoesNotExist as exc:
            raise CommandError(f"no campaign with slug {options['slug']!r}") from exc
        result = tally(campaign, include_unreviewed=options["all"])
        if options["json"]:
            self.stdout.write(json.dumps(result, ensure_ascii=False))
            return
        self.stdout.write(
            f"{campaign.title}: {result['actions']} actions in {result['cities']} cities of "
            f"{result['countries']} countries"
        )
        for country, row in result["by_country"].items():
            self.stdout.write(f"  {country}: {row['actions']} — {', '.join(row['cities'])}")
