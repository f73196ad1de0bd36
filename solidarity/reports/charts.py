"""The summary's chart of actions per day, drawn with matplotlib (no display, no network).

Two outputs of one figure: SVG for pages (inlined, so it scales and stays sharp) and PNG for anything that
wants a plain picture. Labels come from gettext and dates from Django's locale formats, in the active language.
Text is drawn as glyph outlines from DejaVu Sans, which covers Latin and Cyrillic, so the picture looks the same
wherever it is opened, fonts installed or not.

Matplotlib's SVG styles every element with ``style`` attributes and a ``<style>`` element; the site's content
security policy (``style-src 'self'``) would block both when the SVG is inlined in a page, leaving black
shapes. :func:`_presentational` rewrites them as presentation attributes, which the policy allows.

Matplotlib is imported on first use, not with this module: it costs a few hundred milliseconds, and its font
cache is pointed into the data folder first (``MPLCONFIGDIR``), because the account a server runs under often
has no writable home, and matplotlib would otherwise rebuild the cache in a new temporary folder every start.
"""

from __future__ import annotations

import datetime
import io
import math
import os
import xml.etree.ElementTree as ET
from functools import cache
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.utils.formats import date_format, get_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

if TYPE_CHECKING:
    from matplotlib.figure import Figure

SVG = "http://www.w3.org/2000/svg"
XLINK = "http://www.w3.org/1999/xlink"
BAR = "#b3001b"  # the site's accent colour
INK = "#222222"
GRID = "#d9d9d9"
SIZE_INCHES = (8.0, 3.0)
MAX_TICKS = 10
# CSS properties matplotlib writes into style attributes that SVG also accepts as presentation attributes.
_PRESENTATION = {
    "clip-path",
    "fill",
    "fill-opacity",
    "fill-rule",
    "opacity",
    "stroke",
    "stroke-dasharray",
    "stroke-dashoffset",
    "stroke-linecap",
    "stroke-linejoin",
    "stroke-miterlimit",
    "stroke-opacity",
    "stroke-width",
}
_RC = {
    "font.family": "DejaVu Sans",
    "svg.fonttype": "path",
    "svg.hashsalt": "solidarity",  # stable ids, so the same data gives the same bytes
    "axes.edgecolor": INK,
    "text.color": INK,
    "xtick.color": INK,
    "ytick.color": INK,
}


@cache
def _matplotlib() -> Any:
    """Import matplotlib once, its cache folder in the data folder."""
    folder = settings.DATA_DIR / "matplotlib"
    folder.mkdir(parents=True, exist_ok=True)
    os.environ.setdefault("MPLCONFIGDIR", str(folder))
    import matplotlib

    matplotlib.use("Agg")
    return matplotlib


def _figure(days: list[tuple[datetime.date, int]]) -> Figure:
    """Bars for each day (days without actions included, as gaps tell a story too), counts on top when
    there is room, integer counts on the vertical axis."""
    matplotlib = _matplotlib()
    from matplotlib.figure import Figure
    from matplotlib.ticker import MaxNLocator

    with matplotlib.rc_context(_RC):
        figure = Figure(figsize=SIZE_INCHES, layout="constrained")
        axes = figure.add_subplot()
        positions = list(range(len(days)))
        counts = [count for _day, count in days]
        bars = axes.bar(positions, counts, color=BAR, width=0.75)
        if 0 < len(days) <= 31:
            axes.bar_label(bars, labels=[str(c) if c else "" for c in counts], padding=2, fontsize=8)
        step = max(1, math.ceil(len(days) / MAX_TICKS))
        axes.set_xticks(positions[::step])
        # Day and month as the language writes them; "E" is the month's form used in dates (Russian "18 января",
        # not the nominative "18 Январь" that MONTH_DAY_FORMAT's "F" gives), and the same as "F" in English.
        day_month = get_format("MONTH_DAY_FORMAT").replace("F", "E")
        axes.set_xticklabels([date_format(day, day_month) for day, _c in days][::step], fontsize=8)
        axes.yaxis.set_major_locator(MaxNLocator(integer=True))
        axes.set_ylim(0, max([*counts, 1]) * 1.15)
        axes.set_xlabel(_("Day"))
        axes.set_ylabel(_("Actions"))
        axes.grid(axis="y", color=GRID, linewidth=0.6)
        axes.set_axisbelow(True)
        for side in ("top", "right"):
            axes.spines[side].set_visible(False)
    return figure


def chart_description(days: list[tuple[datetime.date, int]]) -> str:
    """The chart in words, for screen readers: every day with actions and its count."""
    busy = [(day, count) for day, count in days if count]
    if not busy:
        return _("No actions have been published yet.")
    return "; ".join(
        ngettext("%(day)s: %(n)s action", "%(day)s: %(n)s actions", count)
        % {"day": date_format(day, "DATE_FORMAT"), "n": count}
        for day, count in busy
    )


def actions_per_day_png(days: list[tuple[datetime.date, int]], *, dpi: int = 150) -> bytes:
    """The chart as a PNG (no metadata but the picture)."""
    out = io.BytesIO()
    with _matplotlib().rc_context(_RC):
        _figure(days).savefig(out, format="png", dpi=dpi, metadata={"Software": None})
    return out.getvalue()


def actions_per_day_svg(days: list[tuple[datetime.date, int]], *, title: str) -> str:
    """The chart as an SVG element to inline in HTML: ``role="img"``, a ``<title>`` and a ``<desc>`` listing
    the counts, and no inline CSS (see the module's docstring)."""
    out = io.BytesIO()
    with _matplotlib().rc_context(_RC):
        metadata = {"Date": None, "Creator": None, "Format": None, "Type": None}
        _figure(days).savefig(out, format="svg", metadata=metadata)
    return _presentational(out.getvalue(), title=title, description=chart_description(days))


def _presentational(raw: bytes, *, title: str, description: str) -> str:
    """Matplotlib's SVG with style attributes turned into presentation attributes, its ``<style>`` and
    ``<metadata>`` dropped (the one rule of the former moved onto the root, where it is inherited), and a
    title and description added for assistive technology."""
    ET.register_namespace("", SVG)
    ET.register_namespace("xlink", XLINK)
    root = ET.fromstring(raw)  # noqa: S314 (our own renderer's output, not outside input)
    for parent in list(root.iter()):
        for child in list(parent):
            if child.tag in (f"{{{SVG}}}style", f"{{{SVG}}}metadata"):
                parent.remove(child)
    for element in root.iter():
        style = element.attrib.pop("style", "")
        for declaration in style.split(";"):
            name, _sep, value = declaration.partition(":")
            if name.strip() in _PRESENTATION:
                element.set(name.strip(), value.strip())
    root.set("stroke-linejoin", "round")
    root.set("stroke-linecap", "butt")
    root.set("role", "img")
    root.set("class", "chart")
    for name in ("width", "height"):  # the viewBox keeps the shape; the page decides the size
        root.attrib.pop(name, None)
    heading = ET.Element(f"{{{SVG}}}title")
    heading.text = title
    desc = ET.Element(f"{{{SVG}}}desc")
    desc.text = description
    root.insert(0, desc)
    root.insert(0, heading)
    return ET.tostring(root, encoding="unicode")
