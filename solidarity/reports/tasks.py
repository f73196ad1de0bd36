"""Background jobs of the reports app (run by ``solidarity worker``; see lib/jobs.py).

Rendering a campaign's summary PDF takes seconds. Without a worker, the first reader after each publication
waits for it; with one, the PDF for every language someone has downloaded before is rendered a little after
the publication, so readers get a kept file. Bursts of moderation coalesce: each job waits a short delay and
does nothing if the campaign has changed again since (a later job will render the newer version).
"""

from __future__ import annotations

import datetime
import logging
from typing import Any

from django.conf import settings
from django.utils import timezone
from django_tasks import task

logger = logging.getLogger("solidarity.jobs")


@task()
def prerender_summaries(campaign_id: int, version: int) -> dict[str, Any]:
    """Render the summary PDFs of ``version`` in the languages readers have asked for. Safe to run twice."""
    from solidarity.campaigns.selectors import public_campaigns
    from solidarity.reports.summary_pdf import cached_pdf, summary_root

    campaign = public_campaigns().filter(pk=campaign_id).first()
    if campaign is None or campaign.data_version != version:
        return {"rendered": [], "skipped": "superseded or not public"}
    folder = summary_root() / str(campaign_id)
    known = {code for code, _name in settings.LANGUAGES}
    wanted = sorted({name.rsplit("-", 1)[-1][:-4] for name in _pdf_names(folder)} & known)
    for language in wanted:
        cached_pdf(campaign, language)
    logger.info("summary PDFs rendered", extra={"task": "prerender_summaries", "count": len(wanted)})
    return {"rendered": wanted}


def _pdf_names(folder: Any) -> list[str]:
    return [path.name for path in folder.glob("v*-*.pdf")] if folder.is_dir() else []


def queue_prerender(sender: Any, *, campaign_id: int, **kwargs: Any) -> None:
    """Receiver of ``campaigns.services.public_data_changed``: queue a re-render a little later."""
    from solidarity.campaigns.models import Campaign

    version = Campaign.objects.filter(pk=campaign_id).values_list("data_version", flat=True).first()
    if version is None:
        return
    delay = datetime.timedelta(seconds=settings.SOLIDARITY["SUMMARY_PRERENDER_DELAY"])
    prerender_summaries.using(run_after=timezone.now() + delay).enqueue(campaign_id, version)
