"""The ranked dot plot: the chart for fewer than 3 or more than 10 scored principles.

Its geometry is pure (rows ranked, bands from each principle's own levels, ticks in the displayed
unit, label boxes that never overlap each other or the plot); its SVG is well formed and says
every value in its <title>, as the radar's does. tests/test_chart_vectors.py pins it to charts.js.
"""

from __future__ import annotations

import json
import random
import subprocess
import xml.etree.ElementTree as ET
from dataclasses import asdict
from pathlib import Path
from typing import Any

import pytest
from browser_support import require_node
from hypothesis import given, settings
from hypothesis import strategies as st
from test_chart_vectors import same_geometry

from selfassess.core.display import Display
from selfassess.core.palette import level_colours, organisation_style
from selfassess.inputs.banks import load_questionnaire
from selfassess.scorecard.chart_parts import Hidden, Value
from selfassess.scorecard.dot_plot import (
    CHAR_WIDTH,
    FONT,
    LEGEND_FONT,
    Box,
    DotPlot,
    DotRow,
    chart_kind,
    dot_plot_chart,
    dot_plot_geometry,
)

SVG = "{http://www.w3.org/2000/svg}"
TWENTY = Path(__file__).parent / "data" / "twenty-factors" / "bank.yaml"
LEVELS = [0.0, 40.0, 60.0, 80.0]
SCALE = Display("scale", 1.0, 5.0)


def row(label: str, score: Value, *orgs: Value) -> DotRow:
    return DotRow(label, score, list(orgs), LEVELS)


def overlap(a: Box, b: Box) -> bool:
    return (
        a.x < b.x + b.width
        and b.x < a.x + a.width
        and a.y < b.y + b.height
        and b.y < a.y + a.height
    )


def assert_labels_clear(plot: DotPlot) -> None:
    """No two label boxes overlap, and none reaches into the plot or past the rows."""
    boxes = [r.box for r in plot.rows]
    for i, a in enumerate(boxes):
        assert a.x >= 0 and a.x + a.width < plot.left, a
        assert plot.top <= a.y and a.y + a.height <= plot.bottom, a
        for b in boxes[i + 1 :]:
            assert not overlap(a, b), (a, b)


def twenty_rows(repeat: int = 1) -> tuple[list[DotRow], list[float]]:
    """The twenty-factor bank's scored principles, titles said `repeat` times over."""
    bank = load_questionnaire(TWENTY)
    rows = [
        DotRow(
            f"{n}. " + " ".join([p.title] * repeat),
            10.0 + 4 * n,
            [20.0 + 3 * n, None, 90.0 - 2 * n, 55.0],
            [lv.min for lv in bank.levels_of(p)],
        )
        for n, p in enumerate(bank.scored_principles(), start=1)
    ]
    return rows, [lv.min for lv in bank.levels]


@pytest.mark.parametrize(
    ("n", "kind"), [(2, "dots"), (3, "radar"), (10, "radar"), (11, "dots"), (20, "dots")]
)
def test_the_radar_holds_three_to_ten_scored_principles_and_the_dot_plot_the_rest(
    n: int, kind: str
) -> None:
    assert chart_kind(n) == kind


def test_rows_are_ranked_by_the_partnerships_score_ties_in_bank_order_no_score_last() -> None:
    rows = [row("A", 50), row("B", None), row("C", 70), row("D", 50), row("E", 0)]
    plot = dot_plot_geometry(rows, Display(), LEVELS)
    assert [r.index for r in plot.rows] == [2, 0, 3, 4, 1]
    assert plot.rows[-1].partnership is None


def test_a_withheld_partnership_score_ranks_with_the_unscored() -> None:
    rows = [row("A", Hidden("<3", "withheld", "")), row("B", 10)]
    assert [r.index for r in dot_plot_geometry(rows, Display(), LEVELS).rows] == [1, 0]


