"""The server-drawn world map: valid, accessible SVG with countries shaded and cities where they belong."""

from __future__ import annotations

import re
import time
import xml.etree.ElementTree as ET

import pytest
from django.utils import translation

from solidarity.places.worldmap import (
    NO_ACTIONS,
    RAMP,
    MapPoint,
    decode_arcs,
    render_world_svg,
    shade_steps,
    split_at_antimeridian,
    stitch_ring,
)

SVG = "{http://www.w3.org/2000/svg}"
PARIS = MapPoint(2.35, 48.86, 3, "Paris")
BERLIN = MapPoint(13.40, 52.52, 12, "Berlin")
ROME = MapPoint(12.50, 41.90, 1, "Rome")


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)  # noqa: S314 (our own output)


def circles(root: ET.Element) -> dict[str, ET.Element]:
    dots = [c for c in root.iter(f"{SVG}circle") if c.find(f"{SVG}title") is not None]
    return {c.find(f"{SVG}title").text.split(":")[0]: c for c in dots}


def country(root: ET.Element, code: str) -> ET.Element:
    return next(p for p in root.iter(f"{SVG}path") if p.get("data-country") == code)


def test_map_is_valid_accessible_svg():
    svg = render_world_svg({"DE": 12}, [BERLIN], title="Map of the actions of Free them")
    root = parse(svg)
    assert root.tag == f"{SVG}svg" and root.get("role") == "img"
    assert root.find(f"{SVG}title").text == "Map of the actions of Free them"
    description = root.find(f"{SVG}desc").text
    assert "Germany (12)" in description and "1 country" in description
    # presentation attributes only: a style attribute or element would be blocked by the page's CSP
    assert "style=" not in svg and "<style" not in svg


def test_a_country_with_actions_is_shaded_and_named():
    root = parse(render_world_svg({"DE": 12, "fr": 3}, [], title="t"))
    germany, france = country(root, "DE"), country(root, "FR")
    assert germany.get("fill") in RAMP and france.get("fill") in RAMP
    assert germany.get("fill") != france.get("fill")  # more actions, a darker step
    assert RAMP.index(germany.get("fill")) > RAMP.index(france.get("fill"))
    assert germany.find(f"{SVG}title").text == "Germany: 12 actions"
    # a country without actions keeps the group's neutral fill
    italy = country(root, "IT")
    assert italy.get("fill") is None and italy.find(f"{SVG}title") is None
    group = next(g for g in root.iter(f"{SVG}g") if g.get("fill") == NO_ACTIONS)
    assert italy in list(group)
    # Antarctica is left out of the frame
    assert "AQ" not in {p.get("data-country") for p in root.iter(f"{SVG}path")}


def test_country_names_follow_the_language():
    with translation.override("ru"):
        root = parse(render_world_svg({"DE": 2}, [], title="t"))
    assert country(root, "DE").find(f"{SVG}title").text.startswith("Германия: 2")


def test_cities_sit_where_they_belong_inside_the_frame():
    root = parse(render_world_svg({"DE": 12, "FR": 3, "IT": 1}, [PARIS, BERLIN, ROME], title="t"))
    _x, _y, width, height = (float(v) for v in root.get("viewBox").split())
    dots = circles(root)
    position = {name: (float(dot.get("cx")), float(dot.get("cy"))) for name, dot in dots.items()}
    for x, y in position.values():
        assert 0 < x < width and 0 < y < height
    assert position["Berlin"][0] > position["Paris"][0]  # east of Paris
    assert position["Berlin"][1] < position["Rome"][1]  # north of Rome
    assert position["Paris"][0] > width / 2 and position["Paris"][1] < height / 2  # northern, eastern hemisphere
    # circle area follows the number of actions
    radius = {name: float(dot.get("r")) for name, dot in dots.items()}
    assert radius["Berlin"] > radius["Paris"] > radius["Rome"]
    assert dots["Berlin"].find(f"{SVG}title").text == "Berlin: 12 actions"
    assert dots["Rome"].find(f"{SVG}title").text == "Rome: 1 action"


def test_southern_and_western_places():
    sydney, lima = MapPoint(151.2, -33.87, 2, "Sydney"), MapPoint(-77.04, -12.05, 2, "Lima")
    root = parse(render_world_svg({}, [sydney, lima], title="t"))
    _x, _y, width, height = (float(v) for v in root.get("viewBox").split())
    dots = circles(root)
    assert float(dots["Sydney"].get("cx")) > width * 0.8 and float(dots["Sydney"].get("cy")) > height / 2
    assert float(dots["Lima"].get("cx")) < width / 2


