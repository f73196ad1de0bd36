"""Partner sites send reports with an API key, through the same service as the web form: the same checks, an
audit entry, one report per idempotency key, and errors that name the field."""

from __future__ import annotations

import datetime
import json

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from conftest import jpeg_bytes, png_bomb
from solidarity.api.tests.conftest import BASE, auth, report_json, reports_url
from solidarity.campaigns.models import Campaign
from solidarity.lib.models import AuditEntry
from solidarity.reports.models import Report


def post(api, raw_key, data, slug="week-of-action", **headers):
    return api.post(reports_url(slug), json.dumps(data), content_type="application/json", **auth(raw_key), **headers)


def test_a_report_arrives_for_review_with_origin_api_and_an_audit_entry(campaign, partner_key, api):
    key, raw_key = partner_key
    response = post(api, raw_key, report_json(campaign))
    assert response.status_code == 201, response.content
    report = Report.objects.get()
    assert response.json() == {
        "id": report.pk,
        "status": "received",
        "message": "Thank you: the report awaits review by a moderator.",
    }
    assert report.status == Report.Status.RECEIVED and report.origin == Report.Origin.API
    assert (report.city, report.country, report.action_type, report.participants) == ("Munich", "DE", "picket", 12)
    assert (report.reporter_name, report.reporter_contact) == ("Partner group", "group@example.org")
    assert report.place_input == "München" and report.raw_input["api_key"] == key.prefix
    assert raw_key not in json.dumps(report.raw_input)
    entry = AuditEntry.objects.get(action="reports.report.received")
    assert entry.object_id == str(report.pk) and entry.data == {"origin": "api"}
    assert entry.actor is None and entry.actor_label == str(key)


def test_the_x_api_key_header_works_too(campaign, partner_key, api):
    _key, raw_key = partner_key
    response = api.post(
        reports_url(), json.dumps(report_json(campaign)), content_type="application/json", HTTP_X_API_KEY=raw_key
    )
    assert response.status_code == 201


def test_a_retry_with_the_same_idempotency_key_stores_one_report(campaign, partner_key, api):
    key, raw_key = partner_key
    data = report_json(campaign, idempotency_key="order-1234")
    first = post(api, raw_key, data)
    again = post(api, raw_key, data)
    assert (first.status_code, again.status_code) == (201, 200)
    assert first.json()["id"] == again.json()["id"]
    assert Report.objects.count() == 1
    assert Report.objects.get().message_id == f"api:{key.pk}:order-1234"
    assert AuditEntry.objects.filter(action="reports.report.received").count() == 1
    other = post(api, raw_key, report_json(campaign, idempotency_key="order-1235"))
    assert other.status_code == 201 and Report.objects.count() == 2


def test_the_same_idempotency_key_for_another_report_is_a_conflict(campaign, partner_key, api):
    _key, raw_key = partner_key
    post(api, raw_key, report_json(campaign, idempotency_key="k-1"))
    response = post(api, raw_key, report_json(campaign, idempotency_key="k-1", public_text="Something else."))
    assert response.status_code == 409 and response.json()["error"]["code"] == "conflict"
    assert Report.objects.count() == 1


def test_without_idempotency_key_every_post_is_a_report(campaign, partner_key, api):
    _key, raw_key = partner_key
    post(api, raw_key, report_json(campaign))
    post(api, raw_key, report_json(campaign))
    assert Report.objects.count() == 2  # two groups may hold the same picket; nothing merges them silently


def test_invalid_values_are_named_field_by_field_and_nothing_is_stored(campaign, partner_key, api):
    _key, raw_key = partner_key
    data = report_json(campaign, action_type="dance", participants=0, consent_name="perhaps")
    del data["held_on"]
    response = post(api, raw_key, data)
    assert response.status_code == 422
    error = response.json()["error"]
    assert error["code"] == "validation_error" and error["message"]
    assert set(error["fields"]) == {"held_on", "action_type", "participants", "consent_name"}
    assert error["fields"]["held_on"] == ["This field is required."]
    assert Report.objects.count() == 0


