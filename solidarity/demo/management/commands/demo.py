from typing import Any

from django.core.management.base import BaseCommand

from solidarity.demo.load import load_demo


class Command(BaseCommand):
    help = (
        "Load the demo campaigns (days-of-solidarity-2014, remember-to-fight-2023) with labelled sample "
        "reports, and the registry of people, cases and organisations their seed articles name (facts in our "
        "own words; the articles' text and quotes are read from SOLIDARITY_SEEDS_DIR when it exists), and the "
        "calendar of the events they name (yearly on 19 January and 9 December). "
        "Idempotent: a second run creates nothing and changes nothing."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        created = load_demo()
        self.stdout.write(
            f"demo: {created['campaigns']} campaigns, {created['organisations']} organisations and "
            f"{created['reports']} sample reports created; registry: {created['people']} people, "
            f"{created['cases']} cases, {created['sources']} sources and {created['status_events']} status "
            f"events created; calendar: {created['events']} events created"
            + (" (already loaded)" if not any(created.values()) else "")
        )
