"""The summary as files: Markdown and one self-contained HTML file; the map and chart of every output.

* Markdown is for pasting into a newsletter or a press release: text and links to the published photos.
* The HTML file works offline and can be mailed around: styles inline, the map and chart as inline SVG, the
  photos as ``data:`` URIs. It loads nothing from anywhere.
* The PDF is drawn from the same document template by ``summary_pdf.py``.
"""

from __future__ import annotations

import base64
import re
from typing import Any

import nh3
from django.conf import settings
from django.core.cache import cache
from django.core.files.storage import default_storage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from solidarity.places.worldmap import render_world_svg
from solidarity.reports import charts
from solidarity.reports.summary import Summary, SummaryPhoto

FORMATS = ("md", "html", "pdf")
CACHE_SECONDS = 3600


# --- pictures -----------------------------------------------------------------------------------------------


def map_title(summary: Summary) -> str:
    return _("Map of the actions of %(title)s") % {"title": summary.call.title}


def summary_map_svg(summary: Summary, *, width: int = 960) -> str:
    """The world map of the summary's actions (a few milliseconds; not cached)."""
    with translation.override(summary.language):
        countries, points = summary.map_counts()
        return render_world_svg(countries, points, width=width, title=map_title(summary))


def chart_title(summary: Summary) -> str:
    return _("Actions per day")


def summary_chart_svg(summary: Summary) -> str:
    """The chart as inline SVG, cached per campaign data version and language (matplotlib takes ~0.1 s)."""
    campaign = summary.campaign
    key = f"summary-chart-svg:{campaign.pk}:{campaign.data_version}:{summary.language}"
    svg = cache.get(key)
    if svg is None:
        with translation.override(summary.language):
            svg = charts.actions_per_day_svg(summary.days, title=chart_title(summary))
        cache.set(key, svg, CACHE_SECONDS)
    return svg


def summary_chart_png(summary: Summary, *, dpi: int = 200) -> bytes:
    """The chart as a PNG for the PDF (WeasyPrint draws a bitmap about five times faster than matplotlib's
    glyph-outline SVG), cached like the SVG."""
    campaign = summary.campaign
    key = f"summary-chart-png:{campaign.pk}:{campaign.data_version}:{summary.language}:{dpi}"
    png = cache.get(key)
    if png is None:
        with translation.override(summary.language):
            png = charts.actions_per_day_png(summary.days, dpi=dpi)
        cache.set(key, png, CACHE_SECONDS)
    return png


def _data_uri(content: bytes | str, mime: str) -> str:
    raw = content.encode() if isinstance(content, str) else content
    return f"data:{mime};base64,{base64.b64encode(raw).decode('ascii')}"


# --- Markdown -----------------------------------------------------------------------------------------------

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>#|])")


def md_escape(text: str) -> str:
    """Supporters' words as literal text in Markdown: markup characters backslash-escaped, and a line that
    would start a list, quote or heading kept as a paragraph line."""
    escaped = _MD_SPECIAL.sub(r"\\\1", text)
    escaped = re.sub(r"(?m)^(\s*)([-+])(\s)", r"\1\\\2\3", escaped)  # "- " or "+ " would start a list
    return re.sub(r"(?m)^(\s*\d+)([.)])(\s)", r"\1\\\2\3", escaped)  # so would "1. " or "1) "


_IMAGE = re.compile(r"!\[([^\]]*)\]\([^)]*\)")
_LINK = re.compile(r"\[([^\]]*)\]\(\s*([^)\s]*)([^)]*)\)")
_REFERENCE = re.compile(r"^\s*\[[^\]]+\]:\s*(\S+).*$", re.MULTILINE)
_SAFE_LINK = re.compile(r"^(https?://|mailto:|#|/)", re.IGNORECASE)


def plain_markdown(source: str) -> str:
    """The organiser's Markdown without raw HTML: tags are stripped (and what they enclosed, for scripts) until
    nothing is left to strip, since a Markdown file is rendered again by whatever reads it (a newsletter, a
    site). Images become their description, because a remote image tells its host who read the newsletter,
    and links keep only the web, e-mail and in-page addresses the HTML outputs allow."""
    text = source or ""
    for _round in range(3):
        cleaned = nh3.clean(text, tags=set())
        cleaned = cleaned.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&").replace("&quot;", '"')
        if cleaned == text:
            break
        text = cleaned
    text = _IMAGE.sub(lambda m: m.group(1), text)
    text = _LINK.sub(lambda m: m.group(0) if _SAFE_LINK.match(m.group(2)) else m.group(1), text)
    text = _REFERENCE.sub(lambda m: m.group(0) if _SAFE_LINK.match(m.group(1)) else "", text)
    return text.replace("<", "&lt;")