def test_names_are_escaped():
    evil = MapPoint(13.4, 52.5, 2, 'Berlin <script>alert("x")</script> & "Co"')
    svg = render_world_svg({"DE": 2}, [evil], title="Title <b>bold</b> & more")
    assert "<script>" not in svg and "<b>" not in svg
    root = parse(svg)  # still well-formed
    assert root.find(f"{SVG}title").text == "Title <b>bold</b> & more"
    assert next(iter(circles(root).values())).find(f"{SVG}title").text.startswith('Berlin <script>alert("x")')


def test_width_scales_the_drawing():
    small = parse(render_world_svg({"DE": 1}, [BERLIN], width=480, title="t"))
    large = parse(render_world_svg({"DE": 1}, [BERLIN], title="t"))
    assert small.get("width") == "480" and large.get("width") == "960"
    assert float(large.get("height")) == pytest.approx(2 * float(small.get("height")), abs=1)
    assert float(circles(large)["Berlin"].get("cx")) == pytest.approx(
        2 * float(circles(small)["Berlin"].get("cx")), abs=0.2
    )


def test_legend_shows_the_steps():
    svg = render_world_svg({"DE": 100, "FR": 1}, [], title="t")
    texts = [t.text for t in parse(svg).iter(f"{SVG}text")]
    assert "Actions per country" in texts and "no actions" in texts
    labels = [str(low) if low == high else f"{low}–{high}" for low, high in shade_steps(100)]
    assert len(labels) == 5 and labels[-1].endswith("–100")
    assert all(label in texts for label in labels)


@pytest.mark.parametrize("maximum", [1, 2, 5, 6, 7, 12, 100, 12345])
def test_steps_cover_every_count_without_gaps(maximum):
    steps = shade_steps(maximum)
    assert 1 <= len(steps) <= len(RAMP)
    assert steps[0][0] == 1 and steps[-1][1] == maximum
    for (low, high), (next_low, _next_high) in zip(steps, steps[1:], strict=False):
        assert low <= high and next_low == high + 1
    assert shade_steps(0) == []


def test_decoder_undoes_quantisation_and_delta_encoding():
    topology = {
        "transform": {"scale": [0.5, 0.25], "translate": [-10, 20]},
        "arcs": [[[0, 0], [2, 0], [0, 4]], [[2, 4], [-2, -4]]],
    }
    arcs = decode_arcs(topology)
    assert arcs[0] == [(-10.0, 20.0), (-9.0, 20.0), (-9.0, 21.0)]
    assert arcs[1] == [(-9.0, 21.0), (-10.0, 20.0)]
    # a ring from arc 0 then arc 1; the shared joining point kept once
    assert stitch_ring([0, 1], arcs) == [(-10.0, 20.0), (-9.0, 20.0), (-9.0, 21.0), (-10.0, 20.0)]
    # ~0 walks arc 0 backwards
    assert stitch_ring([~0], arcs) == [(-9.0, 21.0), (-9.0, 20.0), (-10.0, 20.0)]


def test_rings_across_the_antimeridian_are_cut_not_streaked():
    ring = [(178.0, 60.0), (-178.0, 60.0), (-178.0, 65.0), (178.0, 65.0), (178.0, 60.0)]
    pieces = split_at_antimeridian(ring)
    assert len(pieces) == 2
    for piece in pieces:
        longitudes = [lon for lon, _lat in piece]
        assert max(longitudes) - min(longitudes) <= 2.0 + 1e-9  # each piece stays on its side
    assert split_at_antimeridian([(0.0, 0.0), (1.0, 0.0), (1.0, 1.0), (0.0, 0.0)]) == [
        [(0.0, 0.0), (1.0, 0.0), (1.0, 1.0), (0.0, 0.0)]
    ]
    # Russia, which the shipped shapes stitch across 180°, has no segment running across the map
    root = parse(render_world_svg({"RU": 1}, [], title="t"))
    width = float(root.get("width"))
    steps = [
        float(dx)
        for ring in re.findall(r"l([^zM]*)z", country(root, "RU").get("d"))  # each ring's relative moves
        for dx, _dy in re.findall(r"(-?\d*\.?\d+)\s?(-?\d*\.?\d+)", ring)
    ]
    assert steps and max(abs(dx) for dx in steps) < width / 4


def test_fast_after_the_first_call():
    points = [MapPoint(-170 + (i * 7) % 340, -50 + (i * 13) % 120, 1 + i % 40, f"City {i}") for i in range(500)]
    countries = {"DE": 40, "FR": 12, "US": 7, "BR": 3, "RU": 1}
    render_world_svg(countries, points, title="warm-up")
    timings = []
    for _ in range(5):
        start = time.perf_counter()
        svg = render_world_svg(countries, points, title="t")
        timings.append(time.perf_counter() - start)
    assert svg.count("<circle") == 500 + 1  # the cities and the legend's sample
    assert min(timings) < 0.020, timings
