"""Static snapshots of public pages, served before Django runs.

A call that goes viral sends thousands of readers to one page whose content changes only when a moderator
publishes something. The page is rendered once, written to ``SNAPSHOT_ROOT/<path>/index.html`` and served from
memory by :class:`SnapshotApp` in front of Django; services delete the files when the data behind them
changes, and the next request renders a fresh copy. Files (not a per-process cache) hold the snapshots so that
every worker process on the box sees an invalidation at once.
"""

from __future__ import annotations

import os
import re
import tempfile
import threading
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from solidarity.lib.headers import PERMISSIONS_POLICY, content_security_policy

_SAFE_PATH = re.compile(r"^/[A-Za-z0-9/_\-.]*$")


def snapshot_file(root: Path, url_path: str) -> Path | None:
    """Where the snapshot of ``url_path`` lives, or ``None`` for a path that may not be snapshotted."""
    if not _SAFE_PATH.match(url_path) or ".." in url_path or not url_path.endswith("/"):
        return None
    return root / url_path.strip("/") / "index.html"


def write(root: Path, url_path: str, content: bytes) -> None:
    """Store a rendered page atomically (readers see the old file or the new one, never half of one)."""
    target = snapshot_file(root, url_path)
    if target is None:
        return
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".tmp-")
    with os.fdopen(fd, "wb") as handle:
        handle.write(content)
    os.replace(tmp, target)


def remove(root: Path, url_paths: Iterable[str]) -> None:
    for url_path in url_paths:
        target = snapshot_file(root, url_path)
        if target is not None:
            target.unlink(missing_ok=True)


SNAPSHOT_HEADERS = [
    ("Content-Type", "text/html; charset=utf-8"),
    ("Cache-Control", "no-cache"),
    ("Permissions-Policy", PERMISSIONS_POLICY),
    ("Referrer-Policy", "same-origin"),
    ("X-Content-Type-Options", "nosniff"),
    ("X-Frame-Options", "DENY"),
    ("Cross-Origin-Opener-Policy", "same-origin"),
]


class SnapshotApp:
    """WSGI middleware: answer GET/HEAD for a snapshotted path from memory, pass everything else on.

    One ``stat`` per request keeps the in-memory copy in step with the file written by any process.
    """

    def __init__(self, app: Callable[..., Any], root: Callable[[], Path], pattern: str) -> None:
        self.app = app
        self.root = root  # a callable, so the folder follows the settings (tests point it elsewhere)
        self.pattern = re.compile(pattern)
        self.cache: dict[str, tuple[int, bytes, list[tuple[str, str]]]] = {}
        self._files: dict[tuple[Path, str], str | None] = {}  # (root, URL path) -> file name, worked out once
        self._rendering: set[str] = set()  # paths this process is re-rendering after an invalidation
        self._lock = threading.Lock()

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        method = environ.get("REQUEST_METHOD")
        if (method == "GET" or method == "HEAD") and not environ.get("QUERY_STRING"):
            path = environ.get("PATH_INFO", "")
            hit = self._load(path)
            if hit is None and path in self.cache:
                # The snapshot was just invalidated. One request per process re-renders it; the others get the
                # copy in memory meanwhile (older by at most one render) instead of all rendering at once.
                with self._lock:
                    leader = path not in self._rendering
                    self._rendering.add(path)
                if leader:
                    try:
                        return self.app(environ, start_response)
                    finally:
                        with self._lock:
                            self._rendering.discard(path)
                            if self._load(path) is None:
                                self.cache.pop(path, None)
                cached = self.cache.get(path)
                if cached is not None:
                    hit = cached[1], [*cached[2][:-1], ("X-Snapshot", "stale")]
            if hit is not None:
                body, headers = hit
                start_response("200 OK", headers)
                return [b""] if method == "HEAD" else [body]
        return self.app(environ, start_response)

    def _file(self, root: Path, path: str) -> str | None:
        key = (root, path)
        try:
            return self._files[key]
        except KeyError:
            pass
        target = snapshot_file(root, path) if self.pattern.match(path) else None
        name = None if target is None else str(target)
        if len(self._files) < 10_000:  # paths come from the outside world: keep the memo bounded
            self._files[key] = name
        return name

    def _load(self, path: str) -> tuple[bytes, list[tuple[str, str]]] | None:
        name = self._file(self.root(), path)
        if name is None:
            return None
        try:
            mtime = os.stat(name).st_mtime_ns
        except FileNotFoundError:
            return None  # the copy in memory stays, as the stale answer while one request re-renders
        cached = self.cache.get(path)
        if cached is not None and cached[0] == mtime:
            return cached[1], cached[2]
        try:
            with open(name, "rb") as handle:
                body = handle.read()
        except FileNotFoundError:
            return None
        headers = [
            *SNAPSHOT_HEADERS,
            ("Content-Security-Policy", content_security_policy()),
            ("Content-Length", str(len(body))),
            ("X-Snapshot", "1"),
        ]
        self.cache[path] = (mtime, body, headers)
        return body, headers