def _participants(n: int) -> str:
    return ngettext("%(n)s person", "%(n)s people", n) % {"n": n}


def render_md(summary: Summary, *, base_url: str = "") -> str:
    """The summary as Markdown; photo links are absolute when ``base_url`` (the public address) is given."""
    with translation.override(summary.language):
        lines = [f"# {md_escape(summary.call.title)}", "", f"**{md_escape(summary.headline)}**", ""]
        if summary.intro_markdown.strip():
            lines += [plain_markdown(summary.intro_markdown).strip(), ""]
        for section in summary.sections:
            lines += [f"## {md_escape(section.name)} — {section.actions_label}", ""]
            for city in section.cities:
                lines += [f"### {md_escape(city.name)}", ""]
                for action in city.actions:
                    meta = [f"**{md_escape(action.action.capitalize())}**", date_format(action.held_on, "DATE_FORMAT")]
                    if action.participants:
                        meta.append(_participants(action.participants))
                    if action.name:
                        meta.append(md_escape(action.name))
                    lines.append("- " + " · ".join(meta))
                    for paragraph in action.text.splitlines():
                        if paragraph.strip():
                            lines.append("  " + md_escape(paragraph.strip()))
                if city.more:
                    more = ngettext("and %(n)s more action", "and %(n)s more actions", city.more) % {"n": city.more}
                    lines.append(f"- {more}")
                lines.append("")
            for photo in section.photos:
                url = base_url + reverse("photo", args=[photo.key])
                lines += [f"![{md_escape(photo.photo.alt)}]({url})", f"*{md_escape(photo.photo.caption)}*", ""]
        lines.append(f"_{md_escape(_footer(summary))}_")
    return "\n".join(lines).rstrip() + "\n"


def _footer(summary: Summary) -> str:
    return _("Compiled on %(date)s from the reports published by the moderators of %(site)s.") % {
        "date": date_format(timezone.localdate(), "DATE_FORMAT"),
        "site": settings.SOLIDARITY["SITE_NAME"],
    }


# --- HTML (and the PDF's document) ----------------------------------------------------------------------


def _thumbnail_bytes(photo: SummaryPhoto) -> bytes | None:
    try:
        with default_storage.open(f"photos/{photo.key}-thumb.jpg", "rb") as handle:
            return handle.read()
    except FileNotFoundError:
        return None


def _photo_data_uri(photo: SummaryPhoto) -> str:
    content = _thumbnail_bytes(photo)
    return _data_uri(content, "image/jpeg") if content else ""


def document(summary: Summary, *, pdf: bool) -> str:
    """The standalone document both files are made from."""
    with translation.override(summary.language):
        if pdf:
            summary = summary.with_photo_sources(lambda photo: reverse("photo-thumb", args=[photo.key]))
            pictures = {
                "map_src": _data_uri(summary_map_svg(summary, width=960), "image/svg+xml"),
                "chart_src": _data_uri(summary_chart_png(summary), "image/png"),
            }
        else:
            summary = summary.with_photo_sources(_photo_data_uri)
            pictures = {"map_svg": summary_map_svg(summary), "chart_svg": summary_chart_svg(summary)}
        context: dict[str, Any] = {
            "summary": summary,
            "call": summary.call,
            "campaign": summary.campaign,
            "pdf": pdf,
            "map_title": map_title(summary),
            "chart_title": chart_title(summary),
            "footer": _footer(summary),
            "SITE_NAME": settings.SOLIDARITY["SITE_NAME"],
            **pictures,
        }
        return render_to_string("reports/summary_document.html", context)


def render_html(summary: Summary) -> str:
    """One HTML file with everything inside it."""
    return document(summary, pdf=False)


def render(summary: Summary, fmt: str, *, base_url: str = "") -> bytes:
    """The summary in one of FORMATS, as bytes to write."""
    if fmt == "md":
        return render_md(summary, base_url=base_url).encode()
    if fmt == "html":
        return render_html(summary).encode()
    if fmt == "pdf":
        from solidarity.reports.summary_pdf import render_pdf  # WeasyPrint (and Pango) only when asked for

        return render_pdf(summary)
    raise ValueError(f"unknown format {fmt!r}")
