"""The shared chart cases of tests/vectors/charts/ through the scorecard's Python: radar points,
the palette's markers, heat-map cells, radar labels (wrap and anchor) and rings, the dot plot's
geometry, the chart kind, the level colours and the trends page's line chart.
tests/js/chart-vectors.test.js runs the same files through charts.js, heatmap.js and
trend-chart.js, so the PDF and the pages cannot drift apart."""

from __future__ import annotations

import json
import math
import re
from dataclasses import asdict
from pathlib import Path
from typing import Any

import pytest

from selfassess.core.display import Display
from selfassess.core.palette import MARKERS, SeriesStyle, level_colours
from selfassess.scorecard.chart_parts import Band, HeatRow, label_anchor, radar_point, wrap_text
from selfassess.scorecard.dot_plot import DotRow, chart_kind, dot_plot_geometry
from selfassess.scorecard.heat_map import BLANK_TONE, heat_map
from selfassess.scorecard.radar import markers_path, radar_rings
from selfassess.scorecard.trend_chart import trend_geometry

VECTORS = Path(__file__).parent / "vectors" / "charts"
TOLERANCE = 0.051  # the SVG keeps one decimal


def vectors(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((VECTORS / name).read_text("utf-8"))
    return data


def numbers(text: str) -> list[float]:
    return [float(n) for n in re.findall(r"-?\d+(?:\.\d+)?", text)]


def shape_of(svg: str) -> dict[str, Any]:
    """The drawn marker as the vectors describe it: its kind, hollow or not, its geometry."""
    hollow = 'fill="#fff"' in svg
    d = re.search(r' d="([^"]+)"', svg)
    assert d is not None, svg
    path = d.group(1)
    if "a" in path:  # a circle, two arcs from its leftmost point
        x, y, r = numbers(path)[:3]
        return {"kind": "circle", "hollow": hollow, "centre": [x + r, y], "radius": r}
    if path.endswith("z"):
        values = numbers(path)
        return {
            "kind": "polygon",
            "hollow": hollow,
            "points": list(zip(values[::2], values[1::2], strict=True)),
        }
    plus = re.fullmatch(r"M(\S+) (\S+)H(\S+)M(\S+) (\S+)V(\S+)", path)
    if plus:
        x1, y1, x2, x3, y3, y4 = map(float, plus.groups())
        segments = [[[x1, y1], [x2, y1]], [[x3, y3], [x3, y4]]]
    else:
        v = numbers(path)
        segments = [[[v[0], v[1]], [v[2], v[3]]], [[v[4], v[5]], [v[6], v[7]]]]
    return {"kind": "strokes", "hollow": False, "segments": segments}


def flat(value: Any) -> list[float]:
    if isinstance(value, list | tuple):
        return [x for item in value for x in flat(item)]
    return [float(value)]


def near(actual: Any, expected: Any, tolerance: float) -> bool:
    a, b = flat(actual), flat(expected)
    return len(a) == len(b) and all(
        math.isclose(x, y, abs_tol=tolerance) for x, y in zip(a, b, strict=True)
    )


@pytest.mark.parametrize("case", vectors("radar-points.json")["cases"], ids=str)
def test_a_radar_point_lies_on_its_axis_at_its_share_of_the_radius(case: dict[str, Any]) -> None:
    point = radar_point(
        case["n"], case["axis"], case["value"], tuple(case["centre"]), case["radius"]
    )
    assert near(point, case["point"], 1e-6)


def test_every_palette_marker_is_a_case_of_the_shared_vectors() -> None:
    assert [c["marker"] for c in vectors("markers.json")["cases"]] == list(MARKERS)


@pytest.mark.parametrize("case", vectors("markers.json")["cases"], ids=lambda c: c["marker"])
def test_each_marker_is_drawn_with_the_shared_kind_and_corners(case: dict[str, Any]) -> None:
    v = vectors("markers.json")
    svg = markers_path(SeriesStyle("#000", "", case["marker"]), [tuple(v["at"])], v["size"])
    drawn = shape_of(svg)
    assert (drawn["kind"], drawn["hollow"]) == (case["kind"], case["hollow"])
    geometry = {"circle": ("centre", "radius"), "polygon": ("points",), "strokes": ("segments",)}
    keys = geometry[case["kind"]]
    assert near([drawn[k] for k in keys], [case[k] for k in keys], TOLERANCE), drawn


def test_heat_map_cells_print_round_half_up_and_take_the_level_of_the_unrounded_value() -> None:
    v = vectors("heat-cells.json")
    levels = v["levels"]
    bands = [Band(level["min"], level["label"]) for level in levels]
    values = [c["value"] if c["value"] is None else float(c["value"]) for c in v["cases"]]
    table = heat_map([HeatRow("Org", values)], [str(i) for i in range(len(values))], bands)
    for case, cell in zip(v["cases"], table.rows[0].cells, strict=True):
        tone = None if cell.tone == BLANK_TONE else int(cell.tone.removeprefix("tone-"))
        level = None if tone is None else levels[tone]["id"]
        assert [cell.text, level, tone] == [case["shown"], case["level"], case["tone"]], case


@pytest.mark.parametrize("case", vectors("labels.json")["wrap"], ids=lambda c: c["about"])
def test_a_label_wraps_greedily_cuts_long_words_and_ends_in_an_ellipsis(
    case: dict[str, Any],
) -> None:
    assert wrap_text(case["text"], case["max_chars"], case["max_lines"]) == case["lines"]


@pytest.mark.parametrize("case", vectors("labels.json")["anchors"], ids=lambda c: f"n={c['n']}")
def test_a_label_is_centred_near_the_vertical_else_anchored_away_from_the_chart(
    case: dict[str, Any],
) -> None:
    assert [label_anchor(case["n"], i) for i in range(case["n"])] == case["anchors"]


def same_geometry(actual: Any, expected: Any, where: str = "", tolerance: float = 1e-6) -> None:
    """Numbers to `tolerance`, everything else exactly, the same keys all the way down."""
    if isinstance(expected, dict):
        assert isinstance(actual, dict) and actual.keys() == expected.keys(), where
        for key in expected:
            same_geometry(actual[key], expected[key], f"{where}.{key}", tolerance)
    elif isinstance(expected, list):
        assert isinstance(actual, list) and len(actual) == len(expected), where
        for i, (a, e) in enumerate(zip(actual, expected, strict=True)):
            same_geometry(a, e, f"{where}[{i}]", tolerance)
    elif isinstance(expected, float | int) and not isinstance(expected, bool):
        assert isinstance(actual, float | int) and math.isclose(
            actual, expected, abs_tol=tolerance
        ), (
            where,
            actual,
            expected,
        )
    else:
        assert actual == expected, (where, actual, expected)


@pytest.mark.parametrize("case", vectors("dot-plot.json")["chart_kind"], ids=str)
def test_the_chart_is_a_radar_for_three_to_ten_scored_principles_else_a_dot_plot(
    case: dict[str, Any],
) -> None:
    assert chart_kind(case["n_scored"]) == case["kind"]


@pytest.mark.parametrize("case", vectors("dot-plot.json")["cases"], ids=lambda c: c["about"][:40])
def test_the_dot_plot_geometry_is_the_shared_one(case: dict[str, Any]) -> None:
    d = case["display"]
    rows = [
        DotRow(r["label"], r["partnership"], r["organisations"], r["levels"]) for r in case["rows"]
    ]
    plot = dot_plot_geometry(
        rows, Display(d["unit"], d["lo"], d["hi"]), case["ticks"], top=case["top"]
    )
    same_geometry(json.loads(json.dumps(asdict(plot))), case["geometry"])


def test_level_colours_sample_the_shared_ramp() -> None:
    v = vectors("dot-plot.json")["level_colours"]
    assert [level_colours(c["count"]) for c in v["cases"]] == [c["colours"] for c in v["cases"]]


@pytest.mark.parametrize("case", vectors("radar-rings.json")["cases"], ids=str)
def test_the_radars_rings_start_where_the_levels_do_on_0_to_100(case: dict[str, Any]) -> None:
    d = case["display"]
    rings = radar_rings(case["mins"], Display(d["unit"], d["lo"], d["hi"]))
    assert near(rings, case["rings"], 1e-9)


@pytest.mark.parametrize(
    "case", vectors("trend-lines.json")["cases"], ids=lambda c: c["about"][:40]
)
def test_the_trend_charts_geometry_is_the_shared_one(case: dict[str, Any]) -> None:
    """Points, gaps, band rectangles, axis figures and round labels, as the page draws them."""
    d = case["display"]
    geometry = trend_geometry(
        [None if v is None else float(v) for v in case["values"]],
        case["labels"],
        [float(m) for m in case["levels"]],
        Display(d["unit"], float(d["lo"]), float(d["hi"])),
    )
    same_geometry(json.loads(json.dumps(asdict(geometry))), case["geometry"], tolerance=1e-9)


def test_the_trend_line_vectors_cover_the_cases_the_twins_must_agree_on() -> None:
    """Two and three rounds, a gap, a principle's own levels, a bank on its scale, no figure."""
    cases = vectors("trend-lines.json")["cases"]
    assert {len(c["values"]) for c in cases} >= {2, 3}
    assert any(None in c["values"] and set(c["values"]) != {None} for c in cases)
    assert any(set(c["values"]) == {None} for c in cases)
    assert any(c["display"]["unit"] == "scale" for c in cases)
    assert any(c["levels"] != [0, 40, 60, 80] for c in cases if c["display"]["unit"] == "percent")
