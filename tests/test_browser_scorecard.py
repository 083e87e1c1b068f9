"""The HTML scorecard (`report --html`) in a real headless Chromium: what a screen-reader user or
an intranet visitor gets. It must pass axe-core, fetch nothing, and read on a phone.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from browser_support import RequestLog, describe, require_axe, run_axe
from pdf_support import BASELINE, PARTNERSHIP, RESPONSES, report

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def scorecard(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example partnership with a baseline and small groups hidden: every part shown."""
    html = tmp_path_factory.mktemp("scorecard") / "scorecard.html"
    code, _, err = report(
        str(RESPONSES),
        *("--partnership", PARTNERSHIP, "--baseline", str(BASELINE)),
        *("--min-group-size", "3", "--html", str(html)),
    )
    assert code == 0, err
    return html


@pytest.fixture
def tab(context: Any, scorecard: Path, requests: RequestLog) -> Iterator[Any]:
    requests.allowed.add(scorecard.as_uri())
    page = context.new_page()
    page.goto(scorecard.as_uri())
    yield page
    page.close()


def test_the_html_scorecard_passes_axe(tab: Any) -> None:
    violations = run_axe(tab, require_axe())
    assert violations == [], describe(violations)


def test_the_html_scorecard_fetches_nothing(tab: Any, requests: RequestLog) -> None:
    assert tab.locator("table.heatmap").count() == 5
    assert requests.requests == [] and requests.websockets == []


def test_on_screen_the_scorecard_reads_at_16_px_and_prints_at_its_print_sizes(tab: Any) -> None:
    """Screen: body text 16 px, most paragraphs at it and none under 12 px (notes); print (as
    the PDF): the 10 pt body."""
    sizes = """() => {
        const sizes = [...document.querySelectorAll("p, li, td")].filter((p) => p.innerText.trim())
          .map((p) => parseFloat(getComputedStyle(p).fontSize));
        const count = (size) => sizes.filter((s) => s === size).length;
        return { body: getComputedStyle(document.body).fontSize, smallest: Math.min(...sizes),
                 commonest: sizes.reduce((a, b) => (count(a) >= count(b) ? a : b)) };
    }"""
    on_screen = tab.evaluate(sizes)
    assert on_screen["body"] == "16px" and on_screen["smallest"] >= 12, on_screen
    assert on_screen["commonest"] >= 14, on_screen
    tab.emulate_media(media="print")
    in_print = tab.evaluate(sizes)
    assert in_print["body"] == "13.3333px", in_print  # 10 pt
    tab.emulate_media(media="screen")


def test_each_heat_map_cell_is_announced_with_its_organisation_and_question(tab: Any) -> None:
    """Through Chromium's accessibility tree: the cell's row and column headers."""
    table = tab.locator("table.heatmap").first
    assert table.get_attribute("aria-label", timeout=1000).startswith("Heat map: ")
    police = table.get_by_role("row", name="Northshire Police")
    cells = police.get_by_role("cell")
    assert cells.count() == 9 + 1  # the principle's nine rated questions and its score
    assert cells.first.get_attribute("title") == "hidden (fewer than 3 responses)"
    headers = table.get_by_role("columnheader").all_inner_texts()
    # numbered as the form numbers them: Q9 (one answer from a list) and Q11 (free text) are
    # not rated, so they have no column
    questions = ["Q1", "Q2", "Q3", "Q4", "Q5", "Q6*", "Q7", "Q8", "Q10"]
    assert headers == ["ORGANISATION", *questions, "Score"]


@pytest.mark.parametrize("width", [320, 640])
def test_the_scorecard_reads_on_a_phone_without_sideways_scrolling(
    browser: Any, scorecard: Path, width: int
) -> None:
    ctx = browser.new_context(
        viewport={"width": width, "height": 800}, device_scale_factor=1280 // width
    )
    try:
        page = ctx.new_page()
        page.goto(scorecard.as_uri())
        assert page.evaluate("document.documentElement.scrollWidth") <= width
    finally:
        ctx.close()


@pytest.fixture(scope="module")
def breakdowns_round(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A bank of every question type: breakdown pages with hidden groups, counts, n/a."""
    data = Path(__file__).parent / "data" / "breakdowns"
    html = tmp_path_factory.mktemp("breakdowns") / "scorecard.html"
    code, _, err = report(
        *("--questionnaire", str(data / "bank.yaml"), str(data / "responses")),
        *("--partnership", PARTNERSHIP, "--html", str(html)),
    )
    assert code == 0, err
    return html


def test_breakdown_pages_and_counts_pass_axe_and_read_on_a_phone(
    browser: Any, breakdowns_round: Path
) -> None:
    ctx = browser.new_context(viewport={"width": 320, "height": 800}, device_scale_factor=4)
    try:
        page = ctx.new_page()
        page.goto(breakdowns_round.as_uri())
        assert page.locator("table.breakdown-table").count() == 2
        assert page.locator("table.choice-table").count() == 2
        violations = run_axe(page, require_axe())
        assert violations == [], describe(violations)
        assert page.evaluate("document.documentElement.scrollWidth") <= 320
    finally:
        ctx.close()
