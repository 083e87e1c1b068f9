"""The summary's radar and each organisation's small radar: the partnership over the band of
its organisations' range, each organisation's own shape in its palette style, every value
still in the text alternative."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from selfassess.core.palette import organisation_style
from selfassess.scorecard.chart_parts import RadarSeries, point_text, radar_point
from selfassess.scorecard.radar import radar_chart, value_range
from selfassess.scorecard.radar_shapes import shape_chart

SVG = "{http://www.w3.org/2000/svg}"
AXES = ["1. Agenda", "2. Measures", "3. Communication", "4. Hierarchies", "5. Reciprocity"]
NUMBERS = ["1", "2", "3", "4", "5"]
COUNCIL = RadarSeries("Council", [60, 55, 70, 66, 63])
CARE_HOMES = RadarSeries("Care homes", [42, 33, 51, 19, 49])
PARTNERSHIP = RadarSeries("Partnership", [51, 44, 60, 42, 56])


def band_paths(svg: str) -> list[ET.Element]:
    group = next(g for g in ET.fromstring(svg).iter(f"{SVG}g") if g.get("class") == "radar-range")
    return list(group.iter(f"{SVG}path"))


def test_the_band_runs_from_the_lowest_to_the_highest_organisation_on_each_principle() -> None:
    assert value_range([COUNCIL, CARE_HOMES], 3) == (19, 66)
    svg = radar_chart(AXES, [COUNCIL, CARE_HOMES], partnership=PARTNERSHIP)
    ring = band_paths(svg)[0]
    assert ring.get("fill-rule") == "evenodd"
    outer, inner = ring.get("d", "").split("z")[:2]
    # The first corner of each polygon: axis 1 (straight up) at the highest and lowest value.
    root = ET.fromstring(svg)
    width = float(root.get("width", "0"))
    assert outer.startswith("M") and inner.startswith("M")
    top_outer = float(outer[1:].split("L")[0].split(",")[1])
    top_inner = float(inner[1:].split("L")[0].split(",")[1])
    assert top_outer < top_inner  # 60 is further out (higher on the page) than 42
    assert width > 0


def test_the_band_leaves_out_withheld_and_missing_values_and_breaks_where_none_is_left() -> None:
    gappy = RadarSeries("Police", [None, 50, 50, 50, 50])
    assert value_range([gappy], 0) is None
    assert value_range([gappy, COUNCIL], 0) == (60, 60)
    paths = band_paths(radar_chart(AXES, [gappy], partnership=PARTNERSHIP))
    assert [p.get("fill-rule") for p in paths] == [None]  # no ring, the bars of four axes only
    assert paths[0].get("d", "").count("M") == 4


def test_the_summary_radar_draws_one_line_the_partnership_but_says_every_organisations_values() -> (
    None
):
    svg = radar_chart(AXES, [COUNCIL, CARE_HOMES], partnership=PARTNERSHIP)
    root = ET.fromstring(svg)
    lines = [*root.iter(f"{SVG}polygon"), *root.iter(f"{SVG}polyline")]
    assert len(lines) == 1
    title = root.findtext(f"{SVG}title") or ""
    assert "Council: 1. Agenda 60" in title and "Care homes: 1. Agenda 42" in title


def test_each_organisations_small_radar_draws_it_in_its_palette_style_over_the_partnership() -> (
    None
):
    for index, series in enumerate([COUNCIL, CARE_HOMES]):
        root = ET.fromstring(
            shape_chart(NUMBERS, series, index, partnership=PARTNERSHIP, axes=AXES)
        )
        style = organisation_style(index)
        own = [p for p in root.iter(f"{SVG}polygon") if p.get("stroke") == style.colour]
        assert len(own) == 1
        assert own[0].get("stroke-dasharray", "") == style.dash
        assert len(list(root.iter(f"{SVG}polygon"))) == 2  # its own and the partnership's
        labels = ["".join(t.itertext()) for t in root.iter(f"{SVG}text")]
        assert labels == NUMBERS  # spokes numbered as the principles
        title = root.findtext(f"{SVG}title") or ""
        assert title.startswith(f"Radar chart of {series.label}’s principle scores.")
        assert f"{series.label}: 1. Agenda {series.values[0]}" in title
        assert "Partnership: 1. Agenda 51" in title


def test_a_principle_without_a_score_leaves_a_gap_in_that_organisations_shape() -> None:
    gappy = RadarSeries("Police", [50, None, 60, 40, 45])
    root = ET.fromstring(shape_chart(NUMBERS, gappy, 0, partnership=PARTNERSHIP))
    colour = organisation_style(0).colour
    assert [p for p in root.iter(f"{SVG}polygon") if p.get("stroke") == colour] == []
    runs = [p for p in root.iter(f"{SVG}polyline") if p.get("stroke") == colour]
    assert len(runs) == 1  # 3 -> 4 -> 5 -> 1, wrapping round; 1 -> 2 and 2 -> 3 missing
    assert len(runs[0].get("points", "").split()) == 4


def test_the_points_of_a_shape_lie_on_their_axes() -> None:
    root = ET.fromstring(shape_chart(NUMBERS, COUNCIL, 0, partnership=PARTNERSHIP))
    own = next(
        p for p in root.iter(f"{SVG}polygon") if p.get("stroke") == organisation_style(0).colour
    )
    first = own.get("points", "").split()[0]
    assert first == point_text(*radar_point(5, 0, 60, (62, 62), 44))
