"""Every error of the API has one shape, {"error": {"code", "message", "fields"?}}, and a server error tells
nothing about its cause, neither to the client nor in the log."""

from __future__ import annotations

import json
import logging

import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from solidarity.api.errors import _django_validation
from solidarity.api.tests.conftest import BASE


def error_of(response, status):
    assert response.status_code == status, response.content
    assert response["Content-Type"].startswith("application/json")
    body = response.json()
    assert set(body) == {"error"} and {"code", "message"} <= set(body["error"]) <= {"code", "message", "fields"}
    assert body["error"]["message"]
    return body["error"]


@pytest.mark.parametrize("path", ["/", "/nothing", "/campaigns/week-of-action/nothing", "/campaigns/a/b/c/d"])
def test_unknown_addresses_are_json_404s(db, path):
    assert error_of(Client().get(f"{BASE}{path}"), 404)["code"] == "not_found"


def test_a_wrong_method_is_a_json_405_naming_the_allowed_ones(db):
    response = Client().delete(f"{BASE}/campaigns")
    assert error_of(response, 405)["code"] == "method_not_allowed"
    assert response["Allow"] == "GET"
    put = Client().put(f"{BASE}/campaigns/week-of-action/reports")
    assert error_of(put, 405)["code"] == "method_not_allowed" and set(put["Allow"].split(", ")) == {"GET", "POST"}


def test_a_server_error_says_nothing_of_its_cause(campaign, monkeypatch, caplog):
    caplog.set_level(logging.DEBUG)
    secret = "canary-5e1f-private@example.org"

    def explode(*args, **kwargs):
        raise RuntimeError(f"failed for {secret}")

    monkeypatch.setattr("solidarity.api.reports.tally", explode)
    response = Client(raise_request_exception=False).get(f"{BASE}/campaigns/week-of-action/tally")
    error = error_of(response, 500)
    assert error["code"] == "server_error"
    assert secret not in response.content.decode() and "RuntimeError" not in response.content.decode()
    assert response["Cache-Control"] == "no-store"
    assert "RuntimeError" in caplog.text and "reports.py" in caplog.text  # enough to find the fault
    assert secret not in caplog.text


def test_service_errors_keep_their_fields():
    by_field = ValidationError({"held_on": ["The date is in the future."], "__all__": ["Not now."]})
    error = _django_validation(None, by_field)
    assert error.status_code == 422
    body = json.loads(error.content)["error"]
    assert body == {
        "code": "validation_error",
        "message": "Not now.",
        "fields": {"held_on": ["The date is in the future."]},
    }
    plain = json.loads(_django_validation(None, ValidationError("Closed.")).content)["error"]
    assert plain == {"code": "validation_error", "message": "Closed."}


def test_an_oversized_body_is_refused_in_the_same_shape(campaign, partner_key, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    _key, raw_key = partner_key
    body = json.dumps({"public_text": "x" * 2000})
    response = Client().post(
        f"{BASE}/campaigns/week-of-action/reports",
        body,
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {raw_key}",
    )
    assert error_of(response, 413)["code"] == "too_large"
