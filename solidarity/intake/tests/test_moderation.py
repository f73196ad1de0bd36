"""Moderating e-mail in the admin: guesses highlighted with their words, corrected, made into reports, purged."""

from __future__ import annotations

import datetime
import io
import json

import pytest
from django.contrib.auth.models import Permission
from django.core import mail as outbox
from django.core.management import call_command
from django.utils import timezone

from conftest import verified_client
from solidarity.intake.admin import highlighted
from solidarity.intake.models import Message
from solidarity.intake.moderation import message_make_report, purge_raw
from solidarity.intake.services import import_message
from solidarity.intake.tests import mail
from solidarity.lib.models import AuditEntry
from solidarity.reports.models import Report


@pytest.fixture
def bob(moderator):
    """Bob moderates reports; e-mail moderation needs the intake permissions too (see the final report)."""
    moderator.user_permissions.add(*Permission.objects.filter(content_type__app_label="intake"))
    return moderator


def imported(campaign, raw: bytes) -> Message:
    return import_message(campaign=campaign, raw=raw, source="eml").message


RU = mail.plain("Пикет", "Вчера, 18 марта, в Берлине прошёл пикет, пришло двадцать человек.")


def test_guesses_are_highlighted_with_their_words(spring_campaign, bob):
    message = imported(spring_campaign, RU)
    page = verified_client(bob).get(f"/admin/intake/message/{message.pk}/change/").content.decode()
    assert '<mark class="guess-city" title="city: ' in page and ">Берлине</mark>" in page
    assert ">18 марта</mark>" in page and ">двадцать человек</mark>" in page
    assert f"dana.{mail.CANARY}@example.net" in page  # moderators see the sender; nobody else does


def test_highlighting_escapes_what_the_sender_wrote():
    guesses = {"document": "<script>x</script> Berlin", "city": {"value": {}, "confidence": 0.9, "span": [19, 25]}}
    html = str(highlighted(guesses))
    assert "<script>" not in html and "&lt;script&gt;" in html and ">Berlin</mark>" in html


def test_outsider_and_anonymous_are_refused(spring_campaign, outsider, client):
    message = imported(spring_campaign, RU)
    assert client.get(f"/admin/intake/message/{message.pk}/change/").status_code == 302
    client.force_login(outsider)
    assert client.get(f"/admin/intake/message/{message.pk}/change/").status_code == 302


def test_correcting_a_guess_updates_the_draft_report(spring_campaign, bob):
    message = imported(spring_campaign, RU)
    response = verified_client(bob).post(
        f"/admin/intake/message/{message.pk}/change/",
        {"place": "Hamburg", "held_on": "2018-03-17", "action_type": "rally", "participants": "25", "note": "",
         "reason": "", "answer": "", "_save": "1"},
    )  # fmt: skip
    assert response.status_code == 302
    report = Report.objects.get(pk=message.report_id)
    assert (report.city, report.held_on, report.action_type, report.participants) == (
        "Hamburg", datetime.date(2018, 3, 17), "rally", 25,
    )  # fmt: skip
    assert AuditEntry.objects.filter(action="intake.message.changed").exists()


def test_a_question_can_be_turned_into_a_report_and_published(spring_campaign, bob):
    message = imported(spring_campaign, mail.question())
    assert message.verdict == "not_report" and message.report is None
    client = verified_client(bob)
    form = {"place": "Oslo", "held_on": "2018-03-18", "action_type": "picket", "participants": "", "note": "",
            "reason": "", "answer": ""}  # fmt: skip
    client.post(f"/admin/intake/message/{message.pk}/change/", {**form, "_make_report": "1"})
    message.refresh_from_db()
    assert message.verdict == "report" and message.report.city == "Oslo"
    client.post(f"/admin/intake/message/{message.pk}/change/", {**form, "_publish": "1"})
    assert Report.objects.get(pk=message.report_id).status == "published"


def test_setting_aside_rejects_the_draft(spring_campaign, bob):
    message = imported(spring_campaign, RU)
    verified_client(bob).post(
        f"/admin/intake/message/{message.pk}/change/",
        {"place": "", "held_on": "2018-03-18", "action_type": "picket", "participants": "20", "note": "",
         "reason": "spam", "answer": "", "_set_aside": "1"},
    )  # fmt: skip
    message.refresh_from_db()
    assert (message.verdict, message.reason, message.report.status) == ("not_report", "spam", "rejected")


def test_answering_mails_the_sender(spring_campaign, bob):
    message = imported(spring_campaign, mail.question())
    verified_client(bob).post(
        f"/admin/intake/message/{message.pk}/change/",
        {"place": "", "held_on": "", "action_type": "", "participants": "", "note": "", "reason": "",
         "answer": "The posters are on the campaign page.", "_answer": "1"},
    )  # fmt: skip
    assert [m.to for m in outbox.outbox] == [[f"dana.{mail.CANARY}@example.net"]]
    message.refresh_from_db()
    assert message.answered_at


def test_no_automatic_reply_unless_turned_on(spring_campaign):
    imported(spring_campaign, RU)
    assert outbox.outbox == []


def test_made_report_gets_its_photos_re_encoded(spring_campaign, bob):
    raw = mail.with_photos("hello", "What do you think of this?", [("p.jpg", mail.photo_bytes(), "jpeg")])
    message = imported(spring_campaign, raw)
    Message.objects.filter(pk=message.pk).update(geonameid=3143244, city="Oslo", country="NO",
                                                held_on=datetime.date(2018, 3, 18), action_type="photo")  # fmt: skip
    message.refresh_from_db()
    report = message_make_report(message=message, actor=bob)
    assert report.photos.count() == 1


def test_purge_forgets_raw_and_sender_of_decided_messages_only(spring_campaign, moderator):
    published = imported(spring_campaign, RU)
    waiting = imported(spring_campaign, mail.plain("Rally in Bergen", "Rally in Bergen yesterday, 30 people."))
    spam = imported(spring_campaign, mail.spam())
    from solidarity.reports.services import report_publish

    report_publish(report=published.report, actor=moderator)
    later = timezone.now() + datetime.timedelta(days=31)
    assert purge_raw(days=30, now=later, dry_run=True) == 2
    out = io.StringIO()
    call_command("purge_mail", "--json", "--dry-run", stdout=out)
    assert json.loads(out.getvalue()) == {"messages": 0, "dry_run": True}  # decided today: kept 30 more days
    assert purge_raw(days=30, now=later) == 2
    assert purge_raw(days=30, now=later) == 0
    for message, purged in ((published, True), (spam, True), (waiting, False)):
        message.refresh_from_db()
        assert (bytes(message.raw) == b"") is purged
        assert (message.sender_address == "") is purged
    assert published.text  # the words of the report stay
