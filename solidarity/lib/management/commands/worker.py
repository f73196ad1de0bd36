"""``solidarity worker``: run background jobs, on any box, as many as you like."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser

from solidarity.lib.jobs import default_worker_id, requeue_abandoned


class Command(BaseCommand):
    help = (
        "Run queued background jobs until stopped (SIGTERM finishes the current job first). Give each worker a "
        "stable --worker-id (default: the host name): a worker restarted under the same id takes back the jobs "
        "its previous life was killed in the middle of."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--worker-id", default=default_worker_id(), help="stable, unique per worker (≤ 64)")
        parser.add_argument("--interval", type=float, default=1.0, help="seconds between looks at an empty queue")
        parser.add_argument("--batch", action="store_true", help="run what is queued, then exit")
        parser.add_argument(
            "--requeue-after",
            type=int,
            metavar="MINUTES",
            help="also take back jobs any worker started more than MINUTES ago (a box that is gone for good)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        worker_id: str = options["worker_id"]
        if not 0 < len(worker_id) <= 64:
            self.stderr.write("--worker-id must be 1 to 64 characters")
            raise SystemExit(2)
        minutes = options["requeue_after"]
        taken = requeue_abandoned(
            worker_id, older_than=datetime.timedelta(minutes=minutes) if minutes is not None else None
        )
        if taken:
            self.stderr.write(f"took back {taken} job(s) left running by an earlier worker")
        worker_options: dict[str, Any] = {
            "worker_id": worker_id,
            "interval": options["interval"],
            "batch": options["batch"],
            "startup_delay": False,
            "reload": False,
            "verbosity": options["verbosity"],
        }
        call_command("db_worker", **worker_options)
