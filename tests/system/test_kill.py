"""``kill -9`` of the app server in the middle of a stream of submissions: every report a supporter was told
was received is there, and sending an unanswered form again after the restart stores it exactly once."""

from __future__ import annotations

import sqlite3
import threading
import time
from pathlib import Path

import requests

from solidarity.places.geocode import resolve
from tests.system.cluster import AppServer, Supporter, create_campaign, instance_env, solidarity

SLUG = "week-of-action"


def test_killing_the_web_server_loses_no_acknowledged_report_and_duplicates_none(tmp_path: Path):
    env = instance_env(
        tmp_path / "box", f"sqlite:///{tmp_path / 'box' / 'db.sqlite3'}", SOLIDARITY_REPORT_RATE_LIMIT="0"
    )
    solidarity(env, "migrate", "--noinput", "-v0")
    create_campaign(env, SLUG)
    server = AppServer(env, tmp_path / "app.out", workers=2)
    berlin = resolve("Berlin").geonameid
    acknowledged: list[str] = []
    unanswered: list[tuple[Supporter, dict[str, str], str]] = []
    stop = threading.Event()
    lock = threading.Lock()

    def supporter_loop(who: int) -> None:
        n = 0
        while not stop.is_set():
            supporter = Supporter()
            try:
                form = supporter.open_form(server.url, SLUG)
            except (requests.RequestException, AssertionError):
                return  # the server is gone before this form was even shown
            text = f"Picket {who}-{n}"
            n += 1
            try:
                answer = supporter.send(
                    server.url,
                    SLUG,
                    form,
                    city="Berlin",
                    geonameid=berlin,
                    contact=f"canary-kill-{who}-{n}@example.org",
                    text=text,
                )
            except requests.RequestException:
                with lock:
                    unanswered.append((supporter, form, text))
                return
            with lock:
                if answer.status_code == 302:
                    acknowledged.append(text)
                else:
                    unanswered.append((supporter, form, text))
                    return

    threads = [threading.Thread(target=supporter_loop, args=(who,)) for who in range(4)]
    for thread in threads:
        thread.start()
    deadline = time.monotonic() + 20
    while len(acknowledged) < 40 and time.monotonic() < deadline:
        time.sleep(0.05)
    server.kill()  # kill -9, mid-stream
    stop.set()
    for thread in threads:
        thread.join(timeout=30)
    assert len(acknowledged) >= 40, "too few reports went through before the kill to mean anything"

    server = AppServer(env, tmp_path / "app-restarted.out", workers=2)
    try:
        for supporter, form, text in unanswered:  # each supporter presses "send" again on the same form
            again = supporter.send(
                server.url,
                SLUG,
                form,
                city="Berlin",
                geonameid=berlin,
                contact="canary-kill-again@example.org",
                text=text,
            )
            assert again.status_code == 302, again.text[:500]
    finally:
        server.stop()

    with sqlite3.connect(tmp_path / "box" / "db.sqlite3") as db:
        stored = [row[0] for row in db.execute("SELECT public_text FROM reports_report")]
    assert sorted(stored) == sorted(set(stored)), "a report was stored twice"
    assert set(acknowledged) <= set(stored), "an acknowledged report was lost"
    assert set(stored) == set(acknowledged) | {text for _s, _f, text in unanswered}
