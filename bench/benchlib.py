"""What the Python benchmarks share: a throwaway database and data folder, timing, percentiles, and a check
that the machine is idle (on 2 cores, anything else running skews every figure)."""

from __future__ import annotations

import os
import shutil
import time
from collections.abc import Callable
from pathlib import Path


def prepare_environment(sqlite_path: Path, data_dir: Path, *, reuse: bool = False) -> str:
    """Point Django at a throwaway SQLite database (unless DATABASE_URL names one) and data folder, before
    Django is imported; ``reuse`` keeps what an earlier run seeded. Returns the database scheme."""
    if "DATABASE_URL" not in os.environ:
        if not reuse:
            for suffix in ("", "-wal", "-shm"):
                Path(f"{sqlite_path}{suffix}").unlink(missing_ok=True)
        os.environ["DATABASE_URL"] = f"sqlite:///{sqlite_path}"
    if not reuse:
        shutil.rmtree(data_dir, ignore_errors=True)
    os.environ["SOLIDARITY_DATA_DIR"] = str(data_dir)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "solidarity.settings")
    os.environ.setdefault("SOLIDARITY_LOG_LEVEL", "WARNING")
    return os.environ["DATABASE_URL"].split(":", 1)[0]


def timed(fn: Callable[[], object], runs: int, before: Callable[[], None] | None = None) -> list[float]:
    """Milliseconds for each of ``runs`` calls (after one untimed warm-up); ``before`` runs untimed each time."""
    if before:
        before()
    fn()
    samples = []
    for _ in range(runs):
        if before:
            before()
        start = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - start) * 1000)
    return samples


def idle_percent(seconds: float = 1.0) -> int:
    """Share of CPU idle over ``seconds`` (from /proc/stat)."""

    def sample() -> list[int]:
        with open("/proc/stat") as handle:
            return [int(v) for v in handle.readline().split()[1:9]]

    before = sample()
    time.sleep(seconds)
    delta = [b - a for a, b in zip(before, sample(), strict=True)]
    return round(100 * delta[3] / max(1, sum(delta)))


def pct(samples: list[float], q: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(q / 100 * (len(ordered) - 1)))]
