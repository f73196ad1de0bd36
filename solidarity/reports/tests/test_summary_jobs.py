"""The worker renders a campaign's summary PDFs soon after a publication, in the languages readers have
downloaded, so the next reader gets a kept file; a job for a version already superseded does nothing."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from solidarity.campaigns.models import Campaign
from solidarity.reports import services, summary_pdf
from solidarity.reports.tasks import prerender_summaries
from solidarity.reports.tests.factories import submit

pytestmark = pytest.mark.django_db(transaction=True)


def version(campaign: Campaign) -> int:
    return Campaign.objects.get(pk=campaign.pk).data_version


def kept(campaign: Campaign, settings) -> list[str]:
    return sorted(path.name for path in (settings.SUMMARY_ROOT / str(campaign.pk)).glob("*.pdf"))


def test_a_publication_queues_a_job_that_renders_the_languages_readers_asked_for(campaign, moderator, settings):
    services.report_publish(report=submit(campaign, "Berlin"), actor=moderator)
    campaign.refresh_from_db()
    summary_pdf.cached_pdf(campaign, "ru")  # a reader downloaded the Russian summary
    before = set(DBTaskResult.objects.values_list("id", flat=True))

    services.report_publish(report=submit(campaign, "Helsinki"), actor=moderator)
    new = version(campaign)
    job = DBTaskResult.objects.exclude(id__in=before).get()
    assert job.task_path == "solidarity.reports.tasks.prerender_summaries"
    assert job.args_kwargs["args"] == [campaign.pk, new] and job.status == "READY"
    delay = job.run_after - timezone.now()
    most = datetime.timedelta(seconds=settings.SOLIDARITY["SUMMARY_PRERENDER_DELAY"])
    assert datetime.timedelta(seconds=10) < delay <= most

    assert prerender_summaries.call(campaign.pk, new) == {"rendered": ["ru"]}
    assert kept(campaign, settings) == [f"v{new}-ru.pdf"]  # the older version's file is gone


def test_a_job_for_a_superseded_version_does_nothing(campaign, moderator, settings):
    services.report_publish(report=submit(campaign, "Berlin"), actor=moderator)
    campaign.refresh_from_db()
    summary_pdf.cached_pdf(campaign, "en")
    old = version(campaign)
    services.report_publish(report=submit(campaign, "Riga"), actor=moderator)
    result = prerender_summaries.call(campaign.pk, old)
    assert result["rendered"] == [] and kept(campaign, settings) == [f"v{old}-en.pdf"]


def test_nothing_is_rendered_for_a_campaign_nobody_downloaded(campaign, moderator, settings):
    services.report_publish(report=submit(campaign, "Berlin"), actor=moderator)
    assert prerender_summaries.call(campaign.pk, version(campaign)) == {"rendered": []}
    assert kept(campaign, settings) == []
