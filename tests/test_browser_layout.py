"""The pages' layout at the sizes people read them at: a 1280 px laptop and a 375 px phone.

At 1280 px a reader sees every column of the partnership's results without scrolling sideways;
on a phone a table that must scroll says so with a shadow at its edge; the radar's labels stay
readable (at least 11 px) at both sizes; the nhs theme keeps a question's options on one row.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from chromium import wait_until

from selfassess.core.model import Questionnaire
from selfassess.inputs.banks import BankSource, bundled_banks
from selfassess.pages.site import build_site
from selfassess.pages.themes import load_theme

pytestmark = pytest.mark.browser

ROOT = Path(__file__).parent.parent
EXAMPLES = sorted(p for p in (ROOT / "examples" / "responses").iterdir() if p.suffix == ".json")
BANK_ID = "collaboration-maturity"
LAPTOP, PHONE = 1280, 375
# Every wrapper of a table or chart in the results, and the results themselves.
WRAPPERS = "#results .table-wrap, #results .heat-wrap, #results figure, #results"


@pytest.fixture(scope="module")
def bank() -> Questionnaire:
    return next(b.questionnaire for b in bundled_banks() if b.questionnaire.id == BANK_ID)


@pytest.fixture(scope="module")
def source() -> BankSource:
    """The bank in all its languages: the site has its pages in English and in Welsh."""
    return next(b for b in bundled_banks() if b.questionnaire.id == BANK_ID)


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory, source: BankSource) -> Any:
    """The site built once per theme for the module."""
    root = tmp_path_factory.mktemp("layout")
    built: dict[str, Path] = {}

    def site_for(theme: str) -> Path:
        if theme not in built:
            built[theme] = root / theme
            build_site([source], built[theme], load_theme(theme))
        return built[theme]

    return site_for


@pytest.fixture
def open_at(browser: Any, sites: Any) -> Iterator[Any]:
    """Open one of the site's pages in a tab `width` px wide; fail on any script error."""
    errors: list[str] = []
    tabs: list[Any] = []

    def opener(theme: str, name: str, width: int) -> Any:
        tab = browser.new_page(viewport={"width": width, "height": 900})
        tabs.append(tab)
        tab.on("pageerror", lambda error: errors.append(str(error)))
        tab.goto((sites(theme) / name).as_uri())
        wait_until(tab, "() => window.selfassessResult !== undefined")
        return tab

    yield opener
    for tab in tabs:
        tab.close()
    assert errors == [], errors


def partnership_with_examples(open_at: Any, theme: str, width: int, page: str = "") -> Any:
    """The partnership page (`page`: its name, the default language's if "") with every
    example answer file read."""
    tab = open_at(theme, page or f"{BANK_ID}-partnership.html", width)
    tab.locator("input[type=file]").set_input_files([str(p) for p in EXAMPLES])
    wait_until(
        tab,
        "(n) => { const r = window.selfassessResult;"
        " return Boolean(r && r.partnership && r.partnership.n_respondents >= n); }",
        arg=len(EXAMPLES),
    )
    return tab


def form_with_results(open_at: Any, theme: str, width: int, bank: Questionnaire) -> Any:
    """The form, every question answered, its results shown."""
    tab = open_at(theme, f"{BANK_ID}.html", width)
    for i, (_, question) in enumerate(bank.questions()):
        options = tab.locator(f'fieldset[data-question="{question.id}"] label')
        if options.first.is_visible():  # a question asked only after some answers is hidden
            options.nth(i % options.count()).click()
    tab.get_by_role("button", name="Show my results").click()
    tab.locator("#radar svg").wait_for()
    return tab


def overflowing(tab: Any) -> list[str]:
    """The shown wrappers whose content is wider than their box, as 'class: content > box'."""
    found: list[str] = tab.evaluate(
        """(selector) => [...document.querySelectorAll(selector)]
          .filter((e) => e.offsetParent !== null && e.scrollWidth > e.clientWidth)
          .map((e) => (e.className || e.id) + ': ' + e.scrollWidth + ' > ' + e.clientWidth)""",
        WRAPPERS,
    )
    return found


def each_heat_map(tab: Any) -> Iterator[str]:
    """Show each principle's heat map in turn (the page shows one at a time)."""
    for value in tab.eval_on_selector_all("#heat-principle option", "os => os.map(o => o.value)"):
        tab.select_option("#heat-principle", value)
        wait_until(tab, "(v) => !document.querySelector(`[data-heat='${v}']`).hidden", arg=value)
        yield value


