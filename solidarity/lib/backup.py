"""One archive that holds a whole instance (every record, every uploaded file) and restores it anywhere.

A backup is the copy of the data an adversary most wants, and the one an organiser needs on the worst day, so:

* **Consistent while serving.** The records are read from one snapshot: on SQLite a copy made with SQLite's
  online backup (readers and the writer carry on), on PostgreSQL one REPEATABLE READ, READ ONLY transaction.
* **Database-neutral.** Records are written by Django's own ``dumpdata`` (JSON lines with times to the
  microsecond, natural keys for content types and permissions), so a backup from SQLite restores into
  PostgreSQL and back.
* **Checked.** ``manifest.json`` lists every member with its size and SHA-256, the number of rows per model and
  the schema (the last migration of each app). Restore refuses an archive that does not match it, a database
  that already holds records, and a schema other than the code's: records load into the tables of the version
  that wrote them, so an old backup is restored with its version and then upgraded like any instance.
* **All or nothing.** Records load in one transaction and their row counts are checked against the manifest;
  if anything fails, the files already placed are removed and the instance is as empty as before.

* **Encrypted to a public key, if asked.** With age recipients (``age1…``) the archive is an age file
  (age-encryption.org/v1, through pyrage): the server holds only the public key, so neither a seized server nor
  a leaked backup opens old archives; the organisers' secret key (or the standard ``age`` tool) does. A
  passphrase is not offered: to back up unattended the server would have to keep it.

Sessions are left out (restoring them would log back in whoever was logged in); content types and permissions
are recreated by ``migrate`` and referred to by natural keys.
"""

from __future__ import annotations

import datetime
import hashlib
import io
import json
import posixpath
import sqlite3
import tarfile
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyrage
from django.apps import apps
from django.core.files.storage import Storage, default_storage
from django.core.management import call_command
from django.db import connections, transaction
from django.db.migrations.recorder import MigrationRecorder

from solidarity.lib.status import note_backup
from solidarity.lib.storage import StorageNameTaken, copy_in, copy_out, local_path, walk

FORMAT = 1
SNAPSHOT = "backup_snapshot"
DATA = "data/records.jsonl"
MANIFEST = "manifest.json"
AGE_HEADER = b"age-encryption.org/v1\n"
# recreated by migrate (content types, permissions) or deliberately not kept (sessions)
EXCLUDED = ["contenttypes", "auth.permission", "sessions"]


class BackupError(Exception):
    """A backup or restore that cannot go on; the message says why and what to do."""


@dataclass(frozen=True)
class Summary:
    path: Path
    records: int
    files: int
    size: int


def backup(path: Path, recipients: list[str] | None = None) -> Summary:
    """Write the archive to ``path`` (through a temporary file beside it, so a failed run leaves no half archive),
    encrypted to the age ``recipients`` if any are given."""
    path = Path(path)
    if path.exists():
        raise BackupError(f"{path} exists already; a backup never overwrites a file.")
    keys = [_recipient(text) for text in recipients or []]  # a typo in a key fails before any work
    with tempfile.TemporaryDirectory(prefix="solidarity-backup-") as work:
        staging = Path(work)
        (staging / "data").mkdir()
        with snapshot() as alias:
            call_command(
                "dumpdata",
                format="exact-jsonl",  # Django's jsonl with times to the microsecond
                output=str(staging / DATA),
                database=alias,
                exclude=EXCLUDED,
                use_natural_foreign_keys=True,
                use_base_manager=True,
                verbosity=0,
            )
            counts = _row_counts(alias)
            schema = _schema(alias)
        media = _copy_media(default_storage, staging / "media")
        manifest = {
            "format": FORMAT,
            "created_at": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
            "database": connections["default"].vendor,
            "schema": schema,
            "rows": counts,
            "files": {name: _describe(staging / name) for name in [DATA, *media]},
        }
        partial = path.with_name(f".{path.name}.partial")
        plain = staging / "archive.tar" if keys else partial  # unencrypted bytes never leave the private folder
        partial.unlink(missing_ok=True)  # left by a run that was killed
        try:
            with _private_file(plain) as stream, tarfile.open(fileobj=stream, mode="w") as archive:
                _add_bytes(archive, MANIFEST, json.dumps(manifest, indent=1, sort_keys=True).encode())
                for name in manifest["files"]:
                    archive.add(staging / name, arcname=name, recursive=False)
            if keys:
                with plain.open("rb") as reader, _private_file(partial) as writer:
                    pyrage.encrypt_io(reader, writer, keys)
            partial.rename(path)
        finally:
            partial.unlink(missing_ok=True)
    summary = Summary(path, sum(counts.values()), len(media), path.stat().st_size)
    note_backup({"path": str(path), "records": summary.records, "files": summary.files, "bytes": summary.size,
                 "encrypted": bool(keys)})  # fmt: skip
    return summary


