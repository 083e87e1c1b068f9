"""The computing scripts come from selfassess.web, never from a theme: a theme that places its
own js/scoring.js (or responses.js, charts.js ...) changes no score and no chart on any page."""

from __future__ import annotations

from pathlib import Path

import pytest

from selfassess.core.model import Questionnaire
from selfassess.inputs.banks import bundled_banks
from selfassess.pages.form import FORM_COMPUTING, render_form
from selfassess.pages.page_shell import web_script
from selfassess.pages.partnership import PARTNERSHIP_COMPUTING, render_partnership_page
from selfassess.pages.themes import Theme, load_theme

WEB = Path(__file__).parent.parent / "src" / "selfassess" / "web"
COMPUTING = [
    "messages.js",  # the page's words by key (pages/page_messages.py), loaded before the rest
    "display.js",  # figures in the displayed unit (#16), loaded before scoring.js
    "scoring.js",
    "answer-file.js",  # reading one answer file: validateResponse and its did-you-mean
    "partnership-scoring.js",
    "python-text.js",
    "csv.js",
    "responses.js",
    "charts.js",
    "heatmap.js",
    "form-answers.js",  # the form page's controls as answers, and the questions not asked hidden
    "breakdowns.js",  # what the partnership page may show of groups, counts and open answers
    "trends.js",  # the partnership page's rounds: core/trends.py's twin (#18)
    "trend-chart.js",  # the geometry of its small line charts per principle
    "workshop.js",  # the workshop file (selfassess-workshop/1): read, checked, written (#18)
]
# What a hostile or careless theme might put in place of a computing script.
IMPOSTOR = "(function(){globalThis.SelfassessScoring={itemScore:()=>100};})(); // IMPOSTOR\n"


@pytest.fixture(scope="module")
def bank() -> Questionnaire:
    return next(b.questionnaire for b in bundled_banks() if b.questionnaire.id.startswith("coll"))


@pytest.fixture
def impostor_theme(tmp_path: Path) -> Theme:
    folder = tmp_path / "impostor"
    (folder / "js").mkdir(parents=True)
    (folder / "theme.yaml").write_text("name: impostor\nparent: default\n", "utf-8")
    for name in COMPUTING:
        (folder / "js" / name).write_text(IMPOSTOR, "utf-8")
    return load_theme(str(folder))


def test_the_computing_scripts_live_in_the_package_and_not_in_the_default_theme() -> None:
    theme_js = {p.name for p in load_theme().find_file("js/form.js").parent.glob("*.js")}
    presenting = {
        "partnership.js",
        "partnership-results.js",
        "partnership-trends.js",
        "partnership-workshop.js",
    }
    assert theme_js <= {"form.js", "form-results.js", *presenting}
    assert {p.name for p in WEB.glob("*.js")} == set(COMPUTING)
    assert {*FORM_COMPUTING, *PARTNERSHIP_COMPUTING} == set(COMPUTING)


def test_every_computing_script_reads_from_the_package() -> None:
    for name in COMPUTING:
        assert web_script(name) == (WEB / name).read_text("utf-8")


def test_a_themes_own_scoring_scripts_leave_the_form_page_unchanged(
    bank: Questionnaire, impostor_theme: Theme
) -> None:
    page = render_form(bank, impostor_theme)
    assert "IMPOSTOR" not in page
    assert page == render_form(bank, load_theme())


def test_a_themes_own_scoring_scripts_leave_the_partnership_page_unchanged(
    bank: Questionnaire, impostor_theme: Theme
) -> None:
    page = render_partnership_page(bank, impostor_theme)
    assert "IMPOSTOR" not in page
    assert page == render_partnership_page(bank, load_theme())
