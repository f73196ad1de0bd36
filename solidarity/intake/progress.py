"""A progress bar on stderr for long imports, without a dependency.

On a terminal it redraws one line; in a log file (cron, CI) it writes a line every tenth of the way, so the log
shows progress without thousands of carriage returns. It never prints anything about a message.
"""

from __future__ import annotations

import sys
import time
from typing import TextIO


class Progress:
    def __init__(self, total: int, *, stream: TextIO | None = None, enabled: bool = True) -> None:
        self.total = max(total, 0)
        self.stream = stream or sys.stderr
        self.enabled = enabled
        self.tty = enabled and self.stream.isatty()
        self.done = 0
        self.started = time.monotonic()
        self.drawn = 0.0
        self.step = max(1, self.total // 10)

    def advance(self, n: int = 1) -> None:
        self.done += n
        if not self.enabled:
            return
        now = time.monotonic()
        if self.tty and (now - self.drawn > 0.2 or self.done == self.total):
            self.drawn = now
            self.stream.write("\r" + self.line())
            self.stream.flush()
        elif not self.tty and (self.done % self.step == 0 or self.done == self.total):
            self.stream.write(self.line() + "\n")

    def line(self) -> str:
        rate = self.done / max(time.monotonic() - self.started, 1e-6)
        if self.total:
            filled = int(30 * self.done / self.total)
            bar = "#" * filled + "." * (30 - filled)
            return f"[{bar}] {self.done}/{self.total} messages, {rate:.0f}/s"
        return f"{self.done} messages, {rate:.0f}/s"

    def close(self) -> None:
        if self.tty:
            self.stream.write("\n")
            self.stream.flush()
