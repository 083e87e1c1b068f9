"""The scorecard's breakdown pages, counts of answers, text answers and principles not asked.

The bank in tests/data/breakdowns uses every question type; its eleven answer files give the
seniority breakdown two shown groups and two withheld (one respondent each, k = 3), the sector
breakdown one small group and one withheld beside it (complementary hiding), a group for which a
principle was asked of nobody (frontline staff were not asked about shared measures), and a
multi question with one option picked by a single respondent.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest
from scorecard_support import view_of

from selfassess.core.model import Questionnaire
from selfassess.core.privacy import PrivacyOptions
from selfassess.core.response_model import Respondent, Response, SourcedResponse
from selfassess.core.scores import Scores
from selfassess.core.scoring import score_all
from selfassess.inputs.banks import load_questionnaire
from selfassess.inputs.paths import expand_input_paths
from selfassess.inputs.responses import LoadedResponses, load_responses
from selfassess.pages.themes import load_theme
from selfassess.report.audit import printed_figures
from selfassess.report.pipeline import render_scorecard_html
from selfassess.scorecard.breakdowns import printed_breakdowns
from selfassess.scorecard.build import build_scorecard
from selfassess.scorecard.choices import bar_width
from selfassess.scorecard.options import ScorecardOptions
from selfassess.scorecard.views import BreakdownView, PrincipleSection, ScorecardView

HIDDEN = "hidden to protect groups of fewer than 3"
BREAKDOWNS = Path(__file__).parent / "data" / "breakdowns"
FROZEN_BANK = Path(__file__).parent / "data" / "collaboration-maturity-1.0.yaml"
BASELINE = Path(__file__).parent.parent / "examples" / "baseline"


@cache
def breakdowns_round() -> tuple[Questionnaire, LoadedResponses, Scores]:
    bank = load_questionnaire(BREAKDOWNS / "bank.yaml")
    loaded = load_responses(expand_input_paths([str(BREAKDOWNS / "responses")]), bank)
    return bank, loaded, score_all(bank, loaded.responses)


@cache
def rated_only_round() -> tuple[Questionnaire, LoadedResponses, Scores]:
    """A bank with rated questions only (collaboration-maturity 1.0, frozen: no background
    questions, no ask_if, no references) and the example's baseline round, which answers it."""
    bank = load_questionnaire(FROZEN_BANK)
    loaded = load_responses(expand_input_paths([str(BASELINE)]), bank)
    return bank, loaded, score_all(bank, loaded.responses)


def view(**options: object) -> ScorecardView:
    return view_of(breakdowns_round(), **options)


def breakdown(question_id: str, **options: object) -> BreakdownView:
    return next(b for b in view(**options).breakdowns if b.id == question_id)


def rows(b: BreakdownView) -> list[tuple[str, str, list[str], str]]:
    return [(r.label, r.respondents, r.figures, r.hidden) for r in b.rows]


def test_each_breakdown_question_gets_a_page_in_the_banks_order() -> None:
    pages = view().breakdowns
    assert [(b.id, b.anchor, b.title_html) for b in pages] == [
        ("seniority", "breakdown-seniority", "Which best describes your role?"),
        ("sector", "breakdown-sector", "Which kind of organisation do you work for?"),
    ]
    assert pages[0].columns == ["Putting hierarchies aside", "Shared measures", "Overall"]


def test_a_bank_without_breakdown_questions_has_no_breakdown_pages() -> None:
    v = view_of(rated_only_round())
    assert (v.breakdowns, v.respondents) == ([], 20)


def test_groups_smaller_than_the_banks_min_group_size_are_said_in_place_without_figures() -> None:
    assert rows(breakdown("seniority")) == [
        ("Board or executive", "4", ["90", "73", "81"], ""),
        ("Senior manager", "", [], HIDDEN),
        ("Frontline practitioner", "4", ["21", "n/a", "21"], ""),
        ("Other", "", [], HIDDEN),
    ]


