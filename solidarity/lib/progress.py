"""A progress bar on stderr for long commands (mail imports, batch extraction), so stdout stays clean for
JSON.

On a terminal it redraws one line at most five times a second; in a log file or a pipe (cron, CI, a test) it
writes a line every tenth of the way, so a log shows progress without thousands of carriage returns. A label,
when given, names the item just done (a file name); callers never pass anything about a person.
"""

from __future__ import annotations

import sys
import time
from types import TracebackType
from typing import TextIO


class Progress:
    def __init__(self, total: int, *, unit: str = "", stream: TextIO | None = None, enabled: bool = True) -> None:
        self.total, self.unit = max(total, 0), unit
        self.stream = stream or sys.stderr
        self.enabled = enabled
        self.tty = enabled and bool(getattr(self.stream, "isatty", lambda: False)())
        self.done = 0
        self.started = time.monotonic()
        self.drawn = 0.0
        self.step = max(1, self.total // 10)

    def __enter__(self) -> Progress:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None, tb: TracebackType | None) -> None:
        self.close()

    def advance(self, label: str = "") -> None:
        self.done += 1
        if not self.enabled:
            return
        now, last = time.monotonic(), self.done == self.total
        if self.tty and (now - self.drawn > 0.2 or last):
            self.drawn = now
            self.stream.write("\r" + self.line(label))
            self.stream.flush()
        elif not self.tty and (self.done % self.step == 0 or last):
            self.stream.write(self.line(label) + "\n")
            self.stream.flush()

    def line(self, label: str = "") -> str:
        rate = self.done / max(time.monotonic() - self.started, 1e-6)
        unit = f" {self.unit}" if self.unit else ""
        if self.total:
            filled = int(30 * self.done / self.total)
            text = f"[{'#' * filled}{'.' * (30 - filled)}] {self.done}/{self.total}{unit}, {rate:.1f}/s"
        else:
            text = f"{self.done}{unit}, {rate:.1f}/s"
        return f"{text} {label[:40]}".rstrip()

    def close(self) -> None:
        if self.tty:
            self.stream.write("\n")
            self.stream.flush()
