"""Two app boxes behind one nginx, sharing one PostgreSQL (with the cache in it) and one media folder, and a
third box running the worker, as docs/deploy.md describes. What one box does, every box shows."""

from __future__ import annotations

import re
from pathlib import Path

import psycopg
import pytest
import requests
from django_otp.oath import totp

from solidarity.places.geocode import resolve
from tests.system.cluster import (
    AppServer,
    Proxy,
    Supporter,
    Worker,
    create_campaign,
    instance_env,
    publish_all,
    solidarity,
    wait_for,
)

SLUG = "week-of-action"
LIMIT = 4


@pytest.fixture(scope="module")
def boxes(folder: Path, postgres):
    shared = {
        "SOLIDARITY_CACHE": "db",
        "SOLIDARITY_MEDIA_ROOT": str(folder / "shared-media"),
        "SOLIDARITY_SUMMARY_DIR": str(folder / "shared-summaries"),
        "SOLIDARITY_CLIENT_IP_HEADER": "X-Real-IP",
        "SOLIDARITY_REPORT_RATE_LIMIT": str(LIMIT),
        "SOLIDARITY_SUMMARY_PRERENDER_DELAY": "0",
    }
    env = {name: instance_env(folder / name, postgres.url, **shared) for name in ("a", "b", "worker")}
    solidarity(env["a"], "migrate", "--noinput", "-v0")  # also creates the cache table
    create_campaign(env["a"], SLUG)
    a, b = AppServer(env["a"], folder / "a.out"), AppServer(env["b"], folder / "b.out")
    worker = Worker(env["worker"], folder / "worker.out", "worker-1")
    proxy = Proxy(folder / "nginx", [a.url, b.url])
    yield {"a": a, "b": b, "worker": worker, "proxy": proxy, "env": env, "folder": folder}
    for process in (proxy, worker, a, b):
        process.stop()


@pytest.fixture(autouse=True)
def fresh_limits(boxes):
    solidarity(boxes["env"]["a"], "shell", "-c", "from django.core.cache import cache; cache.clear()")


def tally(base: str) -> dict:
    return requests.get(f"{base}/c/{SLUG}/tally.json", timeout=10).json()


def test_a_report_sent_to_one_box_shows_on_the_other_once_published(boxes, postgres):
    a, b = boxes["a"], boxes["b"]
    page = f"{b.url}/en/c/{SLUG}/"
    requests.get(page, timeout=10)
    assert requests.get(page, timeout=10).headers.get("X-Snapshot") == "1"  # box B keeps a snapshot
    before = tally(b.url)["actions"]

    supporter = Supporter()
    form = supporter.open_form(a.url, SLUG)
    sent = supporter.send(
        a.url,
        SLUG,
        form,
        city="Leipzig",
        geonameid=resolve("Leipzig").geonameid,
        contact="canary-scale@example.org",
        text="Picket at the consulate in Leipzig",
    )
    assert sent.status_code == 302
    assert tally(b.url)["actions"] == before  # not public before a moderator says so

    publish_all(boxes["env"]["a"])  # the moderator works on box A
    wait_for(lambda: tally(b.url)["actions"] == before + 1, "box B's tally to count the report", timeout=5)
    fresh = wait_for(
        lambda: (r := requests.get(page, timeout=10)) and "Leipzig" in r.text and r, "box B's fresh page", timeout=5
    )
    assert fresh.status_code == 200
    through_proxy = requests.get(f"{boxes['proxy'].url}/en/c/{SLUG}/", timeout=10)
    assert "Leipzig" in through_proxy.text
    assert "canary-scale" not in through_proxy.text and "canary-scale" not in fresh.text


