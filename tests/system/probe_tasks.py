"""A background job that leaves a trace of every run, so tests can count how often each job ran."""

from __future__ import annotations

import os
import time
from pathlib import Path

from django_tasks import task


def _append(log: Path, line: str) -> None:
    with open(log, "a", encoding="utf-8") as handle:  # one short write per line: appends never interleave
        handle.write(line + "\n")


@task()
def mark(n: int, log: str, first_run_seconds: float = 0.0) -> int:
    """Write "start N", wait ``first_run_seconds`` on the job's first run only, then write "done N"."""
    path = Path(log)
    earlier = path.read_text(encoding="utf-8").splitlines().count(f"start {n}") if path.exists() else 0
    _append(path, f"start {n}")
    if earlier == 0 and first_run_seconds:
        time.sleep(first_run_seconds)
    _append(path, f"done {n} {os.getpid()}")
    return n
