"""The partnership page's Workshop view in a real headless Chromium: a workshop recorded with the
keyboard, downloaded as a file the command line's reader (inputs/workshop.load_workshop), the
JSON Schema and `report --workshop` (then `verify`) accept, kept on the device across a reload,
loaded back field for field; every refused fixture with its first line word for word, nothing
recorded lost; the error summary; projector mode; axe-core clean in both modes; screenshots.

Tests read the page through its fields and window.selfassessResult, and wait on conditions.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from browser_support import RequestLog, describe, reload_when_saved, require_axe, run_axe
from chromium import wait_until
from pdf_support import PARTNERSHIP, invoke, pdf_text

from selfassess.core.model import Questionnaire
from selfassess.core.workshop import record_json, workshop_schema
from selfassess.inputs.banks import bundled_banks, load_questionnaire
from selfassess.inputs.workshop import load_workshop
from selfassess.pages.partnership import render_partnership_page
from selfassess.pages.themes import load_theme

pytestmark = pytest.mark.browser

ROOT = Path(__file__).parent.parent
EXAMPLES = sorted((ROOT / "examples" / "responses").glob("*.json"))
FIXTURES = ROOT / "tests" / "vectors" / "workshop"
EXPECTED: dict[str, str] = json.loads((FIXTURES / "invalid" / "expected.json").read_text())
MATURITY = "collaboration-maturity"
# Every value a person types or picks on the page, read back as the page holds it.
FIELDS = """() => Object.fromEntries(Array.from(document.querySelectorAll(
  '#workshop input:not([type=checkbox]), #workshop select, #workshop textarea'))
  .map((c) => [c.closest('.ws-action') ? c.closest('.ws-action').dataset.actionId + ':' + c.dataset.wsField : c.id, c.value])
  .concat(Array.from(document.querySelectorAll('#ws-organisations input'))
  .map((c) => [c.id, c.checked])))"""


@pytest.fixture(scope="module")
def maturity() -> Questionnaire:
    return next(b.questionnaire for b in bundled_banks() if b.questionnaire.id == MATURITY)


@pytest.fixture(scope="module")
def page_files(tmp_path_factory: pytest.TempPathFactory) -> Any:
    folder = tmp_path_factory.mktemp("workshop pages")
    built: dict[str, Path] = {}

    def page_for(bank: Questionnaire, theme: str) -> Path:
        key = f"{bank.id}-{theme}"
        if key not in built:
            built[key] = folder / f"{key}-partnership.html"
            html = render_partnership_page(bank, load_theme(theme))
            built[key].write_text(html, encoding="utf-8")
        return built[key]

    return page_for


@pytest.fixture
def open_page(context: Any, requests: RequestLog, page_files: Any) -> Iterator[Any]:
    """Open a bank's page from file://, answer every confirm (yes unless told), fail on a script
    error."""
    errors: list[str] = []

    def opener(
        bank: Questionnaire,
        width: int = 1280,
        height: int = 900,
        theme: str = "default",
        confirm: bool = True,
    ) -> Any:
        url = page_files(bank, theme).as_uri()
        requests.allowed.add(url)
        tab = context.new_page()
        tab.set_viewport_size({"width": width, "height": height})
        tab.on("pageerror", lambda error: errors.append(str(error)))
        tab.on("dialog", lambda dialog: dialog.accept() if confirm else dialog.dismiss())
        tab.goto(url)
        wait_until(tab, "() => window.selfassessResult !== undefined")
        return tab

    yield opener
    assert errors == [], errors


def pick_answers(page: Any, files: list[Path]) -> None:
    page.locator("#answer-files").set_input_files([str(f) for f in files])
    wait_until(page, "() => window.selfassessResult !== null")


def to_workshop(page: Any) -> None:
    """The Workshop view, chosen with the keyboard."""
    page.locator("#show-workshop").focus()
    page.keyboard.press("Enter")
    wait_until(page, "() => !document.getElementById('workshop').hidden")


def record_first_principle_with_the_keyboard(page: Any) -> None:
    """The round and the first principle (an agreed level, a note, one action) by keys alone."""
    keys = page.keyboard
    page.locator("#ws-label").focus()
    keys.type("November 2026")
    keys.press("Tab")
    keys.type("11252026")  # the date field takes its digits in the page's locale order (en-US)
    section = page.locator("[data-ws-principle]").first
    section.locator("h3").focus()
    keys.press("Tab")  # the agreed level
    keys.press("ArrowDown")
    keys.press("ArrowDown")  # the second level: Developing
    keys.press("Tab")
    keys.type("We agreed the hospital’s figures are not the partnership’s.")
    keys.press("Tab")  # Add an action
    keys.press("Enter")  # the focus moves to the new action's "What"
    keys.type("Publish one shared dashboard")
    keys.press("Tab")
    keys.type("Northshire County Council")
    keys.press("Tab")
    keys.type("Head of Insight")
    keys.press("Tab")
    keys.type("03312027")
    leave_date_field(page)
    keys.press("ArrowDown")  # status: in progress
    keys.press("Tab")
    keys.type("Draft shown in January")


def leave_date_field(page: Any) -> None:
    """Tab past a date field: Chromium's Tab first steps through its day, month and year."""
    field = page.evaluate("document.activeElement.id")
    for _ in range(4):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") != field:
            return
    raise AssertionError(f"Tab never left {field}")


