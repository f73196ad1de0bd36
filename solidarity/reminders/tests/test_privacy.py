"""Reminder addresses are private: in no public page, feed, export, API answer, job, audit entry or log line; in
the admin masked unless an organiser holds ``reminders.view_address``; in the backup; gone after retention."""

from __future__ import annotations

import io
import json
import logging
import smtplib
import tarfile

import pytest
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from conftest import verified_client
from solidarity.lib.logs import JsonFormatter, PlainFormatter
from solidarity.lib.models import AuditEntry
from solidarity.reminders import sending, services
from solidarity.reminders.models import Subscription
from solidarity.reminders.tests.conftest import CANARY_ADDRESS, sign_up
from solidarity.reports.tests.factories import planted_report
from solidarity.reports.tests.test_privacy import public_urls

CANARY = "canary-reminder"


def planted(campaign, **fields) -> Subscription:
    values = {"email": CANARY_ADDRESS.lower(), "language": "en", "wants_start": True, "wants_results": True, **fields}
    return Subscription.objects.create(campaign=campaign, **values)


def reminder_urls(campaign) -> list[str]:
    slug = campaign.slug
    return [
        f"/en/c/{slug}/remind/",
        f"/en/c/{slug}/remind/sent/",
        "/en/feeds/campaigns/",
        "/ru/feeds/campaigns/",
        "/en/feeds/registry/",
        "/en/people/",
        "/registry/people.csv",
        "/registry/registry.json",
        "/api/v1/campaigns",
    ]


def test_no_public_output_holds_an_address(campaign, moderator, settings, caplog):
    caplog.set_level(logging.DEBUG)
    report = planted_report(campaign, moderator, "canary-reminder-report")
    supporter = Client()
    sign_up(supporter, campaign, kinds=["results"])
    planted(campaign, email="confirmed-canary-reminder@example.net", confirmed_at=timezone.now())
    assert Subscription.objects.count() == 2

    for url in public_urls(campaign, report) + reminder_urls(campaign):
        response = supporter.get(url)
        content = b"".join(response.streaming_content) if response.streaming else response.content
        body = (content.decode("utf-8", "replace") + str(response.headers)).lower()
        assert CANARY not in body, url
    for snapshot in settings.SNAPSHOT_ROOT.rglob("*.html"):
        assert CANARY not in snapshot.read_text(encoding="utf-8").lower(), snapshot
    assert CANARY not in caplog.text.lower()


def test_no_job_audit_entry_or_log_line_holds_an_address(upcoming, organiser, smtp, caplog):
    """The whole life of a subscription, a failing mail server included, logged through the site's formatters."""
    caplog.set_level(logging.DEBUG)
    services.subscribe(campaign=upcoming, email=CANARY_ADDRESS, kinds=["start", "results"], language="en")
    row = Subscription.objects.get()
    Subscription.objects.update(confirmed_at=timezone.now())

    smtp.refuse = {CANARY_ADDRESS.lower(): "450 try later"}
    sending.send_due()

    def broken(*args, **kwargs):
        raise smtplib.SMTPDataError(554, f"rejected for {CANARY_ADDRESS}".encode())

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("django.core.mail.message.EmailMessage.send", broken)
        sending.send_due()
    services.subscriptions_delete(subscriptions=[row], actor=organiser)

    from django_tasks_db.models import DBTaskResult

    assert CANARY not in str(list(DBTaskResult.objects.values_list("args_kwargs", "return_value"))).lower()
    entries = list(AuditEntry.objects.values_list("object_repr", "data"))
    assert entries and CANARY not in str(entries).lower() and "@" not in str(entries)
    assert caplog.records
    for formatter in (JsonFormatter(), PlainFormatter("%(message)s")):
        for record in caplog.records:
            assert CANARY not in formatter.format(record).lower()


@pytest.fixture
def addresses(upcoming):
    return planted(upcoming, confirmed_at=timezone.now())


def test_organisers_see_addresses_masked_and_cannot_search_them(addresses, organiser, moderator, outsider):
    alice = verified_client(organiser)
    listing = alice.get("/admin/reminders/subscription/")
    assert listing.status_code == 200
    body = listing.content.decode().lower()
    assert CANARY not in body and "d…@e….net" in body
    assert 'name="q"' not in body  # no search box: it would answer "is this address subscribed?"
    detail = alice.get(f"/admin/reminders/subscription/{addresses.pk}/change/").content.decode().lower()
    assert CANARY not in detail
    assert alice.get("/admin/reminders/subscription/add/").status_code == 403

    assert verified_client(moderator).get("/admin/reminders/subscription/").status_code == 403
    assert Client().get("/admin/reminders/subscription/").status_code == 302  # to the sign-in
    outsider_client = Client()
    outsider_client.force_login(outsider)
    assert outsider_client.get("/admin/reminders/subscription/").status_code == 302