def test_the_twenty_factor_banks_labels_never_overlap_each_other_or_the_plot() -> None:
    rows, ticks = twenty_rows()
    plot = dot_plot_geometry(rows, load_questionnaire(TWENTY).display, ticks, top=40)
    assert len(plot.rows) == 20
    assert_labels_clear(plot)


def test_long_titles_wrap_and_their_rows_grow_with_the_lines() -> None:
    rows, ticks = twenty_rows(repeat=3)
    plot = dot_plot_geometry(rows, SCALE, ticks)
    assert_labels_clear(plot)
    assert any(len(r.lines) > 2 for r in plot.rows)
    for r in plot.rows:
        assert r.height >= len(r.lines) * 13
        assert r.box.y >= r.top and r.box.y + r.box.height <= r.top + r.height


@settings(max_examples=60, deadline=None)
@given(st.lists(st.text(min_size=0, max_size=140), min_size=1, max_size=25))
def test_no_title_whatever_its_words_overlaps_another_or_the_plot(titles: list[str]) -> None:
    rows = [row(t, (i * 37) % 101, 50) for i, t in enumerate(titles)]
    assert_labels_clear(dot_plot_geometry(rows, Display(), LEVELS))


def test_each_rows_bands_come_from_its_own_levels_placed_on_the_displayed_scale() -> None:
    own = DotRow("Own", 50, [], [1.0, 2.0, 3.0, 4.0, 5.0])
    bank = DotRow("Bank", 40, [], [1.0, 3.0, 4.0])
    plot = dot_plot_geometry([own, bank], SCALE, [1.0, 3.0, 4.0])
    width = plot.right - plot.left
    bank_bands = plot.rows[1].bands
    assert [round((b.x - plot.left) / width * 100, 6) for b in bank_bands] == [0, 50, 75]
    assert [(b.index, b.count) for b in bank_bands] == [(0, 3), (1, 3), (2, 3)]
    assert bank_bands[-1].x + bank_bands[-1].width == pytest.approx(plot.right)
    assert len(plot.rows[0].bands) == 4  # the band from 5 (the top of the scale) is empty


def test_ticks_sit_at_the_level_mins_and_both_ends_in_the_displayed_unit() -> None:
    plot = dot_plot_geometry([row("A", 50)], SCALE, [1.0, 3.0, 4.0])
    assert [t.text for t in plot.ticks] == ["1.0", "3.0", "4.0", "5.0"]
    assert plot.ticks[0].x == plot.left and plot.ticks[-1].x == plot.right
    percent = dot_plot_geometry([row("A", 50)], Display(), LEVELS)
    assert [t.text for t in percent.ticks] == ["0", "40", "60", "80", "100"]


def test_a_tick_crowding_a_kept_one_is_left_out_but_never_an_end() -> None:
    plot = dot_plot_geometry([row("A", 50)], Display(), [0.0, 2.0, 50.0, 97.0])
    assert [t.text for t in plot.ticks] == ["0", "50", "100"]


def test_dots_sit_at_their_scores_the_partnership_on_the_rows_centre() -> None:
    plot = dot_plot_geometry([row("A", 50, 0, None, 100)], Display(), LEVELS)
    placed = plot.rows[0]
    assert placed.partnership == pytest.approx((plot.left + plot.right) / 2)
    assert [(d.organisation, d.x) for d in placed.dots] == [(0, plot.left), (2, plot.right)]
    assert placed.dots[0].y < placed.y < placed.dots[1].y


def chart(rows: list[DotRow] | None = None, display: Display | None = None) -> str:
    return dot_plot_chart(
        rows
        or [row("1. Agenda", 51, 60, 42), row("2. Measures", 44, 55, Hidden("<3", "hidden", ""))],
        ["Council", "Care homes"],
        partnership_label="Partnership",
        display=display,
        ticks=LEVELS if display is None else [1.0, 3.0, 4.0],
    )


