"""The partnership page over several rounds, in a real headless Chromium: every trends vector
loaded round by round into the page of its bank gives expected.json in window.selfassessTrends;
a principle added later reads "not asked in this round" (never 0), a late organisation "new";
the round controls work from the keyboard alone; axe-core finds nothing; and screenshots at
1280 and 375 px are left in the test's folder to look at.

Tests drive the page as a facilitator does (the label typed, the files chosen through the
round's own file input) and wait on conditions, never on time.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from browser_support import RequestLog, describe, require_axe, run_axe
from chromium import wait_until
from test_vectors import assert_matches

from selfassess.core.model import Questionnaire
from selfassess.inputs.banks import load_questionnaire
from selfassess.pages.partnership import render_partnership_page
from selfassess.pages.themes import load_theme

pytestmark = pytest.mark.browser

TRENDS = Path(__file__).parent / "vectors" / "trends"
CASES = sorted(p for p in TRENDS.iterdir() if (p / "expected.json").is_file())
# Three rounds: `measures` new in round 2, Riverside Care joining in round 3 (its README).
THREE_ROUNDS = TRENDS / "01-three-rounds"


def rounds_of(case: Path) -> list[tuple[str, list[Path]]]:
    """A vector's rounds, oldest first: each label with its answer files."""
    listed = json.loads((case / "rounds.json").read_text(encoding="utf-8"))
    return [
        (r["label"], sorted(p for p in (case / r["dir"]).rglob("*") if p.is_file())) for r in listed
    ]


@pytest.fixture
def open_page(context: Any, requests: RequestLog, tmp_path: Path) -> Iterator[Any]:
    """A bank's partnership page from file://, failing the test on any script error."""
    errors: list[str] = []

    def opener(bank: Questionnaire) -> Any:
        path = tmp_path / f"{bank.id}-partnership.html"
        path.write_text(render_partnership_page(bank, load_theme("default")), encoding="utf-8")
        requests.allowed.add(path.as_uri())
        tab = context.new_page()
        tab.on("pageerror", lambda error: errors.append(str(error)))
        tab.goto(path.as_uri())
        wait_until(tab, "() => window.selfassessTrends === null")
        return tab

    yield opener
    assert errors == [], errors


def add_round(page: Any, label: str, files: list[Path]) -> None:
    """Add an earlier round as a person does: the button, the name, the files, "Add this round"."""
    count = page.locator("#round-list > li").count()
    page.get_by_role("button", name="Add an earlier round").click()
    page.locator("#round-label").fill(label)
    page.locator("#round-files").set_input_files([str(f) for f in files])
    wait_until(page, "() => document.getElementById('round-files-chosen').textContent !== ''")
    page.get_by_role("button", name="Add this round").click()
    wait_until(page, "(n) => document.querySelectorAll('#round-list > li').length > n", arg=count)


def pick_current(page: Any, label: str, files: list[Path]) -> None:
    """This round: its name, and its files through the page's own file input."""
    page.locator("#current-round-label").fill(label)
    page.locator("#answer-files").set_input_files([str(f) for f in files])
    wait_until(page, "() => window.selfassessResult !== null")


def load_case(page: Any, case: Path) -> dict[str, Any] | None:
    rounds = rounds_of(case)
    for label, files in rounds[:-1]:
        add_round(page, label, files)
    pick_current(page, *rounds[-1])
    wait_until(page, "() => window.selfassessTrends !== null")
    # Through JSON: Playwright's own transfer of objects drops a key named `__proto__`.
    trends: dict[str, Any] | None = json.loads(
        page.evaluate("JSON.stringify(window.selfassessTrends)")
    )
    return trends


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_each_trends_vector_loaded_round_by_round_gives_its_expected_trends(
    open_page: Any, case: Path
) -> None:
    page = open_page(load_questionnaire(case / "bank.yaml"))
    expected = json.loads((case / "expected.json").read_text(encoding="utf-8"))
    assert_matches(load_case(page, case), expected, case.name)


def cell_texts(page: Any, table: str) -> dict[str, list[str]]:
    """A trends table as its rows' header -> the text of each round's cell."""
    rows = page.evaluate(
        "(id) => JSON.stringify(Array.from(document.getElementById(id).tBodies[0].rows,"
        " (r) => [r.cells[0].textContent, Array.from(r.cells).slice(1).map((c) => c.textContent.trim())]))",
        table,
    )
    return {name: cells for name, cells in json.loads(rows)}  # `__proto__` survives as JSON


def test_a_principle_added_later_is_not_asked_in_the_first_round_and_a_late_organisation_is_new(
    open_page: Any,
) -> None:
    page = open_page(load_questionnaire(THREE_ROUNDS / "bank.yaml"))
    load_case(page, THREE_ROUNDS)
    principles = cell_texts(page, "trends-principles")
    assert principles["Shared measures"] == [
        "not asked in this round",
        "34 Emerging",
        "56 Developing",
    ]
    assert principles["Overall"] == ["42 Developing", "44 Developing", "63 Established"]
    organisations = cell_texts(page, "trends-organisations")
    assert organisations["Riverside Care"] == ["not in this round", "not in this round", "88 ✚ new"]
    assert organisations["Harbour Trust"] == [
        "41",
        "42 ▲ up 1",
        "52 ▲ up 10 fewer than half the same roles answered",
    ]
    assert organisations["Northshire Council"] == ["44", "46 ▲ up 2", "48 ▲ up 2"]
    headings = page.locator("#trends-principles thead th").all_text_contents()
    assert headings == ["Principle", "Spring 2025", "Autumn 2025", "Spring 2026"]
    assert (
        "Harbour Trust, Spring 2026: fewer than half" in page.locator("#trends-notes").inner_text()
    )
    # The arrow is decoration: the words say the direction.
    assert page.locator(".trend-arrow").first.get_attribute("aria-hidden") == "true"