def test_the_address_permission_shows_and_searches_them(addresses, organiser):
    from django.contrib.auth.models import Permission

    organiser.user_permissions.add(Permission.objects.get(codename="view_address"))
    alice = verified_client(organiser)
    body = alice.get("/admin/reminders/subscription/", {"q": CANARY_ADDRESS.lower()}).content.decode().lower()
    assert CANARY_ADDRESS.lower() in body and 'name="q"' in body


def test_deleting_in_the_admin_is_audited_without_the_address(addresses, organiser):
    alice = verified_client(organiser)
    answer = alice.post(
        "/admin/reminders/subscription/",
        {"action": "delete_selected", "_selected_action": [addresses.pk], "post": "yes"},
    )
    assert answer.status_code == 302 and not Subscription.objects.exists()
    entry = AuditEntry.objects.get(action="reminders.subscriptions.deleted")
    assert entry.data == {"count": 1} and entry.actor == organiser


def test_the_backup_holds_the_addresses(tmp_path):
    """A separate instance, as an operator runs it: the subscriptions table is in the archive like every other."""
    from solidarity.lib.tests.test_backup import instance, manifest_of, solidarity

    env = instance(tmp_path / "instance")
    solidarity(env, "migrate", "-v0")
    plant = (
        "from solidarity.campaigns.models import Campaign; from solidarity.registry.models import Organisation; "
        "from solidarity.reminders.models import Subscription; import datetime; "
        "o = Organisation.objects.create(slug='o', name='O'); "
        "c = Campaign.objects.create(slug='c', title='C', organiser=o, starts_on=datetime.date(2030, 1, 1), "
        "ends_on=datetime.date(2030, 1, 2), status='published'); "
        f"Subscription.objects.create(campaign=c, email='{CANARY_ADDRESS.lower()}', language='en', wants_start=True)"
    )
    solidarity(env, "shell", "-c", plant)
    archive = tmp_path / "backup.tar"
    solidarity(env, "backup", str(archive))
    assert manifest_of(archive)["rows"]["reminders.subscription"] == 1
    with tarfile.open(archive) as opened:
        assert CANARY_ADDRESS.lower() in opened.extractfile("data/records.jsonl").read().decode()


def test_purge_private_forgets_unconfirmed_and_ended_campaigns_addresses(campaign, upcoming, organisation):
    import datetime

    from solidarity.campaigns.models import Campaign

    now = timezone.now()
    ended = Campaign.objects.create(
        slug="long-ago",
        title="Long ago",
        organiser=organisation,
        starts_on=datetime.date(2020, 1, 1),
        ends_on=datetime.date(2020, 1, 7),
        status=Campaign.Status.CLOSED,
    )
    stale = planted(upcoming, email="stale@example.net")
    Subscription.objects.filter(pk=stale.pk).update(
        created_at=now - datetime.timedelta(days=4), confirmation_sent_at=now - datetime.timedelta(days=4)
    )
    resent = planted(upcoming, email="resent@example.net")  # asked long ago, link sent again yesterday
    Subscription.objects.filter(pk=resent.pk).update(
        created_at=now - datetime.timedelta(days=10), confirmation_sent_at=now - datetime.timedelta(days=1)
    )
    fresh = planted(upcoming, email="fresh@example.net", confirmation_sent_at=now)
    kept = planted(campaign, email="kept@example.net", confirmed_at=now)
    old = planted(ended, email="old@example.net", confirmed_at=now)

    out = io.StringIO()
    call_command("purge_private", "--json", "--dry-run", stdout=out)
    assert json.loads(out.getvalue())["reminder_addresses"] == 2
    assert Subscription.objects.count() == 5

    out = io.StringIO()
    call_command("purge_private", "--json", stdout=out)
    assert json.loads(out.getvalue())["reminder_addresses"] == 2
    assert set(Subscription.objects.values_list("pk", flat=True)) == {resent.pk, fresh.pk, kept.pk}
    assert old.pk not in Subscription.objects.values_list("pk", flat=True)
    purged = AuditEntry.objects.filter(action="reminders.subscriptions_purged")
    assert sorted(entry.data["count"] for entry in purged) == [1, 1]
    assert "@" not in str(list(purged.values_list("data", "object_repr")))
