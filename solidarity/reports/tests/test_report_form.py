"""A supporter reports an action through the web form: the happy path and every kind of bad input."""

from __future__ import annotations

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from conftest import jpeg_bytes, png_bomb
from solidarity.lib.models import AuditEntry
from solidarity.reports.models import Photo, Report

URL = "/en/c/week-of-action/report/"


def form_data(client, **overrides):
    started = client.get(URL).context["form"]["started"].value()
    data = {
        "held_on": timezone.localdate().isoformat(),
        "city": "München",
        "action_type": "picket",
        "participants": "12",
        "public_text": "Twelve of us stood outside the consulate.",
        "reporter_name": "Dana",
        "reporter_contact": "dana@example.org",
        "started": started,
    }
    data.update(overrides)
    return data


def photo(name="picket.jpg", content=None, content_type="image/jpeg"):
    return SimpleUploadedFile(name, content if content is not None else jpeg_bytes(), content_type=content_type)


def confirm_and_send(client, data):
    """Press once (see the resolved place), then once more (send), as a supporter without JavaScript does."""
    first = client.post(URL, data)
    assert first.status_code == 200, first.content.decode()[:2000]
    form = first.context["form"]
    data = {k: v for k, v in data.items() if k != "photos"}
    data["confirmed_place"] = str(form.resolved_city.geonameid)
    data["staged"] = data["keep"] = [p.token for p in form.staged_photos]
    return first, client.post(URL, data)


def test_report_is_confirmed_then_stored_for_review(campaign, supporter):
    data = form_data(supporter, photos=[photo(), photo("second.png", content_type="image/png")])
    first = supporter.post(URL, data)
    assert "We understood the place as <strong>Munich, Germany</strong>" in first.content.decode()
    assert Report.objects.count() == 0  # nothing stored before the supporter confirms
    form = first.context["form"]
    data.pop("photos")
    data["confirmed_place"] = str(form.resolved_city.geonameid)
    data["staged"] = data["keep"] = [p.token for p in form.staged_photos]
    second = supporter.post(URL, data)

    assert second.status_code == 302 and second["Location"].endswith("/report/thanks/")
    report = Report.objects.get()
    assert (report.city, report.country, report.status, report.origin) == ("Munich", "DE", "received", "web")
    assert report.place_input == "München" and report.participants == 12
    assert report.reporter_contact == "dana@example.org" and not report.consent_name
    assert report.photos.count() == 2
    assert AuditEntry.objects.filter(action="reports.report.received", object_id=str(report.pk)).exists()
    thanks = supporter.get(second["Location"])
    assert "awaits review" in thanks.content.decode()


def test_with_the_place_already_confirmed_one_press_saves(campaign, supporter):
    data = form_data(supporter, city="Berlin")
    lookup = supporter.get("/places/lookup/", {"q": "Berlin"}).json()
    response = supporter.post(URL, {**data, "confirmed_place": str(lookup["geonameid"])})
    assert response.status_code == 302
    assert Report.objects.get().city == "Berlin"


def test_changing_the_city_after_confirming_asks_again(campaign, supporter):
    data = form_data(supporter, city="Berlin")
    berlin = supporter.get("/places/lookup/", {"q": "Berlin"}).json()["geonameid"]
    response = supporter.post(URL, {**data, "city": "Praha", "confirmed_place": str(berlin)})
    assert response.status_code == 200 and "Prague, Czechia" in response.content.decode()
    assert Report.objects.count() == 0


def test_pressing_twice_stores_one_report(campaign, supporter):
    data = form_data(supporter)
    _first, _second = confirm_and_send(supporter, data)
    _first, again = confirm_and_send(supporter, data)
    assert again.status_code == 302
    assert Report.objects.count() == 1


def assert_kept(response, data):
    """The form came back with the error and with everything the supporter typed."""
    body = response.content.decode()
    assert response.status_code == 400
    assert data["public_text"] in body
    assert f'value="{data["reporter_contact"]}"' in body
    assert Report.objects.count() == 0


@pytest.mark.parametrize(
    "overrides, message",
    [
        ({"city": "Xyzzyville"}, "We could not find"),
        ({"city": ""}, "This field is required"),
        ({"held_on": "2999-01-01"}, "The date is in the future."),
        ({"held_on": "1905-01-22"}, "long before this campaign began"),
        ({"held_on": "31.02.2024"}, "Enter a valid date"),
        ({"participants": "many"}, "Enter a whole number"),
        ({"participants": "-4"}, "greater than or equal to 1"),
        ({"participants": "99999999999"}, "less than or equal to"),
        ({"action_type": "arson"}, "Select a valid choice"),
        ({"public_text": "x" * 5001}, "at most 5000 characters"),
        ({"started": "forged"}, "damaged in transit"),
    ],
)
def test_bad_input_gets_a_clear_message_and_keeps_what_was_typed(campaign, supporter, overrides, message):
    data = form_data(supporter, **overrides)
    response = supporter.post(URL, data)
    assert message in response.content.decode()
    if overrides.get("public_text") is None:
        assert_kept(response, data)
    assert Report.objects.count() == 0