def test_one_round_alone_gives_no_trends(open_page: Any) -> None:
    page = open_page(load_questionnaire(THREE_ROUNDS / "bank.yaml"))
    (label, files), *_ = rounds_of(THREE_ROUNDS)
    add_round(page, label, files)
    assert page.evaluate("window.selfassessTrends") is None
    assert page.locator("#rounds-need").is_visible()
    assert page.locator("#trends").is_hidden()


def test_the_round_controls_work_from_the_keyboard_alone(open_page: Any) -> None:
    page = open_page(load_questionnaire(THREE_ROUNDS / "bank.yaml"))
    rounds = rounds_of(THREE_ROUNDS)
    page.locator("#current-round-label").focus()
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "add-round"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "round-label"
    page.keyboard.press("Enter")  # no name, no files: both errors, the name's focused
    assert page.locator("#round-label-error").inner_text() == "Enter a name for the round"
    assert (
        page.locator("#round-files-error").inner_text() == "Choose the answer files of that round"
    )
    assert page.locator("#round-label").get_attribute("aria-invalid") == "true"
    page.keyboard.type(rounds[0][0])
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "round-files"
    # A file chooser cannot be driven by keys here: the files are set on the focused input.
    page.locator("#round-files").set_input_files([str(f) for f in rounds[0][1]])
    wait_until(page, "() => document.getElementById('round-files-chosen').textContent !== ''")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "round-save"
    page.keyboard.press("Enter")
    wait_until(page, "() => document.querySelectorAll('#round-list > li').length === 1")
    assert page.evaluate("document.activeElement.id") == "add-round"
    assert page.locator("#rounds-status").inner_text() == "Added the round “Spring 2025”."
    # The same name again is refused; Escape closes the form.
    page.keyboard.press("Enter")
    page.keyboard.type("Spring 2025")
    page.keyboard.press("Enter")
    assert "already a round called “Spring 2025”" in page.locator("#round-label-error").inner_text()
    page.locator("#round-label").fill("Spring\t2025")  # a tab pasted in
    page.keyboard.press("Enter")
    assert "control characters" in page.locator("#round-label-error").inner_text()
    page.keyboard.press("Escape")
    assert page.locator("#round-form").count() == 0
    assert page.evaluate("document.activeElement.id") == "add-round"
    page.keyboard.press("Shift+Tab")
    assert page.evaluate("document.activeElement.textContent") == "Remove the round “Spring 2025”"
    page.keyboard.press("Enter")
    wait_until(page, "() => document.querySelectorAll('#round-list > li').length === 0")
    assert page.evaluate("document.activeElement.id") == "add-round"


def test_the_rounds_and_trends_are_accessible_and_look_right_at_1280_and_375_px(
    open_page: Any, tmp_path: Path
) -> None:
    axe = require_axe()
    page = open_page(load_questionnaire(THREE_ROUNDS / "bank.yaml"))
    page.get_by_role("button", name="Add an earlier round").click()
    page.get_by_role("button", name="Add this round").click()  # the errors shown
    page.locator("#rounds").screenshot(path=str(tmp_path / "round-form-errors.png"))
    violations = run_axe(page, axe)
    assert violations == [], describe(violations)
    page.get_by_role("button", name="Cancel").click()
    load_case(page, THREE_ROUNDS)
    violations = run_axe(page, axe)
    assert violations == [], describe(violations)
    for width in (1280, 375):
        page.set_viewport_size({"width": width, "height": 900})
        page.locator("#rounds").screenshot(path=str(tmp_path / f"rounds-{width}.png"))
        page.locator("#trends").screenshot(path=str(tmp_path / f"trends-{width}.png"))
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"the page scrolls sideways at {width} px"


def test_round_names_and_organisations_from_files_are_shown_as_text_and_renaming_keeps_figures(
    open_page: Any,
) -> None:
    page = open_page(load_questionnaire(THREE_ROUNDS / "bank.yaml"))
    rounds = rounds_of(THREE_ROUNDS)
    hostile = '<img src=x onerror="window.hit=1">'
    add_round(page, hostile, rounds[0][1])
    pick_current(page, "Now", rounds[2][1])
    wait_until(page, "() => window.selfassessTrends !== null")
    before = page.evaluate("JSON.stringify(window.selfassessTrends.overall)")
    assert page.locator("#round-list h3").inner_text() == hostile
    assert page.locator("#trends-principles thead th").nth(1).inner_text() == hostile
    assert page.locator("#trends img, #rounds img").count() == 0
    assert page.evaluate("window.hit") is None
    page.locator("#current-round-label").fill("")
    assert page.locator("#trends-principles thead th").nth(2).inner_text() == "This round"
    assert page.evaluate("window.selfassessTrends.rounds[1].label") == "This round"
    assert page.evaluate("JSON.stringify(window.selfassessTrends.overall)") == before


def test_an_organisation_present_without_a_score_says_so_and_hostile_names_are_rows(
    open_page: Any,
) -> None:
    case = TRENDS / "02-scale-and-hostile-names"
    page = open_page(load_questionnaire(case / "bank.yaml"))
    load_case(page, case)
    organisations = cell_texts(page, "trends-organisations")
    assert organisations["Beta"] == ["2.7", "No score"]
    assert organisations["constructor"] == ["2.2", "3.2 ▲ up 1.0"]
    assert organisations["__proto__"] == ["3.4", "3.4 ▶ level"]
