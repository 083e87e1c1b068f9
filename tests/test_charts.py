"""The scorecard's charts: readable without colour, every value also in words.

The radar is SVG (well-formed, its <title> the text alternative); the heat map is a table's data.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections import Counter

import pytest

from selfassess.core.display import Display
from selfassess.core.palette import DASHES, HIDDEN_FILL, MARKERS, level_colours, organisation_style
from selfassess.scorecard.chart_parts import (
    Band,
    HeatRow,
    Hidden,
    RadarSeries,
    band_index,
    wrap_text,
)
from selfassess.scorecard.heat_map import BLANK_TONE, HIDDEN_TONE, HeatMap, heat_map, heat_tones
from selfassess.scorecard.radar import radar_chart, radar_rings
from selfassess.scorecard.radar_shapes import shape_chart

SVG = "{http://www.w3.org/2000/svg}"
AXES = ["1. Agenda", "2. Measures", "3. Communication", "4. Hierarchies", "5. Reciprocity"]
BANDS = [Band(0, "Emerging"), Band(40, "Developing"), Band(60, "Established"), Band(80, "Embedded")]


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)


def radar(series: list[RadarSeries] | None = None) -> str:
    return radar_chart(
        AXES,
        series
        if series is not None
        else [
            RadarSeries("Council", [60, 55, 70, 66, 63]),
            RadarSeries("Care homes", [42, 33, 51, 19, 49]),
        ],
        partnership=RadarSeries("Partnership", [51, 44, 60, 42, 56]),
    )


def texts(root: ET.Element) -> list[str]:
    return ["".join(t.itertext()) for t in root.iter(f"{SVG}text")]


def test_radar_is_well_formed_svg_labelled_by_its_title() -> None:
    root = parse(radar())
    assert root.tag == f"{SVG}svg"
    assert root.get("role") == "img"
    title = root.find(f"{SVG}title")
    assert title is not None and title.text
    assert root.get("aria-labelledby") == title.get("id")


def test_radar_title_is_the_text_alternative_with_every_value() -> None:
    """WeasyPrint makes the <title>, and only it, the tagged PDF's /Alt text."""
    title = parse(radar()).find(f"{SVG}title")
    assert title is not None and title.text is not None
    assert title.text.startswith("Radar chart of principle scores. Scores from 0 to 100")
    assert "Partnership: 1. Agenda 51, 2. Measures 44" in title.text
    assert "Care homes: 1. Agenda 42, 2. Measures 33, 3. Communication 51, 4. Hierarchies 19" in (
        title.text
    )


@pytest.mark.parametrize(
    ("value", "band"), [(79.9999999995, 3), (79.99, 2), (40.0, 1), (-1e-10, 0), (None, None)]
)
def test_a_value_within_the_tolerance_of_a_bands_min_is_in_that_band(
    value: float | None, band: int | None
) -> None:
    assert band_index(BANDS, value) == band


def test_radar_rings_start_where_the_levels_do_converted_from_the_displayed_unit() -> None:
    assert radar_rings([0, 40, 60, 80]) == [40, 60, 80, 100]
    assert radar_rings([1, 3, 4], Display("scale", 1, 5)) == [50, 75, 100]


def test_on_the_scale_the_radars_rings_and_values_are_in_the_scales_unit() -> None:
    scale = Display("scale", 1, 5)
    svg = radar_chart(
        AXES,
        [RadarSeries("Council", [60, 55, 70, 66, 63])],
        partnership=RadarSeries("Partnership", [50, 44, 60, 42, 56]),
        rings=radar_rings([1, 3, 4], scale),
        display=scale,
    )
    root = parse(svg)
    assert {"3.0", "4.0", "5.0"} <= set(texts(root))
    title = root.find(f"{SVG}title")
    assert title is not None and title.text is not None
    assert "Scores on the 1–5 scale on each principle" in title.text
    assert "Partnership: 1. Agenda 3.0, 2. Measures 2.8" in title.text


