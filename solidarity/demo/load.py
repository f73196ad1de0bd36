"""Loading the demo campaigns, and the registry their calls name, through the same services the product uses."""

from __future__ import annotations

import datetime
import io
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from PIL import Image, ImageDraw

from solidarity.campaigns.models import Campaign, CampaignTranslation
from solidarity.campaigns.services import campaign_save, campaign_state, translation_save
from solidarity.demo.content import CAMPAIGNS, ORGANISATIONS, SAMPLE_REPORTS
from solidarity.demo.events_load import load_events
from solidarity.demo.registry_load import load_registry
from solidarity.places.geocode import resolve
from solidarity.registry.models import Organisation
from solidarity.registry.services import organisation_save
from solidarity.reports import uploads
from solidarity.reports.models import Report
from solidarity.reports.services import ReportInput, report_publish, report_submit

POSTER_COLOURS = [(179, 0, 27), (29, 29, 31), (31, 111, 61), (40, 70, 140)]


@transaction.atomic
def load_demo() -> dict[str, int]:
    """Create what is missing and touch nothing that exists, so a second run changes nothing.

    Returns how many of each record were created: organisations, campaigns, reports, the registry's
    sources, people, cases, status events, charges, affiliations and defendants, and the calendar's events."""
    created = {"organisations": 0, "campaigns": 0, "reports": 0}
    organisations = {}
    for data in ORGANISATIONS:
        organisation = Organisation.objects.filter(slug=data["slug"]).first()
        if organisation is None:
            organisation = organisation_save(organisation=Organisation(**data), actor=None)
            created["organisations"] += 1
        organisations[data["slug"]] = organisation
    for data in CAMPAIGNS:
        campaign = Campaign.objects.filter(slug=data["slug"]).first()
        if campaign is not None:
            continue
        campaign = _create_campaign(data, organisations[data["organiser"]])
        created["campaigns"] += 1
        created["reports"] += _add_samples(campaign)
        if data["final_status"] != campaign.status:
            before = campaign_state(campaign)
            campaign.status = data["final_status"]
            campaign_save(campaign=campaign, actor=None, before=before)
    # after the campaigns, so that the registry can name the people and cases each call is for
    for key, count in load_registry().items():
        created[key] = created.get(key, 0) + count
    # after the registry and the campaigns, which the events name
    created["events"] = load_events()
    return created


def _create_campaign(data: dict[str, Any], organiser: Organisation) -> Campaign:
    fields = {k: v for k, v in data.items() if k not in ("organiser", "translations", "final_status")}
    fields["starts_on"] = datetime.date.fromisoformat(fields["starts_on"])
    fields["ends_on"] = datetime.date.fromisoformat(fields["ends_on"])
    campaign = campaign_save(
        campaign=Campaign(organiser=organiser, status=Campaign.Status.PUBLISHED, **fields), actor=None
    )
    for language, text in data["translations"].items():
        translation_save(translation=CampaignTranslation(campaign=campaign, language=language, **text), actor=None)
    return campaign


def _add_samples(campaign: Campaign) -> int:
    count = 0
    for number, (slug, offset, city_name, action, people, text, status) in enumerate(SAMPLE_REPORTS):
        if slug != campaign.slug:
            continue
        city = resolve(city_name)
        if city is None:
            raise ValueError(f"demo city not in the gazetteer: {city_name}")
        photos = [uploads.stage(_poster(campaign, city.name, number)).token] if number % 3 == 0 else []
        report = report_submit(
            campaign=campaign,
            data=ReportInput(
                held_on=campaign.starts_on + datetime.timedelta(days=offset),
                city=city,
                action_type=action,
                participants=people,
                public_text=text,
                place_input=city_name,
                consent_photos=bool(photos),
                message_id=f"demo:{campaign.slug}:{number}",
                is_sample=True,
                raw={"demo": True},
            ),
            photo_tokens=photos,
            origin=Report.Origin.IMPORT,
        )
        if status == Report.Status.PUBLISHED:
            report_publish(report=report, actor=None)
        count += 1
    return count


def _poster(campaign: Campaign, city: str, number: int) -> SimpleUploadedFile:
    """A plain placard picture standing in for a supporter's photo (demo only)."""
    image = Image.new("RGB", (960, 640), POSTER_COLOURS[number % len(POSTER_COLOURS)])
    draw = ImageDraw.Draw(image)
    draw.rectangle((60, 60, 900, 580), outline=(255, 255, 255), width=8)
    slogan = (campaign.slogans or [campaign.title])[number % max(1, len(campaign.slogans))]
    draw.text((100, 200), slogan.upper(), fill=(255, 255, 255), font_size=40)
    draw.text((100, 420), f"{city} - SAMPLE", fill=(255, 255, 255), font_size=32)
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=85)
    return SimpleUploadedFile(f"sample-{number}.jpg", buffer.getvalue(), content_type="image/jpeg")
