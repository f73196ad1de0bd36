"""The disk holding the photos fills up while supporters send reports: they are told nothing was saved and to
try again, no report row is left without its photos, and once there is space the same form goes through once.

The media folder is a real 4 MB tmpfs, filled with a real file: no write is faked."""

from __future__ import annotations

import io
import os
import random
import re
import sqlite3
import subprocess
from pathlib import Path

import pytest
from PIL import Image

from solidarity.places.geocode import resolve
from tests.system.cluster import AppServer, Supporter, create_campaign, instance_env, solidarity

SLUG = "week-of-action"


def noisy_jpeg(seed: int) -> bytes:
    """A photo that does not compress well: about 600 KB even after the server re-encodes it."""
    rng = random.Random(seed)
    image = Image.frombytes("RGB", (1200, 900), bytes(rng.getrandbits(8) for _ in range(1200 * 900 * 3)))
    out = io.BytesIO()
    image.save(out, "JPEG", quality=90)
    return out.getvalue()


@pytest.fixture
def small_disk(tmp_path: Path):
    if os.geteuid() != 0:
        pytest.skip("mounting a small disk needs root (CI runs as root)")
    media = tmp_path / "media"
    media.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", str(media)], capture_output=True)
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {mounted.stderr.decode().strip()}")
    yield media
    subprocess.run(["umount", "-l", str(media)], check=False)


def fill(disk: Path, leave: int) -> Path:
    free = os.statvfs(disk).f_bavail * os.statvfs(disk).f_frsize
    filler = disk / "filler"
    with open(filler, "ab") as handle:
        handle.write(b"\0" * max(0, free - leave))
    return filler


def rows(db: Path) -> tuple[int, int]:
    with sqlite3.connect(db) as connection:
        reports = connection.execute("SELECT count(*) FROM reports_report").fetchone()[0]
        photos = connection.execute("SELECT count(*) FROM reports_photo").fetchone()[0]
    return reports, photos


def test_a_full_disk_saves_nothing_says_so_and_the_same_form_works_once_there_is_space(tmp_path, small_disk):
    db = tmp_path / "box" / "db.sqlite3"
    env = instance_env(
        tmp_path / "box", f"sqlite:///{db}", SOLIDARITY_MEDIA_ROOT=str(small_disk), SOLIDARITY_REPORT_RATE_LIMIT="0"
    )
    solidarity(env, "migrate", "--noinput", "-v0")
    create_campaign(env, SLUG)
    server = AppServer(env, tmp_path / "app.out")
    try:
        supporter = Supporter()
        form = supporter.open_form(server.url, SLUG)
        berlin = resolve("Berlin").geonameid
        photos = [noisy_jpeg(1), noisy_jpeg(2)]
        filler = fill(small_disk, leave=64 * 1024)

        refused = supporter.send(
            server.url,
            SLUG,
            form,
            city="Berlin",
            geonameid=berlin,
            photos=photos,
            contact="canary-disk@example.org",
            text="Picket with banners",
        )
        assert refused.status_code == 400
        assert "could not store your photos just now, so nothing was saved" in refused.text
        assert "Picket with banners" in refused.text  # what was typed is kept
        assert rows(db) == (0, 0)

        filler.unlink()  # an operator makes room
        page = supporter.send(
            server.url,
            SLUG,
            form,
            city="Berlin",
            geonameid=berlin,
            photos=photos,
            contact="canary-disk@example.org",
            text="Picket with banners",
        )
        assert page.status_code == 302, page.text[:1000]
        assert rows(db) == (1, 2)
        again = supporter.send(
            server.url,
            SLUG,
            form,
            city="Berlin",
            geonameid=berlin,
            photos=photos,
            contact="canary-disk@example.org",
            text="Picket with banners",
        )
        assert again.status_code == 302 and rows(db) == (1, 2)  # pressed twice: stored once
        stored = sorted(p.name for p in (small_disk / "photos").iterdir())
        assert len(stored) == 4 and all(re.fullmatch(r"[0-9a-f-]{36}(-thumb)?\.jpg", name) for name in stored)
    finally:
        server.stop()
    assert "canary-disk" not in (tmp_path / "app.out").read_text()