def restore(path: Path, identities: list[Path] | None = None) -> Summary:
    """Restore the archive at ``path`` into this instance's empty database and media store (folder or bucket),
    decrypting it with the age identity files given if it is encrypted.

    The files go in first and are removed again if the records fail to load, so a failed restore leaves the
    instance as empty as it was and can simply be run again.
    """
    with tempfile.TemporaryDirectory(prefix="solidarity-restore-") as work:
        archive = _decrypted(Path(path), identities or [], Path(work))
        staging = Path(work) / "unpacked"
        manifest = _unpack(archive, staging)
        call_command("migrate", interactive=False, verbosity=0)  # tables, content types and permissions
        _check_schema(manifest["schema"], _schema("default"))
        _check_empty()
        media = [name for name in manifest["files"] if name.startswith("media/")]
        copied = _place_media(staging, media)
        try:
            with transaction.atomic():
                call_command("loaddata", str(staging / DATA), verbosity=0)
                loaded = _row_counts("default")
                if loaded != manifest["rows"]:
                    differ = sorted(k for k in {*loaded, *manifest["rows"]} if loaded.get(k) != manifest["rows"].get(k))
                    raise BackupError(f"The restored rows do not match the manifest for: {', '.join(differ)}.")
        except BaseException:
            _remove_media(copied)
            raise
    return Summary(Path(path), sum(manifest["rows"].values()), len(media), Path(path).stat().st_size)


# --- encryption ------------------------------------------------------------------------------------------------


def _recipient(text: str) -> pyrage.x25519.Recipient:
    try:
        return pyrage.x25519.Recipient.from_str(text.strip())
    except pyrage.RecipientError as error:
        raise BackupError(f"{text.strip()!r} is not an age public key (age1…): {error}.") from error


def _identities(files: list[Path]) -> list[pyrage.x25519.Identity]:
    """The secret keys in age identity files (``age-keygen`` output: comments and AGE-SECRET-KEY-1… lines)."""
    found = []
    for file in files:
        try:
            lines = Path(file).read_text(encoding="utf-8").splitlines()
        except OSError as error:
            raise BackupError(f"Cannot read the identity file {file}: {error.strerror}.") from error
        for line in lines:
            if line.strip().startswith("AGE-SECRET-KEY-"):
                try:
                    found.append(pyrage.x25519.Identity.from_str(line.strip()))
                except pyrage.IdentityError as error:
                    raise BackupError(f"{file} holds a damaged secret key: {error}.") from error
    if files and not found:
        raise BackupError("The identity files hold no age secret key (AGE-SECRET-KEY-1…).")
    return found


