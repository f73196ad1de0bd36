"""Generated input against every public form and upload: the report form (with files), the solidarity message
form, the staff sign-in, the list filters and the place lookup, and the API's photo upload. Whatever arrives,
the answer is a page or a clear refusal, never a server error, and nothing is stored unless it was valid."""

from __future__ import annotations

import pytest
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from solidarity.api.services import api_key_create
from solidarity.registry.models import Letter
from solidarity.registry.tests import factories
from solidarity.reports.forms import started_token
from solidarity.reports.models import Report

FUZZ = settings(
    max_examples=40,
    deadline=None,
    derandomize=True,  # the same cases in every run, so a failure in CI reproduces
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
text = st.text(max_size=300)
short = st.text(max_size=40)
maybe = st.one_of(st.none(), text)
dates = st.one_of(text, st.dates().map(str), st.just("2026-02-30"), st.just("18.3.2018"))
numbers = st.one_of(short, st.integers().map(str), st.just("-1"), st.just("9" * 40))
files = st.lists(
    st.one_of(
        st.binary(max_size=2000),
        st.just(b"\xff\xd8\xff\xe0" + b"\x00" * 64),  # a JPEG that stops after its first marker
        st.just(b"\x89PNG\r\n\x1a\n" + b"\x00" * 32),  # a PNG signature and nothing after it
        st.just(b"GIF89a" + b"\x00" * 16),
    ),
    max_size=3,
)


def drop_none(data: dict) -> dict:
    return {key: value for key, value in data.items() if value is not None}


@pytest.fixture(autouse=True)
def _no_limits(settings):
    settings.SOLIDARITY = {
        **settings.SOLIDARITY,
        "REPORT_RATE_LIMIT": 0,
        "API_SUBMIT_RATE_LIMIT": 0,
        "API_READ_RATE_LIMIT": 0,
        "LOGIN_CLIENT_LIMIT": 10_000,
        "LOGIN_ACCOUNT_LIMIT": 10_000,
    }


@FUZZ
@given(
    fields=st.fixed_dictionaries(
        {},
        optional={
            "held_on": dates,
            "city": text,
            "confirmed_place": numbers,
            "action_type": short,
            "participants": numbers,
            "public_text": text,
            "reporter_name": text,
            "reporter_contact": text,
            "consent_name": short,
            "consent_photos": short,
            "website": st.just(""),
            "keep": short,
            "staged": short,
            "recheck": short,
        },
    ),
    uploads=files,
    signed=st.booleans(),
)
def test_the_report_form_answers_any_input_without_a_server_error(campaign, fields, uploads, signed):
    from django.core.files.uploadedfile import SimpleUploadedFile

    before = Report.objects.count()
    data = {**fields, "started": started_token() if signed else fields.get("started", "x")}
    data["photos"] = [SimpleUploadedFile(f"f{n}.jpg", content, "image/jpeg") for n, content in enumerate(uploads)]
    response = Client().post(f"/en/c/{campaign.slug}/report/", data)
    assert response.status_code in (200, 302, 400), response.status_code
    stored = Report.objects.count() - before
    assert stored == 0 if response.status_code != 302 else stored in (0, 1)  # 0: the same report again, or spam
    if stored:
        assert Report.objects.latest("id").status == Report.Status.RECEIVED  # waits for a moderator


@pytest.fixture
def person(db):
    return factories.person("Fuzz Person", slug="fuzz-person")


@FUZZ
@given(
    fields=st.fixed_dictionaries(
        {},
        optional={
            "text": text,
            "language": short,
            "sender_name": text,
            "sender_country": short,
            "sender_contact": text,
            "website": st.just(""),
            "started": short,
        },
    )
)
def test_the_message_form_answers_any_input_without_a_server_error(person, fields):
    before = Letter.objects.count()
    response = Client().post(f"/en/people/{person.slug}/write/", fields)
    assert response.status_code in (200, 302, 400)
    assert Letter.objects.count() - before in ((0, 1) if response.status_code == 302 else (0,))


@FUZZ
@given(
    fields=st.fixed_dictionaries(
        {}, optional={"username": text, "password": text, "otp_token": text, "otp_device": short, "next": text}
    )
)
def test_the_staff_sign_in_answers_any_input_without_a_server_error(organiser, fields):
    client = Client()
    response = client.post("/admin/login/", fields)
    assert response.status_code in (200, 302, 400)
    assert "_auth_user_id" not in client.session  # no generated input signs anyone in


@FUZZ
@given(
    query=st.dictionaries(
        st.sampled_from(["q", "status", "case", "organisation", "country", "charge", "page"]), text, max_size=4
    )
)
def test_list_filters_and_place_lookup_answer_any_query_without_a_server_error(campaign, query):
    client = Client()
    for path in ("/en/people/", "/en/cases/", "/en/organisations/", f"/en/c/{campaign.slug}/reports/"):
        assert client.get(path, query).status_code in (200, 400, 404), path
    assert client.get("/places/lookup/", {"q": query.get("q", "")}).status_code in (200, 400)


@FUZZ
@given(content=files.filter(bool).map(lambda parts: parts[0]), name=short)
def test_the_api_photo_upload_answers_any_file_without_a_server_error(organiser, content, name):
    from django.core.files.uploadedfile import SimpleUploadedFile

    _key, raw = api_key_create(name="fuzz", actor=organiser)
    upload = SimpleUploadedFile(name or "x", content, "application/octet-stream")
    response = Client().post("/api/v1/photos", {"file": upload}, HTTP_AUTHORIZATION=f"Bearer {raw}")
    assert response.status_code in (201, 400, 422), response.content[:300]
