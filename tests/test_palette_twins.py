"""One palette for the twins: the PDF's small radars (the SVGs the scorecard embeds, in the PDF
and the HTML scorecard alike) and the partnership page draw each organisation in the same colour, dash
and marker, each level in the same colour, and both heat maps have one orientation."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest
from browser_support import RequestLog
from chromium import wait_until
from test_browser_partnership import pick

from selfassess.core.model import Questionnaire
from selfassess.core.palette import (
    level_colours,
    organisation_style,
)
from selfassess.core.scoring import score_all
from selfassess.inputs.paths import expand_input_paths
from selfassess.inputs.responses import bank_for_responses, load_responses
from selfassess.pages.partnership import render_partnership_page
from selfassess.pages.themes import load_theme
from selfassess.report.pipeline import render_scorecard_html
from selfassess.scorecard.build import build_scorecard
from selfassess.scorecard.options import ScorecardOptions
from selfassess.scorecard.views import ScorecardView

EXAMPLES = Path(__file__).parent.parent / "examples" / "responses"
SVG = "{http://www.w3.org/2000/svg}"
FIRST = 3  # organisations compared: solid circles, dashed squares, dotted triangles


@pytest.fixture(scope="module")
def bank() -> Questionnaire:
    return bank_for_responses(expand_input_paths([str(EXAMPLES)])).questionnaire


@pytest.fixture(scope="module")
def view(bank: Questionnaire) -> ScorecardView:
    loaded = load_responses(expand_input_paths([str(EXAMPLES)]), bank)
    scores = score_all(bank, loaded.responses)
    return build_scorecard(bank, scores, loaded.responses, ScorecardOptions())


def corners(d: str) -> int:
    """How many corners a marker path's first shape has (0: a circle, drawn with arcs)."""
    first = d.split("z")[0]
    return 0 if "a" in first else first.count("L") + 1


def expected_corners(marker: str) -> int:
    return {"circle": 0, "square": 4, "diamond": 4, "triangle": 3, "triangle-down": 3}[marker]


def scorecard_line(svg: ET.Element, colour: str) -> tuple[str, int]:
    """The dash pattern and marker corners of the radar line drawn in `colour`."""
    lines = [e for e in svg.iter() if e.tag in (f"{SVG}polygon", f"{SVG}polyline")]
    line = next(e for e in lines if e.get("stroke") == colour)
    marker = next(e for e in svg.iter(f"{SVG}path") if e.get("fill") == colour)
    return line.get("stroke-dasharray", ""), corners(marker.get("d", ""))


def test_the_scorecards_radar_draws_each_organisation_in_its_palette_style(
    view: ScorecardView, bank: Questionnaire
) -> None:
    html = render_scorecard_html(view, load_theme())
    for index in range(FIRST):
        assert view.shapes[index].svg in html  # the PDF embeds these same SVGs
        svg = ET.fromstring(view.shapes[index].svg)  # each organisation's own small radar
        style = organisation_style(index)
        assert scorecard_line(svg, style.colour) == (style.dash, expected_corners(style.marker))
    assert organisation_style(0).colour == "#E69F00"


def test_the_scorecard_and_the_partnership_page_colour_levels_alike(
    view: ScorecardView, bank: Questionnaire
) -> None:
    colours = level_colours(len(bank.levels))
    page = render_partnership_page(bank, load_theme())
    html = render_scorecard_html(view, load_theme())
    for index, colour in enumerate(colours):
        assert f".tone-{index}{{background:{colour}}}" in page
        assert re.search(rf"\.tone-{index} \{{ background-color: {colour}; \}}", html)
    assert [lv.colour for lv in view.levels] == colours


def test_both_heat_maps_have_a_row_per_organisation_and_a_column_per_question(
    view: ScorecardView, bank: Questionnaire
) -> None:
    principle = view.sections[0]
    heat = principle.heat_map
    questions = bank.principles[0].questions
    assert [c.label.rstrip("*") for c in heat.columns][:-1] == [
        f"Q{n}" for n, question in enumerate(questions, 1) if question.is_scored
    ]  # a column per rated question, numbered as the form numbers it
    assert heat.rows[-1].label == "Partnership"
    page = render_partnership_page(bank, load_theme())
    head = re.search(r'<table class="heat" id="heat-[^"]+">.*?<thead>(.*?)</thead>', page, re.S)
    assert head is not None
    assert re.findall(r"<th [^>]*>([^<]+)</th>", head.group(1)) == [
        "Organisation",
        *(c.label for c in heat.columns[:-1]),
        "Score",
    ]


@pytest.mark.browser
def test_the_partnership_page_draws_each_organisation_as_the_scorecard_does(
    context: Any, requests: RequestLog, bank: Questionnaire, view: ScorecardView, tmp_path: Path
) -> None:
    path = tmp_path / "partnership.html"
    path.write_text(render_partnership_page(bank, load_theme()), encoding="utf-8")
    requests.allowed.add(path.as_uri())
    page = context.new_page()
    page.goto(path.as_uri())
    wait_until(page, "() => window.selfassessResult !== undefined")
    result = pick(page, sorted(EXAMPLES.iterdir()))
    assert result is not None
    for index in range(FIRST):
        svg = ET.fromstring(view.shapes[index].svg)
        group = page.locator(f"#radar svg .radar-series-{index + 1}")  # 0 is the partnership
        style = organisation_style(index)
        line = group.locator("path[fill=none]").first
        assert group.get_attribute("stroke") == style.colour
        assert (line.get_attribute("stroke-dasharray") or "") == style.dash
        drawn = 0 if group.locator("circle").count() else None
        if drawn is None:
            points = group.locator("polygon").first.get_attribute("points") or ""
            drawn = len(points.split())
        assert (style.dash, drawn) == scorecard_line(svg, style.colour)
    # The same organisations in the same order, so index i is the same organisation in both.
    table = page.locator("table.heat:visible tbody th")
    names = [t.rsplit(" (", 1)[0] for t in table.all_inner_texts()]
    assert names == [*result["organisations"], "Partnership"]
    assert [r.label for r in view.sections[0].heat_map.rows] == names