def _decrypted(path: Path, identities: list[Path], staging: Path) -> Path:
    """``path`` itself if it is a plain archive, else its decryption into ``staging``."""
    try:
        with Path(path).open("rb") as stream:
            encrypted = stream.read(len(AGE_HEADER)) == AGE_HEADER
    except OSError as error:
        raise BackupError(f"Cannot read {path}: {error.strerror}.") from error
    if not encrypted:
        return Path(path)
    if not identities:
        raise BackupError(f"{path} is encrypted; give the organisers' secret key with --identity FILE.")
    keys = _identities(identities)
    plain = staging / "archive.tar"
    try:
        with Path(path).open("rb") as reader, _private_file(plain) as writer:
            pyrage.decrypt_io(reader, writer, keys)
    except pyrage.DecryptError as error:
        raise BackupError(f"{path} cannot be decrypted with the keys given ({error}).") from error
    return plain


@contextmanager
def _private_file(path: Path) -> Iterator[Any]:
    """A new file only its owner can read: every reporter's private details are in an archive."""
    path.touch(mode=0o600, exist_ok=False)
    with path.open("wb") as stream:
        yield stream


# --- taking a consistent snapshot --------------------------------------------------------------------------


@contextmanager
def snapshot() -> Iterator[str]:
    """The name of a database connection that sees one unchanging state of the data while the app writes on."""
    default = connections["default"]
    config = {**default.settings_dict}
    if default.vendor == "sqlite":
        with tempfile.TemporaryDirectory(prefix="solidarity-snapshot-") as folder:
            copy = Path(folder) / "snapshot.sqlite3"
            default.ensure_connection()
            with sqlite3.connect(copy) as target:
                default.connection.backup(target)  # online: pages are copied while others read and write
            target.close()
            config.update(NAME=str(copy), OPTIONS={}, TEST={"NAME": str(copy)})
            with _connection(SNAPSHOT, config):
                yield SNAPSHOT
        return
    with _connection(SNAPSHOT, config), transaction.atomic(using=SNAPSHOT):
        with connections[SNAPSHOT].cursor() as cursor:
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        yield SNAPSHOT


@contextmanager
def _connection(alias: str, config: dict[str, Any]) -> Iterator[None]:
    connections.settings[alias] = config
    try:
        yield
    finally:
        if alias in connections:
            connections[alias].close()
            del connections[alias]
        connections.settings.pop(alias, None)


def _row_counts(alias: str) -> dict[str, int]:
    """Rows per model of everything the backup keeps, as ``app_label.model``."""
    counts = {}
    for model in _kept_models():
        counts[model._meta.label_lower] = model._base_manager.using(alias).count()
    return counts


def _kept_models() -> list[type]:
    excluded = {label for label in EXCLUDED if "." in label}
    return [
        model
        for model in apps.get_models()
        if model._meta.managed
        and not model._meta.proxy
        and model._meta.app_label not in EXCLUDED
        and model._meta.label_lower not in excluded
    ]


def _schema(alias: str) -> dict[str, str]:
    """The last applied migration of each app, the schema the records were read under."""
    applied: dict[str, list[str]] = {}
    for app_label, name in MigrationRecorder(connections[alias]).applied_migrations():
        applied.setdefault(app_label, []).append(name)
    return {app_label: max(names) for app_label, names in sorted(applied.items())}


# --- files ---------------------------------------------------------------------------------------------------


def _copy_media(source: Storage, target: Path) -> list[str]:
    """Copy the uploaded files out of the media store, a folder or a bucket alike (after the records were read,
    so every file a record names exists, barring a photo replaced in between, whose new file is then missing and
    its old one kept). Archive names are ``media/`` and the storage's name, whichever store wrote them."""
    names = []
    for name in walk(source):
        try:
            copy_out(source, name, target / name)
        except FileNotFoundError:
            continue  # removed while we copied (a replaced photo): no record names it any more
        names.append(f"media/{name}")
    return names


def _describe(path: Path) -> dict[str, Any]:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for chunk in iter(lambda: stream.read(1 << 20), b""):
            digest.update(chunk)
    return {"size": path.stat().st_size, "sha256": digest.hexdigest()}