def test_the_service_checks_apply_with_their_field(campaign, partner_key, api):
    _key, raw_key = partner_key
    future = (datetime.date.today() + datetime.timedelta(days=10)).isoformat()
    response = post(api, raw_key, report_json(campaign, held_on=future))
    assert response.status_code == 422
    assert response.json()["error"]["fields"] == {"held_on": ["The date is in the future."]}
    Campaign.objects.filter(pk=campaign.pk).update(status=Campaign.Status.CLOSED)
    closed = post(api, raw_key, report_json(campaign))
    assert closed.status_code == 422
    assert closed.json()["error"]["message"] == "This campaign does not accept reports now."
    assert Report.objects.count() == 0


def test_an_unknown_city_is_refused_with_a_clear_message(campaign, partner_key, api):
    _key, raw_key = partner_key
    response = post(api, raw_key, report_json(campaign, city="Qwxzvillefoo"))
    assert response.status_code == 422
    (message,) = response.json()["error"]["fields"]["city"]
    assert message.startswith("We could not find this city in our list of cities.")
    assert "Qwxzvillefoo" not in response.content.decode()  # what was typed is private: not echoed
    missing = post(api, raw_key, report_json(campaign, city=None))
    assert missing.status_code == 422 and "city" in missing.json()["error"]["fields"]
    assert Report.objects.count() == 0


def test_a_city_can_be_given_by_gazetteer_id_or_narrowed_by_country(campaign, partner_key, api):
    _key, raw_key = partner_key
    assert post(api, raw_key, report_json(campaign, city=None, geonameid=2950159)).status_code == 201  # Berlin
    assert post(api, raw_key, report_json(campaign, city="Paris", country="us")).status_code == 201
    assert post(api, raw_key, report_json(campaign, city=None, geonameid=1)).status_code == 422
    assert sorted(Report.objects.values_list("city", "country")) == [("Berlin", "DE"), ("Paris", "US")]


def test_photos_are_uploaded_re_encoded_and_attached_by_token(
    campaign, partner_key, api, settings, django_capture_on_commit_callbacks
):
    _key, raw_key = partner_key
    upload = api.post(
        f"{BASE}/photos",
        {"file": SimpleUploadedFile("a.jpg", jpeg_bytes(), content_type="image/jpeg")},
        **auth(raw_key),
    )
    assert upload.status_code == 201, upload.content
    token = upload.json()["token"]
    assert upload.json()["width"] == 800
    with django_capture_on_commit_callbacks(execute=True):  # the staged copy goes once the report is committed
        response = post(api, raw_key, report_json(campaign, photos=[token], consent_photos=True))
    assert response.status_code == 201
    photo = Report.objects.get().photos.get()
    assert (settings.MEDIA_ROOT / "photos" / f"{photo.key}.jpg").exists()
    again = post(api, raw_key, report_json(campaign, photos=[token]))
    assert again.status_code == 422 and list(again.json()["error"]["fields"]) == ["photos"]  # used up


def test_a_bad_photo_is_refused_with_the_reason(campaign, partner_key, api):
    _key, raw_key = partner_key
    bomb = api.post(f"{BASE}/photos", {"file": SimpleUploadedFile("b.png", png_bomb())}, **auth(raw_key))
    assert bomb.status_code == 422 and list(bomb.json()["error"]["fields"]) == ["file"]
    text = api.post(f"{BASE}/photos", {"file": SimpleUploadedFile("c.jpg", b"not an image")}, **auth(raw_key))
    assert text.status_code == 422
    assert Client().post(f"{BASE}/photos", {"file": SimpleUploadedFile("a.jpg", jpeg_bytes())}).status_code == 401


def test_a_malformed_body_gets_the_one_error_shape(campaign, partner_key, api):
    _key, raw_key = partner_key
    response = api.post(reports_url(), "{not json", content_type="application/json", **auth(raw_key))
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "bad_request"
    assert "could not be read" in response.json()["error"]["message"]
