"""Importing in worker processes: the same result as reading in-process, in order, and nothing lost when a
reader dies; and the fast mbox table of contents agrees with the standard library's."""

from __future__ import annotations

import logging
import mailbox
import os
import sys
from pathlib import Path

import pytest
from django.core.files.storage import default_storage
from django.db import DatabaseError
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from solidarity.intake import pipeline, services
from solidarity.intake.models import Message
from solidarity.intake.parse import message_id_of
from solidarity.intake.services import prepare
from solidarity.intake.sources import _Mbox, open_source
from solidarity.intake.tests import mail
from solidarity.intake.tests.bag import mail_bag
from solidarity.reports import uploads
from solidarity.reports.models import Photo, Report


@pytest.fixture
def bag() -> list[tuple[bytes, str]]:
    """One mail bag per test (each call of ``mail_bag`` gives new Message-IDs)."""
    return mail_bag()


def pairs(bag) -> list[tuple[bytes, None]]:
    return [(raw, None) for raw, _status in bag]


def stored(campaign) -> list[tuple]:
    """What the import left, in arrival order, without ids and times."""
    rows = Message.objects.filter(campaign=campaign).order_by("id")
    return [
        (m.message_id, m.verdict, m.city, m.held_on, m.action_type, m.participants, m.photos,
         m.duplicate_of.message_id if m.duplicate_of else None, m.report.photos.count() if m.report else None)
        for m in rows
    ]  # fmt: skip


def import_all(campaign, bag, workers: int) -> list[dict]:
    return [i.message.item() for i in pipeline.import_many(campaign, pairs(bag), source="mbox", workers=workers)]


def test_worker_processes_give_exactly_the_in_process_result(spring_campaign, bag):
    in_process = import_all(spring_campaign, bag, workers=0)
    expected = stored(spring_campaign)
    Report.objects.all().delete()
    Message.objects.all().delete()
    with_workers = import_all(spring_campaign, bag, workers=2)
    assert with_workers == in_process
    assert stored(spring_campaign) == expected
    # order is kept: the re-sent copy points at the first report, never the other way round
    duplicate = Message.objects.get(verdict=Message.Verdict.DUPLICATE)
    assert duplicate.duplicate_of.message_id == "<first-report@example.net>"
    assert duplicate.id > duplicate.duplicate_of.id


def test_a_second_run_through_workers_stores_nothing_new(spring_campaign, bag):
    first = import_all(spring_campaign, bag, workers=2)
    count, photos = Message.objects.count(), Photo.objects.count()
    again = pipeline.import_many(spring_campaign, pairs(bag), source="mbox", workers=2)
    assert [not i.new for i in again] == [True] * len(first)
    assert (Message.objects.count(), Photo.objects.count()) == (count, photos)


VICTIM: list[bytes] = []
ONCE: list[Path] = []  # a marker file: the victim kills its reader only while the marker does not exist yet


def dies_on_the_victim(raw: bytes, *args):
    """Module level, so the pool can send it to a reader by name."""
    if raw in VICTIM:
        if not ONCE:
            os._exit(3)
        if not ONCE[0].exists():
            ONCE[0].touch()
            os._exit(3)
    return prepare(raw, *args)


def test_a_reader_killed_once_loses_nothing(spring_campaign, bag, monkeypatch, caplog, tmp_path):
    """A reader killed mid-message (the kernel's out-of-memory killer, say): its messages are read again."""
    monkeypatch.setattr(sys.modules[__name__], "VICTIM", [bag[3][0]])  # the one with two photos
    monkeypatch.setattr(sys.modules[__name__], "ONCE", [tmp_path / "died"])
    monkeypatch.setattr(pipeline, "prepare", dies_on_the_victim)  # the forked readers get this one
    with caplog.at_level(logging.WARNING, logger="solidarity.intake.pipeline"):
        items = import_all(spring_campaign, bag, workers=2)
    assert (tmp_path / "died").exists()
    assert "reading its messages again one at a time" in caplog.text
    assert [i["status"] for i in items] == [status for _raw, status in bag]
    munich = Message.objects.get(city="Munich")
    assert munich.report.photos.count() == 2


