"""The form page of a bank using every question type, in a real headless Chromium: the "About
you" section, choice/multi/text controls, questions asked only of some respondents shown and
hidden as answers change, the `selfassess-response/2` export scored by `selfassess score` as
the page scores it, saving and loading back, the Sources, and axe in both states; then the
bundled banks and the shared vectors' banks answered end to end the same way.

The bank is tests/data/every-type-bank.yaml: background seniority (choice, radios), sector
(choice with eight options, a list box), services (multi) and about (text); a2 asked of board
and senior staff, m1 of those who say partners share measures (m0), m2 after a high m1, and the
whole Housing pathway principle (h1) only of those whose work touches housing.
"""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

import pytest
from browser_support import RequestLog, describe, reload_when_saved, require_axe, run_axe
from chromium import wait_until
from click.testing import CliRunner

from selfassess.cli import cli
from selfassess.core.model import Questionnaire
from selfassess.inputs.banks import bundled_bank_files, load_questionnaire
from selfassess.pages.form import render_form
from selfassess.pages.themes import load_theme

pytestmark = pytest.mark.browser

BANK = Path(__file__).parent / "data" / "every-type-bank.yaml"
VECTORS = Path(__file__).parent / "vectors"
CONDITIONAL = ["a2", "m1", "m2", "h1"]


@pytest.fixture(params=["default", "nhs"])
def theme_name(request: pytest.FixtureRequest) -> str:
    return str(request.param)


def open_form(context: Any, requests: RequestLog, folder: Path, bank_file: Path, theme: str) -> Any:
    """A new tab on the form page of the bank in `bank_file`, its script ready."""
    path = folder / f"{load_questionnaire(bank_file).id}-{theme}.html"
    path.write_text(render_form(load_questionnaire(bank_file), load_theme(theme)), "utf-8")
    requests.allowed.add(path.as_uri())
    tab = context.new_page()
    tab.goto(path.as_uri())
    wait_until(tab, "window.selfassessResult !== undefined")
    return tab


@pytest.fixture
def page(context: Any, requests: RequestLog, tmp_path: Path) -> Any:
    errors: list[str] = []
    context.on("weberror", lambda error: errors.append(str(error.error)))
    tab = open_form(context, requests, tmp_path, BANK, "default")
    yield tab
    assert errors == [], errors
    assert requests.requests == []


def question(page: Any, qid: str) -> Any:
    return page.locator(f'fieldset[data-question="{qid}"]')


def pick(page: Any, qid: str, label: str) -> None:
    """Answer as a person does: click the option's label."""
    question(page, qid).locator("label", has_text=label).click()


def hidden(page: Any) -> list[str]:
    """The questions the page hides now, in page order."""
    found: list[str] = page.evaluate(
        "() => [...document.querySelectorAll('fieldset[data-question]')]"
        ".filter((f) => f.hidden).map((f) => f.dataset.question)"
    )
    return found


def result(page: Any) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(page.evaluate("JSON.stringify(window.selfassessResult)"))
    return data


def download(page: Any, folder: Path) -> Path:
    with page.expect_download() as saved:
        page.get_by_role("button", name="Download my answers").click()
    path = folder / saved.value.suggested_filename
    saved.value.save_as(path)
    return path


def answer_everything(page: Any) -> None:
    """Every type answered, every conditional question brought into view and answered."""
    page.get_by_label("Organisation", exact=True).fill("Northshire County Council")
    pick(page, "seniority", "Board or executive")
    page.get_by_label("Which kind of organisation do you work for?").select_option("council")
    pick(page, "services", "Housing")
    pick(page, "services", "Schools")
    page.get_by_label("Anything else about your role?").fill("  Lead for discharge.  ")
    pick(page, "a1", "Mostly")
    pick(page, "a2", "Fully")
    pick(page, "a3", "Frontline staff")
    page.get_by_label("What one change would help most?").fill("A shared budget.")
    pick(page, "m0", "Yes")
    pick(page, "m1", "Mostly")
    pick(page, "m2", "Partly")
    pick(page, "h1", "Starting")
    wait_until(page, "window.selfassessResult.answered === 5")  # the rated questions


def scored_by_cli(bank_file: Path, answers: Path) -> dict[str, Any]:
    """What `selfassess score --format json` makes of the exported file."""
    run = CliRunner().invoke(
        cli, ["score", "--questionnaire", str(bank_file), str(answers), "--format", "json"]
    )
    assert run.exit_code == 0, run.output
    data: dict[str, Any] = json.loads(run.stdout)
    return data


def close(a: Any, b: Any, where: str = "") -> None:
    """Equal, with numbers equal to 1e-9."""
    if isinstance(b, float) and a is not None:
        assert isinstance(a, float | int) and math.isclose(a, b, abs_tol=1e-9), where
    elif isinstance(b, dict):
        assert isinstance(a, dict) and list(a) == list(b), f"{where}: {a} != {b}"
        for key in b:
            close(a[key], b[key], f"{where}.{key}")
    else:
        assert a == b, f"{where}: {a!r} != {b!r}"


