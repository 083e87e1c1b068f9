"""The partnership page in a real headless Chromium: every shared vector scored through its one
file input, refusals with the CLI's reasons, duplicates, the size limit, the combined CSV,
accessibility, no network, file://, printing, and 200 files at once.

Tests read the page through its contract (the one file input, window.selfassessResult, the
rejected-file list) and wait on conditions, never on time.
"""

from __future__ import annotations

import csv
import io
import json
import math
import random
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from browser_support import RequestLog, describe, require_axe, run_axe
from chromium import wait_until
from test_site import XSS_BANK
from vector_expectations import expected_of

from selfassess.core.model import Questionnaire
from selfassess.core.rounding import round_half_up
from selfassess.core.scoring import score_all
from selfassess.inputs.banks import bundled_banks, load_questionnaire, parse_questionnaire
from selfassess.inputs.paths import expand_input_paths
from selfassess.inputs.responses import load_responses
from selfassess.pages.partnership import render_partnership_page
from selfassess.pages.themes import load_theme
from selfassess.report.score_formats import scores_to_json

pytestmark = pytest.mark.browser

ROOT = Path(__file__).parent.parent
VECTORS = Path(__file__).parent / "vectors"
EXAMPLES = ROOT / "examples" / "responses"
CASES = sorted(p for p in VECTORS.iterdir() if (p / "expected.json").is_file())
MATURITY = "collaboration-maturity"
# Files written for the bundled bank answer its current version (no version warning).
MATURITY_VERSION = next(
    b.questionnaire.version for b in bundled_banks() if b.questionnaire.id == MATURITY
)


@pytest.fixture(scope="module")
def maturity() -> Questionnaire:
    return next(b.questionnaire for b in bundled_banks() if b.questionnaire.id == MATURITY)


THEMES = ["default", "nhs"]


@pytest.fixture
def theme_name() -> str:
    """The bundled theme pages are rendered in; accessibility and network tests run in each."""
    return "default"