def test_a_lone_small_group_takes_the_next_smallest_with_it() -> None:
    """Voluntary (2) alone below 3 would be the total less the others: council (4) goes too."""
    assert rows(breakdown("sector")) == [
        ("NHS", "5", ["43", "81", "62"], ""),
        ("Local council", "", [], HIDDEN),
        ("Voluntary sector", "", [], HIDDEN),
    ]
    assert breakdown("sector").hidden_note.startswith("2 groups are hidden: a group of fewer")


def test_a_small_group_and_the_one_hidden_with_it_read_the_same_so_neither_is_singled_out() -> None:
    """Council (4) is hidden only to protect voluntary (2): saying which is which would say
    which group is small."""
    council, voluntary = breakdown("sector").rows[1:]
    assert council.hidden == voluntary.hidden == HIDDEN


def test_a_principle_asked_of_nobody_in_a_group_prints_n_a_and_the_caption_says_so() -> None:
    assert breakdown("seniority").not_asked
    assert not breakdown("sector").not_asked


def test_the_largest_gap_between_two_shown_groups_is_one_sentence_on_the_printed_figures() -> None:
    assert breakdown("seniority").gap == (
        "Respondents who answered “Board or executive” score Putting hierarchies aside 69 "
        "points higher than those who answered “Frontline practitioner”."
    )


def test_no_gap_is_said_with_fewer_than_two_shown_groups() -> None:
    assert breakdown("sector").gap == ""


def test_a_smaller_min_group_size_shows_every_group_that_has_anyone_in_it() -> None:
    privacy = PrivacyOptions(min_group_size=2)
    assert [r.hidden for r in breakdown("sector", privacy=privacy).rows] == ["", "", ""]
    assert [r.respondents for r in breakdown("seniority", privacy=privacy).rows] == [
        "4",
        "",
        "4",
        "",
    ]


def test_the_manifest_records_each_groups_printed_figures_or_why_it_is_withheld() -> None:
    v = view()
    figures = printed_figures(v)["partnership"]["breakdowns"]
    assert figures == printed_breakdowns(v.breakdowns, v.principles)
    assert figures["seniority"]["Board or executive"] == {
        "respondents": "4",
        "hierarchies": "90",
        "measures": "73",
        "overall": "81",
    }
    assert figures["sector"]["Voluntary sector"] == {"hidden": HIDDEN}


def test_a_manifest_of_a_bank_without_breakdowns_has_no_breakdowns_key() -> None:
    assert "breakdowns" not in printed_figures(view_of(rated_only_round()))["partnership"]


def section(principle_id: str, **options: object) -> PrincipleSection:
    return next(s for s in view(**options).sections if s.id == principle_id)


def test_choice_and_multi_questions_inside_a_principle_are_counted_with_small_counts_hidden() -> (
    None
):
    (who,) = section("hierarchies").choices
    assert (who.label, who.multi) == ("Q3", True)
    assert [(b.label, b.count, b.hidden) for b in who.bars] == [
        ("Executives", HIDDEN, True),
        ("Frontline staff", "7", False),
        ("Residents", HIDDEN, True),
    ]
    assert who.hidden_note.startswith("2 counts are hidden")
    (has,) = section("measures").choices
    assert (has.multi, [b.count for b in has.bars]) == (
        False,
        ["5", HIDDEN, HIDDEN],
    )


def test_a_shown_count_is_drawn_as_a_bar_as_long_as_its_share_of_the_longest_shown() -> None:
    bars = section("measures").choices[0].bars
    assert [b.bar_width for b in bars] == ["100%", "", ""]
    assert bar_width(3, 7) == "42.9%" and bar_width(0, 0) == "0%"


def test_the_heat_map_has_a_column_per_scale_question_only() -> None:
    s = section("hierarchies")
    assert [c.label for c in s.heat_map.columns] == ["Q1", "Q2", "Score"]
    assert s.heat_map_labels == ["Q1", "Q2"]
    assert [q.label for q in s.questions] == ["Q1", "Q2", "Q3", "Q4"]


def test_text_answers_inside_a_principle_are_printed_with_its_comments() -> None:
    printed = [(c.text, c.organisation, c.about) for c in section("hierarchies").comments]
    assert ("Ask us before the plan is written.", "Northshire NHS Trust", "Q4") in printed
    assert ("Residents should sit on the board.", "Northshire Council", "Q4") in printed