def test_the_rate_limit_counts_a_visitor_across_boxes(boxes):
    proxy = boxes["proxy"]
    berlin = resolve("Berlin").geonameid
    answers = []
    for n in range(LIMIT + 1):
        supporter = Supporter()
        form = supporter.open_form(proxy.url, SLUG)
        answers.append(
            supporter.send(
                proxy.url,
                SLUG,
                form,
                city="Berlin",
                geonameid=berlin,
                contact=f"canary-limit-{n}@example.org",
                text=f"Rally {n}",
            ).status_code
        )
    assert answers == [302] * LIMIT + [429]
    # a visitor cannot step around the limit by naming another address: the proxy sets the header
    supporter = Supporter()
    form = supporter.open_form(proxy.url, SLUG)
    supporter.session.headers["X-Real-IP"] = "192.0.2.55"
    assert (
        supporter.send(
            proxy.url, SLUG, form, city="Berlin", geonameid=berlin, contact="x@example.org", text="Rally again"
        ).status_code
        == 429
    )
    posts = [len(re.findall(r'"method": "POST".*"status": 302', box.output())) for box in (boxes["a"], boxes["b"])]
    assert all(count >= 1 for count in posts), f"the proxy did not spread the reports over both boxes: {posts}"


CREATE_STAFF = """
from django.contrib.auth import get_user_model
from django_otp.plugins.otp_totp.models import TOTPDevice
from solidarity.reports.roles import ensure_role
user, _ = get_user_model().objects.get_or_create(username="carol", defaults={"is_staff": True})
user.set_password("correct horse battery staple")
user.save()
user.groups.add(ensure_role("moderator"))
device, _ = TOTPDevice.objects.get_or_create(user=user, name="phone", defaults={"confirmed": True})
print(device.key)
"""


def test_a_moderator_signed_in_on_one_box_is_signed_in_on_every_box(boxes):
    a, b = boxes["a"], boxes["b"]
    key = solidarity(boxes["env"]["a"], "shell", "-c", CREATE_STAFF).stdout.strip().splitlines()[-1]
    session = requests.Session()
    page = session.get(f"{a.url}/admin/login/", timeout=10)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)
    signed_in = session.post(
        f"{a.url}/admin/login/?next=/admin/",
        data={
            "csrfmiddlewaretoken": token,
            "username": "carol",
            "password": "correct horse battery staple",
            "otp_token": f"{totp(bytes.fromhex(key)):06d}",
            "next": "/admin/",
        },
        headers={"Referer": f"{a.url}/admin/login/"},
        timeout=10,
        allow_redirects=False,
    )
    assert signed_in.status_code == 302, signed_in.text[:2000]
    on_b = session.get(f"{b.url}/admin/", timeout=10, allow_redirects=False)
    assert on_b.status_code == 200 and "carol" in on_b.text  # the session lives in the shared database


def test_the_worker_box_renders_the_summary_every_box_serves(boxes, postgres):
    a, b = boxes["a"], boxes["b"]
    first = requests.get(f"{a.url}/en/c/{SLUG}/summary.pdf", timeout=60)  # a reader asks for the PDF once
    assert first.ok and first.content.startswith(b"%PDF-")
    supporter = Supporter()
    form = supporter.open_form(b.url, SLUG)
    supporter.send(
        b.url,
        SLUG,
        form,
        city="Dresden",
        geonameid=resolve("Dresden").geonameid,
        contact="canary-pdf@example.org",
        text="Banner in Dresden",
    )
    publish_all(boxes["env"]["b"])
    with psycopg.connect(postgres.url) as connection:
        row = connection.execute("SELECT data_version FROM campaigns_campaign WHERE slug = %s", [SLUG]).fetchone()
    version = row[0]
    folder = boxes["folder"] / "shared-summaries"
    wait_for(lambda: list(folder.glob(f"*/v{version}-en.pdf")), "the worker to render the new version", timeout=60)
    assert "prerender_summaries" in boxes["worker"].output()
    served = requests.get(f"{b.url}/en/c/{SLUG}/summary.pdf", timeout=60)
    assert served.ok and served.content == next(folder.glob(f"*/v{version}-en.pdf")).read_bytes()
