"""Link sharing: OpenGraph tags and a generated picture with the live tally, in the page's language."""

from __future__ import annotations

import io

from PIL import Image

from solidarity.reports import services
from solidarity.reports.tests.factories import submit


def test_preview_is_a_large_png_and_changes_with_the_tally(campaign, moderator, supporter):
    first = supporter.get(f"/en/c/{campaign.slug}/preview.png")
    assert first.status_code == 200 and first["Content-Type"] == "image/png"
    image = Image.open(io.BytesIO(first.content))
    assert image.size == (1200, 630) and image.format == "PNG"
    services.report_publish(report=submit(campaign, "Berlin"), actor=moderator)
    assert supporter.get(f"/en/c/{campaign.slug}/preview.png").content != first.content


def test_opengraph_tags_describe_the_campaign_with_absolute_urls(campaign, moderator, supporter):
    services.report_publish(report=submit(campaign, "Berlin"), actor=moderator)
    body = supporter.get(f"/en/c/{campaign.slug}/").content.decode()
    assert '<meta property="og:title" content="Week of action">' in body
    assert '<meta property="og:description" content="1 action in 1 city of 1 country">' in body
    assert '<meta property="og:image" content="http://testserver/en/c/week-of-action/preview.png">' in body
    assert '<meta property="og:url" content="http://testserver/en/c/week-of-action/">' in body
    assert '<meta name="twitter:card" content="summary_large_image">' in body


def test_the_public_address_setting_wins(campaign, supporter, settings):
    settings.SOLIDARITY = {**settings.SOLIDARITY, "PUBLIC_URL": "https://solidarity.example.org"}
    body = supporter.get(f"/ru/c/{campaign.slug}/").content.decode()
    assert 'content="https://solidarity.example.org/ru/c/week-of-action/preview.png"' in body
    assert '<meta property="og:locale" content="ru">' in body


def test_drafts_have_no_preview(campaign, supporter):
    campaign.status = "draft"
    campaign.save()
    assert supporter.get(f"/en/c/{campaign.slug}/preview.png").status_code == 404
