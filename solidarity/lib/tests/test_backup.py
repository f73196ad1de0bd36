"""Backup and restore as an operator uses them: one archive of a running instance, restored into an empty one
on SQLite or PostgreSQL, every record and file the same; a damaged, foreign or misdirected archive refused with
nothing written. Every step runs the real ``solidarity`` command in its own process, with its own database and
data folder, as on separate servers."""

from __future__ import annotations

import hashlib
import io
import json
import os
import subprocess
import sys
import tarfile
import uuid
from dataclasses import dataclass
from pathlib import Path

import psycopg
import pyrage
import pytest

KEEP = ["--natural-foreign", "-e", "contenttypes", "-e", "auth.permission", "-e", "sessions", "--format", "exact-jsonl"]


def instance(folder: Path, database_url: str | None = None) -> dict[str, str]:
    """The environment of a separate Solidarity instance (SQLite in ``folder`` unless a database is named)."""
    folder.mkdir(parents=True, exist_ok=True)
    return {
        **os.environ,
        "DATABASE_URL": database_url or f"sqlite:///{folder / 'db.sqlite3'}",
        "SOLIDARITY_DATA_DIR": str(folder),
        "SOLIDARITY_SECRET_KEY": "backup-test",
        "SOLIDARITY_LOG_LEVEL": "WARNING",
    }


def solidarity(env: dict[str, str], *args: str, ok: bool = True) -> subprocess.CompletedProcess:
    done = subprocess.run([sys.executable, "-m", "solidarity", *args], env=env, capture_output=True, text=True)
    if ok:
        assert done.returncode == 0, done.stderr
    return done


def records_of(env: dict[str, str]) -> list[str]:
    """Every record, comparable across databases (PostgreSQL's jsonb orders the keys of JSON fields its way)."""
    lines = solidarity(env, "dumpdata", *KEEP).stdout.splitlines()
    return sorted(json.dumps(json.loads(line), sort_keys=True) for line in lines if line.strip())


def same_records(found: list[str], expected: list[str]) -> None:
    """Assert equal record lists, naming the first records that differ when they do not."""
    missing, extra = sorted(set(expected) - set(found)), sorted(set(found) - set(expected))
    assert (missing, extra) == ([], []), f"missing {missing[:2]}, unexpected {extra[:2]}"
    assert found == expected


def files_in(media: Path) -> dict[str, str]:
    return {
        p.relative_to(media).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in media.rglob("*")
        if p.is_file()
    }


def manifest_of(archive: Path) -> dict:
    with tarfile.open(archive) as opened:
        return json.loads(opened.extractfile("manifest.json").read())


def rewritten(archive: Path, target: Path, change: dict[str, bytes]) -> Path:
    """A copy of ``archive`` with some members' contents replaced."""
    with tarfile.open(archive) as source, tarfile.open(target, "w") as copy:
        for member in source.getmembers():
            data = change.get(member.name, source.extractfile(member).read())
            member.size = len(data)
            copy.addfile(member, io.BytesIO(data))
    return target


@dataclass
class Source:
    folder: Path
    env: dict[str, str]
    archive: Path
    records: list[str]
    files: dict[str, str]


@pytest.fixture(scope="module")
def source(tmp_path_factory) -> Source:
    """A SQLite instance holding the demo (campaigns, reports with photos, the registry) and its backup."""
    folder = tmp_path_factory.mktemp("source")
    env = instance(folder)
    solidarity(env, "migrate", "-v0")
    solidarity(env, "demo")
    archive = folder / "backup.tar"
    solidarity(env, "backup", str(archive))
    return Source(folder, env, archive, records_of(env), files_in(folder / "media"))


@pytest.fixture
def new_postgres_database():
    """Make empty databases on the PostgreSQL server the suite runs against (skip when it runs on SQLite)."""
    server = os.environ.get("DATABASE_URL", "")
    if not server.startswith(("postgres://", "postgresql://")):
        pytest.skip("needs the PostgreSQL server the suite runs against")
    made = []

    def make() -> str:
        name = f"restore_{uuid.uuid4().hex[:10]}"
        with psycopg.connect(server, autocommit=True) as admin:
            admin.execute(f'CREATE DATABASE "{name}"')
        made.append(name)
        return f"{server.rsplit('/', 1)[0]}/{name}"

    yield make
    with psycopg.connect(server, autocommit=True) as admin:
        for name in made:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_round_trip_reproduces_every_record_and_file(source, tmp_path):
    manifest = manifest_of(source.archive)
    assert manifest["database"] == "sqlite" and manifest["rows"]["reports.report"] > 0 and source.files
    assert oct(source.archive.stat().st_mode & 0o777) == "0o600"  # reporters' private details are in it
    noted = json.loads(solidarity(source.env, "status", "--json").stdout)["last_backup"]
    assert noted["records"] == sum(manifest["rows"].values()) and noted["encrypted"] is False

    target = instance(tmp_path / "restored")
    done = solidarity(target, "restore", str(source.archive), "--json")
    assert json.loads(done.stdout) == {"records": sum(manifest["rows"].values()), "files": len(source.files)}
    same_records(records_of(target), source.records)
    assert files_in(tmp_path / "restored" / "media") == source.files


