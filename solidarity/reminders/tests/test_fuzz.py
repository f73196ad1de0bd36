"""Generated input against the sign-up form and the links of our e-mails: whatever arrives, the answer is a
page or a clear refusal, never a server error, and a row is stored only for a valid request."""

from __future__ import annotations

from urllib.parse import quote

import pytest
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from solidarity.reminders.forms import started_token
from solidarity.reminders.models import Subscription

FUZZ = settings(
    max_examples=40,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
text = st.text(max_size=300)
addresses = st.one_of(text, st.emails().map(str), st.just("a@b"), st.just("x@" + "y" * 300 + ".org"))
kinds = st.lists(st.one_of(st.sampled_from(["start", "results"]), st.text(max_size=20)), max_size=4)


@pytest.fixture(autouse=True)
def _no_limit(settings):
    settings.SOLIDARITY_REMINDERS = {**settings.SOLIDARITY_REMINDERS, "RATE_LIMIT": 0}


@FUZZ
@given(email=addresses, chosen=kinds, signed=st.booleans(), started=text)
def test_the_sign_up_form_answers_any_input_without_a_server_error(upcoming, email, chosen, signed, started):
    before = Subscription.objects.count()
    data = {"email": email, "kinds": chosen, "started": started_token() if signed else started, "website": ""}
    response = Client().post(f"/en/c/{upcoming.slug}/remind/", data)
    assert response.status_code in (302, 400), response.status_code
    if response.status_code != 302:
        assert Subscription.objects.count() == before


@FUZZ
@given(token=st.text(min_size=1, max_size=400))
def test_any_link_token_gets_a_page_not_a_server_error(upcoming, token):
    Subscription.objects.create(campaign=upcoming, email="kept@example.net", language="en", wants_start=True)
    client = Client()
    for kind in ("confirm", "unsubscribe"):
        path = f"/en/reminders/{kind}/{quote(token, safe='')}/"
        assert client.get(path).status_code in (200, 404)
        assert client.post(path).status_code in (400, 404, 410)
    assert Subscription.objects.filter(email="kept@example.net", confirmed_at__isnull=True).exists()
    Subscription.objects.all().delete()
