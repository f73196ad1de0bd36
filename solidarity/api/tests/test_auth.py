"""Writing needs a valid, unrevoked key; a key scoped to one campaign may not send to another."""

from __future__ import annotations

import json
import logging

import pytest
from django.test import Client
from django.utils import timezone

from conftest import verified_client
from solidarity.api.models import ApiKey
from solidarity.api.services import api_key_create, api_key_revoke
from solidarity.api.tests.conftest import auth, report_json, reports_url
from solidarity.campaigns.models import Campaign
from solidarity.reports.models import Report


def post(api, campaign, headers, slug="week-of-action"):
    return api.post(reports_url(slug), json.dumps(report_json(campaign)), content_type="application/json", **headers)


def assert_unauthorized(response):
    assert response.status_code == 401, response.content
    assert response.json()["error"]["code"] == "unauthorized"
    assert response["WWW-Authenticate"] == "Bearer"


@pytest.mark.parametrize(
    "headers",
    [
        {},
        {"HTTP_AUTHORIZATION": "Bearer"},
        {"HTTP_AUTHORIZATION": "Basic dXNlcjpwYXNz"},
        {"HTTP_AUTHORIZATION": "Bearer sol_0123456789ab_not-the-secret"},
        {"HTTP_AUTHORIZATION": "Bearer something-else-entirely"},
        {"HTTP_X_API_KEY": "sol_0123456789ab_not-the-secret"},
    ],
    ids=["none", "empty", "basic", "wrong", "malformed", "wrong-header"],
)
def test_without_a_valid_key_nothing_is_stored(campaign, partner_key, api, headers):
    assert_unauthorized(post(api, campaign, headers))
    assert Report.objects.count() == 0


def test_a_right_prefix_with_a_wrong_secret_is_refused(campaign, partner_key, api):
    _key, raw_key = partner_key
    assert_unauthorized(post(api, campaign, auth(raw_key[:-4] + "AAAA")))


def test_a_revoked_key_stops_working_at_once(campaign, partner_key, organiser, api):
    key, raw_key = partner_key
    assert post(api, campaign, auth(raw_key)).status_code == 201
    api_key_revoke(key=key, actor=organiser)
    assert_unauthorized(post(api, campaign, auth(raw_key)))
    assert Report.objects.count() == 1


def test_a_key_for_another_campaign_is_forbidden(campaign, organisation, organiser, api):
    other = Campaign.objects.create(
        slug="other-call",
        title="Other",
        organiser=organisation,
        starts_on=campaign.starts_on,
        ends_on=campaign.ends_on,
        status=Campaign.Status.PUBLISHED,
    )
    _key, raw_key = api_key_create(name="Scoped partner", campaign=other, actor=organiser)
    response = post(api, campaign, auth(raw_key))
    assert response.status_code == 403
    assert response.json()["error"] == {
        "code": "forbidden",
        "message": "This API key may only send reports to its own campaign.",
    }
    assert Report.objects.count() == 0
    assert post(api, campaign, auth(raw_key), slug="other-call").status_code == 201


def test_use_is_noted_by_the_day_only(campaign, partner_key, api):
    key, raw_key = partner_key
    assert key.last_used_on is None
    post(api, campaign, auth(raw_key))
    key.refresh_from_db()
    assert key.last_used_on == timezone.localdate()
    field = ApiKey._meta.get_field("last_used_on")
    assert field.get_internal_type() == "DateField"


def test_a_key_never_reaches_a_log_line(campaign, partner_key, api, caplog, settings):
    caplog.set_level(logging.DEBUG)
    settings.DEBUG = True  # ninja's own bearer class would log the header then
    _key, raw_key = partner_key
    post(api, campaign, auth(raw_key))
    post(api, campaign, {"HTTP_AUTHORIZATION": f"Token {raw_key}"})
    post(api, campaign, auth(raw_key + "x"))
    secret = raw_key.split("_", 2)[2]
    assert secret not in caplog.text


def test_reading_needs_no_key_and_ignores_a_bad_one(campaign, api):
    response = api.get(reports_url(), HTTP_AUTHORIZATION="Bearer nonsense")
    assert response.status_code == 200


def test_a_key_needs_no_csrf_token_and_a_session_is_no_key(campaign, partner_key, organiser):
    _key, raw_key = partner_key
    strict = Client(enforce_csrf_checks=True)
    assert post(strict, campaign, auth(raw_key)).status_code == 201
    signed_in = verified_client(organiser)  # an organiser's browser session opens the admin, not the API
    assert_unauthorized(post(signed_in, campaign, {}))
