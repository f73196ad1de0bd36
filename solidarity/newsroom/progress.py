"""A progress bar for batch extraction, on stderr so that the JSON lines on stdout stay clean.

Drawn in place with a carriage return when stderr is a terminal; otherwise (a log file, a pipe, a test) one
line every tenth of the batch, so logs show progress without a line per article.
"""

from __future__ import annotations

import time
from types import TracebackType
from typing import TextIO


class Progress:
    def __init__(self, total: int, *, stream: TextIO, width: int = 30) -> None:
        self.total, self.stream, self.width = total, stream, width
        self.done = 0
        self.started = time.monotonic()
        self.tty = bool(getattr(stream, "isatty", lambda: False)())

    def __enter__(self) -> Progress:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None, tb: TracebackType | None) -> None:
        if self.tty:
            self.stream.write("\n")
        self.stream.flush()

    def advance(self, label: str = "") -> None:
        self.done += 1
        step = max(1, self.total // 10)
        if self.tty or self.done % step == 0 or self.done == self.total:
            self.stream.write(self.line(label) + ("\r" if self.tty else "\n"))
            self.stream.flush()

    def line(self, label: str = "") -> str:
        share = self.done / self.total if self.total else 1.0
        filled = int(share * self.width)
        rate = self.done / max(time.monotonic() - self.started, 1e-9)
        bar = "#" * filled + "-" * (self.width - filled)
        return f"[{bar}] {self.done}/{self.total} {rate:5.1f}/s {label[:40]}"
