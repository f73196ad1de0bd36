"""Public pages are served from snapshots, and a moderator's decision replaces them at once."""

from __future__ import annotations

import io

from django.conf import settings
from django.test import Client

from solidarity.lib import snapshots
from solidarity.reports import services
from solidarity.reports.tests.factories import submit
from solidarity.wsgi import application

PAGE = "/en/c/week-of-action/"


def wsgi_get(path: str, query: str = "", app=application) -> tuple[str, dict[str, str], bytes]:
    """Call the production WSGI stack (snapshot layer in front of Django) directly."""
    captured = {}

    def start_response(status, headers):
        captured["status"], captured["headers"] = status, dict(headers)

    environ = {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": path,
        "QUERY_STRING": query,
        "SERVER_NAME": "127.0.0.1",
        "SERVER_PORT": "80",
        "wsgi.url_scheme": "http",
        "wsgi.input": io.BytesIO(b""),
        "HTTP_HOST": "127.0.0.1",
    }
    body = b"".join(app(environ, start_response))
    return captured["status"], captured["headers"], body


def test_first_view_writes_a_snapshot_served_with_security_headers(transactional_db, campaign):
    status, headers, body = wsgi_get(PAGE)
    assert status.startswith("200") and "X-Snapshot" not in headers
    assert snapshots.snapshot_file(settings.SNAPSHOT_ROOT, PAGE).exists()
    status, headers, again = wsgi_get(PAGE)
    assert headers["X-Snapshot"] == "1" and again == body
    assert "default-src 'self'" in headers["Content-Security-Policy"]
    assert headers["Referrer-Policy"] == "same-origin" and headers["X-Content-Type-Options"] == "nosniff"


def test_publishing_replaces_the_snapshot(transactional_db, campaign, moderator):
    report = submit(campaign, "Helsinki")
    wsgi_get(PAGE)
    assert b"Helsinki" not in wsgi_get(PAGE)[2]
    services.report_publish(report=report, actor=moderator)
    _status, headers, body = wsgi_get(PAGE)
    assert "X-Snapshot" not in headers and b"Helsinki" in body
    assert b"Helsinki" in wsgi_get(PAGE)[2]


def test_query_strings_and_other_methods_bypass_snapshots(transactional_db, campaign):
    wsgi_get(PAGE)
    assert "X-Snapshot" not in wsgi_get(PAGE, "x=1")[1]
    response = Client().post(PAGE)
    assert response.status_code == 405


def test_unsafe_paths_are_never_snapshot_files(tmp_path):
    assert snapshots.snapshot_file(tmp_path, "/en/../../etc/") is None
    assert snapshots.snapshot_file(tmp_path, "/en/c/x") is None
    snapshots.write(tmp_path, "/en/c/a%00/", b"x")
    assert not any(tmp_path.rglob("index.html"))


def test_while_one_request_re_renders_the_others_get_the_previous_copy(transactional_db, campaign, moderator):
    report = submit(campaign, "Tallinn")
    wsgi_get(PAGE)
    wsgi_get(PAGE)  # now in the process's memory
    services.report_publish(report=report, actor=moderator)  # snapshot file removed
    application._rendering.add(PAGE)  # another request of this process is re-rendering right now
    try:
        _status, headers, body = wsgi_get(PAGE)
        assert headers["X-Snapshot"] == "stale" and b"Tallinn" not in body
    finally:
        application._rendering.discard(PAGE)
    _status, headers, body = wsgi_get(PAGE)
    assert b"Tallinn" in body  # the next request renders the fresh page


def test_every_snapshot_a_page_writes_is_served_and_removed_when_the_data_changes(
    transactional_db, campaign, moderator
):
    """A snapshot left behind would keep showing a report (or photo) a moderator has since withdrawn."""
    published = services.report_publish(report=submit(campaign, "Helsinki"), actor=moderator)
    pages = ["/en/", "/ru/", PAGE, f"{PAGE}map/", f"{PAGE}photos/", "/ru/c/week-of-action/photos/"]
    for page in pages:
        wsgi_get(page)
        assert wsgi_get(page)[1].get("X-Snapshot") == "1", page
    written = {path for path in settings.SNAPSHOT_ROOT.rglob("*.html")}
    assert len(written) == len(pages)
    services.report_reject(report=published, actor=moderator)
    assert list(settings.SNAPSHOT_ROOT.rglob("*.html")) == []
    assert b"Helsinki" not in wsgi_get(f"{PAGE}map/")[2]


def test_a_publication_on_one_box_replaces_the_snapshots_of_every_box(
    transactional_db, campaign, moderator, settings, tmp_path, monkeypatch
):
    """Two boxes, each with its own snapshot folder, share one cache: box A's invalidation reaches box B."""
    settings.SOLIDARITY = {**settings.SOLIDARITY, "SNAPSHOT_TOKENS": True}
    monkeypatch.setattr(snapshots, "CHECK_SECONDS", 0.0)
    boxes = {
        name: snapshots.SnapshotApp(application.app, lambda: settings.SNAPSHOT_ROOT, application.pattern.pattern)
        for name in "ab"
    }

    def get(name: str) -> tuple[str, dict[str, str], bytes]:
        settings.SNAPSHOT_ROOT = tmp_path / name  # each box writes and reads its own folder
        return wsgi_get(PAGE, app=boxes[name])

    report = submit(campaign, "Tampere")
    for name in "ab":
        get(name)
        assert get(name)[1].get("X-Snapshot") == "1"

    settings.SNAPSHOT_ROOT = tmp_path / "a"  # the moderator works on box A
    services.report_publish(report=report, actor=moderator)
    assert (tmp_path / "b" / "en/c/week-of-action/index.html").exists()  # box B's file is still there...
    _status, headers, body = get("b")
    assert "X-Snapshot" not in headers and b"Tampere" in body  # ...but no longer served
    assert get("b")[1].get("X-Snapshot") == "1"  # the fresh copy is a snapshot again
    assert b"Tampere" in get("a")[2]


def test_snapshots_keep_being_served_when_the_shared_cache_is_away(transactional_db, campaign, settings, monkeypatch):
    settings.SOLIDARITY = {**settings.SOLIDARITY, "SNAPSHOT_TOKENS": True}
    monkeypatch.setattr(snapshots, "CHECK_SECONDS", 0.0)
    box = snapshots.SnapshotApp(application.app, lambda: settings.SNAPSHOT_ROOT, application.pattern.pattern)
    wsgi_get(PAGE, app=box)

    def cache_down(path: str) -> str:
        raise OSError("cache unreachable")

    monkeypatch.setattr(snapshots, "current_token", cache_down)
    status, headers, _body = wsgi_get(PAGE, app=box)
    assert status.startswith("200") and headers.get("X-Snapshot") == "1"


def test_a_snapshot_file_without_a_token_line_is_never_served(transactional_db, campaign):
    """Files written by an older version (page only) are rendered again rather than trusted."""
    wsgi_get(PAGE)
    target = snapshots.snapshot_file(settings.SNAPSHOT_ROOT, PAGE)
    target.write_bytes(b"<!doctype html><p>old format</p>")
    status, headers, body = wsgi_get(PAGE)
    assert status.startswith("200") and b"old format" not in body and "X-Snapshot" not in headers
