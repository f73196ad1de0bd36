"""Reading settings from the environment.

Every setting comes from a ``SOLIDARITY_*`` variable so that one settings module serves a laptop, CI and a
production box alike. Secrets may instead come from a file named by ``<NAME>_FILE`` so they never have to
live in a process environment that other tools can read.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_str(name: str, default: str = "") -> str:
    """A string setting; ``NAME_FILE`` (a path) wins over ``NAME`` so secrets can be mounted as files."""
    file_name = os.environ.get(f"{name}_FILE")
    if file_name:
        return Path(file_name).read_text(encoding="utf-8").strip()
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    """A boolean setting; anything unrecognised is an error rather than a silent ``False``."""
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ValueError(f"{name} must be one of 1/0/true/false/yes/no/on/off, not {raw!r}")


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        return int(raw)
    except ValueError as exc:
        raise ValueError(f"{name} must be an integer, not {raw!r}") from exc


def env_list(name: str, default: list[str]) -> list[str]:
    """A comma-separated list setting."""
    raw = os.environ.get(name)
    if raw is None:
        return list(default)
    return [item.strip() for item in raw.split(",") if item.strip()]


def code_fingerprint(*roots: Path) -> str:
    """A short name for this copy of the code, from the contents of the files under ``roots``.

    Snapshots of public pages are rendered HTML. After an upgrade a new template, stylesheet link or translation
    must not keep being served from a page rendered by the old code until someone happens to publish a report, so
    snapshots live in a folder named by this fingerprint. Contents, not change times, because some builds set every
    file's time to one fixed date; reading them takes a few milliseconds per process start. Tests and caches are
    left out because they do not shape a page.
    """
    digest = hashlib.sha256()
    for root in roots:
        paths = [root] if root.is_file() else sorted(root.rglob("*"))
        for path in paths:
            inside = path.relative_to(root).parts if path != root else ()
            if "__pycache__" in inside or "tests" in inside or not path.is_file():
                continue
            digest.update(f"{'/'.join(inside)}\n".encode())
            digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()[:12]