def test_a_message_that_kills_every_reader_is_kept_unread_and_the_rest_imported(
    spring_campaign, bag, monkeypatch, caplog
):
    """A message that crashes whatever reads it must not stop the import, now or on any later run."""
    monkeypatch.setattr(sys.modules[__name__], "VICTIM", [bag[3][0]])
    monkeypatch.setattr(pipeline, "prepare", dies_on_the_victim)
    with caplog.at_level(logging.WARNING, logger="solidarity.intake.pipeline"):
        items = import_all(spring_campaign, bag, workers=2)
    expected = [status for _raw, status in bag]
    expected[3] = "error"
    assert [i["status"] for i in items] == expected
    poison = Message.objects.get(message_id=message_id_of(bag[3][0]))
    assert poison.problems == [pipeline.CRASHED]
    assert bytes(poison.raw) == bag[3][0]  # kept whole for a moderator
    assert "kept unread for a moderator" in caplog.text
    again = [i.new for i in pipeline.import_many(spring_campaign, pairs(bag), source="mbox", workers=2)]
    assert again == [False] * len(bag)  # the next run does not meet it again


def test_a_source_that_fails_stores_what_it_gave_first(spring_campaign, bag):
    """The mail server hangs up after five messages: those five are stored, then the error is raised."""

    def five_then_fail():
        yield from pairs(bag)[:5]
        raise ConnectionResetError("the server went away")

    stored_ids = []
    with pytest.raises(ConnectionResetError):
        for imported in pipeline.import_many(spring_campaign, five_then_fail(), source="imap", workers=2):
            stored_ids.append(imported.message.message_id)
    assert stored_ids == [message_id_of(raw) for raw, _ in bag[:5]]
    assert Message.objects.filter(campaign=spring_campaign).count() == 5


def test_a_message_that_fails_to_save_leaves_no_photo_files(spring_campaign, bag, monkeypatch):
    """The draft report and its photos are written before the message row; if that row then fails, the
    transaction takes the report back and the photo files must go too."""
    munich = bag[3][0]
    save = Message.save

    def failing_save(self, *args, **kwargs):
        if self.city == "Munich":
            raise DatabaseError("the disk is full")
        return save(self, *args, **kwargs)

    monkeypatch.setattr(Message, "save", failing_save)
    with pytest.raises(DatabaseError):
        services.import_message(campaign=spring_campaign, raw=munich, source="mbox")
    assert not Report.objects.exists()
    for folder in ("photos", uploads.STAGING):
        files = default_storage.listdir(folder)[1] if default_storage.exists(folder) else []
        assert files == [], folder


def test_no_staged_photo_outlives_the_import(spring_campaign, bag, django_capture_on_commit_callbacks):
    """Photos are staged by the readers and placed under their reports; the staged copies are removed once each
    message is committed (they used to stay a day, until the stale-upload purge)."""
    with django_capture_on_commit_callbacks(execute=True):
        import_all(spring_campaign, bag, workers=2)
    assert Photo.objects.count() >= 3
    _dirs, files = default_storage.listdir(uploads.STAGING) if default_storage.exists(uploads.STAGING) else ([], [])
    assert files == []


def test_the_command_takes_a_worker_count(spring_campaign, bag, tmp_path):
    from django.core.management import call_command

    path = tmp_path / "in.mbox"
    path.write_bytes(mail.mbox([raw for raw, _ in bag]))
    call_command("import_mail", "--campaign", spring_campaign.slug, str(path), "--no-progress", "--workers", "1")
    assert Message.objects.filter(campaign=spring_campaign).count() == len({message_id_of(raw) for raw, _ in bag})


LINES = st.sampled_from([b"From a@b Mon\n", b"\n", b"text\n", b">From quoted\n", b"From", b" x\n", b"\r\n", b"y"])


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(parts=st.lists(LINES, max_size=30), chunk=st.integers(min_value=1, max_value=40))
def test_mbox_contents_table_matches_the_standard_library(tmp_path, parts, chunk):
    path = tmp_path / "t.mbox"
    path.write_bytes(b"".join(parts))
    expected = mailbox.mbox(path, create=False)
    fast = _Mbox(path, create=False)
    fast.CHUNK = chunk  # small chunks put "From " lines across chunk borders
    assert fast.keys() == expected.keys()
    assert [fast.get_bytes(k) for k in fast.keys()] == [expected.get_bytes(k) for k in expected.keys()]  # noqa: SIM118


def test_an_mbox_source_reads_every_message_whole(bag, tmp_path):
    messages = [raw for raw, _ in bag]
    path = Path(tmp_path / "in.mbox")
    path.write_bytes(mail.mbox(messages))
    source = open_source(path)
    assert source.count == len(messages)
    read = list(source.messages)
    assert [message_id_of(r) for r in read] == [message_id_of(m) for m in messages]
    assert [len(r.rstrip()) > 0.9 * len(m.rstrip()) for r, m in zip(read, messages, strict=True)] == [True] * len(read)
    with pytest.raises(ValueError):
        open_source(tmp_path / "missing.mbox")
