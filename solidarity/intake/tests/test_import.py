"""import-mail: mbox, maildir and .eml in; draft reports, duplicates and not-reports out; idempotent."""

from __future__ import annotations

import io
import json
import mailbox
from collections import Counter

import pytest
from django.core.management import call_command
from PIL import Image

from solidarity.intake.models import Message
from solidarity.intake.tests import mail
from solidarity.intake.tests.bag import mail_bag
from solidarity.reports.models import Photo, Report
from solidarity.reports.tally import tally

EXPECTED = {"messages": 10, "reports": 5, "duplicates": 1, "not_reports": 4, "errors": 0}


def import_mail(*paths, campaign="spring-2018") -> dict:
    out = io.StringIO()
    call_command("import_mail", "--campaign", campaign, *map(str, paths), "--json", "--no-progress", stdout=out)
    return json.loads(out.getvalue())


def counts(result: dict) -> dict:
    return {k: v for k, v in result.items() if k != "items"}


@pytest.fixture
def mbox_path(tmp_path):
    path = tmp_path / "reports.mbox"
    path.write_bytes(mail.mbox([raw for raw, _ in mail_bag()]))
    return path


def test_mbox_import_sorts_reports_duplicates_and_the_rest(spring_campaign, mbox_path):
    result = import_mail(mbox_path)
    assert counts(result) == EXPECTED
    assert Message.objects.count() == 10
    reports = Report.objects.filter(campaign=spring_campaign)
    assert reports.count() == 5
    assert set(reports.values_list("origin", "status").distinct()) == {("email", "received")}
    by_city = {item["city"]: item for item in result["items"] if item["status"] == "report"}
    assert by_city["Berlin"] == {
        "message_id": by_city["Berlin"]["message_id"],
        "status": "report",
        "city": "Berlin",
        "country": "Germany",
        "date": "2018-03-18",
        "action_type": "picket",
        "participants": 20,
        "language": "ru",
        "photos": 1,
    }
    assert by_city["Munich"]["photos"] == 2
    assert by_city["Kyiv"]["country"] == "Ukraine"
    assert by_city["Madrid"]["action_type"] == "rally"
    reasons = Counter(Message.objects.filter(verdict="not_report").values_list("reason", flat=True))
    assert reasons == {"spam": 1, "question": 1, "auto_reply": 1, "bounce": 1}


def test_statuses_match_the_bag(spring_campaign, mbox_path):
    result = import_mail(mbox_path)
    expected = [status for _, status in mail_bag()][:-1]  # the last one repeats the first Message-ID
    assert [item["status"] for item in result["items"]] == expected


def test_second_run_changes_nothing_and_reports_the_same(spring_campaign, mbox_path):
    first = import_mail(mbox_path)
    again = import_mail(mbox_path)
    assert again == first
    assert Message.objects.count() == 10 and Report.objects.count() == 5 and Photo.objects.count() == 3


def test_duplicate_points_at_the_first_and_stays_out_of_the_tally(spring_campaign, mbox_path):
    import_mail(mbox_path)
    duplicate = Message.objects.get(verdict="duplicate")
    assert duplicate.duplicate_of.message_id == "<first-report@example.net>"
    assert duplicate.report is None
    assert tally(spring_campaign, include_unreviewed=True)["actions"] == 5


def test_maildir_and_eml_folder_give_the_same_result(spring_campaign, mbox_path, tmp_path):
    expected = counts(import_mail(mbox_path))
    Message.objects.all().delete()
    Report.objects.all().delete()
    box = mailbox.Maildir(tmp_path / "Maildir", create=True)
    for raw, _ in mail_bag():
        box.add(raw)
    assert counts(import_mail(tmp_path / "Maildir")) == expected
    Message.objects.all().delete()
    Report.objects.all().delete()
    folder = tmp_path / "eml"
    folder.mkdir()
    for i, (raw, _) in enumerate(mail_bag()):
        (folder / f"{i:02d}.eml").write_bytes(raw)
    assert counts(import_mail(folder)) == expected
    assert counts(import_mail(folder / "00.eml")) == {**expected, "messages": 1, "reports": 1, "duplicates": 0,
                                                     "not_reports": 0}  # fmt: skip


def test_no_metadata_survives_in_any_stored_photo(spring_campaign, mbox_path):
    import_mail(mbox_path)
    assert Photo.objects.count() == 3
    for photo in Photo.objects.all():
        for field in (photo.image, photo.thumbnail):
            data = field.read()
            field.close()
            assert mail.CANARY.encode() not in data
            image = Image.open(io.BytesIO(data))
            assert image.format == "JPEG"
            assert not image.getexif()
            assert "exif" not in image.info and "xmp" not in image.info


def test_sender_is_private_to_the_report_and_absent_from_output(spring_campaign, mbox_path, caplog):
    result = import_mail(mbox_path)
    assert mail.CANARY not in json.dumps([{k: v for k, v in i.items() if k != "message_id"} for i in result["items"]])
    assert mail.CANARY not in caplog.text
    report = Report.objects.get(city="Berlin")
    assert mail.CANARY in report.reporter_contact and not report.consent_name
    assert report.email.raw  # the raw message stays with the intake record, for moderators


def test_a_photo_that_is_not_a_picture_is_reported_and_the_rest_imported(spring_campaign, tmp_path):
    raw = mail.with_photos(
        "Picket in Oslo", "Picket in Oslo today, 8 people.", [("broken.jpg", b"\xff\xd8 not a jpeg", "jpeg")]
    )
    (tmp_path / "one.eml").write_bytes(raw)
    result = import_mail(tmp_path / "one.eml")
    assert result["reports"] == 1 and result["items"][0]["photos"] == 0
    assert "broken.jpg" in Message.objects.get().problems[0]


def test_unknown_campaign_is_a_clear_error(db, mbox_path):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="no campaign"):
        import_mail(mbox_path, campaign="nope")


def test_photo_only_messages_with_different_pictures_are_not_duplicates(spring_campaign, tmp_path):
    from conftest import jpeg_bytes

    for i, colour in enumerate([(255, 0, 0), (0, 0, 255)]):
        raw = mail.with_photos("", "", [("p.jpg", jpeg_bytes(colour=colour), "jpeg")])
        (tmp_path / f"{i}.eml").write_bytes(raw)
    result = import_mail(tmp_path)
    assert result["duplicates"] == 0 and result["reports"] == 2