@pytest.mark.parametrize(
    ("theme", "page"),
    [
        ("default", f"{BANK_ID}-partnership.html"),
        ("nhs", f"{BANK_ID}-partnership.html"),
        ("default", f"{BANK_ID}-partnership.cy.html"),  # Welsh headings are longer
    ],
)
def test_at_1280_px_every_table_of_the_partnership_results_fits_its_box(
    open_at: Any, theme: str, page: str
) -> None:
    tab = partnership_with_examples(open_at, theme, LAPTOP, page)
    for principle in each_heat_map(tab):
        assert overflowing(tab) == [], f"with the heat map of {principle} shown"
    assert tab.evaluate("document.documentElement.scrollWidth") <= LAPTOP


def test_at_375_px_a_table_that_scrolls_shows_a_shadow_at_its_edge(open_at: Any) -> None:
    tab = partnership_with_examples(open_at, "default", PHONE)
    scrolling = tab.evaluate(
        """() => [...document.querySelectorAll('#results .table-wrap, #results .heat-wrap')]
          .filter((e) => e.offsetParent !== null && e.scrollWidth > e.clientWidth)
          .map((e) => { const s = getComputedStyle(e);
                        return [s.backgroundImage, s.backgroundAttachment]; })"""
    )
    assert len(scrolling) >= 3, "the example's score tables are wider than a phone"
    for image, attachment in scrolling:
        # The shadows stay at the box's edges; the covers that hide them move with the table.
        assert image.count("radial-gradient") == 2, image
        assert attachment.split(", ") == ["local", "local", "scroll", "scroll"], attachment
    # The page itself never scrolls sideways: only the tables in their boxes do.
    assert tab.evaluate("document.documentElement.scrollWidth") <= PHONE


def test_at_375_px_each_heat_map_caption_is_within_the_screen(open_at: Any) -> None:
    tab = partnership_with_examples(open_at, "default", PHONE)
    for principle in each_heat_map(tab):
        right = tab.evaluate(
            "(v) => document.querySelector(`#heat-${v} caption`).getBoundingClientRect().right",
            principle,
        )
        assert right <= PHONE, f"the caption of {principle}'s heat map ends at {right} px"


RADAR_LABEL_SIZES = """(svg) => [...document.querySelectorAll(svg + ' .radar-label')].map((t) => {
    const box = t.getBoundingClientRect(), frame = t.ownerSVGElement.getBoundingClientRect();
    return { text: t.textContent,
             px: parseFloat(getComputedStyle(t).fontSize) * t.getScreenCTM().a,
             inside: box.left >= frame.left - 1 && box.right <= frame.right + 1 }; })"""


@pytest.mark.parametrize("width", [LAPTOP, PHONE])
def test_the_radar_labels_are_at_least_11_px_and_inside_the_chart(
    open_at: Any, bank: Questionnaire, width: int
) -> None:
    pages = {
        "partnership page": partnership_with_examples(open_at, "default", width),
        "form": form_with_results(open_at, "default", width, bank),
    }
    for where, tab in pages.items():
        labels = tab.evaluate(RADAR_LABEL_SIZES, "#radar svg")
        assert len(labels) == len([p for p in bank.principles if p.scored]), where
        for label in labels:
            assert label["px"] >= 11, f"{where}: {label['text']} at {label['px']:.1f} px"
            assert label["inside"], f"{where}: {label['text']} runs outside the chart"


@pytest.mark.parametrize("width", [LAPTOP, PHONE])
def test_the_form_results_fit_the_screen(open_at: Any, bank: Questionnaire, width: int) -> None:
    tab = form_with_results(open_at, "default", width, bank)
    assert overflowing(tab) == []
    assert tab.evaluate("document.documentElement.scrollWidth") <= width


OPTION_ROWS = """() => [...document.querySelectorAll('fieldset.question .options')].map((o) => {
    const tops = [...o.querySelectorAll('label')].map((l) => Math.round(l.getBoundingClientRect().top));
    const rows = [...new Set(tops)];
    return { question: o.closest('fieldset').dataset.question,
             rows: rows.map((top) => tops.filter((t) => t === top).length) }; })"""


@pytest.mark.parametrize("theme", ["default", "nhs"])
def test_at_1280_px_a_questions_options_share_one_row_or_wrap_evenly(
    open_at: Any, theme: str
) -> None:
    tab = open_at(theme, f"{BANK_ID}.html", LAPTOP)
    for question in tab.evaluate(OPTION_ROWS):
        rows = question["rows"]
        # One row, or rows that differ by one option at most: never one option left alone.
        assert len(rows) == 1 or max(rows) - min(rows) <= 1, question