def test_radar_labels_every_axis_and_its_legend_names_the_partnership_range_and_rings() -> None:
    shown = " ".join(texts(parse(radar())))
    for label in ["Partnership", "Range from the lowest", "Where a level starts", "Agenda"]:
        assert label in shown
    assert "Council" not in shown  # each organisation's own line is in its small radar


def test_organisation_lines_differ_in_dash_and_marker_not_only_in_colour() -> None:
    styles = [organisation_style(i) for i in range(10)]
    assert len({(s.dash, s.marker) for s in styles}) == 10
    assert len({s.marker for s in styles}) == len(MARKERS)
    assert len({s.dash for s in styles[: len(DASHES)]}) == len(DASHES)


def test_names_in_charts_are_escaped() -> None:
    evil = RadarSeries("<script>alert(1)</script> & Co", [50, 50, 50, 50, 50])
    partnership = RadarSeries("Partnership", [50, 50, 50, 50, 50])
    for svg in [
        radar([evil]),
        shape_chart(["1", "2", "3", "4", "5"], evil, 0, partnership=partnership),
    ]:
        assert "<script>" not in svg
        assert "&lt;script&gt;" in svg
        parse(svg)  # still well-formed


def heat() -> HeatMap:
    return heat_map(
        [
            HeatRow("Council", [75.0, 39.6, None, 58.0]),
            HeatRow("Care homes", [0.0, 100.0, 62.5, 40.0]),
            HeatRow("Partnership", [37.5, 69.8, 62.5, 49.0], emphasis=True),
        ],
        ["Q1", "Q2", "Q3", "Score"],
        BANDS,
        title="Heat map: agenda",
        emphasis_columns=1,
    )


def printed(table: HeatMap) -> dict[str, list[str]]:
    return {row.label: row.printed for row in table.rows}


def tones(table: HeatMap) -> dict[str, int]:
    """How many cells each tone paints."""
    return dict(Counter(cell.tone for row in table.rows for cell in row.cells))


def test_heat_map_prints_the_rounded_number_in_every_cell() -> None:
    assert printed(heat()) == {
        "Council": ["75", "40", "–", "58"],
        "Care homes": ["0", "100", "63", "40"],
        "Partnership": ["38", "70", "63", "49"],
    }


def test_heat_map_marks_a_cell_without_answers_with_a_dash_on_white_and_says_so() -> None:
    blank = heat().rows[0].cells[2]
    assert (blank.text, blank.tone, blank.said) == ("–", BLANK_TONE, "no answers")
    assert {t.name: t.colour for t in heat_tones(4)}[BLANK_TONE] == "#fff"


def test_summary_columns_and_rows_are_marked_for_bold_type() -> None:
    table = heat()
    assert [c.summary for c in table.columns] == [False, False, False, True]
    assert [c.summary for c in table.rows[0].cells] == [False, False, False, True]
    assert all(c.summary for c in table.rows[2].cells)  # the partnership's row
    assert [r.emphasis for r in table.rows] == [False, False, True]


FEW = Hidden("<3", "hidden (fewer than 3 responses)", "fewer than 3 responses")
GUARD = Hidden("×", "hidden (so another hidden cell cannot be worked out)", "hidden to protect")


def test_a_hidden_cell_prints_its_mark_on_grey_and_the_key_explains_it() -> None:
    table = heat_map(
        [
            HeatRow("Council", [75.0, FEW, 50.0]),
            HeatRow("Police", [GUARD, 25.0, 50.0]),
            HeatRow("Partnership", [60.0, 30.0, 50.0], emphasis=True),
        ],
        ["Q1", "Q2", "Score"],
        BANDS,
        emphasis_columns=1,
    )
    assert printed(table)["Council"] == ["75", "<3", "50"]
    assert printed(table)["Police"] == ["×", "25", "50"]
    assert tones(table)[HIDDEN_TONE] == 2
    assert table.rows[0].cells[1].said == "hidden (fewer than 3 responses)"
    assert {t.name: t.colour for t in heat_tones(4)}[HIDDEN_TONE] == HIDDEN_FILL
    key = [(entry.tone, entry.text) for entry in table.key]
    assert (HIDDEN_TONE, "<3 fewer than 3 responses") in key
    assert (HIDDEN_TONE, "× hidden to protect") in key