def test_the_dot_plot_is_well_formed_svg_labelled_by_its_title() -> None:
    root = ET.fromstring(chart())
    title = root.find(f"{SVG}title")
    assert root.get("role") == "img" and title is not None
    assert root.get("aria-labelledby") == title.get("id")


def test_its_title_says_every_value_as_the_radars_does() -> None:
    title = ET.fromstring(chart()).find(f"{SVG}title")
    assert title is not None and title.text is not None
    assert title.text.startswith(
        "Dot plot of principle scores, highest first. Scores from 0 to 100"
    )
    assert "Partnership: 1. Agenda 51, 2. Measures 44" in title.text
    assert "Care homes: 1. Agenda 42, 2. Measures hidden" in title.text


def test_on_the_scale_its_values_and_axis_are_in_the_scales_unit() -> None:
    svg = chart(display=SCALE)
    title = ET.fromstring(svg).find(f"{SVG}title")
    assert title is not None and title.text is not None
    assert "Scores on the 1–5 scale" in title.text
    assert "Partnership: 1. Agenda 3.0, 2. Measures 2.8" in title.text
    assert "Score on the 1–5 scale" in svg and ">4.0</text>" in svg


def test_each_organisation_is_drawn_in_its_palette_colour_and_the_bands_in_level_colours() -> None:
    svg = chart()
    assert organisation_style(0).colour in svg and organisation_style(1).colour in svg
    assert all(colour in svg for colour in level_colours(len(LEVELS)))


def test_the_legend_and_labels_print_at_eight_points_or_more() -> None:
    root = ET.fromstring(chart())
    sizes = {float(t.get("font-size", "0")) for t in root.iter(f"{SVG}text") if t.get("font-size")}
    assert min(sizes) * 0.75 >= 8  # SVG units are CSS px at the chart's own size
    assert min(FONT, LEGEND_FONT) * 0.75 >= 8


def test_names_in_the_dot_plot_are_escaped() -> None:
    svg = dot_plot_chart(
        [row("<b>x</b> & y", 50, 40)],
        ["<script>alert(1)</script>"],
        partnership_label="P & Q",
    )
    assert "<script>" not in svg and "&lt;script&gt;" in svg
    ET.fromstring(svg)


def test_the_twenty_factor_plot_draws_a_row_per_principle_with_no_style_attributes() -> None:
    rows, ticks = twenty_rows()
    svg = dot_plot_chart(
        rows, ["A", "B", "C", "D"], partnership_label="P", display=SCALE, ticks=ticks
    )
    root = ET.fromstring(svg)
    assert "style=" not in svg
    labels = [t for t in root.iter(f"{SVG}text") if t.find(f"{SVG}tspan") is not None]
    assert len(labels) == 20


NODE_SVG = """
const fs = require("fs"), vm = require("vm"), path = require("path");
const context = vm.createContext({});
for (const name of ["display.js", "charts.js"]) {
  vm.runInContext(fs.readFileSync(path.join(process.argv[1], name), "utf8"), context);
}
const C = context.SelfassessCharts, D = context.SelfassessDisplay;
const rows = JSON.parse(process.argv[2]);
const display = D.displayOf({ scoring: { display: "scale" }, scale: [1, 5].map((value) => ({ value })) });
process.stdout.write(C.dotPlotSvg({ rows, display, ticks: [1, 3, 4], title: "<T & U>",
  styles: [{ colour: "#E69F00", dash: "", marker: "square" }], corners: { square: [[-1, -1], [1, -1], [1, 1], [-1, 1]] },
  ramp: ["#f2a488", "#82b5dc"], caption: "Score on the 1–5 scale" }));
"""


