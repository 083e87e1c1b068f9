"""Banks that say how they are scored and shown (#16), on the form and the partnership page in a
real Chromium: a Wilder-like bank (20 factors in 6 groups, every respondent counting the same,
means on the 1-5 scale, no overall score, no weakest link) and a small bank with a principle
reported but not scored and a principle with levels of its own.

Figures are read off the page and compared with `score --format json` shown as the bank shows
it.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from browser_support import RequestLog, describe, require_axe, run_axe
from chromium import wait_until

from selfassess.core.display import one_decimal
from selfassess.core.model import Questionnaire
from selfassess.core.privacy import hidden_groups
from selfassess.core.scoring import score_all
from selfassess.inputs.banks import load_questionnaire, parse_questionnaire
from selfassess.inputs.responses import load_responses
from selfassess.pages.form import render_form
from selfassess.pages.partnership import render_partnership_page
from selfassess.pages.themes import load_theme
from selfassess.report.score_formats import scores_to_json

pytestmark = pytest.mark.browser

TWENTY = Path(__file__).parent / "data" / "twenty-factors"
THEMES = ["default", "nhs"]

SMALL_BANK = """\
id: small-instrument
version: "1.0"
title: A small instrument
scoring: {display: scale, weakest_link: false}
scale:
  - {value: 1, label: Not at all}
  - {value: 2, label: A little}
  - {value: 3, label: Somewhat}
  - {value: 4, label: Mostly}
  - {value: 5, label: Fully}
  - {value: null, label: Don't know}
levels:
  - {id: low, label: Low, min: 1, description: Little of this yet.}
  - {id: high, label: High, min: 3, description: Much of this in place.}
principles:
  - id: goals
    title: Shared goals
    levels:
      - {id: g1, label: Stage 1, min: 1, description: Nothing shared yet.}
      - {id: g2, label: Stage 2, min: 2.5, description: Some goals shared.}
      - {id: g3, label: Stage 3, min: 4, description: Goals fully shared.}
    questions:
      - {id: g-1, text: We agree what we are for.}
      - {id: g-2, text: Our goals are written down.}
    advice:
      g2: Write the goals down together.
      g3: Review the goals every year together.
  - id: trust
    title: Trust
    questions:
      - {id: t-1, text: We trust each other.}
  - id: lead
    title: Leadership
    questions:
      - {id: l-1, text: Leaders back the work.}
  - id: context
    title: Context
    scored: false
    questions:
      - {id: c-1, text: The wider climate helps.}
      - {id: c-2, text: Funding is stable.}
"""

SMALL_ANSWERS = [
    ("North", {"g-1": 2, "g-2": 3, "t-1": 4, "l-1": 2, "c-1": 5, "c-2": None}),
    ("North", {"g-1": 3, "g-2": 3, "t-1": 5, "l-1": 1, "c-1": 5, "c-2": 2}),
    ("South", {"g-1": 5, "g-2": 4, "t-1": 2, "l-1": 3, "c-1": 1}),
]


@pytest.fixture(scope="module")
def twenty() -> Questionnaire:
    return load_questionnaire(TWENTY / "bank.yaml")


@pytest.fixture(scope="module")
def small() -> Questionnaire:
    return parse_questionnaire(SMALL_BANK, "small-instrument.yaml")


@pytest.fixture(scope="module")
def small_files(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    folder = tmp_path_factory.mktemp("small answers")
    files = []
    for i, (organisation, answers) in enumerate(SMALL_ANSWERS):
        path = folder / f"r{i}.json"
        response = {
            "format": "selfassess-response/1",
            "questionnaire": {"id": "small-instrument", "version": "1.0"},
            "respondent": {"organisation": organisation, "role": f"Role {i}"},
            "answers": answers,
        }
        path.write_text(json.dumps(response), encoding="utf-8")
        files.append(path)
    return files


def twenty_files() -> list[Path]:
    return sorted((TWENTY / "responses").glob("*.json"))


def expected(bank: Questionnaire, files: list[Path]) -> dict[str, Any]:
    """What `selfassess score --format json` writes: every figure in the displayed unit."""
    return scores_to_json(score_all(bank, load_responses(files, bank).responses))


@pytest.fixture
def theme_name() -> str:
    return "default"


@pytest.fixture
def open_page(context: Any, requests: RequestLog, tmp_path: Path, theme_name: str) -> Iterator[Any]:
    """Open a bank's form or partnership page from file://; fail on any script error."""
    errors: list[str] = []

    def opener(bank: Questionnaire, kind: str) -> Any:
        render = render_partnership_page if kind == "partnership" else render_form
        path = tmp_path / f"{bank.id}-{kind}.html"
        path.write_text(render(bank, load_theme(theme_name)), encoding="utf-8")
        requests.allowed.add(path.as_uri())
        tab = context.new_page()
        tab.on("pageerror", lambda error: errors.append(str(error)))
        tab.goto(path.as_uri())
        wait_until(tab, "() => window.selfassessResult !== undefined")
        return tab

    yield opener
    assert errors == [], errors


def pick(page: Any, files: list[Path]) -> None:
    page.locator("input[type=file]").set_input_files([str(f) for f in files])
    wait_until(page, "() => window.selfassessResult !== null")


def texts(page: Any, selector: str) -> list[str]:
    return [t.strip() for t in page.locator(selector).all_inner_texts()]


def cell(page: Any, principle: str, name: str) -> str:
    selector = f'#results tr[data-principle="{principle}"] [data-cell="{name}"]'
    return str(page.locator(selector).inner_text()).strip()


# The partnership page


def test_a_wilder_like_bank_names_its_scale_once_and_has_no_overall_or_weakest_link(
    open_page: Any, twenty: Questionnaire
) -> None:
    page = open_page(twenty, "partnership")
    pick(page, twenty_files())
    caption = page.locator("#principles-caption").inner_text()
    assert "mean on the 1–5 scale" in caption
    assert page.locator("#overall").count() == 0
    assert page.locator("#weakest").count() == 0
    assert page.locator("#lowest h3").inner_text() == "Lowest scores"
    assert page.locator("#lowest li").count() == 3
    headers = texts(page, "#organisations thead th")
    assert "Overall" not in headers and "Level" not in headers


def test_groups_head_their_principles_in_the_partnership_tables(
    open_page: Any, twenty: Questionnaire
) -> None:
    page = open_page(twenty, "partnership")
    pick(page, twenty_files())
    rows = page.locator("table.principles tbody tr").evaluate_all(
        "rows => rows.map(r => r.dataset.group ? 'g:' + r.dataset.group : r.dataset.principle)"
    )
    wanted = []
    for group in twenty.groups:
        wanted += [f"g:{group.id}", *(p.id for p in twenty.principles_of(group))]
    assert rows == wanted
    spans = texts(page, "#organisations thead tr.column-groups th")
    assert spans == [g.title for g in twenty.groups]


def test_the_partnership_page_shows_score_jsons_figures_on_the_scale(
    open_page: Any, twenty: Questionnaire
) -> None:
    page = open_page(twenty, "partnership")
    pick(page, twenty_files())
    scores = expected(twenty, twenty_files())["partnership"]
    for principle in twenty.principles:
        figures = scores["principles"][principle.id]
        assert cell(page, principle.id, "score") == one_decimal(figures["score"])
        assert cell(page, principle.id, "spread") == one_decimal(figures["spread"])
    for group in twenty.groups:
        row = page.locator(f'tr[data-group="{group.id}"] [data-cell="score"]')
        assert row.inner_text().strip() == one_decimal(scores["groups"][group.id]["score"])
    ranked = sorted(twenty.principles, key=lambda p: (scores["principles"][p.id]["score"], p.id))[
        :3
    ]
    lowest = texts(page, "#lowest li")
    assert [item.split(" — ")[0] for item in lowest] == [p.title for p in ranked]


def test_an_unscored_principle_has_no_score_and_a_table_of_answer_counts(
    open_page: Any, small: Questionnaire, small_files: list[Path]
) -> None:
    page = open_page(small, "partnership")
    pick(page, small_files)
    row = page.locator('table.principles tr[data-principle="context"]')
    assert "Reported, not scored" in row.inner_text()
    assert row.locator('[data-cell="score"]').count() == 0
    table = page.locator('table[data-counted="context"][data-question="c-1"]')
    labels = texts(table.page, 'table[data-question="c-1"] tbody th')
    assert labels == [
        "Not at all",
        "A little",
        "Somewhat",
        "Mostly",
        "Fully",
        "Don't know, or no answer",
    ]
    assert "Context" not in texts(page, "#organisations thead th")


def test_answer_counts_are_score_jsons_with_small_counts_withheld(
    open_page: Any, small: Questionnaire, small_files: list[Path]
) -> None:
    page = open_page(small, "partnership")
    pick(page, small_files)
    answers = expected(small, small_files)["partnership"]["principles"]["context"]["answers"]
    for question, counts in answers.items():
        rows = page.locator(f'table[data-question="{question}"] tbody tr')
        shown = rows.evaluate_all(
            "rows => rows.map(r => [r.dataset.answer, r.querySelector('td').textContent])"
        )
        hidden = hidden_groups(list(counts.values()), small.privacy.min_group_size)
        k = small.privacy.min_group_size
        assert shown == [
            [key, f"fewer than {k}" if i in hidden else str(n)]
            for i, (key, n) in enumerate(counts.items())
        ]
        assert hidden, "the small bank's answers include counts below the threshold"


def test_a_principle_with_its_own_levels_is_labelled_from_them(
    open_page: Any, small: Questionnaire, small_files: list[Path]
) -> None:
    page = open_page(small, "partnership")
    pick(page, small_files)
    scores = expected(small, small_files)["partnership"]
    level = scores["principles"]["goals"]["level"]
    own = {lv.id: lv.label for lv in small.levels_of(small.principles[0])}
    assert cell(page, "goals", "level") == own[level]
    assert "on the 1–5 scale" in page.locator("#overall").inner_text()


def test_the_heat_maps_key_follows_the_principle_shown(
    open_page: Any, small: Questionnaire, small_files: list[Path]
) -> None:
    page = open_page(small, "partnership")
    pick(page, small_files)
    page.get_by_label("Principle to show").select_option("goals")
    assert texts(page, "#heat-legend li") == [
        "Stage 1 (from 1)",
        "Stage 2 (from 2.5)",
        "Stage 3 (from 4)",
    ]
    page.get_by_label("Principle to show").select_option("trust")
    assert texts(page, "#heat-legend li") == ["Low (from 1)", "High (from 3)"]
    # An unscored principle has its answer counts, not a heat map.
    assert page.locator('#heat-principle option[value="context"]').count() == 0
    assert page.locator('[data-heat="context"]').count() == 0


@pytest.mark.parametrize("theme_name", THEMES)
def test_no_accessibility_violations_on_the_partnership_page_of_either_bank(
    open_page: Any, twenty: Questionnaire, small: Questionnaire, small_files: list[Path]
) -> None:
    axe = require_axe()
    for bank, files in ((twenty, twenty_files()), (small, small_files)):
        page = open_page(bank, "partnership")
        pick(page, files)
        violations = run_axe(page, axe)
        assert violations == [], describe(violations)


# The form


def answer(page: Any, qid: str, value: int) -> None:
    page.locator(f'input[name="{qid}"][value="{value}"]').check()


def test_the_form_puts_principles_under_their_group_headings(
    open_page: Any, twenty: Questionnaire
) -> None:
    page = open_page(twenty, "form")
    for group in twenty.groups:
        section = page.locator(f"#g-{group.id}")
        assert section.locator("h2").first.inner_text() == group.title
        inside = section.locator("section.principle").evaluate_all("s => s.map(x => x.id)")
        assert inside == [f"p-{p.id}" for p in twenty.principles_of(group)]
    assert page.locator("section.principle h3").count() == len(twenty.principles)


def test_the_forms_results_have_no_overall_box_and_list_the_lowest_scores(
    open_page: Any, twenty: Questionnaire
) -> None:
    page = open_page(twenty, "form")
    page.locator("#show-results").click()
    answer(page, "f01q1", 2)
    answer(page, "f01q2", 3)
    answer(page, "f02q1", 4)
    assert page.locator("#overall").count() == 0
    assert page.locator("#weakest").count() == 0
    assert page.locator("#lowest h3").inner_text() == "Lowest scores"
    assert page.locator("#lowest li").count() == 2
    assert "mean on the 1–5 scale" in page.locator("#results caption").inner_text()
    groups = page.locator("#results tr[data-group]").evaluate_all(
        "r => r.map(x => x.dataset.group)"
    )
    assert groups == [g.id for g in twenty.groups]


def test_the_forms_scores_are_shown_on_the_scale(open_page: Any, twenty: Questionnaire) -> None:
    page = open_page(twenty, "form")
    page.locator("#show-results").click()
    answer(page, "f01q1", 2)
    answer(page, "f01q2", 3)
    score = page.locator('#results tr[data-principle="factor-01"] [data-slot="score"]')
    assert score.inner_text() == "2.5"  # (2 + 3) / 2 on 1-5; 37.5 on 0-100
    assert (
        page.locator("#lowest li").first.inner_text() == "History of working together — 2.5 Concern"
    )


def test_the_forms_results_say_an_unscored_principle_is_reported_not_scored(
    open_page: Any, small: Questionnaire
) -> None:
    page = open_page(small, "form")
    page.locator("#show-results").click()
    row = page.locator('#results tr[data-principle="context"]')
    assert "Reported, not scored" in row.inner_text()
    assert row.locator('[data-slot="score"]').count() == 0
    assert page.locator("#advice-context").count() == 0


def test_a_level_shows_its_description_and_what_would_take_us_there(
    open_page: Any, small: Questionnaire
) -> None:
    page = open_page(small, "form")
    page.locator("#show-results").click()
    answer(page, "g-1", 3)
    answer(page, "g-2", 3)  # 3.0: Stage 2 of the principle's own levels (from 2.5)
    advice = page.locator("#advice-goals")
    assert "Stage 2: Some goals shared." in advice.inner_text()
    shown = advice.locator(".next-level:not([hidden])")
    assert shown.locator("h4").inner_text() == "What would take us there: Stage 3"
    assert "Goals fully shared." in shown.inner_text()
    assert "Review the goals every year together." in shown.inner_text()
    assert (
        page.locator('#results tr[data-principle="goals"] [data-slot="level"]').inner_text()
        == "Stage 2"
    )


@pytest.mark.parametrize("theme_name", THEMES)
def test_no_accessibility_violations_on_the_form_with_results_of_either_bank(
    open_page: Any, twenty: Questionnaire, small: Questionnaire
) -> None:
    axe = require_axe()
    for bank, qid in ((twenty, "f01q1"), (small, "g-1")):
        page = open_page(bank, "form")
        page.locator("#show-results").click()
        answer(page, qid, 3)
        violations = run_axe(page, axe)
        assert violations == [], describe(violations)
