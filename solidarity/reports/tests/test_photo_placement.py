"""A report whose saving fails after its photos were put in place (a full disk, a lost database) leaves no row
and no placed file, and its staged photos stay, so the same form can be sent again with them."""

from __future__ import annotations

import errno

import pytest
from django.core.files.storage import default_storage

from solidarity.places.geocode import resolve
from solidarity.reports import uploads
from solidarity.reports.models import Photo, Report
from solidarity.reports.services import ReportInput, report_submit
from solidarity.reports.tests.factories import photo_token

pytestmark = pytest.mark.django_db(transaction=True)


def placed_files() -> list[str]:
    try:
        return sorted(default_storage.listdir("photos")[1])
    except FileNotFoundError:
        return []


def test_a_failed_save_removes_placed_files_and_keeps_the_staged_photos(campaign, monkeypatch):
    tokens = [photo_token(), photo_token()]
    data = ReportInput(
        held_on=campaign.starts_on,
        city=resolve("Berlin"),
        action_type="picket",
        public_text="Two photos",
        message_id="web:placement-test",
    )
    real_save, calls = Photo.save, []

    def save_then_fail(self, *args, **kwargs):
        calls.append(self.position)
        if len(calls) == 2:
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_save(self, *args, **kwargs)

    monkeypatch.setattr(Photo, "save", save_then_fail)
    with pytest.raises(OSError):
        report_submit(campaign=campaign, data=data, photo_tokens=tokens)
    assert Report.objects.count() == 0 and Photo.objects.count() == 0
    assert placed_files() == []
    assert all(uploads.load(token) is not None for token in tokens)  # still there for the second press

    monkeypatch.setattr(Photo, "save", real_save)
    report = report_submit(campaign=campaign, data=data, photo_tokens=tokens)
    assert report.photos.count() == 2 and len(placed_files()) == 4
    assert all(uploads.load(token) is None for token in tokens)  # claimed: staging emptied after the commit
