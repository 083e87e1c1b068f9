"""The scorecard of a bank scored the way a published instrument is (#16): figures on the bank's
scale, groups of principles, no overall score, "Lowest scores" instead of a weakest link,
principles with levels of their own, and principles reported by their answers, never scored.

Two banks: tests/data/twenty-factors (Wilder-like: 20 factors in 6 groups, respondents averaged,
means on 1-5, bands at 3.0 and 4.0, no total, no weakest link) and a small one written here with
an anchored principle (its own four levels) and an unscored principle.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from browser_support import describe, require_axe, run_axe
from pdf_support import reader_of, report
from scorecard_support import example_round, view_of

from selfassess.core.display import SCALE, Display
from selfassess.core.model import Questionnaire
from selfassess.core.privacy import PrivacyOptions
from selfassess.core.response_model import Respondent, Response, SourcedResponse
from selfassess.core.scores import Scores
from selfassess.core.scoring import score_all
from selfassess.inputs.banks import load_questionnaire, parse_bank_bytes
from selfassess.inputs.paths import expand_input_paths
from selfassess.inputs.responses import load_responses
from selfassess.pages.themes import load_theme
from selfassess.report.page_comparison import page_problems
from selfassess.report.pipeline import render_scorecard_html
from selfassess.report.verify import verify_scorecard
from selfassess.scorecard.baseline import change
from selfassess.scorecard.build import build_scorecard
from selfassess.scorecard.options import ScorecardOptions
from selfassess.scorecard.views import PrincipleSection, ScorecardView

TWENTY = Path(__file__).parent / "data" / "twenty-factors"


@cache
def twenty() -> tuple[Questionnaire, list[SourcedResponse], Scores]:
    bank = load_questionnaire(TWENTY / "bank.yaml")
    loaded = load_responses(expand_input_paths([str(TWENTY / "responses")]), bank)
    return bank, loaded.responses, score_all(bank, loaded.responses)


@cache
def twenty_view() -> ScorecardView:
    bank, responses, scores = twenty()
    return build_scorecard(bank, scores, responses, ScorecardOptions())


@cache
def twenty_html() -> str:
    return render_scorecard_html(twenty_view(), load_theme("default"))


PATTERNS = """
id: patterns
version: "1"
title: Instrument patterns
scoring: {overall: false, weakest_link: false}
scale:
  - {value: 1, label: Not at all}
  - {value: 2, label: Partly}
  - {value: 3, label: Fully}
  - {value: null, label: "Don't know"}
levels:
  - {id: low, label: Low, min: 0, description: Little is in place.}
  - {id: mid, label: Middling, min: 50, description: Some of it is in place.}
  - {id: high, label: High, min: 75, description: It is in place everywhere.}
background:
  - id: sector
    type: choice
    text: Your sector
    breakdown: true
    options: [{id: public, label: Public}, {id: voluntary, label: Voluntary}]
principles:
  - id: plain
    title: Plain principle
    questions:
      - {id: p1, text: First plain statement.}
      - {id: p2, text: Second plain statement.}
    advice: {low: Start small., mid: Keep going., high: Share what works.}
  - id: anchored
    title: Anchored dimension
    levels:
      - {id: l0, label: Level 0, min: 0, description: Nothing yet.}
      - {id: l1, label: Level 1, min: 25, description: Plans exist.}
      - {id: l2, label: Level 2, min: 50, description: Pilots run.}
      - {id: l3, label: Level 3, min: 75, description: Used everywhere.}
    questions:
      - {id: a1, text: The anchored statement.}
    advice: {l2: Spread the pilots., l3: Keep it up.}
  - id: context
    title: Context questions
    scored: false
    questions:
      - {id: c1, text: "How settled is the context?"}
