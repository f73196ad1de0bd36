"""A world map drawn on the server as SVG: countries shaded by number of actions, cities as circles.

Used where no JavaScript runs or may run: the campaign page before (or instead of) the interactive map, the
summary page, and the summary's HTML and PDF files. It is a string function with no network and no files but
the country shapes we already serve, so it works offline and in a PDF renderer alike.

Shapes come from Natural Earth's 1:110m countries as packaged by world-atlas (TopoJSON, served from our own
origin for the interactive map). TopoJSON stores each border once, as an "arc" shared by the two countries on
either side; arcs are quantised to integers and delta-encoded. The decoder below undoes both steps, then
stitches every country's rings from its arcs. Decoding and projecting happen once per process; the path
strings are kept per requested width, so a call costs string joins plus the circles.

Projection: Natural Earth (Šavrič, Patterson and Jenny's polynomial version, as in d3-geo and PROJ), a
compromise projection that keeps both Europe and the southern continents recognisable. Antarctica is left out
and the frame runs from 57°S to 85°N, where people live and act.

Only presentation attributes are used (no ``style`` attribute, no ``<style>`` element), so the drawing passes
the site's content security policy (``style-src 'self'``) when it is inlined in a page.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache, lru_cache
from html import escape

import pycountry
from django.conf import settings
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _

from solidarity.places.countries import local_country_name

TOP_LATITUDE = 85.0
BOTTOM_LATITUDE = -57.0
ANTARCTICA = "010"
# Natural Earth shapes without an ISO 3166 numeric code. Kosovo is "XK" in the gazetteer; the gazetteer files
# the cities of Northern Cyprus and Somaliland under CY and SO, so the map shades those shapes with them.
_UNCODED = {"Kosovo": "XK", "N. Cyprus": "CY", "Somaliland": "SO"}

# One sequential ramp of reds, light to dark: it reads in greyscale and with the common colour-vision
# deficiencies, and it is the interactive map's (site.css, .shade-1 to .shade-5), so the page looks the same
# before and after JavaScript takes over. Cities are dark navy, distinct from every red.
RAMP = ("#fcd5cf", "#f4a193", "#e4685a", "#c53a2f", "#8f1d17")
NO_ACTIONS = "#ebe7de"
SEA = "#dfe8f0"
BORDER = "#ffffff"
CITY = "#1d3557"
INK = "#222222"
FONT = "DejaVu Sans, Verdana, sans-serif"


@dataclass(frozen=True)
class MapPoint:
    """A city on the map: its centroid (never anything more exact), its number of actions and its name."""

    lon: float
    lat: float
    count: int
    label: str


# --- decoding -----------------------------------------------------------------------------------------------


def decode_arcs(topology: dict) -> list[list[tuple[float, float]]]:
    """Absolute longitude/latitude points of every arc.

    Each arc is a list of integer positions, each but the first relative to the one before (delta encoding);
    the topology's ``transform`` maps the integer grid back to degrees (quantisation).
    """
    (scale_x, scale_y), (shift_x, shift_y) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for position in arc:
            x += position[0]
            y += position[1]
            points.append((x * scale_x + shift_x, y * scale_y + shift_y))
        arcs.append(points)
    return arcs


def stitch_ring(indexes: list[int], arcs: list[list[tuple[float, float]]]) -> list[tuple[float, float]]:
    """One closed ring from its arcs. A negative index ``~i`` means arc ``i`` walked backwards; consecutive arcs
    share their joining point, which is kept once."""
    ring: list[tuple[float, float]] = []
    for index in indexes:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        ring.extend(arc[1:] if ring else arc)
    return ring


def _crossing(a: tuple[float, float], b: tuple[float, float], lon: float) -> tuple[float, float]:
    t = (lon - a[0]) / (b[0] - a[0])
    return lon, a[1] + t * (b[1] - a[1])


def _clip(ring: list[tuple[float, float]], lon: float, *, keep_east: bool) -> list[tuple[float, float]]:
    """The part of a ring east (or west) of a meridian: one Sutherland–Hodgman pass against a half-plane."""

    def inside(point: tuple[float, float]) -> bool:
        return point[0] >= lon if keep_east else point[0] <= lon

    out: list[tuple[float, float]] = []
    for i, current in enumerate(ring):
        previous = ring[i - 1]
        if inside(current):
            if not inside(previous):
                out.append(_crossing(previous, current, lon))
            out.append(current)
        elif inside(previous):
            out.append(_crossing(previous, current, lon))
    return out


def split_at_antimeridian(ring: list[tuple[float, float]]) -> list[list[tuple[float, float]]]:
    """A ring that crosses ±180° as pieces that do not.

    world-atlas stitches Natural Earth's shapes back together across the antimeridian (Russia's Chukotka,
    Fiji), so such a ring jumps from +180° to -180°; drawn as is, it would streak across the whole map. The
    ring is unwrapped to continuous longitudes, then cut to [-180°, 180°] once as it is and once shifted a
    full turn either way.
    """
    if all(abs(a[0] - b[0]) <= 180 for a, b in zip(ring, ring[1:], strict=False)):
        return [ring]
    unwrapped = [ring[0]]
    for lon, lat in ring[1:]:
        unwrapped.append((lon + 360 * round((unwrapped[-1][0] - lon) / 360), lat))
    pieces = []
    for shift in (-360.0, 0.0, 360.0):
        moved = [(lon + shift, lat) for lon, lat in unwrapped]
        piece = _clip(_clip(moved, -180.0, keep_east=True), 180.0, keep_east=False)
        if len({lon for lon, _lat in piece}) > 1:  # more than a sliver along the cut
            pieces.append(piece)
    return pieces


@cache
def _alpha2(numeric: str) -> str | None:
    country = pycountry.countries.get(numeric=numeric)
    return country.alpha_2 if country else None


def project(lon: float, lat: float) -> tuple[float, float]:
    """Natural Earth projection of degrees to unit coordinates (x east, y north; the equator at y = 0)."""
    lam, phi = math.radians(lon), math.radians(lat)
    phi2 = phi * phi
    phi4 = phi2 * phi2
    x = lam * (0.8707 - 0.131979 * phi2 + phi4 * (-0.013791 + phi4 * (0.003971 * phi2 - 0.001529 * phi4)))
    y = phi * (1.007226 + phi2 * (0.015085 + phi4 * (-0.044475 + 0.028874 * phi2 - 0.005916 * phi4)))
    return x, y


@cache
def _shapes() -> tuple[tuple[str | None, tuple[tuple[tuple[float, float], ...], ...]], ...]:
    """Every country as (alpha-2 code or None, projected rings), decoded from the shipped file once."""
    path = settings.VENDOR_ASSETS["vendor/world-atlas"] / "countries-110m.json"
    with open(path, encoding="utf-8") as handle:
        topology = json.load(handle)
    arcs = decode_arcs(topology)
    shapes = []
    for geometry in topology["objects"]["countries"]["geometries"]:
        numeric = geometry.get("id")
        if numeric == ANTARCTICA:
            continue
        code = _alpha2(numeric) if numeric else _UNCODED.get(geometry.get("properties", {}).get("name", ""))
        polygons = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]]
        rings = tuple(
            tuple(project(lon, lat) for lon, lat in piece)
            for polygon in polygons
            for ring in polygon
            for piece in split_at_antimeridian(stitch_ring(ring, arcs))
        )
        shapes.append((code, rings))
    return tuple(shapes)


# --- frame and paths ----------------------------------------------------------------------------------------

_LEFT = project(-180.0, 0.0)[0]
_RIGHT = project(180.0, 0.0)[0]
_TOP = project(0.0, TOP_LATITUDE)[1]
_BOTTOM = project(0.0, BOTTOM_LATITUDE)[1]


def _height(width: int) -> int:
    return round(width * (_TOP - _BOTTOM) / (_RIGHT - _LEFT))


def _to_pixels(x: float, y: float, scale: float) -> tuple[float, float]:
    return (x - _LEFT) * scale, (_TOP - y) * scale


def _number(tenths: int) -> str:
    """A length in tenths of a pixel, written as briefly as SVG allows ("12", "1.5", ".5", "-.5")."""
    text = str(tenths // 10) if tenths % 10 == 0 else f"{tenths / 10:.1f}"
    return text.replace("0.", ".", 1) if text.startswith(("0.", "-0.")) else text


def _path_data(rings: tuple[tuple[tuple[float, float], ...], ...], scale: float) -> str:
    """Rings as SVG path data in relative moves on a tenth-of-a-pixel grid (a third of the size of absolute
    coordinates); points that fall on the grid point before them are dropped."""
    parts = []
    for ring in rings:
        grid = []
        for x, y in ring:
            px, py = _to_pixels(x, y, scale)
            point = (round(px * 10), round(py * 10))
            if not grid or point != grid[-1]:
                grid.append(point)
        if len(grid) < 3:
            continue
        moves = [f"M{_number(grid[0][0])} {_number(grid[0][1])}l"]
        for (x0, y0), (x1, y1) in zip(grid, grid[1:], strict=False):
            dx, dy = _number(x1 - x0), _number(y1 - y0)
            moves.append(f"{dx}{dy}" if dy.startswith("-") else f"{dx} {dy}")
            moves.append(" ")
        moves[-1] = "z"
        parts.append("".join(moves))
    return "".join(parts)


@lru_cache(maxsize=8)
def _country_paths(width: int) -> tuple[tuple[str | None, str], ...]:
    """(code, SVG path data) per country at ``width`` pixels, computed once per width."""
    scale = width / (_RIGHT - _LEFT)
    return tuple((code, _path_data(rings, scale)) for code, rings in _shapes())


@lru_cache(maxsize=8)
def _outline(width: int) -> str:
    """The edge of the projected world (the frame's meridians at ±180°), drawn as the sea."""
    scale = width / (_RIGHT - _LEFT)
    steps = [BOTTOM_LATITUDE + (TOP_LATITUDE - BOTTOM_LATITUDE) * i / 24 for i in range(25)]
    east = [_to_pixels(*project(180.0, lat), scale) for lat in steps]
    west = [_to_pixels(*project(-180.0, lat), scale) for lat in reversed(steps)]
    return "M" + "L".join(f"{x:.1f} {y:.1f}" for x, y in east + west) + "Z"


def pixel_shapes(width: int) -> tuple[int, list[tuple[str | None, list[list[tuple[float, float]]]]], Callable]:
    """The same map for raster drawing (the social preview picture): the height for ``width``, every country's
    rings in pixels, and a function placing (lon, lat) in those pixels."""
    scale = width / (_RIGHT - _LEFT)
    shapes = [(code, [[_to_pixels(x, y, scale) for x, y in ring] for ring in rings]) for code, rings in _shapes()]

    def place(lon: float, lat: float) -> tuple[float, float]:
        return _to_pixels(*project(lon, lat), scale)

    return _height(width), shapes, place


# --- shading ------------------------------------------------------------------------------------------------


def shade_steps(maximum: int) -> list[tuple[int, int]]:
    """Up to five ranges of action counts covering 1..maximum.

    Counts are long-tailed (one country with a hundred actions, many with one or two), so range edges grow
    geometrically; up to five actions, every count is its own step.
    """
    if maximum <= 0:
        return []
    if maximum <= len(RAMP):
        return [(n, n) for n in range(1, maximum + 1)]
    edges = [0]
    for k in range(1, len(RAMP)):
        edges.append(max(edges[-1] + 1, round(maximum ** (k / len(RAMP)))))
    edges.append(maximum)
    return [(edges[i] + 1, edges[i + 1]) for i in range(len(RAMP))]


def _colour(count: int, steps: list[tuple[int, int]]) -> str:
    colours = RAMP[len(RAMP) - len(steps) :]  # fewer steps use the darker end, so a lone count stands out
    for (_low, high), colour in zip(steps, colours, strict=True):
        if count <= high:
            return colour
    return colours[-1]


def _range_label(low: int, high: int) -> str:
    return str(low) if low == high else f"{low}–{high}"


# --- drawing ------------------------------------------------------------------------------------------------


def _actions(n: int) -> str:
    return ngettext("%(n)s action", "%(n)s actions", n) % {"n": n}


def _description(countries: dict[str, int], points: list[MapPoint], language: str) -> str:
    """What the picture shows, for screen readers: totals and the countries with most actions."""
    if not countries and not points:
        return _("No actions are marked on the map yet.")
    ranked = sorted(countries.items(), key=lambda item: (-item[1], item[0]))[:5]
    parts = [
        ngettext("Actions in %(n)s country.", "Actions in %(n)s countries.", len(countries)) % {"n": len(countries)},
        ngettext("%(n)s city is marked with a circle.", "%(n)s cities are marked with circles.", len(points))
        % {"n": len(points)},
    ]
    if ranked:
        listed = ", ".join(f"{local_country_name(code, language)} ({count})" for code, count in ranked)
        parts.append(_("Most actions: %(list)s.") % {"list": listed})
    return " ".join(parts)


def _legend(steps: list[tuple[int, int]], width: int, height: int) -> list[str]:
    """Swatches for "no actions" and each step, bottom left over the Pacific, and a sample city circle."""
    s = width / 960
    size, gap, font = 11 * s, 4 * s, 11 * s
    rows = [(NO_ACTIONS, _("no actions"))]
    colours = RAMP[len(RAMP) - len(steps) :]
    rows += [(colour, _range_label(low, high)) for (low, high), colour in zip(steps, colours, strict=True)]
    # (messages outside the f-strings, where xgettext can find them)
    heading, city_sample = escape(_("Actions per country")), escape(_("a city; circle area: its actions"))
    x = 14 * s
    top = height - 14 * s - (len(rows) + 2) * (size + gap) - font
    out = [
        f'<g font-family="{FONT}" font-size="{font:.1f}" fill="{INK}">',
        f'<text x="{x:.1f}" y="{top + font:.1f}" font-weight="bold">{heading}</text>',
    ]
    y = top + font + gap * 2
    for colour, label in rows:
        out.append(
            f'<rect x="{x:.1f}" y="{y:.1f}" width="{size:.1f}" height="{size:.1f}" fill="{colour}" '
            f'stroke="#9e9e9e" stroke-width="{0.5 * s:.2f}"/>'
            f'<text x="{x + size + gap * 1.5:.1f}" y="{y + size - 1.5 * s:.1f}">{escape(label)}</text>'
        )
        y += size + gap
    radius = size / 2
    out.append(
        f'<circle cx="{x + radius:.1f}" cy="{y + gap + radius:.1f}" r="{radius:.1f}" fill="{CITY}" '
        f'fill-opacity="0.85" stroke="{BORDER}" stroke-width="{s:.2f}"/>'
        f'<text x="{x + size + gap * 1.5:.1f}" y="{y + gap + size - 1.5 * s:.1f}">'
        f"{city_sample}</text>"
    )
    out.append("</g>")
    return out


def _radius(count: int, s: float) -> float:
    """Circle area in proportion to the number of actions (radius ∝ √count), within readable bounds."""
    return min(30.0, max(3.0, 2.6 * math.sqrt(max(count, 0)))) * s


def render_world_svg(countries: dict[str, int], points: list[MapPoint], *, width: int = 960, title: str) -> str:
    """The map as an SVG string.

    ``countries`` maps ISO 3166 alpha-2 codes to numbers of actions (shaded in up to five steps, with a
    legend); ``points`` are city centroids drawn as circles whose area follows their count, each with a
    tooltip naming the city and its count, biggest first so small circles stay on top. The result carries
    ``role="img"``, a ``<title>`` and a ``<desc>`` for screen readers; every name is escaped.
    """
    language = get_language() or "en"
    counts = {code.upper(): int(n) for code, n in countries.items() if n and int(n) > 0}
    steps = shade_steps(max(counts.values(), default=0))
    height = _height(width)
    s = width / 960
    scale = width / (_RIGHT - _LEFT)
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" '
        f'height="{height}" role="img" class="world-map">',
        f"<title>{escape(title)}</title>",
        f"<desc>{escape(_description(counts, points, language))}</desc>",
        f'<path d="{_outline(width)}" fill="{SEA}"/>',
        f'<g fill="{NO_ACTIONS}" stroke="{BORDER}" stroke-width="{0.5 * s:.2f}" fill-rule="evenodd" '
        'stroke-linejoin="round">',
    ]
    for code, data in _country_paths(width):
        count = counts.get(code or "", 0)
        if count:
            name = escape(local_country_name(code or "", language))
            out.append(
                f'<path data-country="{code}" data-actions="{count}" fill="{_colour(count, steps)}" d="{data}">'
                f"<title>{name}: {escape(_actions(count))}</title></path>"
            )
        else:
            out.append(f'<path data-country="{code or ""}" d="{data}"/>')
    out.append("</g>")
    out.append(f'<g fill="{CITY}" fill-opacity="0.85" stroke="{BORDER}" stroke-width="{s:.2f}">')
    for point in sorted(points, key=lambda p: -p.count):
        lat = min(TOP_LATITUDE, max(BOTTOM_LATITUDE, point.lat))  # a station beyond the frame sits on its edge
        x, y = _to_pixels(*project(point.lon, lat), scale)
        label = escape(f"{point.label}: {_actions(point.count)}")
        out.append(
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{_radius(point.count, s):.1f}"><title>{label}</title></circle>'
        )
    out.append("</g>")
    out.extend(_legend(steps, width, height))
    out.append("</svg>")
    return "".join(out)