def _add_bytes(archive: tarfile.TarFile, name: str, data: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size, info.mode = len(data), 0o600
    archive.addfile(info, io.BytesIO(data))


# --- restoring ----------------------------------------------------------------------------------------------


def _unpack(path: Path, staging: Path) -> dict[str, Any]:
    """Extract the archive (refusing links and paths outside it) and check every member against the manifest."""
    if not path.is_file():
        raise BackupError(f"{path} is not a file.")
    try:
        with tarfile.open(path, "r") as archive:
            archive.extractall(staging, filter="data")
    except (tarfile.TarError, OSError) as error:
        raise BackupError(f"{path} is not a readable Solidarity backup ({error}).") from error
    try:
        manifest = json.loads((staging / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise BackupError(f"{path} has no readable manifest; it is not a Solidarity backup.") from error
    if manifest.get("format") != FORMAT:
        raise BackupError(f"{path} is in backup format {manifest.get('format')}; this version reads {FORMAT}.")
    present = {p.relative_to(staging).as_posix() for p in staging.rglob("*") if p.is_file()} - {MANIFEST}
    if present != set(manifest["files"]):
        raise BackupError(f"{path} holds other files than its manifest lists; it may have been tampered with.")
    for name, expected in manifest["files"].items():
        if _describe(staging / name) != expected:
            raise BackupError(f"{name} in {path} does not match its checksum; the archive is damaged.")
    return manifest


def _check_schema(backup_schema: dict[str, str], code_schema: dict[str, str]) -> None:
    """Records load into the tables of the version that wrote them: restore with that version, then upgrade."""
    if backup_schema == code_schema:
        return
    newer = [f"{app}.{name}" for app, name in backup_schema.items() if name > code_schema.get(app, "")]
    older = [f"{app}.{name}" for app, name in backup_schema.items() if name < code_schema.get(app, "~")]
    if newer:
        raise BackupError(
            f"The backup was made by a newer version of Solidarity ({', '.join(newer)}); restore it with that "
            "version or a later one."
        )
    raise BackupError(
        f"The backup was made by an older version of Solidarity ({', '.join(older) or 'other apps'}); restore it "
        "with that version, then upgrade (`solidarity migrate`)."
    )


def _check_empty() -> None:
    holding = [model._meta.label for model in _kept_models() if model._base_manager.exists()]
    if holding:
        raise BackupError(
            "Restore goes into an empty instance only, and this database already holds records "
            f"({', '.join(holding[:5])}{', …' if len(holding) > 5 else ''}). "
            "Point DATABASE_URL at a new database and run restore again."
        )


def _place_media(staging: Path, media: list[str]) -> list[str]:
    """Copy the backup's files into the media store (folder or bucket), refusing to overwrite any; returns the
    names written."""
    storage = default_storage
    targets = [name.removeprefix("media/") for name in media]
    present = set(walk(storage))  # one listing, not a question per file
    clash = next((target for target in targets if target in present), None)
    if clash:
        raise BackupError(
            f"{_label(storage)} already holds {posixpath.basename(clash)}, which the backup would overwrite."
        )
    written: list[str] = []
    try:
        for name, target in zip(media, targets, strict=True):
            copy_in(storage, staging / name, target)
            written.append(target)
    except StorageNameTaken as error:  # written by someone else since we looked
        _remove_media(written)
        raise BackupError(
            f"{_label(storage)} already holds {error.filename}, which the backup would overwrite."
        ) from error
    except OSError:
        _remove_media(written)
        raise
    except Exception as error:  # a bucket that refuses or cannot be reached: say so, leave nothing behind
        _remove_media(written)
        raise BackupError(f"The media store refused a file ({type(error).__name__}: {error}).") from error
    return written


def _label(storage: Storage) -> str:
    folder = local_path(storage, "")
    return f"The media folder {folder}" if folder else f"The media bucket {getattr(storage, 'bucket_name', '')}"


def _remove_media(names: list[str]) -> None:
    for name in names:
        default_storage.delete(name)
