"""The database goes away while supporters are sending reports: they are told to try again, nothing is
half-written, public pages keep being served from their snapshots, and the same form sent again once the
database is back is stored exactly once."""

from __future__ import annotations

from pathlib import Path

import psycopg
import pytest

from solidarity.places.geocode import resolve
from tests.system.cluster import AppServer, Supporter, create_campaign, instance_env, solidarity, wait_for

SLUG = "week-of-action"


@pytest.fixture(scope="module")
def app(folder: Path, postgres):
    env = instance_env(folder / "box", postgres.url)
    solidarity(env, "migrate", "--noinput", "-v0")
    create_campaign(env, SLUG)
    server = AppServer(env, folder / "app.out")
    yield server
    server.stop()


def report_texts(url: str) -> list[str]:
    with psycopg.connect(url) as connection:
        return [row[0] for row in connection.execute("SELECT public_text FROM reports_report ORDER BY id")]


def test_a_report_sent_while_the_database_is_down_is_refused_clearly_then_stored_once(app, postgres):
    supporter = Supporter()
    form = supporter.open_form(app.url, SLUG)
    berlin = resolve("Berlin").geonameid
    page = f"{app.url}/en/c/{SLUG}/"
    assert supporter.session.get(page).ok and supporter.session.get(page).headers.get("X-Snapshot") == "1"

    postgres.stop()
    try:
        refused = supporter.send(
            app.url,
            SLUG,
            form,
            city="Berlin",
            geonameid=berlin,
            contact="canary-outage@example.org",
            text="Outage picket",
        )
        assert refused.status_code == 503
        assert refused.headers["Retry-After"] == "30"
        assert "Please try again in a moment" in refused.text and "Nothing you sent was saved" in refused.text
        assert "canary" not in refused.text.lower() and "Traceback" not in refused.text
        assert app.url and supporter.session.get(f"{app.url}/readyz").status_code == 503
        # readers of the campaign page still get it, from the snapshot
        still = supporter.session.get(page)
        assert still.status_code == 200 and still.headers.get("X-Snapshot") == "1"
    finally:
        postgres.start()

    wait_for(lambda: supporter.session.get(f"{app.url}/readyz").ok, "the app to see the database again")
    again = supporter.send(
        app.url, SLUG, form, city="Berlin", geonameid=berlin, contact="canary-outage@example.org", text="Outage picket"
    )
    assert again.status_code == 302 and "/thanks/" in again.headers["Location"]
    twice = supporter.send(
        app.url, SLUG, form, city="Berlin", geonameid=berlin, contact="canary-outage@example.org", text="Outage picket"
    )
    assert twice.status_code == 302  # the same copy of the form pressed again: answered, not stored again
    assert report_texts(postgres.url) == ["Outage picket"]
    assert "canary-outage" not in app.output()  # not in the server's log lines either
