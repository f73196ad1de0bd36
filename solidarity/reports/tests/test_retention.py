"""Forgetting reporters' and senders' private details after a campaign: what goes, what stays, and that a run
can be previewed, repeated and read back in the audit trail without the details themselves."""

from __future__ import annotations

import datetime
import io
import json

import pytest
from django.core.management import call_command
from django.utils import timezone

from solidarity.campaigns.models import Campaign
from solidarity.lib.models import AuditEntry
from solidarity.registry import services as registry_services
from solidarity.registry.models import Letter
from solidarity.registry.tests import factories as registry_factories
from solidarity.reports.models import Report
from solidarity.reports.tests.factories import submit

pytestmark = pytest.mark.django_db
SECRET = "secret-4b1d"


def private(campaign, status, *, consent_name=False):
    report = submit(
        campaign,
        reporter_name=f"Anna {SECRET}",
        reporter_contact=f"anna-{SECRET}@example.org",
        consent_name=consent_name,
        raw={"city": f"Lenin street 5, {SECRET}"},
    )
    Report.objects.filter(pk=report.pk).update(status=status, place_input=f"Lenin street 5 {SECRET}")
    return report


def purge(*args: str) -> dict:
    out = io.StringIO()
    call_command("purge_private", "--json", *args, stdout=out)
    return json.loads(out.getvalue())


@pytest.fixture
def closed(campaign):
    """The campaign fixture, ended 100 days ago."""
    today = timezone.localdate()
    Campaign.objects.filter(pk=campaign.pk).update(
        starts_on=today - datetime.timedelta(days=107), ends_on=today - datetime.timedelta(days=100)
    )
    campaign.refresh_from_db()
    return campaign


def test_decided_reports_of_a_closed_campaign_lose_their_private_details(closed):
    published = private(closed, Report.Status.PUBLISHED)
    named = private(closed, Report.Status.PUBLISHED, consent_name=True)
    rejected = private(closed, Report.Status.REJECTED)
    waiting = private(closed, Report.Status.NEEDS_REVIEW)

    assert purge("--dry-run") == {
        "reports": {closed.slug: 3},
        "letters": 0,
        "reminder_addresses": 0,
        "finished_jobs": 0,
        "dry_run": True,
    }
    assert Report.objects.get(pk=published.pk).reporter_contact.startswith("anna-")  # a preview changes nothing

    assert purge("--days", "90") == {
        "reports": {closed.slug: 3},
        "letters": 0,
        "reminder_addresses": 0,
        "finished_jobs": 0,
        "dry_run": False,
    }
    for report in (published, rejected):
        report.refresh_from_db()
        assert (report.reporter_name, report.reporter_contact, report.raw_input, report.place_input) == ("", "", {}, "")
    named.refresh_from_db()
    assert named.reporter_name == f"Anna {SECRET}" and named.reporter_contact == ""  # agreed to be named
    waiting.refresh_from_db()
    assert waiting.reporter_contact and waiting.raw_input and waiting.place_input  # a moderator may still ask

    assert purge()["reports"] == {}  # nothing left to do
    entry = AuditEntry.objects.get(action="reports.private_details_purged")
    assert entry.data["reports"] == 3 and SECRET not in json.dumps(entry.data) + entry.object_repr


def test_a_running_or_recent_campaign_keeps_everything(campaign):
    report = private(campaign, Report.Status.PUBLISHED)
    assert purge()["reports"] == {}
    Campaign.objects.filter(pk=campaign.pk).update(ends_on=timezone.localdate() - datetime.timedelta(days=30))
    assert purge("--days", "90")["reports"] == {}
    assert purge("--days", "7")["reports"] == {campaign.slug: 1}
    report.refresh_from_db()
    assert report.reporter_contact == ""


def test_decided_solidarity_messages_forget_the_senders_contact(db):
    person = registry_factories.person("Nikita Oleinik")
    old = registry_services.letter_submit(person=person, text="Hold on.", sender_name="Ira", sender_contact=SECRET)
    recent = registry_services.letter_submit(person=person, text="We are with you.", sender_contact=SECRET)
    waiting = registry_services.letter_submit(person=person, text="Stay strong.", sender_contact=SECRET)
    long_ago = timezone.now() - datetime.timedelta(days=120)
    Letter.objects.filter(pk=old.pk).update(status=Letter.Status.DELIVERED, reviewed_at=long_ago)
    Letter.objects.filter(pk=recent.pk).update(status=Letter.Status.APPROVED, reviewed_at=timezone.now())
    Letter.objects.filter(pk=waiting.pk).update(reviewed_at=long_ago)

    assert purge()["letters"] == 1
    old.refresh_from_db()
    assert old.sender_contact == "" and old.sender_name == "Ira"  # the name is printed with the message
    assert Letter.objects.get(pk=recent.pk).sender_contact == SECRET
    assert Letter.objects.get(pk=waiting.pk).sender_contact == SECRET
    assert purge()["letters"] == 0


def test_records_of_jobs_that_ended_long_ago_go_with_their_errors(db):
    from django.utils import timezone
    from django_tasks_db.models import DBTaskResult

    from solidarity.lib.jobs import prune_finished

    now = timezone.now()

    def job(status, days_ago):
        finished = now - datetime.timedelta(days=days_ago) if days_ago is not None else None
        return DBTaskResult.objects.create(
            task_path="solidarity.reports.tasks.prerender_summaries",
            args_kwargs={"args": [], "kwargs": {}},
            status=status,
            finished_at=finished,
            traceback="Traceback ... " + SECRET if status == "FAILED" else "",
        )

    old_failed, old_done = job("FAILED", 20), job("SUCCESSFUL", 15)
    recent, waiting = job("FAILED", 2), job("READY", None)
    assert prune_finished(now=now, dry_run=True) == 2 and DBTaskResult.objects.count() == 4
    assert purge()["finished_jobs"] == 2
    assert set(DBTaskResult.objects.values_list("pk", flat=True)) == {recent.pk, waiting.pk}
    assert not DBTaskResult.objects.filter(pk__in=[old_failed.pk, old_done.pk]).exists()