def download(page: Any, folder: Path) -> Path:
    with page.expect_download() as info:
        page.locator("#ws-download").click()
    path = folder / info.value.suggested_filename
    info.value.save_as(path)
    return path


def load_file(page: Any, path: Path) -> None:
    with page.expect_file_chooser() as chooser:
        page.locator("#ws-load").click()
    chooser.value.set_files(str(path))


def test_a_workshop_recorded_with_the_keyboard_downloads_a_file_the_reader_and_schema_accept(
    open_page: Any, maturity: Questionnaire, tmp_path: Path
) -> None:
    page = open_page(maturity)
    pick_answers(page, EXAMPLES)
    to_workshop(page)
    record_first_principle_with_the_keyboard(page)
    page.locator("#ws-org-1").check()
    page.locator("#ws-others").fill("Healthwatch Northshire")
    second = page.locator("[data-ws-principle]").nth(1)
    second.locator("select").select_option("none")
    second.locator("textarea").fill("Not agreed: the council sees it higher.")
    path = download(page, tmp_path)
    assert path.name == f"workshop-{MATURITY}-2026-11-25.json"
    loaded = load_workshop(path, maturity)
    record = loaded.record
    assert loaded.warnings == ()
    assert (record.round_label, record.round_date.isoformat()) == ("November 2026", "2026-11-25")
    names = page.evaluate("Object.keys(window.selfassessResult.organisations)")
    assert record.organisations == (names[1], "Healthwatch Northshire")
    first, second_p = record.principles
    assert (first.id, first.agreed_level) == (maturity.principles[0].id, "developing")
    assert first.note == "We agreed the hospital’s figures are not the partnership’s."
    (action,) = first.actions
    assert (action.id, action.text, action.status, str(action.due)) == (
        "A1", "Publish one shared dashboard", "in-progress", "2027-03-31"
    )  # fmt: skip
    assert (action.owner.organisation, action.owner.role) == (
        "Northshire County Council", "Head of Insight"
    )  # fmt: skip
    assert (second_p.agreed_level, second_p.actions) == (None, ())
    text = path.read_text(encoding="utf-8")
    document = json.loads(text)
    jsonschema.validate(document, workshop_schema())
    # The page writes what the command line would: the same keys, in the same order.
    assert document == record_json(record)
    assert json.dumps(document, indent=2, ensure_ascii=False) + "\n" == text
    into_the_scorecard(path, tmp_path)


