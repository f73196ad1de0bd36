"""Static snapshots of public pages, served before Django runs.

A call that goes viral sends thousands of readers to one page whose content changes only when a moderator
publishes something. The page is rendered once, written to ``SNAPSHOT_ROOT/<path>/index.html`` and served from
memory by :class:`SnapshotApp` in front of Django; services delete the files when the data behind them
changes, and the next request renders a fresh copy. Files (not a per-process cache) hold the snapshots so that
every worker process on the box sees an invalidation at once.

Several boxes each keep their own files, so deleting files on one box says nothing to the others. With a shared
cache (database or Redis, ``SOLIDARITY_CACHE``), every invalidation also stores a new random *token* per path in
that cache; each snapshot file records the token that was current when its rendering began, and a process looks
the token up at most once per ``CHECK_SECONDS`` per path. A file whose token is no longer current is stale on
every box within that interval. Should the cache itself be unreachable, the last known tokens stand and the
snapshots keep being served: readers still get the page while the database is away.
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
import threading
import time
import uuid
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from solidarity.lib.headers import PERMISSIONS_POLICY, content_security_policy

CHECK_SECONDS = 1.0
TOKEN_ENVIRON = "solidarity.snapshot_token"  # noqa: S105 (not a secret): the token SnapshotApp read before the page began rendering
_MARK = b"#snapshot "  # first line of a snapshot file: the mark and the token, then the page

_SAFE_PATH = re.compile(r"^/[A-Za-z0-9/_\-.]*$")


def snapshot_file(root: Path, url_path: str) -> Path | None:
    """Where the snapshot of ``url_path`` lives, or ``None`` for a path that may not be snapshotted."""
    if not _SAFE_PATH.match(url_path) or ".." in url_path or not url_path.endswith("/"):
        return None
    return root / url_path.strip("/") / "index.html"


def _token_key(url_path: str) -> str:
    return f"snapshot-token:{url_path}"


def shared() -> bool:
    """Whether tokens are kept: only with a cache every box shares (a per-process cache would disagree)."""
    from django.conf import settings

    return bool(settings.SOLIDARITY.get("SNAPSHOT_TOKENS"))


def current_token(url_path: str) -> str:
    """The token of ``url_path`` in the shared cache ("" when tokens are off or none was ever set)."""
    if not shared():
        return ""
    from django.core.cache import cache

    return cache.get(_token_key(url_path)) or ""


def write(root: Path, url_path: str, content: bytes, token: str | None = None) -> None:
    """Store a rendered page atomically (readers see the old file or the new one, never half of one).

    ``token`` must be read before the data the page shows was read (SnapshotApp passes it in the request);
    without one, the current token is used, which is right only when nothing can change meanwhile.
    """
    target = snapshot_file(root, url_path)
    if target is None:
        return
    if token is None:
        token = current_token(url_path)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".tmp-")
    with os.fdopen(fd, "wb") as handle:
        handle.write(_MARK + token.encode("ascii") + b"\n" + content)
    os.replace(tmp, target)


def remove(root: Path, url_paths: Iterable[str]) -> None:
    """Drop the snapshots of ``url_paths`` here, and (with a shared cache) on every other box."""
    url_paths = list(url_paths)
    for url_path in url_paths:
        target = snapshot_file(root, url_path)
        if target is not None:
            target.unlink(missing_ok=True)
    if shared() and url_paths:
        from django.core.cache import cache

        token = uuid.uuid4().hex
        cache.set_many({_token_key(path): token for path in url_paths}, timeout=None)


def drop_other_versions(root: Path) -> None:
    """Delete the snapshots rendered by other copies of the code (``SNAPSHOT_ROOT`` is named by a fingerprint of
    the code, settings.py): after an upgrade they are never read again, and a box should not fill up with them."""
    if not root.parent.is_dir():
        return
    for entry in root.parent.iterdir():
        if entry.is_dir() and entry != root:
            shutil.rmtree(entry, ignore_errors=True)


def _split(raw: bytes) -> tuple[str, bytes] | None:
    """(token, page) of a snapshot file; None for a file without the mark (written by an older version)."""
    if not raw.startswith(_MARK):
        return None
    line, _sep, body = raw.partition(b"\n")
    return line[len(_MARK) :].decode("ascii", "replace"), body


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
        self.cache: dict[str, tuple[int, str, bytes, list[tuple[str, str]]]] = {}  # mtime, token, page, headers
        self._tokens: dict[str, tuple[float, str]] = {}  # URL path -> (when looked up, token)
        self._files: dict[tuple[Path, str], str | None] = {}  # (root, URL path) -> file name, worked out once
        self._rendering: set[str] = set()  # paths this process is re-rendering after an invalidation
        self._lock = threading.Lock()

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        method = environ.get("REQUEST_METHOD")
        if (method == "GET" or method == "HEAD") and not environ.get("QUERY_STRING"):
            path = environ.get("PATH_INFO", "")
            hit = self._load(path)
            if hit is None and self._file(self.root(), path) is not None:
                # read before Django reads the data, and stored with the page (see ``write``)
                environ[TOKEN_ENVIRON] = self._token(path, fresh=True)
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
                    hit = cached[2], [*cached[3][:-1], ("X-Snapshot", "stale")]
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

    def _token(self, path: str, *, fresh: bool = False) -> str:
        """The path's current token, looked up at most once per CHECK_SECONDS (always when ``fresh``)."""
        if not shared():
            return ""
        now = time.monotonic()
        known = self._tokens.get(path)
        if known is not None and not fresh and now - known[0] < CHECK_SECONDS:
            return known[1]
        try:
            token = current_token(path)
        except Exception:  # the shared cache is away (a database cache with the database down): keep serving
            return known[1] if known is not None else ""
        if len(self._tokens) < 10_000 or path in self._tokens:
            self._tokens[path] = (now, token)
        return token

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
            return (cached[2], cached[3]) if cached[1] == self._token(path) else None
        try:
            with open(name, "rb") as handle:
                parts = _split(handle.read())
        except FileNotFoundError:
            return None
        if parts is None:
            return None
        token, body = parts
        headers = [
            *SNAPSHOT_HEADERS,
            ("Content-Security-Policy", content_security_policy()),
            ("Content-Length", str(len(body))),
            ("X-Snapshot", "1"),
        ]
        self.cache[path] = (mtime, token, body, headers)
        return (body, headers) if token == self._token(path) else None