def test_the_pages_dot_plot_svg_is_well_formed_too() -> None:
    node = require_node()
    web = Path(__file__).parents[1] / "src" / "selfassess" / "web"
    rows, _ = twenty_rows()
    data = [
        {
            "label": r.label + " <&>\"'",
            "partnership": r.partnership,
            "organisations": [r.organisations[0]],
            "levels": list(r.levels),
        }
        for r in rows
    ]
    svg = subprocess.run(
        [node, "-e", NODE_SVG, str(web), json.dumps(data)],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    root = ET.fromstring(svg)
    assert root.tag == f"{SVG}svg" and "style=" not in svg
    assert len([t for t in root.iter(f"{SVG}tspan")]) >= 20


NODE_GEOMETRY = """
const fs = require("fs"), vm = require("vm"), path = require("path");
const context = vm.createContext({});
for (const name of ["display.js", "charts.js"]) {
  vm.runInContext(fs.readFileSync(path.join(process.argv[1], name), "utf8"), context);
}
const C = context.SelfassessCharts, cases = JSON.parse(fs.readFileSync(process.argv[2], "utf8"));
process.stdout.write(JSON.stringify(cases.map((c) => {
  const d = c.display, display = { unit: d.unit, lo: d.lo, hi: d.hi, range: d.hi - d.lo, onScale: d.unit === "scale" };
  return C.dotPlot({ rows: c.rows, display, ticks: c.ticks, top: c.top });
})));
"""
WORDS = ["Trust", "shared", "é", "partnership", "数据共享", "🙂🙂", "a\u00a0b", "x" * 45, "of", "—"]


def random_case(rng: random.Random) -> dict[str, Any]:
    """Rows of random titles, scores (some missing), organisations and levels, on either unit."""
    lo, hi = rng.choice([(0.0, 100.0), (1.0, 5.0), (0.0, 5.0), (1.0, 7.0)])
    unit = "percent" if (lo, hi) == (0.0, 100.0) else "scale"
    levels = sorted({lo, *(round(rng.uniform(lo, hi), 1) for _ in range(rng.randint(0, 4)))})
    orgs = rng.randint(0, 6)

    def score() -> float | None:
        return (
            None if rng.random() < 0.15 else rng.choice([0.0, 100.0, round(rng.uniform(0, 100), 3)])
        )

    rows = [
        {
            "label": " ".join(rng.choice(WORDS) for _ in range(rng.randint(0, 14))),
            "partnership": score(),
            "organisations": [score() for _ in range(orgs)],
            "levels": levels if rng.random() < 0.7 else [lo, (lo + hi) / 2],
        }
        for _ in range(rng.randint(1, 22))
    ]
    ticks = levels
    return {"display": {"unit": unit, "lo": lo, "hi": hi}, "ticks": ticks, "top": 0.0, "rows": rows}


def test_the_pages_dot_plot_agrees_with_the_scorecards_on_random_rows(tmp_path: Path) -> None:
    rng = random.Random(16)
    cases = [random_case(rng) for _ in range(150)]
    (tmp_path / "cases.json").write_text(json.dumps(cases), "utf-8")
    web = Path(__file__).parents[1] / "src" / "selfassess" / "web"
    out = subprocess.run(
        [require_node(), "-e", NODE_GEOMETRY, str(web), str(tmp_path / "cases.json")],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    for case, js in zip(cases, json.loads(out), strict=True):
        d = case["display"]
        rows = [
            DotRow(r["label"], r["partnership"], r["organisations"], r["levels"])
            for r in case["rows"]
        ]
        plot = dot_plot_geometry(rows, Display(d["unit"], d["lo"], d["hi"]), case["ticks"])
        same_geometry(js, json.loads(json.dumps(asdict(plot))))


def test_a_title_in_wide_characters_wraps_shorter_and_stays_clear_of_the_plot() -> None:
    title = "合作伙伴之间的信任与尊重以及共同的愿景和目标以及更多的合作伙伴之间的信任"
    plot = dot_plot_geometry([row(title, 50), row("Trust", 40)], Display(), LEVELS)
    wide = plot.rows[0]
    assert all(len(line) <= 16 for line in wide.lines)
    latin_width = max(len(line) for line in wide.lines) * FONT * CHAR_WIDTH
    assert wide.box.width > 1.5 * latin_width  # a wide character takes two cells
    assert_labels_clear(plot)