def into_the_scorecard(workshop: Path, folder: Path) -> None:
    """The page's file, as downloaded, through `report --workshop` and `verify`: the PDF's text
    layer says what was agreed and the action, and verify rebuilds it from the attached file."""
    pdf = folder / "scorecard.pdf"
    args = ["--workshop", str(workshop), "--partnership", PARTNERSHIP, "-o", str(pdf)]
    code, _, err = invoke("report", *map(str, EXAMPLES), *args)
    assert code == 0, err
    text = " ".join(pdf_text(pdf).split())
    assert "What we agreed" in text
    assert "November 2026: the partners’ workshop on 25 November 2026" in text
    assert "Publish one shared dashboard" in text
    assert "Update: Draft shown in January" in text
    assert "Not agreed: the council sees it higher." in text
    code, out, err = invoke("verify", str(pdf))
    assert code == 0, out + err


def test_the_record_survives_a_reload_and_a_downloaded_file_loads_back_identically(
    open_page: Any, maturity: Questionnaire, tmp_path: Path, requests: RequestLog
) -> None:
    page = open_page(maturity)
    pick_answers(page, EXAMPLES)
    to_workshop(page)
    record_first_principle_with_the_keyboard(page)
    page.locator("#ws-org-0").check()
    recorded = page.evaluate(FIELDS)
    path = download(page, tmp_path)
    reload_when_saved(page, requests)
    wait_until(page, "() => window.selfassessResult !== undefined")
    pick_answers(page, EXAMPLES)
    to_workshop(page)
    assert page.evaluate(FIELDS) == recorded
    page.locator("#ws-clear").click()  # confirmed
    wait_until(page, "() => document.getElementById('ws-label').value === ''")
    assert page.evaluate(f"localStorage.getItem('selfassess-workshop:{MATURITY}')") is None
    load_file(page, path)
    wait_until(page, "() => document.getElementById('ws-label').value !== ''")
    assert page.evaluate(FIELDS) == recorded
    assert "Loaded the workshop record from" in page.locator("#ws-status").inner_text()
    again = tmp_path / "again"
    again.mkdir()
    assert download(page, again).read_bytes() == path.read_bytes()


@pytest.fixture(scope="module")
def fixture_bank() -> Questionnaire:
    return load_questionnaire(FIXTURES / "valid" / "bank.yaml")


def test_every_refused_fixture_is_refused_with_its_line_and_nothing_recorded_is_lost(
    open_page: Any, fixture_bank: Questionnaire
) -> None:
    page = open_page(fixture_bank)
    to_workshop(page)
    page.locator("#ws-label").fill("Kept")
    page.locator("[data-ws-principle] textarea").first.fill("A note that must survive")
    before = page.evaluate(FIELDS)
    saved = page.evaluate("localStorage.getItem('selfassess-workshop:vec-workshop')")
    for name, line in EXPECTED.items():
        load_file(page, FIXTURES / "invalid" / name)
        wait_until(
            page,
            "(n) => document.getElementById('ws-problems-title').textContent.startsWith(n)",
            name,
        )
        assert page.locator("#ws-problems-list li").first.inner_text() == line, name
        assert page.evaluate(FIELDS) == before
        assert page.evaluate("localStorage.getItem('selfassess-workshop:vec-workshop')") == saved
        page.evaluate("document.getElementById('ws-problems-title').textContent = ''")


@pytest.mark.parametrize("name", sorted(p.name for p in (FIXTURES / "valid").glob("[0-9]*.json")))
def test_a_valid_fixture_loads_into_the_page_and_downloads_as_the_command_line_reads_it(
    open_page: Any, fixture_bank: Questionnaire, tmp_path: Path, name: str
) -> None:
    """File -> page -> file: what the reader reads from the fixture, in the page's exact shape
    (the bank's current version: the page records against the bank it is for)."""
    page = open_page(fixture_bank)
    to_workshop(page)
    load_file(page, FIXTURES / "valid" / name)
    wait_until(page, "(n) => document.getElementById('ws-status').textContent.includes(n)", name)
    downloaded = download(page, tmp_path)
    expected = record_json(load_workshop(FIXTURES / "valid" / name, fixture_bank).record)
    expected["questionnaire"]["version"] = fixture_bank.version
    assert (
        downloaded.read_text(encoding="utf-8")
        == json.dumps(expected, indent=2, ensure_ascii=False) + "\n"
    )