@pytest.fixture(scope="module")
def page_files(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """Render a bank's page once per module and theme, into a folder with a space in its name."""
    folder = tmp_path_factory.mktemp("pages") / "partnership pages"
    folder.mkdir()
    built: dict[tuple[str, str], Path] = {}

    def page_for(bank: Questionnaire, theme_name: str) -> Path:
        if (bank.id, theme_name) not in built:
            path = folder / theme_name / f"{bank.id}-partnership.html"
            path.parent.mkdir(exist_ok=True)
            html = render_partnership_page(bank, load_theme(theme_name))
            path.write_text(html, encoding="utf-8")
            built[bank.id, theme_name] = path
        return built[bank.id, theme_name]

    yield page_for


@pytest.fixture
def pages(page_files: Any, theme_name: str) -> Any:
    return lambda bank: page_files(bank, theme_name)


@pytest.fixture
def open_page(context: Any, requests: RequestLog, pages: Any) -> Iterator[Any]:
    """Open a bank's page from file:// and fail the test on any script error."""
    errors: list[str] = []

    def opener(bank: Questionnaire) -> Any:
        url = pages(bank).as_uri()
        requests.allowed.add(url)
        tab = context.new_page()
        tab.on("pageerror", lambda error: errors.append(str(error)))
        tab.goto(url)
        wait_until(tab, "() => window.selfassessResult !== undefined")
        return tab

    yield opener
    assert errors == [], errors


def pick(page: Any, files: list[Path]) -> dict[str, Any] | None:
    """Choose files as a person does, through the one file input; the page's result after it."""
    before = page.evaluate("document.getElementById('status').textContent")
    page.locator("input[type=file]").set_input_files([str(f) for f in files])
    wait_until(
        page,
        "(before) => { const s = document.getElementById('status').textContent;"
        " return s !== before && !s.startsWith('Reading'); }",
        arg=before,
    )
    # Through JSON: Playwright's own transfer of objects drops a key named `__proto__`.
    result: dict[str, Any] | None = json.loads(
        page.evaluate("JSON.stringify(window.selfassessResult)")
    )
    return result


def close(actual: Any, expected: Any, where: str = "result") -> None:
    """Equal, with numbers equal to 1e-9."""
    if isinstance(expected, float | int) and not isinstance(expected, bool):
        assert isinstance(actual, float | int) and not isinstance(actual, bool), where
        assert math.isclose(actual, expected, abs_tol=1e-9), f"{where}: {actual} != {expected}"
    elif isinstance(expected, dict):
        assert isinstance(actual, dict), f"{where}: {actual!r}"
        assert list(actual) == list(expected), f"{where}: keys {list(actual)} != {list(expected)}"
        for key in expected:
            close(actual[key], expected[key], f"{where}.{key}")
    elif isinstance(expected, list):
        assert isinstance(actual, list) and len(actual) == len(expected), where
        for i, (a, e) in enumerate(zip(actual, expected, strict=True)):
            close(a, e, f"{where}[{i}]")
    else:
        assert actual == expected, f"{where}: {actual!r} != {expected!r}"


def rejected(page: Any) -> dict[str, list[str]]:
    """File name -> the reasons the page lists for rejecting it."""
    found: dict[str, list[str]] = page.evaluate(
        "() => Object.fromEntries([...document.querySelectorAll('#rejected-list > li')]"
        ".map((li) => [li.dataset.file, [...li.querySelectorAll('li')].map((r) => r.textContent)]))"
    )
    return found


def response_file(folder: Path, name: str, **changes: Any) -> Path:
    data: dict[str, Any] = {
        "format": "selfassess-response/1",
        "questionnaire": {"id": MATURITY, "version": MATURITY_VERSION},
        "respondent": {"organisation": "Northshire Police", "role": "Inspector"},
        "answers": {"ca-1": 4, "ca-2": 3, "ca-3": None},
    }
    data.update(changes)
    path = folder / name
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


# ---------------------------------------------------------------- parity with the vectors


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_every_vector_scores_as_expected_through_the_file_input(case: Path, open_page: Any) -> None:
    bank = load_questionnaire(case / "bank.yaml")
    page = open_page(bank)
    result = pick(page, sorted((case / "responses").iterdir()))
    expected = expected_of(case)
    for respondent in expected["respondents"]:  # the page knows file names, not paths
        respondent["source"] = respondent["source"].removeprefix("responses/")
    close(result, expected)


def test_results_show_rounded_scores_levels_and_the_weakest_link(open_page: Any) -> None:
    bank = load_questionnaire(VECTORS / "01-basic" / "bank.yaml")
    page = open_page(bank)
    pick(page, sorted((VECTORS / "01-basic" / "responses").iterdir()))
    assert "59 out of 100, Developing" in page.locator("#overall").inner_text()
    weakest = page.locator("#weakest").inner_text()
    assert "Shared agenda" in weakest or "agenda" in weakest.lower()
    assert "Beta Council (13)" in weakest  # 12.5 rounds half up
    row = page.locator('tr[data-principle="agenda"]')
    cells = [
        row.locator(f'[data-cell="{c}"]').inner_text() for c in ("score", "min", "max", "spread")
    ]
    assert cells == ["41", "Beta Council (13)", "Alpha Trust (69)", "56"]
    assert row.locator('[data-cell="divergent"]').inner_text().startswith("Yes")
    assert page.locator("#status").inner_text() == (
        "3 files read: 3 respondents from 2 organisations."
    )


def test_the_example_partnership_matches_selfassess_score_csv_rows_included(
    open_page: Any, maturity: Questionnaire
) -> None:
    files = sorted(EXAMPLES.iterdir())
    page = open_page(maturity)
    result = pick(page, files)
    loaded = load_responses(expand_input_paths([str(EXAMPLES)]), maturity)
    expected = scores_to_json(score_all(maturity, loaded.responses))
    for respondent in expected["respondents"]:
        respondent["source"] = Path(respondent["source"]).name
    close(result, json.loads(json.dumps(expected)))
    assert any(r["source"].endswith(".csv#2") for r in expected["respondents"])


# ---------------------------------------------------------------- files people actually send


def test_rejected_files_are_listed_with_the_reasons_selfassess_score_gives(
    open_page: Any, maturity: Questionnaire, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    files = [
        response_file(tmp_path, "good.json"),
        response_file(tmp_path, "pulse.json", questionnaire={"id": "collaboration-pulse"}),
        response_file(tmp_path, "unknown.json", answers={"zz-9": 3}),
        response_file(tmp_path, "off-scale.json", answers={"ca-1": 7}),
    ]
    (tmp_path / "notes.json").write_text("Dear facilitator, my answers are below.", "utf-8")
    files.append(tmp_path / "notes.json")
    page = open_page(maturity)
    result = pick(page, sorted(files))
    assert result is not None and result["partnership"]["n_respondents"] == 1
    monkeypatch.chdir(tmp_path)  # the CLI names files as given
    cli = load_responses([Path(f.name) for f in sorted(files)], maturity, skip_invalid=True)
    expected: dict[str, list[str]] = {}
    for problem in cli.skipped:
        expected.setdefault(problem.file, []).append(str(problem))
    shown = rejected(page)
    assert (
        sorted(shown)
        == sorted(expected)
        == ["notes.json", "off-scale.json", "pulse.json", "unknown.json"]
    )
    for name in ("pulse.json", "unknown.json", "off-scale.json"):
        assert shown[name] == expected[name]
    assert shown["pulse.json"] == [
        "pulse.json: answers questionnaire 'collaboration-pulse', not 'collaboration-maturity'"
        " (at questionnaire.id)"
    ]
    assert shown["notes.json"][0].startswith("notes.json: not JSON")
    assert "1 file read" in page.locator("#status").inner_text()
    assert "4 files rejected" in page.locator("#status").inner_text()


def test_a_duplicate_file_is_counted_once_and_reported(
    open_page: Any, maturity: Questionnaire, tmp_path: Path
) -> None:
    original = response_file(tmp_path, "police.json")
    copy = tmp_path / "police (1).json"
    copy.write_bytes(original.read_bytes())
    page = open_page(maturity)
    result = pick(page, [original, copy])
    assert result is not None and result["partnership"]["n_respondents"] == 1
    assert "1 duplicate file counted once" in page.locator("#status").inner_text()
    assert page.locator("#notes-list").inner_text() == (
        "police.json: same content as police (1).json; counted once"
    )
    # Choosing the same file again later is a duplicate too.
    result = pick(page, [original])
    assert result is not None and result["partnership"]["n_respondents"] == 1
    assert "2 duplicate files counted once" in page.locator("#status").inner_text()


def test_a_file_over_50_mb_is_refused_without_being_read(
    context: Any, open_page: Any, maturity: Questionnaire, tmp_path: Path
) -> None:
    context.add_init_script(
        "window.readFiles = []; for (const m of ['arrayBuffer', 'text', 'stream', 'slice']) {"
        " const original = Blob.prototype[m]; Blob.prototype[m] = function (...a) {"
        " window.readFiles.push(this.name); return original.apply(this, a); }; }"
    )
    big = tmp_path / "everything.json"
    with open(big, "wb") as handle:
        handle.truncate(51 * 1024 * 1024)  # sparse: takes no disk space
    page = open_page(maturity)
    result = pick(page, [big, response_file(tmp_path, "small.json")])
    assert result is not None and result["partnership"]["n_respondents"] == 1
    assert rejected(page) == {
        "everything.json": ["everything.json: is 54 MB; a response file may be at most 50 MB"]
    }
    assert page.evaluate("window.readFiles") == ["small.json"]


def test_files_can_be_added_later_and_removed(
    open_page: Any, maturity: Questionnaire, tmp_path: Path
) -> None:
    page = open_page(maturity)
    pick(page, [response_file(tmp_path, "a.json")])
    result = pick(page, [response_file(tmp_path, "b.json", respondent={"organisation": "Zed"})])
    assert result is not None and result["partnership"]["n_organisations"] == 2
    assert [r["source"] for r in result["respondents"]] == ["a.json", "b.json"]
    page.get_by_role("button", name="Remove all files").click()
    assert page.evaluate("window.selfassessResult") is None
    assert page.locator("#results").is_hidden()
    assert "All files removed" in page.locator("#status").inner_text()


def test_files_dropped_on_the_box_are_read_too(open_page: Any, maturity: Questionnaire) -> None:
    page = open_page(maturity)
    page.evaluate(
        """(text) => {
          const data = new DataTransfer();
          data.items.add(new File([text], "dropped.json", {type: "application/json"}));
          document.getElementById("drop-zone").dispatchEvent(
            new DragEvent("drop", {dataTransfer: data, bubbles: true, cancelable: true}));
        }""",
        json.dumps(
            {
                "format": "selfassess-response/1",
                "questionnaire": {"id": MATURITY},
                "answers": {"ca-1": 5},
            }
        ),
    )
    wait_until(page, "() => window.selfassessResult !== null")
    assert page.evaluate("window.selfassessResult.respondents[0].source") == "dropped.json"


# ---------------------------------------------------------------- what the page offers


def given(answers: dict[str, Any]) -> dict[str, Any]:
    """The answers given: unanswered (null, no option ticked, blank text) and absent are one."""
    return {
        qid: value
        for qid, value in answers.items()
        if value is not None and value != [] and not (isinstance(value, str) and not value.strip())
    }


def test_the_combined_csv_has_a_row_per_respondent_and_reads_back_in_selfassess_score(
    open_page: Any, maturity: Questionnaire, tmp_path: Path
) -> None:
    page = open_page(maturity)
    result = pick(page, sorted(EXAMPLES.iterdir()))
    assert result is not None
    with page.expect_download() as waiting:
        page.get_by_role("button", name="Download combined CSV").click()
    download = waiting.value
    assert download.suggested_filename.startswith(f"{MATURITY}-partnership-")
    assert download.suggested_filename.endswith(".csv")
    text = Path(download.path()).read_bytes().decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    assert len(rows) == result["partnership"]["n_respondents"] == 26
    for row, respondent in zip(rows, result["respondents"], strict=True):
        assert row["source file"] == respondent["source"]
        assert row["organisation"] == respondent["organisation"]
        for pid, score in respondent["principles"].items():
            cell = row[f"score {pid}"]
            if score is None:
                assert cell == ""
            else:
                assert math.isclose(float(cell), score, abs_tol=1e-9)
    # The answers survive the round trip through the CLI's own reader.
    combined = tmp_path / "combined.csv"
    combined.write_text(text, encoding="utf-8")
    again = load_responses([combined], maturity)
    original = load_responses(expand_input_paths([str(EXAMPLES)]), maturity)
    assert [given(r.response.answers) for r in again.responses] == [
        given(r.response.answers) for r in original.responses
    ]
    assert [given(r.response.background) for r in again.responses] == [
        given(r.response.background) for r in original.responses
    ]
    assert again.warnings == [
        f"{combined}: columns that match no question ignored: "
        + ", ".join(
            [f"score {p.id}" for p in maturity.principles]
            + ["score overall", "overall level", "questions answered", "questions total"]
            + ["source file"]
        )
    ]


def test_the_heat_map_shows_each_organisations_average_per_question(
    open_page: Any, maturity: Questionnaire
) -> None:
    page = open_page(maturity)
    pick(page, sorted(EXAMPLES.iterdir()))
    loaded = load_responses(expand_input_paths([str(EXAMPLES)]), maturity)
    scores = score_all(maturity, loaded.responses)
    principle = maturity.principles[3]
    page.get_by_label("Principle to show").select_option(principle.id)
    table = page.locator(f"#heat-{principle.id}")
    assert table.is_visible()
    assert page.locator(f"#heat-{maturity.principles[0].id}").is_hidden()
    # The scorecard's orientation: a row per organisation then the partnership, a column per
    # question then the principle's score.
    headers = table.locator("thead th").all_inner_texts()
    assert headers[0] == "Organisation" and headers[-1] == "Score"
    assert headers[1:-1] == [
        f"Q{n}{'*' if q.reverse else ''}"
        for n, (_, q) in enumerate(maturity.questions(), start=1)
        if q in principle.questions
    ]
    rows = table.locator("tbody tr")
    names = [rows.nth(i).locator("th").inner_text().rsplit(" (", 1)[0] for i in range(rows.count())]
    assert names == [*scores.organisations, "Partnership"]
    for i, organisation in enumerate(scores.organisations.values()):
        cells = rows.nth(i).locator("td").all_inner_texts()
        expected = [
            "–" if (v := organisation.items.get(q.id)) is None else str(round_half_up(v))
            for q in principle.questions
        ]
        assert cells[:-1] == expected
    total = table.locator("tr.heat-total td").all_inner_texts()
    assert total[-1] == str(round_half_up(scores.partnership.principles[principle.id].score or 0))


def test_the_radar_has_a_line_per_organisation_and_a_legend_and_a_table(
    open_page: Any, maturity: Questionnaire
) -> None:
    page = open_page(maturity)
    result = pick(page, sorted(EXAMPLES.iterdir()))
    assert result is not None
    names = list(result["organisations"])
    assert page.locator("#radar svg .radar-series").count() == len(names) + 1
    assert page.locator("#radar-legend li").all_inner_texts() == ["Partnership", *names]
    assert (page.locator("#radar svg desc").text_content() or "").startswith("Partnership: ")
    rows = page.locator("#organisations tbody th").all_inner_texts()
    assert rows == names


def test_print_gives_a_one_page_summary(open_page: Any, maturity: Questionnaire) -> None:
    from pypdf import PdfReader

    page = open_page(maturity)
    pick(page, sorted(EXAMPLES.iterdir()))
    pdf = PdfReader(io.BytesIO(page.pdf(format="A4")))
    assert len(pdf.pages) == 1
    text = pdf.pages[0].extract_text()
    assert "overall score" in text and "Download" not in text and "Choose answer files" not in text


# ---------------------------------------------------------------- the page's guarantees


def test_the_file_input_is_reached_with_the_keyboard(
    open_page: Any, maturity: Questionnaire
) -> None:
    page = open_page(maturity)
    for _ in range(10):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.type === 'file'"):
            break
    assert page.evaluate("document.activeElement.id") == "answer-files"
    assert page.get_by_label("Choose answer files").count() == 1


def test_results_are_announced_in_a_live_region(
    open_page: Any, maturity: Questionnaire, tmp_path: Path
) -> None:
    page = open_page(maturity)
    assert page.locator("#status").get_attribute("role") == "status"
    pick(page, [response_file(tmp_path, "a.json")])
    assert page.locator("#status").inner_text() == "1 file read: 1 respondent from 1 organisation."


@pytest.mark.parametrize("theme_name", THEMES)
def test_no_accessibility_violations_before_and_after_loading_files(
    open_page: Any, maturity: Questionnaire, tmp_path: Path
) -> None:
    axe = require_axe()
    page = open_page(maturity)
    assert run_axe(page, axe) == [], describe(run_axe(page, axe))
    files = [*sorted(EXAMPLES.iterdir()), response_file(tmp_path, "x.json", answers={"zz": 1})]
    pick(page, files)
    page.locator("#files-read summary").click()
    violations = run_axe(page, axe)
    assert violations == [], describe(violations)


@pytest.mark.parametrize("theme_name", THEMES)
def test_the_page_makes_no_network_request(
    open_page: Any, maturity: Questionnaire, requests: RequestLog
) -> None:
    page = open_page(maturity)
    pick(page, sorted(EXAMPLES.iterdir()))
    page.get_by_label("Principle to show").select_option(maturity.principles[2].id)
    with page.expect_download():
        page.get_by_role("button", name="Download combined CSV").click()
    page.get_by_role("button", name="Remove all files").click()
    assert requests.requests == [] and requests.websockets == []


def test_the_page_works_from_file_urls(open_page: Any, maturity: Questionnaire) -> None:
    page = open_page(maturity)
    assert page.evaluate("location.protocol") == "file:"
    assert "partnership%20pages" in page.url  # a folder name with a space, as people have
    result = pick(page, sorted(EXAMPLES.iterdir())[:3])
    assert result is not None and result["partnership"]["n_respondents"] == 3


def test_a_hostile_bank_and_hostile_files_run_nothing(
    context: Any, open_page: Any, tmp_path: Path
) -> None:
    dialogs: list[str] = []
    context.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    bank = parse_questionnaire(XSS_BANK, "xss.yaml")
    page = open_page(bank)
    evil = "<img src=x onerror=alert('org')><script>alert('org')</script>"
    path = tmp_path / "evil.json"
    path.write_text(
        json.dumps(
            {
                "format": "selfassess-response/1",
                "questionnaire": {"id": "xss"},
                "respondent": {"organisation": evil, "role": "<b>x</b>"},
                "answers": {"q1": 1, "q2": 2},
            }
        ),
        encoding="utf-8",
    )
    bad = tmp_path / "<img src=x onerror=alert('name')>.json"
    bad.write_text("{", encoding="utf-8")
    pick(page, [path, bad])
    assert page.locator("#organisations tbody th").inner_text() == evil
    assert page.locator("#rejected-list > li > strong").inner_text() == bad.name
    assert dialogs == []
    assert page.locator("img").count() == 0


# ---------------------------------------------------------------- 200 files at once


def test_two_hundred_files_at_once_score_like_selfassess_score(
    open_page: Any, maturity: Questionnaire, tmp_path: Path, record_property: Any
) -> None:
    """No timing assert (shared machines are noisy); the time is recorded and printed."""
    rng = random.Random(200)
    for i in range(200):
        answers = {
            q.id: rng.choice([*(o.value for o in maturity.scale_of(q)), None])
            for _, q in maturity.questions()
            if q.is_scored
        }
        response_file(
            tmp_path,
            f"r{i:03}.json",
            respondent={"organisation": f"Partner {i % 12}", "role": f"Role {i % 5}"},
            answers=answers,
        )
    files = sorted(tmp_path.glob("*.json"))
    page = open_page(maturity)
    started = time.perf_counter()
    result = pick(page, files)
    elapsed = time.perf_counter() - started
    record_property("partnership_page_200_files_seconds", round(elapsed, 3))
    print(f"\n200 files to results: {elapsed * 1000:.0f} ms")
    loaded = load_responses(files, maturity)
    expected = scores_to_json(score_all(maturity, loaded.responses))
    for respondent in expected["respondents"]:
        respondent["source"] = Path(respondent["source"]).name
    close(result, json.loads(json.dumps(expected)))


def test_a_narrow_screen_scrolls_only_inside_the_wide_tables(
    open_page: Any, maturity: Questionnaire
) -> None:
    page = open_page(maturity)
    page.set_viewport_size({"width": 320, "height": 800})
    pick(page, sorted(EXAMPLES.iterdir()))
    assert page.evaluate(
        "document.documentElement.scrollWidth <= document.documentElement.clientWidth"
    )


def test_excels_windows_1252_semicolon_csv_is_read_as_selfassess_score_reads_it(
    open_page: Any, maturity: Questionnaire, tmp_path: Path
) -> None:
    path = tmp_path / "excel.csv"
    path.write_bytes(
        "organisation;role;ca-1;ca-2\r\nCafé Trust;Zoë’s lead;4;Mostly\r\n".encode("cp1252")
    )
    page = open_page(maturity)
    result = pick(page, [path])
    expected = scores_to_json(score_all(maturity, load_responses([path], maturity).responses))
    expected["respondents"][0]["source"] = "excel.csv#1"
    close(result, expected)
    assert result is not None and result["respondents"][0]["organisation"] == "Café Trust"
    assert "read as Windows-1252" in page.locator("#notes-list").inner_text()


def test_one_respondent_in_two_rounds_is_warned_about_as_selfassess_score_does(
    open_page: Any, maturity: Questionnaire
) -> None:
    nurse = "northshire-community-health-nhs-trust-{}-head-of-district-nursing.json"
    files = [  # in name order, as the page takes them
        EXAMPLES.parent / "baseline" / nurse.format("2026-05-17"),
        EXAMPLES / nurse.format("2026-11-03"),
    ]
    page = open_page(maturity)
    result = pick(page, files)
    assert result is not None and result["partnership"]["n_respondents"] == 2
    expected = load_responses(files, maturity).warnings
    names = [f.name for f in files]
    assert page.locator("#notes-list li").all_inner_texts() == [
        w.replace(str(files[0]), names[0]).replace(str(files[1]), names[1]) for w in expected
    ]
    assert any("--baseline" in warning for warning in expected)


# ---------------------------------------------------------------- groups, choices, open answers

EVERY_TYPE = Path(__file__).parent / "data" / "partnership-every-type"


@pytest.fixture(scope="module")
def every_type() -> Questionnaire:
    """Background questions with breakdowns, ask_if, choice, multi and text, hostile ids and
    labels, k = 2 (tests/data/partnership-every-type)."""
    return load_questionnaire(EVERY_TYPE / "bank.yaml")


def every_type_page(open_page: Any, bank: Questionnaire) -> Any:
    page = open_page(bank)
    pick(page, sorted((EVERY_TYPE / "responses").iterdir()))
    return page


def rows_of(page: Any, selector: str) -> list[list[str]]:
    """A table's body as text, a list of cells per row (its header cell first)."""
    rows: list[list[str]] = page.locator(selector).evaluate(
        "(t) => Array.from(t.tBodies[0].rows, (r) => Array.from(r.cells, (c) => c.textContent))"
    )
    return rows


def test_a_bank_using_every_type_scores_on_the_page_as_selfassess_score_json_does(
    open_page: Any, every_type: Questionnaire
) -> None:
    files = sorted((EVERY_TYPE / "responses").iterdir())
    result = pick(open_page(every_type), files)
    loaded = load_responses(expand_input_paths([str(EVERY_TYPE / "responses")]), every_type)
    expected = scores_to_json(score_all(every_type, loaded.responses))
    for respondent in expected["respondents"]:
        respondent["source"] = Path(respondent["source"]).name
    close(result, json.loads(json.dumps(expected)))
    assert result is not None and result["partnership"]["breakdowns"]["sector"]["toString"]


def test_each_breakdown_question_has_a_table_of_its_groups_by_principle_and_overall(
    open_page: Any, every_type: Questionnaire
) -> None:
    page = every_type_page(open_page, every_type)
    assert rows_of(page, 'table[data-breakdown="sector"]') == [
        ["NHS trust", "3", "58", "38", "48"],
        ["Local council", "4", "60", "88", "74"],
        ["<script>alert(1)</script> voluntary", "2", "31", "not asked", "31"],
    ]
    caption = page.locator('table[data-breakdown="seniority"] caption')
    assert caption.inner_text() == "Scores out of 100 by answer to “What is your role?”"
    assert caption.locator("em").inner_text() == "role"  # the bank's Markdown, rendered


def test_a_small_group_is_hidden_with_the_next_smallest_and_says_fewer_than_k(
    open_page: Any, every_type: Questionnaire
) -> None:
    """Seniority: board 3, senior 1, frontline 5, other 0 with k 2: senior (1) and other (0)
    are below k; senior is the one non-empty hidden group, so board (the smallest shown) goes
    too. Hidden rows carry no count and no figure."""
    page = every_type_page(open_page, every_type)
    assert rows_of(page, 'table[data-breakdown="seniority"]') == [
        ["Board or executive", "fewer than 2"],
        ["Senior manager", "fewer than 2"],
        ["Frontline practitioner", "5", "38", "63", "50"],
        ["Other", "fewer than 2"],
    ]


def test_a_principle_asked_of_nobody_shows_not_asked_never_a_zero_or_a_dash(
    open_page: Any, every_type: Questionnaire
) -> None:
    """m1, the only scale question of Shared measures, is asked of housing staff only; nobody
    at <b>Gamma</b> works in housing."""
    page = every_type_page(open_page, every_type)
    gamma = [row for row in rows_of(page, "#organisations") if row[0] == "<b>Gamma</b>"]
    assert gamma == [["<b>Gamma</b>", "2", "31", "not asked", "31", "Emerging"]]
    page.get_by_label("Principle to show").select_option("measures")
    heat = rows_of(page, "#heat-measures")
    assert heat[0] == ["<b>Gamma</b> (2)", "–", "not asked"]
    # Two principles: the ranked dot plot, with the radar's text alternative.
    description = page.locator("#radar svg desc").text_content()
    assert "<b>Gamma</b>: Common agenda 31, Shared measures not asked." in (description or "")


def test_the_heat_map_has_a_column_per_scale_question_only(
    open_page: Any, every_type: Questionnaire
) -> None:
    page = every_type_page(open_page, every_type)
    headers = page.locator("#heat-agenda thead th").all_inner_texts()
    assert headers == [
        "Organisation",
        "Q1",
        "Q2",
        "Score",
    ]  # a-open (Q3) and a-who (Q4) are not scored
    assert all(len(row) == 4 for row in rows_of(page, "#heat-agenda"))


def test_option_counts_below_k_are_hidden_by_the_groups_rule(
    open_page: Any, every_type: Questionnaire
) -> None:
    """a-who: x 2, y 1, toString 1 with k 2: two counts below k hide each other, 2 is shown.
    m-pick: yes 2, no 1: no is hidden, and yes with it."""
    page = every_type_page(open_page, every_type)
    assert rows_of(page, 'table[data-choice="a-who"]') == [
        ["Partners together", "2"],
        ["The lead organisation", "fewer than 2"],
        ["Nobody", "fewer than 2"],
    ]
    assert rows_of(page, 'table[data-choice="m-pick"]') == [
        ["Yes", "fewer than 2"],
        ["No", "fewer than 2"],
    ]


def test_text_answers_show_with_the_comments_and_none_from_a_small_organisation(
    open_page: Any, every_type: Questionnaire
) -> None:
    """Delta has one respondent (k 2): its answer is counted, not shown. Text is only text."""
    page = every_type_page(open_page, every_type)
    agenda = page.locator('[data-open="agenda"]')
    assert agenda.locator('[data-about="agenda"] .open-text').all_inner_texts() == ["A good start"]
    answers = agenda.locator('[data-about="a-open"] li')
    assert answers.locator(".open-text").all_inner_texts() == [
        "Gamma's view",
        "More joint meetings",
        "Fewer forms",
        "<script>alert(1)</script>",
    ]
    assert answers.locator(".open-from").all_inner_texts()[:2] == ["<b>Gamma</b>", "Alpha Trust"]
    assert "Delta's own words" not in page.locator("#open-answers").inner_text()
    assert agenda.locator(".open-withheld").inner_text() == (
        "1 more from organisations of fewer than 2 respondents is not shown."
    )
    assert page.locator('[data-about="a-who"]').is_hidden()  # nothing written about it


def test_hostile_option_labels_and_answers_run_nothing(
    context: Any, open_page: Any, every_type: Questionnaire
) -> None:
    dialogs: list[str] = []
    context.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page = every_type_page(open_page, every_type)
    assert dialogs == []
    assert page.locator("#results img, #results script, #results b").count() == 0


@pytest.mark.parametrize("theme_name", THEMES)
def test_no_accessibility_violations_with_groups_choices_and_open_answers(
    open_page: Any, every_type: Questionnaire
) -> None:
    axe = require_axe()
    page = every_type_page(open_page, every_type)
    violations = run_axe(page, axe)
    assert violations == [], describe(violations)
