"""Uploaded files through Django's storage API only, so one code path serves a folder on this box and an
S3-compatible bucket shared by several boxes (``SOLIDARITY_MEDIA_STORAGE``, docs/media-storage.md).

Code outside this module never builds a filesystem path to media. The few places where a local folder can do
better than the generic API (a hard link instead of a copy, ``sendfile`` instead of reading through
Python) ask :func:`local_path` and fall back to the storage calls when it answers ``None``.
"""

from __future__ import annotations

import errno
import os
import posixpath
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from django.core.files import File
from django.core.files.storage import Storage

CHUNK = 1 << 20


class StorageNameTaken(OSError):
    """The storage kept a file under another name than asked, because the name was taken."""


def local_path(storage: Storage, name: str) -> Path | None:
    """Where ``name`` lies on this box's disk, or ``None`` for a storage that has no disk (a bucket)."""
    try:
        return Path(storage.path(name))
    except NotImplementedError:
        return None


def is_local(storage: Storage) -> bool:
    return local_path(storage, "") is not None


def save_exactly(storage: Storage, name: str, content: Any) -> str:
    """Save ``content`` under ``name`` and nothing else: a storage that keeps files apart renames a clash
    (``photo_abc123.jpg``), and a record pointing at ``name`` would then show someone else's file."""
    stored = storage.save(name, content)
    if stored != name:
        storage.delete(stored)
        raise StorageNameTaken(errno.EEXIST, "exists already in the media store", name)
    return stored


def copy(storage: Storage, source: str, target: str) -> str:
    """Give the file ``source`` a second name ``target``, leaving ``source`` in place.

    On a folder this is a hard link: atomic, instant, and no new space (a full disk cannot fail it halfway).
    Elsewhere (a bucket, a filesystem without links) the bytes are copied. Returns ``target``.
    """
    old, new = local_path(storage, source), local_path(storage, target)
    if old is not None and new is not None:
        new.parent.mkdir(parents=True, exist_ok=True)
        try:
            os.link(old, new)
            return target
        except FileExistsError as exc:
            raise StorageNameTaken(errno.EEXIST, "exists already in the media store", target) from exc
        except OSError:
            pass  # no hard links here: copy through the storage below
    with storage.open(source, "rb") as handle:
        save_exactly(storage, target, handle)
    return target


def walk(storage: Storage, folder: str = "") -> Iterator[str]:
    """Every file name under ``folder``, sorted, as the storage names them (``photos/ab12.jpg``).

    A folder removed while we walk is skipped (a purge ran); on a local folder, symbolic links are skipped so a
    link planted in the media folder cannot pull other files of the box into a backup.
    """
    try:
        folders, files = storage.listdir(folder)
    except FileNotFoundError:
        return
    entries = [(posixpath.join(folder, name), False) for name in files]
    entries += [(posixpath.join(folder, name), True) for name in folders]
    for name, is_folder in sorted(entries):
        if is_folder:
            yield from walk(storage, name)
            continue
        path = local_path(storage, name)
        if path is not None and (path.is_symlink() or not path.is_file()):
            continue
        yield name


def copy_out(storage: Storage, name: str, destination: Path) -> None:
    """Copy the stored file ``name`` to ``destination`` on this box; ``FileNotFoundError`` if it went away."""
    destination.parent.mkdir(parents=True, exist_ok=True)
    path = local_path(storage, name)
    if path is not None:
        shutil.copyfile(path, destination)
        return
    with storage.open(name, "rb") as source, destination.open("wb") as target:
        for chunk in iter(lambda: source.read(CHUNK), b""):
            target.write(chunk)


def copy_in(storage: Storage, source: Path, name: str) -> str:
    """Store the file ``source`` of this box under exactly ``name``."""
    with source.open("rb") as handle:
        return save_exactly(storage, name, File(handle, name=posixpath.basename(name)))


def total_bytes(storage: Storage) -> int:
    """The size of everything stored. A folder is walked; a bucket is listed a thousand objects per request,
    sizes included, rather than asked file by file."""
    bucket = getattr(storage, "bucket", None)
    if bucket is not None and not is_local(storage):
        prefix = getattr(storage, "location", "")
        objects = bucket.objects.filter(Prefix=f"{prefix}/" if prefix else "")
        return sum(item.size for item in objects)
    total = 0
    for name in walk(storage):
        try:
            total += storage.size(name)
        except FileNotFoundError:
            continue
    return total