def test_a_huge_or_hostile_file_is_refused_in_one_line(
    open_page: Any, fixture_bank: Questionnaire, tmp_path: Path
) -> None:
    page = open_page(fixture_bank)
    to_workshop(page)
    huge = tmp_path / "huge.json"
    huge.write_text('{"note": "' + "x" * 1_200_000 + '"}', encoding="utf-8")
    load_file(page, huge)
    wait_until(page, "() => !document.getElementById('ws-problems').hidden")
    lines = page.locator("#ws-problems-list li").all_inner_texts()
    assert lines == ["huge.json: is 2 MB; a workshop file may be at most 1 MB"]
    proto = tmp_path / "proto.json"
    full = json.loads((FIXTURES / "valid" / "02-full.json").read_text(encoding="utf-8"))
    proto.write_text('{"__proto__": {"polluted": 1}, ' + json.dumps(full)[1:], encoding="utf-8")
    load_file(page, proto)
    wait_until(
        page,
        "() => document.getElementById('ws-problems-title').textContent.includes('proto.json')",
    )
    first = page.locator("#ws-problems-list li").first.inner_text()
    assert first.startswith("proto.json: __proto__: unknown key '__proto__'")
    assert page.evaluate("({}).polluted === undefined && Object.prototype.polluted === undefined")


def test_a_file_with_problems_is_not_downloaded_and_the_summary_links_to_each_field(
    open_page: Any, maturity: Questionnaire
) -> None:
    page = open_page(maturity)
    to_workshop(page)
    page.locator("[data-ws-add]").first.click()
    page.locator("#ws-download").click()
    summary = page.locator("#ws-problems")
    wait_until(page, "() => !document.getElementById('ws-problems').hidden")
    assert page.evaluate("document.activeElement.id") == "ws-problems"
    links = summary.locator("a")
    texts = links.all_inner_texts()
    assert texts[0] == "Round discussed: must not be blank"
    assert any(t.endswith("Action A1, What: must not be blank") for t in texts), texts
    links.first.click()
    assert page.evaluate("document.activeElement.id") == "ws-label"


def test_projector_mode_shows_one_principle_and_turns_with_buttons_and_arrows_outside_fields(
    open_page: Any, maturity: Questionnaire
) -> None:
    page = open_page(maturity, 1280, 720)
    to_workshop(page)
    page.locator("#ws-projector").focus()
    page.keyboard.press("Enter")
    visible = "() => Array.from(document.querySelectorAll('[data-ws-principle]')).filter((s) => !s.hidden).map((s) => s.dataset.wsPrinciple)"
    total = len([p for p in maturity.principles if p.scored])
    assert page.evaluate(visible) == [maturity.principles[0].id]
    assert page.locator("#ws-position").inner_text() == f"Principle 1 of {total}"
    page.locator("#ws-next").focus()
    page.keyboard.press("Enter")
    assert page.locator("#ws-position").inner_text() == f"Principle 2 of {total}"
    page.keyboard.press("ArrowRight")  # on a button: turns the page
    assert page.locator("#ws-position").inner_text() == f"Principle 3 of {total}"
    note = page.locator("[data-ws-principle]:not([hidden]) textarea").first
    note.focus()
    page.keyboard.type("ab")
    page.keyboard.press("ArrowLeft")  # in a field: moves the caret, never the page
    page.keyboard.type("X")
    assert note.input_value() == "aXb"
    assert page.locator("#ws-position").inner_text() == f"Principle 3 of {total}"
    assert (
        page.evaluate("getComputedStyle(document.querySelector('.site-header')).display") == "none"
    )
    page.locator("#ws-projector").click()
    assert len(page.evaluate(visible)) == total


