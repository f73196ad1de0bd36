"""Shared test fixtures: personas (organiser, moderator, supporter, outsider), a running campaign, images."""

from __future__ import annotations

import datetime
import io
import logging
import os
import struct
import tempfile
import zlib
from pathlib import Path

import feedparser
import pytest
from django.core.cache import cache
from django.test import Client
from django.utils import timezone
from django_otp import DEVICE_ID_SESSION_KEY
from PIL import Image

# Every log line of the run, from this process and from every server or command a test starts (they inherit the
# variable), goes to one file that the last test searches for planted personal data (tests/test_zz_logs.py).
LOG_FILE = Path(tempfile.mkdtemp(prefix="solidarity-test-logs.")) / "app.log"
os.environ["SOLIDARITY_LOG_FILE"] = str(LOG_FILE)
LAST = "tests/test_zz_logs.py"


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """The log search runs after everything else, and knows how much ran before it."""
    last = [item for item in items if item.nodeid.startswith(LAST)]
    items[:] = [item for item in items if not item.nodeid.startswith(LAST)] + last
    config.stash[_RAN_BEFORE_LOGS] = len(items) - len(last)


_RAN_BEFORE_LOGS = pytest.StashKey[int]()


@pytest.fixture(scope="session", autouse=True)
def _log_file() -> None:
    """This process's log lines go to the shared file too (in the JSON form and with the filter of production)."""
    from solidarity.lib.logs import JsonFormatter, RequestPathFilter

    root = logging.getLogger()
    if not any(getattr(handler, "baseFilename", None) == str(LOG_FILE) for handler in root.handlers):
        handler = logging.FileHandler(LOG_FILE, encoding="utf-8")
        handler.setFormatter(JsonFormatter())
        handler.addFilter(RequestPathFilter())
        root.addHandler(handler)


@pytest.fixture
def tests_before_logs(request: pytest.FixtureRequest) -> int:
    return request.config.stash.get(_RAN_BEFORE_LOGS, 0)


@pytest.fixture(autouse=True)
def _isolated_files(settings, tmp_path):
    """Every test gets its own media and snapshot folders and an empty cache; no waiting on fill time."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.SNAPSHOT_ROOT = tmp_path / "snapshots"
    settings.SUMMARY_ROOT = tmp_path / "summaries"
    settings.SOLIDARITY = {**settings.SOLIDARITY, "MIN_FILL_SECONDS": 0}
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def organisation(db):
    from solidarity.registry.models import Organisation

    return Organisation.objects.create(slug="rsd", name="Russian Socialist Movement", kind="movement")


@pytest.fixture
def campaign(organisation):
    """A published call running this week."""
    from solidarity.campaigns.models import Campaign

    today = timezone.localdate()
    return Campaign.objects.create(
        slug="week-of-action",
        title="Week of action",
        organiser=organisation,
        language="en",
        starts_on=today - datetime.timedelta(days=3),
        ends_on=today + datetime.timedelta(days=3),
        timezone="Europe/Berlin",
        summary="A week of pickets.",
        body="Hold a **picket**.",
        slogans=["Freedom to all political prisoners!"],
        demands=["Release them all."],
        action_types=["picket", "meeting"],
        call_languages=["en", "fr"],
        report_email="reports@example.org",
        status=Campaign.Status.PUBLISHED,
    )


def _staff(django_user_model, username, role):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from solidarity.reports.roles import ensure_role

    user = django_user_model.objects.create_user(username=username, password="correct horse battery", is_staff=True)
    user.groups.add(ensure_role(role))
    TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
    return user


@pytest.fixture
def organiser(django_user_model):
    """Alice runs campaigns."""
    return _staff(django_user_model, "alice", "organiser")


@pytest.fixture
def moderator(django_user_model):
    """Bob checks reports."""
    return _staff(django_user_model, "bob", "moderator")


@pytest.fixture
def outsider(django_user_model):
    """Charlie has an account but no staff rights and must be refused everywhere private."""
    return django_user_model.objects.create_user(username="charlie", password="correct horse battery")


def read_atom(client: Client, url: str) -> feedparser.FeedParserDict:
    """A feed as a reader gets it: answered, served as Atom, and well-formed enough for feedparser."""
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.bozo_exception
    return feed


def verified_client(user) -> Client:
    """A client signed in with password *and* second factor, as after a real TOTP login."""
    client = Client()
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = user.totpdevice_set.first().persistent_id
    session.save()
    return client


@pytest.fixture
def supporter() -> Client:
    """Dana has no account: she only reads pages and sends reports."""
    return Client()


def jpeg_bytes(size=(800, 600), colour=(200, 30, 30), **save_args) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, colour).save(buffer, format="JPEG", **save_args)
    return buffer.getvalue()


def png_bomb(side: int = 20000) -> bytes:
    """A real decompression bomb: a few dozen KB that would decode to side×side pixels."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    row = b"\x00" + b"\x00" * (side // 8)
    compressor = zlib.compressobj(9)
    body = b"".join(compressor.compress(row) for _ in range(side)) + compressor.flush()
    header = struct.pack(">IIBBBBB", side, side, 1, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", body) + chunk(b"IEND", b"")
