"""The background queue: what is waiting, and taking back jobs whose worker died in the middle of them.

Jobs live in the database (django-tasks' database backend) and ``solidarity worker`` runs them. A worker
claims a job with ``SELECT ... FOR UPDATE SKIP LOCKED`` and marks it running, so two workers never run the
same job. The one gap that backend leaves is a worker killed mid-job (power cut, ``kill -9``, OOM): its job
stays "running" forever. Each worker therefore has a stable id (one per systemd unit), and a worker
starting under an id takes back the jobs its previous life left running, since that life is certainly over.
Jobs are written to be safe to run again.
"""

from __future__ import annotations

import datetime
import socket

from django.db import transaction
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

READY, RUNNING, FAILED = "READY", "RUNNING", "FAILED"


def default_worker_id() -> str:
    """This box's name: stable across restarts, distinct between boxes (add a suffix for several per box)."""
    return socket.gethostname()[:48] or "worker"


def requeue_abandoned(worker_id: str, *, older_than: datetime.timedelta | None = None) -> int:
    """Put back in the queue the jobs left running by an earlier life of ``worker_id``.

    With ``older_than``, also those of any worker that started more than that long ago: for a box that will
    not come back. Returns how many jobs were put back.
    """
    with transaction.atomic():
        running = list(DBTaskResult.objects.select_for_update(skip_locked=True).filter(status=RUNNING))
        cutoff = timezone.now() - older_than if older_than is not None else None
        taken = [
            job
            for job in running
            if (job.worker_ids and job.worker_ids[-1] == worker_id)
            or (cutoff is not None and job.started_at is not None and job.started_at < cutoff)
        ]
        for job in taken:
            job.status = READY
            job.started_at = None
            job.save(update_fields=["status", "started_at"])
    return len(taken)


def queue_state() -> dict[str, int]:
    """Counts for ``solidarity status``: jobs waiting, running, and failed in the last day."""
    jobs = DBTaskResult.objects
    day_ago = timezone.now() - datetime.timedelta(days=1)
    return {
        "jobs_waiting": jobs.filter(status=READY).count(),
        "jobs_running": jobs.filter(status=RUNNING).count(),
        "jobs_failed_last_day": jobs.filter(status=FAILED, finished_at__gte=day_ago).count(),
    }


def prune_finished(*, now: datetime.datetime, days: int = 14, dry_run: bool = False) -> int:
    """Delete the records of jobs that ended more than ``days`` ago; returns how many.

    The queue is no archive: a finished job's record only says that it ran, and a failed one keeps the
    exception its task raised, which is one more place for a detail to linger. The audit log is the history.
    """
    cutoff = now - datetime.timedelta(days=days)
    old = DBTaskResult.objects.filter(status__in=["SUCCESSFUL", FAILED], finished_at__lt=cutoff)
    return old.count() if dry_run else old.delete()[0]