def test_a_key_names_only_the_marks_its_map_uses() -> None:
    assert [entry.text for entry in heat().key] == [
        "Emerging 0+",
        "Developing 40+",
        "Established 60+",
        "Embedded 80+",
        "– no answers",
    ]


def test_a_hidden_value_leaves_a_gap_in_its_small_radar_and_is_named_in_the_title() -> None:
    police = RadarSeries("Police", [50, FEW, 50, 50, 50])
    svg = shape_chart(
        ["1", "2", "3", "4", "5"],
        police,
        0,
        partnership=RadarSeries("Partnership", [50] * 5),
        axes=AXES,
    )
    root = parse(svg)
    assert not [
        p for p in root.iter(f"{SVG}polygon") if p.get("stroke") == organisation_style(0).colour
    ]
    title = root.find(f"{SVG}title")
    assert title is not None and "Police: 1. Agenda 50, 2. Measures hidden (fewer than 3" in (
        title.text or ""
    )
    assert "<3" not in " ".join(texts(root))  # a gap, not a mark, on the radar
    assert "hidden (fewer than 3" in (parse(radar([police])).findtext(f"{SVG}title") or "")


def test_heat_map_colours_a_cell_by_the_band_of_its_exact_score() -> None:
    # 39.6 is shown as 40 but is still Emerging, as the levels are decided before rounding.
    assert band_index(BANDS, 39.6) == 0
    assert band_index(BANDS, 40.0) == 1
    assert band_index(BANDS, None) is None
    emerging, developing, established, embedded = (t.name for t in heat_tones(4)[:4])
    assert tones(heat()) == {
        emerging: 3,  # 39.6, 0, 37.5
        developing: 3,  # 58, 40, 49
        established: 4,  # 75, 62.5, 69.8, 62.5
        embedded: 1,  # 100
        BLANK_TONE: 1,
    }


def test_every_tone_has_its_own_colour_and_the_bands_follow_the_ramp() -> None:
    palette = heat_tones(4)
    assert [t.colour for t in palette[:4]] == level_colours(4)
    assert len({t.name for t in palette}) == len({t.colour for t in palette}) == 6


def test_a_wide_principle_is_split_into_blocks_keeping_the_score_in_the_last() -> None:
    columns = [f"Q{i}" for i in range(1, 31)] + ["Score"]
    table = heat_map(
        [HeatRow("Council", [float(i) for i in range(31)])],
        columns,
        BANDS,
        emphasis_columns=1,
        max_columns=12,
    )
    assert [[c.label for c in b.columns][-1] for b in table.blocks] == ["Q12", "Q24", "Score"]
    assert [len(b.columns) for b in table.blocks] == [12, 12, 7]
    assert [cell for b in table.blocks for cell in b.rows[0].cells] == table.rows[0].cells
    assert [b.rows[0].label for b in table.blocks] == ["Council"] * 3


def test_a_narrow_principle_is_one_block() -> None:
    table = heat()
    assert len(table.blocks) == 1
    assert table.blocks[0].columns == table.columns and table.blocks[0].rows == table.rows


@pytest.mark.parametrize("count", [1, 2, 3, 4, 5, 7])
def test_level_colours_are_distinct_for_any_number_of_levels(count: int) -> None:
    colours = level_colours(count)
    assert len(colours) == count == len(set(colours))
    assert all(len(c) == 7 and c.startswith("#") for c in colours)


@pytest.mark.parametrize(
    ("text", "chars", "lines", "expected"),
    [
        (
            "Shared understanding and a common agenda",
            21,
            3,
            ["Shared understanding", "and a common agenda"],
        ),
        ("Northshire Community Health NHS Trust", 12, 2, ["Northshire", "Community…"]),
        ("Supercalifragilistic", 8, 3, ["Superca-", "lifragi-", "listic"]),
        ("", 10, 2, [""]),
    ],
)
def test_wrap_text(text: str, chars: int, lines: int, expected: list[str]) -> None:
    assert wrap_text(text, chars, lines) == expected