# ---------------------------------------------------------------- what the page asks


def test_about_you_asks_the_background_questions_between_the_details_and_the_principles(
    page: Any,
) -> None:
    order = page.evaluate(
        "() => [...document.querySelectorAll('fieldset.respondent, #background, section.principle')]"
        ".map((el) => el.id || el.className)"
    )
    assert order == ["respondent", "background", "p-agenda", "p-measures", "p-housing"]
    assert page.locator("#background h2").inner_text() == "About you"
    legends = question(page, "seniority").locator("legend")
    assert legends.inner_text() == "Which best describes your role?"
    assert question(page, "seniority").locator("input[type=radio]").count() == 3
    assert question(page, "sector").locator("select option").count() == 9  # "Choose one" + 8
    assert question(page, "services").locator("input[type=checkbox]").count() == 3
    assert page.get_by_label("Anything else about your role?").evaluate("(el) => el.tagName") == (
        "TEXTAREA"
    )
    assert page.get_by_role("group", name="Which best describes your role?").is_visible()


def test_questions_not_asked_are_hidden_until_their_condition_holds(page: Any) -> None:
    assert hidden(page) == CONDITIONAL
    pick(page, "seniority", "Senior manager")
    wait_until(page, "!document.querySelector('fieldset[data-question=\"a2\"]').hidden")
    pick(page, "m0", "Yes")
    pick(page, "services", "Housing")
    wait_until(page, "document.querySelectorAll('fieldset[data-question][hidden]').length === 1")
    assert hidden(page) == ["m2"]  # asked after a high m1 only
    pick(page, "m1", "Fully")
    wait_until(page, "document.querySelectorAll('fieldset[data-question][hidden]').length === 0")
    pick(page, "m0", "No")  # m2 hangs on m1, which is no longer asked: both go
    wait_until(page, "document.querySelectorAll('fieldset[data-question][hidden]').length === 2")
    assert hidden(page) == ["m1", "m2"]


def test_a_hidden_question_is_out_of_the_tab_order(page: Any) -> None:
    question(page, "a1").locator("input").first.focus()
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.name") == "a3"  # a2 is skipped


def test_hiding_an_answered_question_drops_its_answer_and_says_so(
    page: Any, tmp_path: Path
) -> None:
    note = page.locator("#hidden-note")
    pick(page, "seniority", "Board or executive")
    pick(page, "a1", "Fully")
    pick(page, "a2", "Not yet")
    wait_until(page, "window.selfassessResult.answered === 2")
    assert note.inner_text() == ""
    pick(page, "seniority", "Frontline practitioner")
    wait_until(page, "window.selfassessResult.answered === 1")
    assert note.inner_text() == (
        "Questions that no longer apply to you are hidden; your answers to them are not exported."
    )
    assert result(page)["principles"]["agenda"] == 100  # a1 alone, a2 not asked
    exported = json.loads(download(page, tmp_path).read_text(encoding="utf-8"))
    assert exported["answers"] == {"a1": 5}
    assert exported["background"] == {"seniority": "frontline"}
    pick(page, "seniority", "Board or executive")  # the answer on the page comes back
    wait_until(page, "window.selfassessResult.answered === 2")
    assert note.inner_text() == ""


# ---------------------------------------------------------------- export, score, save, load


def test_the_export_is_format_2_and_scores_as_the_page_does(page: Any, tmp_path: Path) -> None:
    answer_everything(page)
    live = result(page)
    saved = download(page, tmp_path)
    data = json.loads(saved.read_text(encoding="utf-8"))
    assert list(data) == [
        "format",
        "questionnaire",
        "respondent",
        "language",  # the page's (#17): scores ignore it
        "background",
        "answers",
        "comments",
        "completed_at",
    ]
    assert data["format"] == "selfassess-response/2"
    assert data["language"] == "en"
    assert data["background"] == {
        "seniority": "board",
        "sector": "council",
        "services": ["housing", "schools"],
        "about": "  Lead for discharge.  ",
    }
    assert data["answers"] == {
        "a1": 4,
        "a2": 5,
        "a3": ["staff"],
        "a4": "A shared budget.",
        "m0": "yes",
        "m1": 4,
        "m2": 3,
        "h1": 2,
    }
    scored = scored_by_cli(BANK, saved)["respondents"][0]
    close(
        {k: live[k] for k in scored if k != "source"},
        {k: v for k, v in scored.items() if k != "source"},
    )