"""

# c1: two "Fully", one "Partly", one "Not at all", one "Don't know".
ANSWERS = [
    ("Alpha", {"sector": "public", "p1": 2, "p2": 2, "a1": 2, "c1": 3}),
    ("Alpha", {"sector": "public", "p1": 3, "p2": 2, "a1": 2, "c1": 3}),
    ("Alpha", {"sector": "public", "p1": 2, "p2": 3, "a1": 2, "c1": 2}),
    ("Beta", {"sector": "voluntary", "p1": 2, "p2": 1, "a1": 2, "c1": 1}),
    ("Beta", {"sector": "voluntary", "p1": 2, "p2": 2, "a1": 2, "c1": None}),
]


@cache
def patterns() -> tuple[Questionnaire, list[SourcedResponse], Scores]:
    bank = parse_bank_bytes(PATTERNS.encode(), "patterns.yaml").questionnaire
    responses = [
        SourcedResponse(
            source=f"r{i}.json",
            response=Response(
                format="selfassess-response/1",
                questionnaire={"id": "patterns", "version": "1"},
                respondent=Respondent(organisation=organisation),
                answers=answers,
            ),
        )
        for i, (organisation, answers) in enumerate(ANSWERS)
    ]
    return bank, responses, score_all(bank, responses)


def patterns_view(min_group_size: int = 1) -> ScorecardView:
    bank, responses, scores = patterns()
    options = ScorecardOptions(privacy=PrivacyOptions(min_group_size=min_group_size))
    return build_scorecard(bank, scores, responses, options)


def section(view: ScorecardView, principle_id: str) -> PrincipleSection:
    return next(s for s in view.sections if s.id == principle_id)


# ---------------------------------------------------------------- figures on the scale


def test_every_principle_score_is_printed_on_the_banks_scale_to_one_decimal() -> None:
    bank, _, scores = twenty()
    for row in twenty_view().principles:
        assert row.score == bank.display.text(scores.partnership.principles[row.id].score)
        assert 1.0 <= float(row.score) <= 5.0
        assert "." in row.score


def test_spreads_and_interquartile_ranges_are_differences_on_the_scale() -> None:
    bank, _, scores = twenty()
    for row in twenty_view().principles:
        result = scores.partnership.principles[row.id]
        assert row.iqr == bank.display.difference_text(result.consensus.iqr)
        assert row.median == bank.display.text(result.consensus.median)
        assert 0.0 <= float(row.spread) <= 4.0


def test_heat_map_cells_are_on_the_scale_and_coloured_by_the_level_the_figure_reads() -> None:
    view = twenty_view()
    for s in view.sections:
        score_cell = s.heat_map.rows[-1].cells[-1]
        assert score_cell.text == s.score
        assert s.level is not None
        band = ["concern", "borderline", "strength"].index(s.level.id)
        assert score_cell.tone == f"tone-{band}"


def test_the_heat_map_key_gives_the_levels_starts_on_the_scale() -> None:
    key = [entry.text for entry in twenty_view().sections[0].heat_map.key]
    assert key[:3] == ["Concern 1.0+", "Borderline 3.0+", "Strength 4.0+"]


def test_the_scale_is_named_once_under_the_summary_table_and_each_heat_map() -> None:
    view = twenty_view()
    assert view.scale_note == "Scores are means on the 1–5 scale."
    assert all(s.scale_note == view.scale_note for s in view.sections)
    html = twenty_html()
    assert html.count("Scores are means on the 1–5 scale.") == 1 + len(view.sections)


def test_the_method_says_every_respondent_counts_the_same_and_gives_the_bands_on_the_scale() -> (
    None
):
    view = twenty_view()
    m = view.method
    assert m.by_respondent and m.scale_range == "1–5"
    assert [(lv.label, lv.range) for lv in m.levels] == [
        ("Concern", "below 3.0"),
        ("Borderline", "3.0 to under 4.0"),
        ("Strength", "4.0 and above"),
    ]
    html = twenty_html()
    assert "<strong>Every respondent counts the same</strong>" in html
    assert "Every organisation counts the same" not in html


# ---------------------------------------------------------------- groups


def test_the_summary_has_a_row_per_group_with_its_score_and_level_over_its_principles() -> None:
    bank, _, scores = twenty()
    view = twenty_view()
    assert [g.title for g in view.groups] == [g.title for g in bank.groups]
    for group in view.groups:
        result = scores.partnership.groups[group.id]
        assert group.score == bank.display.text(result.score)
        assert group.level is not None and group.level.id == result.level
        members = [p.id for p in bank.principles if p.group == group.id]
        assert [row.id for row in group.principles] == members


def test_each_principle_page_carries_its_groups_title() -> None:
    view = twenty_view()
    assert section(view, "factor-01").group == "Environment"
    assert section(view, "factor-20").group == "Resources"
    assert "Environment · Principle 1" in twenty_html()


# ---------------------------------------------------------------- no overall, no weakest link


def test_a_bank_without_an_overall_score_shows_no_overall_box_or_row() -> None:
    view = twenty_view()
    assert not view.show_overall
    html = twenty_html()
    assert "Overall score" not in html
    assert 'class="total"' not in html.split('id="method"')[0]


def test_a_bank_without_a_weakest_link_lists_its_three_lowest_scores_instead() -> None:
    _, _, scores = twenty()
    view = twenty_view()
    assert view.weakest_link is None
    ranked = sorted(
        (scores.partnership.principles[row.id].score or 0, index, row.title)
        for index, row in enumerate(view.principles)
    )
    assert [low.title for low in view.lowest_scores] == [title for _, _, title in ranked[:3]]
    html = twenty_html()
    assert "Lowest scores" in html
    assert "weakest link" not in html.lower()


# ---------------------------------------------------------------- levels of its own


def test_a_principle_with_its_own_levels_is_labelled_and_coloured_by_them() -> None:
    anchored = section(patterns_view(), "anchored")
    assert anchored.score == "50"
    assert anchored.level is not None and anchored.level.label == "Level 2"
    assert anchored.heat_map.rows[-1].cells[-1].tone == "tone-4-2"
    assert "tone-4-2" in {tone.name for tone in patterns_view().tones}


def test_the_levels_description_is_beside_the_level_and_the_next_levels_advice_below() -> None:
    anchored = section(patterns_view(), "anchored")
    assert anchored.level is not None and anchored.level.description == "Pilots run."
    assert anchored.next_level is not None and anchored.next_level.label == "Level 3"
    assert "Keep it up." in anchored.next_advice_html
    html = render_scorecard_html(patterns_view(), load_theme("default"))
    assert "What would take us there: Level 3" in html
    assert "Pilots run." in html


def test_the_method_lists_a_principles_own_levels() -> None:
    own = patterns_view().method.principle_levels
    assert [(p.title, [lv.label for lv in p.levels]) for p in own] == [
        ("Anchored dimension", ["Level 0", "Level 1", "Level 2", "Level 3"])
    ]


# ---------------------------------------------------------------- unscored principles


def test_an_unscored_principle_has_no_score_level_or_colour() -> None:
    view = patterns_view()
    context = section(view, "context")
    assert not context.scored and context.level is None and context.score == "–"
    assert [low.title for low in view.lowest_scores] == ["Anchored dimension", "Plain principle"]
    html = render_scorecard_html(view, load_theme("default"))
    assert "Reported, not scored" in html


def test_an_unscored_principle_counts_how_many_chose_each_option() -> None:
    (counts,) = section(patterns_view(), "context").answers
    assert [(bar.label, bar.count) for bar in counts.bars] == [
        ("Not at all", "1"),
        ("Partly", "1"),
        ("Fully", "2"),
        ("“Don't know” or left blank", "1"),
    ]


def test_counts_of_an_unscored_principle_are_withheld_as_counts_of_a_choice_are() -> None:
    (counts,) = section(patterns_view(min_group_size=2), "context").answers
    shown = [(bar.label, bar.hidden) for bar in counts.bars]
    assert shown == [
        ("Not at all", True),
        ("Partly", True),
        ("Fully", False),
        ("“Don't know” or left blank", True),
    ]
    assert counts.hidden_note


# ---------------------------------------------------------------- breakdowns, changes, the chart


def test_a_breakdown_without_an_overall_has_a_column_per_scored_principle_only() -> None:
    (breakdown,) = patterns_view().breakdowns
    assert breakdown.columns == ["Plain principle", "Anchored dimension"]
    assert not breakdown.has_overall
    assert all(len(row.figures) == 2 for row in breakdown.rows if not row.hidden)


def test_a_change_since_the_baseline_on_the_scale_is_the_difference_of_the_printed_figures() -> (
    None
):
    scale = Display(SCALE, 1.0, 5.0)
    moved = change(40.0, 52.5, scale)  # 2.6 -> 3.1
    assert (moved.before, moved.now, moved.delta, moved.direction) == ("2.6", "3.1", "+0.5", "up")
    assert change(52.5, 40.0, scale).delta == "−0.5"
    assert change(40.0, 40.0, scale).direction == "same"
    assert change(40.0, 52.5).delta == "+13"  # 40 -> 53 on 0-100, as before


def test_twenty_principles_are_drawn_as_a_ranked_dot_plot_not_a_radar() -> None:
    view = twenty_view()
    assert view.chart_kind == "dots"
    assert view.radar_svg.startswith("<svg")
    assert '<figure class="dots">' in twenty_html()


def test_verify_reads_principle_scores_on_the_scale_where_pages_cannot_be_rebuilt() -> None:
    view = twenty_view()
    rows = " ".join(
        f"{row.number}. {row.title} {row.score} {row.level.label if row.level else '–'}"
        for row in view.principles
    )
    assert page_problems([rows], view) == []
    first = view.principles[0]
    tampered = rows.replace(f"{first.title} {first.score}", f"{first.title} 4.9", 1)
    assert page_problems([tampered], view) == [
        f"the page shows principle '{first.title}' at 4.9, the inputs give {first.score}"
    ]


# ---------------------------------------------------------------- existing banks


def test_a_bank_scored_as_before_keeps_its_overall_and_weakest_link() -> None:
    view = view_of(example_round())
    assert view.show_overall and view.out_of == "/100" and view.scale_note == ""
    assert view.weakest_link is not None and view.lowest_scores == []
    assert view.groups == []


# ---------------------------------------------------------------- the 20-factor PDF


@pytest.fixture(scope="module")
def twenty_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    pdf = tmp_path_factory.mktemp("twenty") / "scorecard.pdf"
    code, out, err = report(
        "--questionnaire",
        str(TWENTY / "bank.yaml"),
        str(TWENTY / "responses"),
        "-o",
        str(pdf),
        "--quiet",
    )
    assert code == 0, out + err
    return pdf


def test_the_summary_of_twenty_principles_fits_on_two_pages(twenty_pdf: Path) -> None:
    pages = [" ".join(page.extract_text().split()) for page in reader_of(twenty_pdf).pages]
    first = next(n for n, text in enumerate(pages) if "AT A GLANCE" in text.upper())
    after = next(n for n, text in enumerate(pages) if "PRINCIPLE 1 " in text.upper())
    assert after - first <= 2
    summary = " ".join(pages[first:after])
    assert all(f"{row.number}. {row.title}" in summary for row in twenty_view().principles)


def test_verify_passes_on_the_twenty_factor_scorecard(twenty_pdf: Path) -> None:
    result = verify_scorecard(twenty_pdf)
    assert result.ok, result.problems
    assert result.compared_pages > 0


def patterns_html() -> str:
    return render_scorecard_html(patterns_view(), load_theme("default"))


@pytest.mark.browser
@pytest.mark.parametrize(
    ("scorecard", "groups"), [(twenty_html, 6), (patterns_html, 0)], ids=["twenty", "patterns"]
)
def test_an_instruments_html_scorecard_passes_axe_and_reads_on_a_phone(
    browser: Any, tmp_path: Path, scorecard: Callable[[], str], groups: int
) -> None:
    html = tmp_path / "scorecard.html"
    html.write_text(scorecard(), encoding="utf-8")
    ctx = browser.new_context(viewport={"width": 320, "height": 800}, device_scale_factor=4)
    try:
        page = ctx.new_page()
        page.goto(html.as_uri())
        assert page.locator("tr.group-row").count() == groups
        violations = run_axe(page, require_axe())
        assert violations == [], describe(violations)
        assert page.evaluate("document.documentElement.scrollWidth") <= 320
    finally:
        ctx.close()