@pytest.mark.parametrize(
    "upload, message",
    [
        (photo("bomb.png", png_bomb(), "image/png"), "too many pixels"),
        (photo("notes.jpg", b"just some text, not a photo"), "not a picture we can read"),
        (photo("empty.jpg", b""), "The file is empty"),
        (photo("doc.pdf", b"%PDF-1.7 ...", "application/pdf"), "not a picture we can read"),
    ],
)
def test_bad_photos_are_named_and_the_rest_of_the_form_survives(campaign, supporter, upload, message):
    data = form_data(supporter, photos=[photo("good.jpg"), upload])
    response = supporter.post(URL, data)
    body = response.content.decode()
    assert message in body
    assert_kept(response, data)
    form = response.context["form"]
    assert [p.name for p in form.staged_photos] == ["good.jpg"]  # the good photo is kept for the next press
    assert 'name="keep"' in body and "good.jpg" in body
    assert Photo.objects.count() == 0


def test_huge_photo_is_refused_with_the_limit(campaign, supporter, settings):
    settings.SOLIDARITY = {**settings.SOLIDARITY, "MAX_PHOTO_BYTES": 100_000}
    data = form_data(supporter, photos=[photo("huge.jpg", b"\xff\xd8" + b"\0" * 200_000)])
    response = supporter.post(URL, data)
    assert "too large" in response.content.decode()
    assert_kept(response, data)


def test_at_most_five_photos(campaign, supporter):
    data = form_data(supporter, photos=[photo(f"p{i}.jpg") for i in range(6)])
    response = supporter.post(URL, data)
    assert "At most 5 photos" in response.content.decode()
    assert len(response.context["form"].staged_photos) == 5


def test_unticked_staged_photo_is_dropped(campaign, supporter):
    data = form_data(supporter, photos=[photo("keep.jpg"), photo("drop.jpg")])
    first = supporter.post(URL, data)
    form = first.context["form"]
    keep, drop = form.staged_photos
    data.pop("photos")
    second = supporter.post(
        URL,
        {
            **data,
            "confirmed_place": str(form.resolved_city.geonameid),
            "staged": [keep.token, drop.token],
            "keep": [keep.token],
        },
    )
    assert second.status_code == 302
    assert Report.objects.get().photos.count() == 1
    assert not drop.image_path.exists()


def test_forged_photo_tokens_are_ignored(campaign, supporter):
    data = form_data(supporter)
    response = supporter.post(URL, {**data, "keep": ["../../etc/passwd", "0" * 32]})
    assert response.status_code == 200 and response.context["form"].staged_photos == []


def test_honeypot_pretends_success_and_stores_nothing(campaign, supporter):
    data = form_data(supporter, website="http://spam.example", confirmed_place="x")
    response = supporter.post(URL, data)
    assert response.status_code == 302
    assert Report.objects.count() == 0


def test_too_fast_submission_is_asked_to_try_again(campaign, supporter, settings):
    settings.SOLIDARITY = {**settings.SOLIDARITY, "MIN_FILL_SECONDS": 60}
    data = form_data(supporter)
    response = supporter.post(URL, data)
    assert "very fast" in response.content.decode()
    assert_kept(response, data)


def test_rate_limit_keeps_the_form_and_stores_no_ip(campaign, supporter, settings):
    settings.SOLIDARITY = {**settings.SOLIDARITY, "REPORT_RATE_LIMIT": 2}
    lookup = supporter.get("/places/lookup/", {"q": "Berlin"}).json()["geonameid"]
    for n in range(2):
        data = form_data(supporter, city="Berlin", public_text=f"action {n}", confirmed_place=str(lookup))
        assert supporter.post(URL, data, REMOTE_ADDR="203.0.113.7").status_code == 302
    data = form_data(supporter, city="Berlin", public_text="third", confirmed_place=str(lookup))
    response = supporter.post(URL, data, REMOTE_ADDR="203.0.113.7")
    assert response.status_code == 429
    assert "nothing you typed is lost" in response.content.decode()
    assert "third" in response.content.decode()
    # another client is not affected
    assert supporter.post(URL, data, REMOTE_ADDR="198.51.100.2").status_code == 302
    for report in Report.objects.all():
        assert "203.0.113.7" not in str(report.raw_input) and "203.0.113.7" not in str(vars(report))
    assert not AuditEntry.objects.filter(data__icontains="203.0.113").exists()


def test_closed_campaign_does_not_take_reports(campaign, supporter):
    campaign.status = "closed"
    campaign.save()
    assert supporter.get(URL).status_code == 410


def test_draft_campaign_form_is_not_found(campaign, supporter):
    campaign.status = "draft"
    campaign.save()
    assert supporter.get(URL).status_code == 404


def test_date_field_offers_the_campaign_window(campaign, supporter):
    body = supporter.get(URL).content.decode()
    assert f'max="{campaign.ends_on.isoformat()}"' in body
    assert campaign.ends_on - campaign.starts_on == datetime.timedelta(days=6)


def test_two_supporters_with_identical_reports_are_both_kept(campaign):
    from django.test import Client

    for _supporter in range(2):
        client = Client()
        data = form_data(client, public_text="", reporter_contact="", reporter_name="")
        _first, second = confirm_and_send(client, data)
        assert second.status_code == 302
    assert Report.objects.count() == 2