def test_text_answers_follow_the_comments_privacy_rules() -> None:
    """Northshire Voluntary Action has two respondents: its answer is withheld and counted."""
    s = section("hierarchies")
    assert not [c for c in s.comments if "Small charities" in c.text]
    assert s.comments_hidden_note.startswith("1 comment not shown")


def test_the_method_page_lists_the_banks_references_as_sources() -> None:
    method = view().method
    assert method.references_html == [
        "<p>Kania, J. and Kramer, M. (2011) <em>Collective impact</em>. Stanford Social "
        "Innovation Review.</p>",
        "<p>Mattessich, P. and Johnson, K. (2018) <em>Collaboration: What Makes It Work</em>, "
        "3rd edition.</p>",
    ]
    assert method.conditional and method.groups_counted


def test_a_rated_only_banks_method_page_has_no_sources_and_no_conditional_note() -> None:
    method = view_of(rated_only_round()).method
    assert (method.references_html, method.conditional, method.groups_counted) == ([], False, False)


def answered(organisation: str, has_measures: str, **answers: object) -> SourcedResponse:
    return SourcedResponse(
        source=f"{organisation}-{has_measures}.json",
        response=Response(
            format="selfassess-response/2",
            questionnaire={"id": "breakdowns"},
            respondent=Respondent(organisation=organisation),
            background={"seniority": "frontline"},
            answers={"h-1": 4, "m-has": has_measures, **answers},
        ),
    )


def scorecard_of(responses: list[SourcedResponse]) -> ScorecardView:
    bank = breakdowns_round()[0]
    return build_scorecard(bank, score_all(bank, responses), responses, ScorecardOptions())


def test_a_principle_asked_of_nobody_reads_n_a_in_the_summary_and_its_heat_map() -> None:
    v = scorecard_of([answered("A", "no"), answered("B", "unsure")])
    measures = next(row for row in v.principles if row.id == "measures")
    assert measures.score == "n/a"
    heat = next(s for s in v.sections if s.id == "measures").heat_map
    assert [row.printed[-1] for row in heat.rows] == ["n/a", "n/a", "n/a"]
    assert any("not asked" in entry.text for entry in heat.key)
    assert v.overall == "75"  # the other principle alone


def test_an_organisation_not_asked_a_principle_reads_n_a_beside_one_that_was() -> None:
    v = scorecard_of([answered("A", "no"), answered("B", "yes", **{"m-1": 5, "m-2": 5})])
    heat = next(s for s in v.sections if s.id == "measures").heat_map
    assert [(row.label, row.printed) for row in heat.rows] == [
        ("A", ["–", "–", "n/a"]),
        ("B", ["100", "100", "100"]),
        ("Partnership", ["100", "100", "100"]),
    ]


@pytest.fixture(scope="module")
def html() -> str:
    return render_scorecard_html(view(partnership="Northshire"), load_theme(None))


def test_the_breakdown_page_lays_out_hidden_groups_across_the_figures(html: str) -> None:
    assert (
        '<tr class="breakdown-hidden"><th scope="row">Senior manager</th><td colspan="4" '
        'class="muted">hidden to protect groups of fewer than 3</td></tr>'
    ) in html
    assert 'href="#breakdown-sector">Scores by group: Which kind of organisation' in html


def test_hostile_option_labels_are_printed_as_text(tmp_path: Path) -> None:
    bank = breakdowns_round()[0]
    seniority = bank.background[0]
    options = [o.model_copy(update={"label": f"<b>{o.label}</b>"}) for o in seniority.options or []]
    hostile = bank.model_copy(
        update={"background": [seniority.model_copy(update={"options": options})]}
    )
    loaded = breakdowns_round()[1]
    v = build_scorecard(
        hostile, score_all(hostile, loaded.responses), loaded.responses, ScorecardOptions()
    )
    page = render_scorecard_html(v, load_theme(None))
    assert "&lt;b&gt;Board or executive&lt;/b&gt;" in page
    assert "<b>Board" not in page


def test_the_method_page_counts_the_groups_and_counts_withheld() -> None:
    assert view().method.privacy.hidden == (
        "In this report 1 comment, 4 groups of respondents and 4 counts of answers are hidden."
    )
