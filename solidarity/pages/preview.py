"""The social preview picture of a campaign: its title and live tally on a map of where actions were held.

Messengers and social networks show this picture when a campaign link is shared, so it must tell the story
at a glance ("48 actions in 38 cities of 21 countries") in the sharer's language. It is drawn with Pillow from
public counts only (city centroids and totals, never a report's text) and cached per data version and
language, so sharing during a surge costs one drawing.
"""

from __future__ import annotations

import io
import math
import textwrap
from functools import cache as memoize
from pathlib import Path

from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils.formats import date_format
from django.utils.translation import get_language
from PIL import Image, ImageDraw, ImageFont

from solidarity.campaigns.selectors import LocalizedCall
from solidarity.places.worldmap import pixel_shapes
from solidarity.reports.mapdata import city_counts

SIZE = (1200, 630)
BACKGROUND = (24, 32, 48)
INK = (255, 255, 255)
MUTED = (178, 190, 210)
ACCENT = (230, 57, 70)
LAND = (44, 56, 80)
SHADED = (120, 40, 52)
FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
CACHE_SECONDS = 3600


@memoize
def _font(size: int, bold: bool = False) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    """DejaVu covers Latin, Cyrillic, Greek and Hebrew; Pillow's own font stands in if it is missing."""
    name = "DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf"
    try:
        return ImageFont.truetype(str(FONT_DIR / name), size)
    except OSError:
        return ImageFont.load_default(size)


def render_preview(call: LocalizedCall, headline: str) -> bytes:
    """A 1200×630 PNG: dots for cities with actions (area by number of actions), the title and the tally."""
    campaign = call.campaign
    image = Image.new("RGB", SIZE, BACKGROUND)
    draw = ImageDraw.Draw(image)
    cities = city_counts(campaign)
    # the world above the text, countries with actions in red, cities as dots sized by their actions
    width = 720  # the map is then 315 px high, above the band of text
    height, shapes, place = pixel_shapes(width)
    left, top = (SIZE[0] - width) // 2, 14
    shaded = {city.country for city in cities}
    for code, rings in shapes:
        colour = SHADED if code in shaded else LAND
        for ring in rings:
            if len(ring) > 2:
                draw.polygon([(left + x, top + y) for x, y in ring], fill=colour)
    for city in cities:
        x, y = place(city.longitude, city.latitude)
        radius = 3 + 2.5 * math.sqrt(city.actions)
        draw.ellipse([left + x - radius, top + y - radius, left + x + radius, top + y + radius], fill=ACCENT)
    draw.line([(60, 342), (SIZE[0] - 60, 342)], fill=ACCENT, width=3)
    y = 350
    lines = textwrap.wrap(call.title, width=36)
    if len(lines) > 2:
        lines = [lines[0], lines[1].rstrip(",.;:") + " …"]
    for line in lines:
        draw.text((60, y), line, font=_font(54, bold=True), fill=INK)
        y += 66
    draw.text((60, y + 10), headline, font=_font(38), fill=INK)
    dates = f"{date_format(campaign.starts_on, 'DATE_FORMAT')} – {date_format(campaign.ends_on, 'DATE_FORMAT')}"
    draw.text((60, SIZE[1] - 62), f"{campaign.organiser.name} · {dates}", font=_font(26), fill=MUTED)
    out = io.BytesIO()
    image.save(out, "PNG", optimize=True)
    return out.getvalue()


def preview_png(call: LocalizedCall, headline: str) -> bytes:
    campaign = call.campaign
    key = f"preview:{campaign.pk}:{campaign.data_version}:{get_language()}"
    body = cache.get(key)
    if body is None:
        body = render_preview(call, headline)
        cache.set(key, body, CACHE_SECONDS)
    return body


def headline(campaign_tally: dict[str, object]) -> str:
    """The tally sentence, exactly as the page says it (the same translated plural forms)."""
    return " ".join(render_to_string("pages/_headline.txt", {"tally": campaign_tally}).split())