@pytest.mark.parametrize("theme", ["default", "nhs"])
@pytest.mark.parametrize("projector", [False, True])
def test_no_accessibility_violations_in_the_workshop_view(
    open_page: Any, maturity: Questionnaire, projector: bool, theme: str
) -> None:
    axe = require_axe()
    page = open_page(maturity, theme=theme)
    pick_answers(page, EXAMPLES[:6])
    to_workshop(page)
    page.locator("[data-ws-add]").first.click()
    if projector:
        page.locator("#ws-projector").click()
    violations = run_axe(page, axe)
    assert violations == [], describe(violations)


@pytest.mark.parametrize(
    ("width", "height", "projector"), [(1280, 900, False), (375, 800, False), (1280, 720, True)]
)
def test_screenshots_of_the_workshop_view_fit_the_screen(
    open_page: Any,
    maturity: Questionnaire,
    width: int,
    height: int,
    projector: bool,
    tmp_path: Path,
) -> None:
    page = open_page(maturity, width, height)
    pick_answers(page, EXAMPLES)
    to_workshop(page)
    page.locator("[data-ws-add]").first.click()
    if projector:
        page.locator("#ws-projector").click()
    shots = Path(os.environ.get("SELFASSESS_SCREENSHOTS", str(tmp_path)))
    shots.mkdir(parents=True, exist_ok=True)
    name = f"workshop-{width}x{height}{'-projector' if projector else ''}.png"
    page.screenshot(path=str(shots / name), full_page=not projector)
    assert page.evaluate("document.documentElement.scrollWidth") <= width


def test_in_projector_mode_a_problem_link_brings_its_principle_into_view(
    open_page: Any, maturity: Questionnaire
) -> None:
    page = open_page(maturity, 1280, 720)
    to_workshop(page)
    page.locator("#ws-label").fill("November 2026")
    page.locator("[data-ws-add]").nth(2).click()  # an action on principle 3, left blank
    page.locator("#ws-download").click()
    wait_until(page, "() => !document.getElementById('ws-problems').hidden")
    page.locator("#ws-projector").click()
    assert page.locator("#ws-position").inner_text().startswith("Principle 1 of")
    page.locator("#ws-problems a").first.click()
    assert page.locator("#ws-position").inner_text().startswith("Principle 3 of")
    focused = page.evaluate("document.activeElement.closest('.ws-action').dataset.actionId")
    assert focused == "A1"


def test_clear_asks_first_and_keeps_everything_when_the_answer_is_no(
    open_page: Any, maturity: Questionnaire
) -> None:
    page = open_page(maturity, confirm=False)
    to_workshop(page)
    page.locator("#ws-label").fill("Kept")
    page.locator("#ws-clear").click()  # answered no
    assert page.locator("#ws-label").input_value() == "Kept"
    saved = page.evaluate(f"JSON.parse(localStorage.getItem('selfassess-workshop:{MATURITY}'))")
    assert saved["round"]["label"] == "Kept"


def test_the_round_takes_the_name_given_to_this_round_unless_it_has_one(
    open_page: Any, maturity: Questionnaire, requests: RequestLog
) -> None:
    page = open_page(maturity)
    pick_answers(page, EXAMPLES)
    page.locator("#current-round-label").fill("  November 2026 ")
    to_workshop(page)
    assert page.locator("#ws-label").input_value() == "November 2026"
    page.locator("#ws-label").fill("The November workshop")
    page.locator("#show-results").click()
    page.locator("#current-round-label").fill("Autumn 2026")
    to_workshop(page)
    assert page.locator("#ws-label").input_value() == "The November workshop"
    reload_when_saved(page, requests)
    wait_until(page, "() => window.selfassessResult !== undefined")
    assert page.locator("#ws-label").input_value() == "The November workshop"