def test_across_databases(source, tmp_path, new_postgres_database):
    """SQLite into PostgreSQL, PostgreSQL into PostgreSQL, and PostgreSQL back into SQLite."""
    first = instance(tmp_path / "pg-1", new_postgres_database())
    solidarity(first, "restore", str(source.archive))
    same_records(records_of(first), source.records)
    solidarity(first, "backup", str(tmp_path / "from-postgresql.tar"))
    assert manifest_of(tmp_path / "from-postgresql.tar")["database"] == "postgresql"

    second = instance(tmp_path / "pg-2", new_postgres_database())
    solidarity(second, "restore", str(tmp_path / "from-postgresql.tar"))
    same_records(records_of(second), source.records)
    back = instance(tmp_path / "sqlite-again")
    solidarity(back, "restore", str(tmp_path / "from-postgresql.tar"))
    same_records(records_of(back), source.records)
    assert files_in(tmp_path / "sqlite-again" / "media") == files_in(tmp_path / "pg-2" / "media") == source.files


def test_restore_into_an_instance_with_records_is_refused_and_changes_nothing(source):
    again = solidarity(source.env, "restore", str(source.archive), ok=False)
    assert again.returncode != 0 and "empty instance only" in again.stderr
    assert records_of(source.env) == source.records
    assert files_in(source.folder / "media") == source.files


def test_a_damaged_archive_is_refused_before_anything_is_written(source, tmp_path):
    photo = next(name for name in manifest_of(source.archive)["files"] if name.startswith("media/"))
    with tarfile.open(source.archive) as opened:
        data = opened.extractfile(photo).read()
    damaged = rewritten(source.archive, tmp_path / "damaged.tar", {photo: data[:-1] + bytes([data[-1] ^ 1])})
    target = instance(tmp_path / "restored")
    refused = solidarity(target, "restore", str(damaged), ok=False)
    assert "does not match its checksum" in refused.stderr
    database = tmp_path / "restored" / "db.sqlite3"  # checked before the database is even touched
    assert (not database.exists() or database.stat().st_size == 0) and files_in(tmp_path / "restored" / "media") == {}

    (tmp_path / "notes.txt").write_text("not a backup")
    refused = solidarity(target, "restore", str(tmp_path / "notes.txt"), ok=False)
    assert "not a readable Solidarity backup" in refused.stderr


def test_a_restore_that_fails_midway_leaves_the_instance_empty(source, tmp_path):
    """Row counts that disagree with the manifest (here: a manifest edited by hand) undo the whole restore,
    files included, and the right archive then restores as if nothing had happened."""
    manifest = manifest_of(source.archive)
    manifest["rows"]["reports.report"] += 1
    edited = rewritten(source.archive, tmp_path / "edited.tar", {"manifest.json": json.dumps(manifest).encode()})
    target = instance(tmp_path / "restored")
    refused = solidarity(target, "restore", str(edited), ok=False)
    assert "do not match the manifest for: reports.report" in refused.stderr
    assert records_of(target) == [] and files_in(tmp_path / "restored" / "media") == {}
    solidarity(target, "restore", str(source.archive))
    same_records(records_of(target), source.records)


def test_a_backup_from_another_version_is_refused(source, tmp_path):
    manifest = manifest_of(source.archive)
    manifest["schema"]["registry"] = "9999_from_the_future"
    newer = rewritten(source.archive, tmp_path / "newer.tar", {"manifest.json": json.dumps(manifest).encode()})
    refused = solidarity(instance(tmp_path / "restored"), "restore", str(newer), ok=False)
    assert "newer version of Solidarity" in refused.stderr and "registry.9999_from_the_future" in refused.stderr


def test_a_backup_never_overwrites_a_file(source, tmp_path):
    existing = tmp_path / "important.tar"
    existing.write_bytes(b"keep me")
    refused = solidarity(source.env, "backup", str(existing), ok=False)
    assert "never overwrites" in refused.stderr and existing.read_bytes() == b"keep me"


def test_an_encrypted_backup_opens_only_with_the_organisers_key(source, tmp_path):
    """Encrypted to a public key: nothing of the records is readable in the file, the secret key restores it, and
    a missing or wrong key is a clear refusal."""
    organiser, stranger = pyrage.x25519.Identity.generate(), pyrage.x25519.Identity.generate()
    (tmp_path / "organiser.key").write_text(f"# organisers' key\n{organiser}\n")
    (tmp_path / "stranger.key").write_text(f"{stranger}\n")
    (tmp_path / "recipients.txt").write_text(f"# who can open backups\n{organiser.to_public()}\n")
    sealed = tmp_path / "sealed.tar.age"
    solidarity(source.env, "backup", str(sealed), "--recipients-file", str(tmp_path / "recipients.txt"))
    content = sealed.read_bytes()
    assert content.startswith(b"age-encryption.org/v1\n") and oct(sealed.stat().st_mode & 0o777) == "0o600"
    assert b"manifest.json" not in content and b"reports.report" not in content

    target = instance(tmp_path / "restored")
    refused = solidarity(target, "restore", str(sealed), ok=False)
    assert "is encrypted; give the organisers' secret key with --identity" in refused.stderr
    refused = solidarity(target, "restore", str(sealed), "--identity", str(tmp_path / "stranger.key"), ok=False)
    assert "cannot be decrypted with the keys given" in refused.stderr
    solidarity(target, "restore", str(sealed), "--identity", str(tmp_path / "organiser.key"))
    same_records(records_of(target), source.records)
    assert files_in(tmp_path / "restored" / "media") == source.files


def test_a_mistyped_public_key_stops_the_backup_before_it_starts(source, tmp_path):
    refused = solidarity(source.env, "backup", str(tmp_path / "b.tar"), "--recipient", "age1typo", ok=False)
    assert "is not an age public key" in refused.stderr and not (tmp_path / "b.tar").exists()
