"""Log lines an operator can use, holding nothing about the people using the site: one JSON object per line,
the URL pattern instead of the path, no addresses, no error messages (which carry values), frames kept."""

from __future__ import annotations

import json
import logging

import pytest
from django.db import IntegrityError
from django.test import Client

from solidarity.lib.logs import JsonFormatter, PlainFormatter, RequestPathFilter, scrub
from solidarity.lib.ratelimit import client_address

CANARY = "canary-logs-51c0"


@pytest.fixture
def lines(caplog):
    """The records of the test, formatted as production formats them."""
    formatter, path_filter = JsonFormatter(), RequestPathFilter()
    caplog.set_level(logging.INFO)

    def formatted() -> list[dict]:
        out = []
        for record in caplog.records:
            path_filter.filter(record)
            out.append(json.loads(formatter.format(record)))
        return out

    return formatted


def test_scrub_removes_addresses_and_database_details():
    text = "DETAIL:  Key (contact)=(dana@example.org) already exists.\nfrom 203.0.113.9 and 2001:db8::1 via x@y.org"
    assert scrub(text) == "DETAIL: [removed]\nfrom [ip] and [ip] via [e-mail]"
    kept = "Django 5.2.19 at 19:22:04 on Python 3.11.7, hash ab:cd"
    assert scrub(kept) == kept
    assert scrub("fe80::1 and 2001:0db8:85a3:0000:0000:8a2e:0370:7334") == "[ip] and [ip]"


def test_each_request_is_one_line_with_its_url_pattern_not_its_path(db, lines):
    Client().get(f"/en/people/?q={CANARY}")
    Client().get(f"/en/people/{CANARY}-hidden/")
    entries = [entry for entry in lines() if entry["logger"] in ("solidarity.request", "django.request")]
    found = [(e["logger"], e.get("route"), e.get("status"), e["message"]) for e in entries]
    assert ("solidarity.request", "/en/people/", 200, "GET /en/people/ 200") in found
    assert ("solidarity.request", "/en/people/<slug:slug>/", 404, "GET /en/people/<slug:slug>/ 404") in found
    assert ("django.request", None, None, "Not Found: /en/people/<slug:slug>/") in found
    assert CANARY not in json.dumps(entries)


def test_errors_keep_their_frames_and_type_but_not_their_message(lines):
    logger = logging.getLogger("solidarity.test")
    try:
        try:
            raise KeyError(f"{CANARY}@example.org")
        except KeyError as exc:
            raise IntegrityError(f"duplicate key\nDETAIL: Key (contact)=({CANARY}) exists") from exc
    except IntegrityError:
        logger.exception("saving failed")
    entry = lines()[-1]
    assert entry["message"] == "saving failed" and entry["level"] == "ERROR"
    assert "django.db.utils.IntegrityError" in entry["error"] and "builtins.KeyError" in entry["error"]
    assert "test_logs.py" in entry["error"]  # where it happened
    assert CANARY not in json.dumps(entry)


def test_the_plain_format_follows_the_same_rules():
    formatter = PlainFormatter("%(levelname)s %(message)s")
    try:
        raise ValueError(CANARY)
    except ValueError as exc:
        info = (ValueError, exc, None)
        record = logging.LogRecord("x", logging.ERROR, __file__, 1, "from %s", ("198.51.100.4",), info)
    text = formatter.format(record)
    assert text.startswith("ERROR from [ip]") and "builtins.ValueError" in text and CANARY not in text


@pytest.mark.parametrize(
    ("header", "meta", "expected"),
    [
        ("", {"REMOTE_ADDR": "10.0.0.1", "HTTP_X_REAL_IP": "198.51.100.7"}, "10.0.0.1"),  # header not trusted
        ("X-Real-IP", {"REMOTE_ADDR": "10.0.0.1", "HTTP_X_REAL_IP": "198.51.100.7"}, "198.51.100.7"),
        (
            "X-Forwarded-For",
            {"REMOTE_ADDR": "10.0.0.1", "HTTP_X_FORWARDED_FOR": "1.2.3.4, 198.51.100.8"},
            "198.51.100.8",
        ),  # noqa: E501
        ("X-Real-IP", {"REMOTE_ADDR": "10.0.0.1"}, "10.0.0.1"),
    ],
)
def test_behind_a_proxy_the_visitor_address_comes_from_the_proxy_header(rf, settings, header, meta, expected):
    settings.SOLIDARITY = {**settings.SOLIDARITY, "CLIENT_IP_HEADER": header}
    request = rf.get("/", **meta)
    assert client_address(request) == expected
