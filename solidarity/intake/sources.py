"""Where messages come from on disk: an mbox file, a maildir, ``.eml`` files or a folder of them.

Each source yields raw bytes one message at a time, so a 40 GB mbox costs the memory of its largest message,
not of the file. The count is known up front (for the progress bar): mbox and maildir keep a table of contents
of offsets and names only.
"""

from __future__ import annotations

import mailbox
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from solidarity.intake.models import Message


@dataclass
class Source:
    kind: str  # one of Message.Source
    count: int
    messages: Iterator[bytes]


def open_source(path: Path) -> Source:
    """The messages at ``path``; raises ``ValueError`` with a readable reason when there are none to read."""
    if path.is_dir():
        if all((path / sub).is_dir() for sub in ("cur", "new")):
            return _maildir(path)
        files = sorted(p for p in path.rglob("*.eml") if p.is_file())
        if not files:
            raise ValueError(f"{path} is neither a maildir nor a folder with .eml files")
        return Source(Message.Source.EML, len(files), (f.read_bytes() for f in files))
    if not path.is_file():
        raise ValueError(f"{path} does not exist")
    with path.open("rb") as handle:
        start = handle.read(5)
    if path.suffix.lower() == ".eml" or start != b"From ":
        return Source(Message.Source.EML, 1, iter([path.read_bytes()]))
    return _mbox(path)


def _mbox(path: Path) -> Source:
    box = mailbox.mbox(path, create=False)
    box.lock = box.unlock = lambda: None  # type: ignore[method-assign]  # read-only: no .lock files beside it
    keys = box.keys()  # scans once for "From " lines; keeps offsets only

    def read() -> Iterator[bytes]:
        try:
            for key in keys:
                yield box.get_bytes(key)
        finally:
            box.close()

    return Source(Message.Source.MBOX, len(keys), read())


def _maildir(path: Path) -> Source:
    box = mailbox.Maildir(path, factory=None, create=False)
    keys = sorted(box.keys())

    def read() -> Iterator[bytes]:
        for key in keys:
            try:
                yield box.get_bytes(key)
            except KeyError:  # delivered elsewhere since we listed it
                continue

    return Source(Message.Source.MAILDIR, len(keys), read())
