"""Background jobs on several workers sharing one PostgreSQL: each job runs once, however many workers race
for it, and a worker killed in the middle of a job takes it back when it restarts."""

from __future__ import annotations

import time
from pathlib import Path

import psycopg
import pytest

from tests.system.cluster import Worker, instance_env, solidarity, wait_for


@pytest.fixture(scope="module")
def box(folder: Path, postgres) -> dict[str, str]:
    env = instance_env(folder / "box", postgres.url)
    solidarity(env, "migrate", "--noinput", "-v0")
    return env


def enqueue(env: dict[str, str], log: Path, numbers: range, first_run_seconds: float = 0.0) -> None:
    code = (
        "from tests.system.probe_tasks import mark\n"
        f"for n in {list(numbers)!r}:\n"
        f"    mark.enqueue(n, {str(log)!r}, {first_run_seconds!r})\n"
    )
    solidarity(env, "shell", "-c", code)


def statuses(url: str) -> dict[str, int]:
    with psycopg.connect(url) as connection:
        rows = connection.execute("SELECT status, count(*) FROM django_tasks_database_dbtaskresult GROUP BY status")
        return dict(rows.fetchall())


def clear(url: str) -> None:
    with psycopg.connect(url) as connection:
        connection.execute("DELETE FROM django_tasks_database_dbtaskresult")


def runs(log: Path) -> tuple[list[int], list[int]]:
    lines = log.read_text(encoding="utf-8").splitlines() if log.exists() else []
    started = [int(line.split()[1]) for line in lines if line.startswith("start ")]
    done = [int(line.split()[1]) for line in lines if line.startswith("done ")]
    return started, done


def test_three_workers_run_every_job_exactly_once(box, postgres, folder):
    clear(postgres.url)
    log = folder / "race.log"
    workers = [Worker(box, folder / f"race-w{i}.out", f"race-{i}") for i in range(3)]
    try:
        wait_for(lambda: all("Starting worker" in worker.output() for worker in workers), "3 workers polling")
        enqueue(box, log, range(90), first_run_seconds=0.02)
        wait_for(lambda: statuses(postgres.url) == {"SUCCESSFUL": 90}, "all 90 jobs done", timeout=60)
    finally:
        for worker in workers:
            worker.stop()
    started, done = runs(log)
    assert sorted(started) == list(range(90)) and sorted(done) == list(range(90))  # none twice, none skipped
    pids = {line.split()[2] for line in log.read_text().splitlines() if line.startswith("done ")}
    assert len(pids) >= 2, "the jobs were not shared between the workers"


def test_a_worker_killed_mid_job_takes_it_back_when_it_restarts(box, postgres, folder):
    clear(postgres.url)
    log = folder / "kill.log"
    enqueue(box, log, range(1), first_run_seconds=60)  # the job the worker will be killed in
    enqueue(box, log, range(1, 6))
    worker = Worker(box, folder / "kill-w1.out", "box-1")
    wait_for(lambda: runs(log)[0] == [0], "the long job to start")
    worker.kill()  # kill -9 in the middle of job 0
    assert statuses(postgres.url) == {"RUNNING": 1, "READY": 5}

    other = Worker(box, folder / "kill-w2.out", "box-2", "--batch")  # another box's worker leaves it alone
    other.child.wait(timeout=60)
    assert statuses(postgres.url) == {"RUNNING": 1, "SUCCESSFUL": 5}

    restarted = Worker(box, folder / "kill-w1b.out", "box-1", "--batch")  # the same worker, back
    restarted.child.wait(timeout=60)
    assert "took back 1 job" in restarted.output()
    assert statuses(postgres.url) == {"SUCCESSFUL": 6}
    started, done = runs(log)
    assert sorted(done) == [0, 1, 2, 3, 4, 5]  # every job finished once
    assert started.count(0) == 2 and all(started.count(n) == 1 for n in range(1, 6))


def test_queued_jobs_wait_for_a_worker_and_status_counts_them(box, postgres, folder):
    clear(postgres.url)
    enqueue(box, folder / "idle.log", range(3))
    out = solidarity(box, "status")
    assert "jobs waiting: 3" in out.stdout
    time.sleep(0.1)
    assert statuses(postgres.url) == {"READY": 3}
