"""Moderators publish, reject and merge reports; every decision is audited; only verified staff get in."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from conftest import verified_client
from solidarity.campaigns.models import Campaign
from solidarity.lib.models import AuditEntry
from solidarity.places.geocode import resolve
from solidarity.reports import services
from solidarity.reports.models import Report
from solidarity.reports.tests.factories import photo_token, submit

# The report page carries the photos inline; a real browser always posts its management form.
NO_PHOTOS = {
    "photos-TOTAL_FORMS": "0",
    "photos-INITIAL_FORMS": "0",
    "photos-MIN_NUM_FORMS": "0",
    "photos-MAX_NUM_FORMS": "1000",
}


def test_publish_reject_duplicate_and_reopen_are_audited(campaign, moderator):
    first, second, third = (submit(campaign, city) for city in ("Berlin", "Paris", "Berlin"))
    services.report_publish(report=first, actor=moderator)
    services.report_reject(report=second, actor=moderator, note="not an action")
    services.report_mark_duplicate(report=third, original=first, actor=moderator)
    services.report_reopen(report=second, actor=moderator)

    assert Report.objects.get(pk=first.pk).published_at is not None
    assert Report.objects.get(pk=third.pk).duplicate_of_id == first.pk
    entries = {(e.action, e.object_id): e for e in AuditEntry.objects.filter(actor=moderator)}
    published = entries[("reports.report.published", str(first.pk))]
    assert published.data == {"before": {"status": "received"}, "after": {"status": "published"}}
    assert entries[("reports.report.rejected", str(second.pk))].data["after"]["moderator_note"] == "not an action"
    assert entries[("reports.report.duplicate", str(third.pk))].data["after"]["duplicate_of"] == first.pk
    assert entries[("reports.report.reopened", str(second.pk))].data["after"]["status"] == "needs_review"
    assert all(e.actor_label == "bob" for e in entries.values())


def test_duplicate_rules(campaign, moderator):
    report, other = submit(campaign), submit(campaign)
    with pytest.raises(ValidationError):
        services.report_mark_duplicate(report=report, original=report, actor=moderator)
    services.report_mark_duplicate(report=other, original=report, actor=moderator)
    with pytest.raises(ValidationError):  # no chains: point at the original itself
        services.report_mark_duplicate(report=report, original=Report.objects.get(pk=other.pk), actor=moderator)


def test_update_moves_a_report_and_records_before_and_after(campaign, moderator):
    report = submit(campaign, "Berlin", participants=10)
    services.report_update(report=report, changes={"participants": 25}, city=resolve("Praha"), actor=moderator)
    report.refresh_from_db()
    assert (report.city, report.country, report.participants) == ("Prague", "CZ", 25)
    entry = AuditEntry.objects.get(action="reports.report.changed")
    assert entry.data["before"]["city"] == "Berlin" and entry.data["after"]["city"] == "Prague"
    assert entry.data["before"]["participants"] == 10 and entry.data["after"]["participants"] == 25


def test_update_refuses_private_and_invalid_fields(campaign, moderator):
    report = submit(campaign)
    with pytest.raises(ValidationError):
        services.report_update(report=report, changes={"reporter_contact": "x"}, actor=moderator)
    with pytest.raises(ValidationError):
        services.report_update(report=report, changes={"held_on": datetime.date(1900, 1, 1)}, actor=moderator)
    report.refresh_from_db()
    assert report.held_on.year > 1900 and not AuditEntry.objects.filter(action="reports.report.changed").exists()


# --- the admin -----------------------------------------------------------------------------------------


def test_password_alone_does_not_open_the_admin(campaign, moderator):
    client = Client()
    client.force_login(moderator)  # password accepted, second factor not given
    response = client.get("/admin/reports/reviewqueue/")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_login_form_needs_the_totp_code(campaign, moderator):
    from django_otp.oath import totp

    device = moderator.totpdevice_set.get()
    client = Client()
    wrong = client.post(
        "/admin/login/",
        {
            "username": "bob",
            "password": "correct horse battery",
            "otp_token": "000000",
            "otp_device": device.persistent_id,
        },
    )
    assert wrong.status_code == 200 and client.get("/admin/reports/reviewqueue/").status_code == 302
    device.refresh_from_db()
    assert device.throttling_failure_count == 1  # failures slow down guessing
    device.throttle_reset()  # as if the back-off delay had passed
    token = str(totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits)).zfill(device.digits)
    right = client.post(  # no device chosen: the user's one authenticator app is used
        "/admin/login/",
        {
            "username": "bob",
            "password": "correct horse battery",
            "otp_token": token,
        },
    )
    assert right.status_code == 302
    assert client.get("/admin/reports/reviewqueue/").status_code == 200


def test_outsider_is_refused(campaign, outsider):
    client = Client()
    client.force_login(outsider)
    assert client.get("/admin/reports/report/").status_code == 302
    report = submit(campaign)
    assert client.get(f"/admin/reports/report/{report.pk}/change/").status_code == 302


def test_queue_shows_reports_awaiting_review_with_place_and_raw_input(campaign, moderator):
    waiting = submit(campaign, "München", raw={"city": "München", "public_text": "raw words"})
    done = submit(campaign, "Paris")
    services.report_publish(report=done, actor=moderator)
    client = verified_client(moderator)
    queue = client.get("/admin/reports/reviewqueue/").content.decode()
    assert "Munich" in queue and "Paris" not in queue
    page = client.get(f"/admin/reports/reviewqueue/{waiting.pk}/change/").content.decode()
    assert "Munich, Germany" in page and "raw words" in page and "München" in page


def test_bulk_publish_from_the_queue(campaign, moderator):
    reports = [submit(campaign, city) for city in ("Berlin", "Paris", "Rome")]
    client = verified_client(moderator)
    response = client.post(
        "/admin/reports/reviewqueue/", {"action": "publish", "_selected_action": [r.pk for r in reports[:2]]}
    )
    assert response.status_code == 302
    assert sorted(Report.objects.filter(status="published").values_list("city", flat=True)) == ["Berlin", "Paris"]
    assert AuditEntry.objects.filter(action="reports.report.published", actor=moderator).count() == 2


def test_bulk_mark_duplicates_keeps_the_earliest(campaign, moderator):
    reports = [submit(campaign, "Berlin") for _ in range(3)]
    client = verified_client(moderator)
    client.post("/admin/reports/report/", {"action": "mark_duplicates", "_selected_action": [r.pk for r in reports]})
    statuses = dict(Report.objects.values_list("pk", "status"))
    assert statuses == {reports[0].pk: "received", reports[1].pk: "duplicate", reports[2].pk: "duplicate"}


def test_editing_in_the_admin_goes_through_the_service(campaign, moderator):
    report = submit(campaign, "Berlin", participants=3)
    client = verified_client(moderator)
    url = f"/admin/reports/report/{report.pk}/change/"
    data = {
        "place": "Wien",
        "held_on": report.held_on.isoformat(),
        "action_type": "rally",
        "participants": "30",
        "public_text": "edited",
        "moderator_note": "",
        "_publish": "1",
        **NO_PHOTOS,
    }
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    report.refresh_from_db()
    assert (report.city, report.action_type, report.participants, report.status) == ("Vienna", "rally", 30, "published")
    assert set(AuditEntry.objects.filter(object_id=str(report.pk)).values_list("action", flat=True)) >= {
        "reports.report.changed",
        "reports.report.published",
    }


def test_admin_edit_with_unknown_city_keeps_the_report(campaign, moderator):
    report = submit(campaign, "Berlin")
    client = verified_client(moderator)
    response = client.post(
        f"/admin/reports/report/{report.pk}/change/",
        {
            "place": "Xyzzyville",
            "held_on": report.held_on.isoformat(),
            "action_type": "picket",
            "public_text": "x",
            "moderator_note": "",
            **NO_PHOTOS,
        },
    )
    assert response.status_code == 200 and "No city of that name" in response.content.decode()
    report.refresh_from_db()
    assert report.city == "Berlin"


def test_reports_cannot_be_deleted_or_added_by_staff(campaign, moderator):
    report = submit(campaign)
    client = verified_client(moderator)
    assert client.get("/admin/reports/report/add/").status_code == 403
    assert client.post(f"/admin/reports/report/{report.pk}/delete/", {"post": "yes"}).status_code == 403
    assert Report.objects.filter(pk=report.pk).exists()


def test_one_report_marked_as_duplicate_from_its_own_page(campaign, moderator):
    original, repeat = submit(campaign, "Berlin"), submit(campaign, "Berlin")
    client = verified_client(moderator)
    url = f"/admin/reports/reviewqueue/{repeat.pk}/change/"
    form = {
        "place": "Berlin, Germany",
        "held_on": repeat.held_on.isoformat(),
        "action_type": "picket",
        "public_text": repeat.public_text,
        "moderator_note": "",
        "_duplicate": "1",
        **NO_PHOTOS,
    }
    assert f"#{original.pk}" in client.get("/admin/reports/reviewqueue/").content.decode()

    wrong = client.post(url, {**form, "original": "999999"})
    assert "Give the number of a report of the same campaign" in wrong.content.decode()
    itself = client.post(url, {**form, "original": str(repeat.pk)}, follow=True)
    assert "cannot be a duplicate of itself" in itself.content.decode()

    response = client.post(url, {**form, "original": str(original.pk)})
    assert response.status_code == 302
    repeat.refresh_from_db()
    assert (repeat.status, repeat.duplicate_of_id) == ("duplicate", original.pk)
    assert AuditEntry.objects.filter(action="reports.report.duplicate", object_id=str(repeat.pk)).exists()


def test_moderator_describes_a_photo_for_screen_readers(campaign, moderator):
    token = photo_token()
    report = submit(campaign, "Berlin", consent_photos=True)
    services._attach_photos(report, [token], [])
    services.report_publish(report=report, actor=moderator)
    photo = report.photos.get()
    version = Campaign.objects.get(pk=campaign.pk).data_version
    client = verified_client(moderator)
    url = f"/admin/reports/report/{report.pk}/change/"
    form = client.get(url).content.decode()
    assert 'name="photos-0-alt_text"' in form
    response = client.post(
        url,
        {
            "place": "Berlin, Germany",
            "held_on": report.held_on.isoformat(),
            "action_type": "picket",
            "public_text": report.public_text,
            "consent_photos": "on",
            "photos-TOTAL_FORMS": "1",
            "photos-INITIAL_FORMS": "1",
            "photos-MIN_NUM_FORMS": "0",
            "photos-MAX_NUM_FORMS": "1000",
            "photos-0-id": str(photo.pk),
            "photos-0-report": str(report.pk),
            "photos-0-alt_text": "  Ten people   with a banner by the river ",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    photo.refresh_from_db()
    assert photo.alt_text == "Ten people with a banner by the river"
    entry = AuditEntry.objects.filter(action="reports.photo.described").get()
    assert entry.actor == moderator and entry.data["after"] == photo.alt_text
    assert Campaign.objects.get(pk=campaign.pk).data_version > version  # the gallery shows it at once


def test_existing_staff_groups_get_new_role_permissions_on_migrate(moderator):
    from django.contrib.auth.models import Group
    from django.core.management import call_command

    group = Group.objects.get(name="Moderators")
    group.permissions.remove(*group.permissions.filter(codename="change_photo"))
    assert not moderator.__class__.objects.get(pk=moderator.pk).has_perm("reports.change_photo")
    call_command("migrate", verbosity=0)
    assert moderator.__class__.objects.get(pk=moderator.pk).has_perm("reports.change_photo")
