"""The scorecard's SVG charts: well-formed, readable without colour, with a text alternative."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from selfassess.charts import (
    DASHES,
    HIDDEN_FILL,
    MARKERS,
    Band,
    HeatRow,
    Hidden,
    RadarSeries,
    band_colours,
    band_index,
    heat_map,
    radar_chart,
    series_style,
    wrap_text,
)

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


def test_radar_labels_every_axis_and_every_line_in_the_legend() -> None:
    shown = " ".join(texts(parse(radar())))
    for label in ["Partnership", "Council", "Care homes", "Agenda", "Reciprocity"]:
        assert label in shown


def test_organisation_lines_differ_in_dash_and_marker_not_only_in_colour() -> None:
    styles = [series_style(i) for i in range(10)]
    assert len({(s.dash, s.marker) for s in styles}) == 10
    assert len({s.marker for s in styles}) == len(MARKERS)
    assert len({s.dash for s in styles[: len(DASHES)]}) == len(DASHES)


def test_each_organisation_line_is_drawn_with_its_own_dash_pattern() -> None:
    root = parse(radar())
    dashes = {
        shape.get("stroke-dasharray")
        for shape in [*root.iter(f"{SVG}polygon"), *root.iter(f"{SVG}polyline")]
        if shape.get("stroke") in (series_style(0).colour, series_style(1).colour)
    }
    assert series_style(1).dash in dashes


def test_a_principle_without_a_score_leaves_a_gap_in_that_line() -> None:
    gappy = RadarSeries("Police", [50, None, 60, 40, 45])
    root = parse(radar([gappy]))
    colour = series_style(0).colour
    closed = [p for p in root.iter(f"{SVG}polygon") if p.get("stroke") == colour]
    open_runs = [p for p in root.iter(f"{SVG}polyline") if p.get("stroke") == colour]
    assert closed == []
    assert len(open_runs) == 1  # 3 -> 4 -> 5 -> 1, wrapping round; 1 -> 2 and 2 -> 3 missing
    assert len(open_runs[0].get("points", "").split()) == 4


def test_names_in_charts_are_escaped() -> None:
    evil = RadarSeries("<script>alert(1)</script> & Co", [50, 50, 50, 50, 50])
    svg = radar([evil])
    assert "<script>" not in svg
    assert "&lt;script&gt;" in svg
    parse(svg)  # still well-formed


def heat() -> str:
    return heat_map(
        [
            HeatRow("Council", [75.0, 39.6, None, 58.0]),
            HeatRow("Care homes", [0.0, 100.0, 62.5, 40.0]),
            HeatRow("Partnership", [37.5, 69.8, 62.5, 49.0], emphasis=True),
        ],
        ["Q1", "Q2", "Q3", "Score"],
        BANDS,
        emphasis_columns=1,
    )


def numbers(root: ET.Element) -> list[str]:
    return [word for text in texts(root) for word in text.split()]


def cells_by_fill(root: ET.Element) -> dict[str, int]:
    """How many cells each fill paints: one path per fill, one subpath per cell."""
    return {path.get("fill", ""): path.get("d", "").count("M") for path in root.iter(f"{SVG}path")}


def test_heat_map_prints_the_rounded_number_in_every_cell() -> None:
    shown = numbers(parse(heat()))
    for row in (["75", "40", "–", "58"], ["0", "100", "63", "40"], ["38", "70", "63", "49"]):
        for number in row:
            assert number in shown
    assert len([w for w in shown if w.isdigit() or w == "–"]) >= 12


def test_heat_map_marks_a_cell_without_answers_with_a_dash_on_white() -> None:
    root = parse(heat())
    assert "–" in numbers(root)
    assert cells_by_fill(root)["#fff"] == 1


FEW = Hidden("<3", "hidden (fewer than 3 responses)", "fewer than 3 responses")
GUARD = Hidden("×", "hidden (so another hidden cell cannot be worked out)", "hidden to protect")


def test_a_hidden_cell_prints_its_mark_on_grey_and_the_key_explains_it() -> None:
    root = parse(
        heat_map(
            [
                HeatRow("Council", [75.0, FEW, 50.0]),
                HeatRow("Police", [GUARD, 25.0, 50.0]),
                HeatRow("Partnership", [60.0, 30.0, 50.0], emphasis=True),
            ],
            ["Q1", "Q2", "Score"],
            BANDS,
            emphasis_columns=1,
        )
    )
    words = numbers(root)
    assert "<3" in words and "×" in words
    assert cells_by_fill(root)[HIDDEN_FILL] == 2
    shown = " ".join(texts(root))
    assert "<3 fewer than 3 responses" in shown and "× hidden to protect" in shown
    title = root.find(f"{SVG}title")
    assert title is not None and title.text is not None
    assert "Council: Q1 75, Q2 hidden (fewer than 3 responses), Score 50" in title.text
    assert "Police: Q1 hidden (so another hidden cell cannot be worked out)" in title.text


def test_a_hidden_radar_value_leaves_a_gap_and_is_named_in_the_title() -> None:
    svg = radar([RadarSeries("Police", [50, FEW, 50, 50, 50])])
    root = parse(svg)
    assert not [p for p in root.iter(f"{SVG}polygon") if p.get("stroke") == series_style(0).colour]
    title = root.find(f"{SVG}title")
    assert title is not None and "Police: 1. Agenda 50, 2. Measures hidden (fewer than 3" in (
        title.text or ""
    )
    assert "<3" not in " ".join(texts(root))  # a gap, not a mark, on the radar


def test_heat_map_colours_a_cell_by_the_band_of_its_exact_score() -> None:
    # 39.6 is shown as 40 but is still Emerging, as the levels are decided before rounding.
    assert band_index(BANDS, 39.6) == 0
    assert band_index(BANDS, 40.0) == 1
    assert band_index(BANDS, None) is None
    emerging, developing, established, embedded = band_colours(4)
    assert cells_by_fill(parse(heat())) == {
        emerging: 3,  # 39.6, 0, 37.5
        developing: 3,  # 58, 40, 49
        established: 4,  # 75, 62.5, 69.8, 62.5
        embedded: 1,  # 100
        "#fff": 1,
    }


def test_heat_map_has_a_key_of_the_bands_and_a_text_alternative() -> None:
    root = parse(heat())
    shown = texts(root)
    assert "Emerging 0+" in shown and "Embedded 80+" in shown
    title = root.find(f"{SVG}title")
    assert title is not None and "Council: Q1 75, Q2 40, Q3 no answers, Score 58" in (
        title.text or ""
    )


@pytest.mark.parametrize("count", [1, 2, 3, 4, 5, 7])
def test_band_colours_are_distinct_for_any_number_of_levels(count: int) -> None:
    colours = band_colours(count)
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