def test_a_principle_not_asked_is_not_applicable_and_leaves_the_overall(page: Any) -> None:
    pick(page, "services", "Schools")
    pick(page, "a1", "Fully")
    pick(page, "m0", "Yes")
    wait_until(page, "window.selfassessResult.answered === 1")
    page.get_by_role("button", name="Show my results").click()
    weakest = page.locator("#weakest")
    assert weakest.inner_text() == (
        "Your weakest principle is named when all 2 principles have a score; 1 still has none."
    )
    # m1 is asked (partners share measures), m2 not yet (it follows a high m1): one of one
    measures = page.locator('tr[data-principle="measures"]')
    assert "No score: answer at least 1 of its 1 questions" in measures.inner_text()
    pick(page, "m1", "Mostly")
    wait_until(page, "window.selfassessResult.answered === 2")
    row = page.locator('tr[data-principle="housing"]')
    assert "Not applicable" in row.inner_text()
    assert page.locator("#advice-housing").is_hidden()
    assert result(page)["principles"]["housing"] is None
    assert result(page)["overall"] == 87.5  # agenda 100 and measures 75, housing left out
    assert weakest.inner_text().startswith("Your weakest principle: Shared measures (75).")


def test_every_type_is_saved_on_the_device_and_loaded_back_from_a_file(
    page: Any, tmp_path: Path, requests: RequestLog
) -> None:
    answer_everything(page)
    before = result(page)
    reload_when_saved(page, requests)
    wait_until(page, "window.selfassessResult && window.selfassessResult.answered === 5")
    close(result(page), before)
    assert (
        page.get_by_label("Which kind of organisation do you work for?").input_value() == "council"
    )
    assert page.get_by_label("What one change would help most?").input_value() == "A shared budget."
    saved = download(page, tmp_path)
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Start again").click()
    wait_until(page, "window.selfassessResult.answered === 0")
    assert hidden(page) == CONDITIONAL
    page.locator("input[type=file]").set_input_files(str(saved))
    page.locator("#message:not([hidden])", has_text="Loaded your answers").wait_for()
    close(result(page), before)
    assert question(page, "services").locator("input:checked").count() == 2
    assert hidden(page) == []


def test_the_results_name_the_banks_sources(page: Any) -> None:
    page.get_by_role("button", name="Show my results").click()
    sources = page.locator("#results ul.references li")
    assert sources.count() == 2
    assert sources.first.locator("em").inner_text() == "Collective impact"
    assert page.locator("#sources").inner_text() == "Sources"


def answer_whatever_is_asked(page: Any, bank: Questionnaire) -> None:
    """Answer every question shown, in asking order (so an answer that opens a later question
    is given before it is reached), with options that vary from one question to the next."""
    for i, q in enumerate(bank.all_questions()):
        fieldset = question(page, q.id)
        if fieldset.is_hidden():
            continue
        if q.type == "text":
            fieldset.locator("textarea").fill(f"An answer to {q.id}.")
        elif fieldset.locator("select").count():
            fieldset.locator("select").select_option(index=1 + i % len(q.options or []))
        else:
            labels = fieldset.locator("label")
            labels.nth(i % labels.count()).click()


# The bundled banks as they are now, and the shared vectors' banks that use the new question
# types (hostile option ids such as `__proto__` among them).
ANSWERED_BANKS = [
    *bundled_bank_files(),
    *sorted(p / "bank.yaml" for p in VECTORS.iterdir() if p.name[:2].isdigit() and p.name >= "23"),
]


@pytest.mark.parametrize(
    "bank_file",
    ANSWERED_BANKS,
    ids=lambda path: path.parent.name if path.stem == "bank" else path.stem,
)
def test_a_bank_answered_on_its_form_scores_there_as_selfassess_score_does(
    context: Any, requests: RequestLog, tmp_path: Path, bank_file: Path
) -> None:
    tab = open_form(context, requests, tmp_path, bank_file, "nhs")
    bank = load_questionnaire(bank_file)
    answer_whatever_is_asked(tab, bank)
    live = result(tab)
    assert live["answered"] > 0
    saved = download(tab, tmp_path)
    scored = scored_by_cli(bank_file, saved)["respondents"][0]
    close(
        {k: live[k] for k in scored if k != "source"},
        {k: v for k, v in scored.items() if k != "source"},
    )
    tab.get_by_role("button", name="Show my results").click()
    violations = run_axe(tab, require_axe())
    assert violations == [], describe(violations)
    assert requests.requests == []


# ---------------------------------------------------------------- accessibility


def test_axe_finds_no_violations_with_questions_hidden_and_shown(
    context: Any, requests: RequestLog, tmp_path: Path, theme_name: str
) -> None:
    tab = open_form(context, requests, tmp_path, BANK, theme_name)
    axe = require_axe()
    violations = run_axe(tab, axe)
    assert violations == [], describe(violations)
    answer_everything(tab)
    tab.get_by_role("button", name="Show my results").click()
    assert hidden(tab) == []
    violations = run_axe(tab, axe)
    assert violations == [], describe(violations)
