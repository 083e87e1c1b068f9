"""The scorecard's view-model: what the board reads, computed once, before any template runs."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from selfassess.formats import shown
from selfassess.load import LoadedResponses, bank_for_responses, expand_input_paths, load_responses
from selfassess.model import Questionnaire, Respondent, Response, SourcedResponse
from selfassess.score import Scores, round_half_up, score_all
from selfassess.scorecard import (
    ScorecardOptions,
    ScorecardView,
    agreement_sentence,
    build_scorecard,
    change,
    collection_period,
    long_date,
)

EXAMPLES = Path(__file__).parent.parent / "examples"
Example = tuple[Questionnaire, LoadedResponses, Scores]


def load(folder: str, bank: Questionnaire | None = None) -> tuple[Questionnaire, LoadedResponses]:
    paths = expand_input_paths([str(EXAMPLES / folder)])
    bank = bank or bank_for_responses(paths).questionnaire
    return bank, load_responses(paths, bank)


@pytest.fixture(scope="module")
def example() -> Example:
    bank, loaded = load("responses")
    return bank, loaded, score_all(bank, loaded.responses)


@pytest.fixture(scope="module")
def baseline(
    example: tuple[Questionnaire, LoadedResponses, Scores],
) -> tuple[LoadedResponses, Scores]:
    bank = example[0]
    _, loaded = load("baseline", bank)
    return loaded, score_all(bank, loaded.responses)


def view_of(example: Example, **options: object) -> ScorecardView:
    bank, loaded, scores = example
    return build_scorecard(bank, scores, loaded.responses, ScorecardOptions(**options))  # type: ignore[arg-type]


def test_overall_score_and_level_are_the_scoring_engines_rounded(example: Example) -> None:
    bank, _, scores = example
    view = view_of(example)
    assert scores.partnership.overall is not None
    assert view.overall == str(round_half_up(scores.partnership.overall))
    assert view.level is not None
    assert view.level.id == scores.partnership.level
    assert view.level.label == next(lv.label for lv in bank.levels if lv.id == view.level.id)
    assert (view.respondents, view.organisations) == (26, 7)


def test_summary_table_has_one_row_per_principle_with_lowest_and_highest_organisation(
    example: Example,
) -> None:
    bank, _, scores = example
    view = view_of(example)
    assert [row.title for row in view.principles] == [p.title for p in bank.principles]
    for row in view.principles:
        result = scores.partnership.principles[row.id]
        assert row.score == shown(result.score)
        assert row.spread == shown(result.spread)
        assert row.divergent == result.divergent
        assert row.lowest is not None and row.highest is not None
        assert row.lowest.score == shown(result.min)
        assert row.highest.score == shown(result.max)
        assert scores.organisations[row.lowest.name].principles[row.id] == result.min


def test_each_principle_shows_the_respondents_median_iqr_and_split_beside_the_spread(
    example: Example,
) -> None:
    _, _, scores = example
    view = view_of(example)
    for row, section in zip(view.principles, view.sections, strict=True):
        consensus = scores.partnership.principles[row.id].consensus
        assert (row.median, row.iqr, row.split) == (
            shown(consensus.median),
            shown(consensus.iqr),
            consensus.split,
        )
        assert (section.median, section.iqr, section.split) == (row.median, row.iqr, row.split)
        assert section.respondents == consensus.n
    parity = next(s for s in view.sections if s.id == "parity")
    assert (parity.median, parity.iqr, parity.split, parity.divergent) == ("45", "29", False, True)
    assert parity.agreement.startswith("Organisations see this principle differently, while")


@pytest.mark.parametrize(
    ("divergent", "split", "organisations", "expected"),
    [
        (True, True, 3, "Organisations see this principle differently, and so do people"),
        (True, False, 3, "the gap lies between organisations more than between people"),
        (False, True, 3, "Organisations' averages are close, but people are split"),
        (False, False, 3, "Organisations' averages are close and most respondents sit near"),
        (False, True, 1, "Only one organisation scored this principle"),
    ],
)
def test_the_agreement_sentence_tells_organisations_apart_from_people(
    divergent: bool, split: bool, organisations: int, expected: str
) -> None:
    sentence = agreement_sentence(divergent, split, organisations, 12, 25.0)
    assert expected in sentence
    assert ("more than 25 points from the median" in sentence) == split


def test_no_agreement_sentence_when_nobody_scored_the_principle() -> None:
    assert agreement_sentence(False, False, 0, 0, 25.0) == ""


def test_the_weakest_link_is_the_lowest_principle_with_its_weakest_organisation(
    example: Example,
) -> None:
    view = view_of(example)
    assert view.weakest_link is not None
    assert view.weakest_link.title == "Putting hierarchies aside"
    assert view.weakest_link.organisation is not None
    assert view.weakest_link.organisation.name == "Riverside Care Homes Group"
    assert view.weakest_link.divergent
    assert [row.weakest_link for row in view.principles] == [False, False, False, True, False]


def test_most_disagreed_questions_have_the_largest_spread_of_organisation_means(
    example: Example,
) -> None:
    bank, _, scores = example
    view = view_of(example)
    for principle, section in zip(bank.principles, view.sections, strict=True):
        spreads = {}
        for question in principle.questions:
            means = [
                o.items[question.id]
                for o in scores.organisations.values()
                if question.id in o.items
            ]
            spreads[question.id] = max(means) - min(means)
        largest = sorted(spreads.values(), reverse=True)[:3]
        assert [d.spread for d in section.disagreements] == [shown(s) for s in largest]
        flagged = [q.label for q in section.questions if q.disagreement is not None]
        assert sorted(flagged) == sorted(d.label for d in section.disagreements)


def test_advice_is_the_banks_advice_for_the_partnerships_level_on_that_principle(
    example: Example,
) -> None:
    view = view_of(example)
    communication = next(s for s in view.sections if s.id == "communication")
    assert communication.level is not None and communication.level.id == "established"
    assert "joint reviews after difficult incidents" in communication.advice_html
    parity = next(s for s in view.sections if s.id == "parity")
    assert "ground rules for meetings" in parity.advice_html  # developing


def test_heat_maps_hold_one_row_per_organisation_and_the_partnership(example: Example) -> None:
    view = view_of(example)
    for section in view.sections:
        svg = section.heat_map_svg
        assert svg.startswith("<svg")
        assert "Riverside Care Homes Group" in svg and ">Partnership<" in svg


def test_comments_are_attributed_to_organisation_and_role_but_not_name(example: Example) -> None:
    view = view_of(example)
    comments = [c for s in view.sections for c in s.comments]
    assert comments
    assert all(c.name is None for c in comments)
    police = next(c for c in comments if c.organisation == "Northshire Police")
    assert police.role == "Chief Inspector, Neighbourhood Policing"
    assert police.about == "Q3"


def test_comments_carry_names_only_with_show_names(example: Example) -> None:
    comments = [c for s in view_of(example, show_names=True).sections for c in s.comments]
    assert "Steve Carrick" in {c.name for c in comments}


def test_a_comment_on_a_whole_principle_is_shown_under_it_without_a_question(
    example: Example,
) -> None:
    reciprocity = next(s for s in view_of(example).sections if s.id == "reciprocity")
    assert any(c.about == "" and "trusted assessor" in c.text for c in reciprocity.comments)


def test_comment_text_is_kept_verbatim_for_the_template_to_escape(example: Example) -> None:
    parity = next(s for s in view_of(example).sections if s.id == "parity")
    assert any(c.text.startswith("<script>alert('x')</script>") for c in parity.comments)


def test_no_baseline_section_without_baseline_scores(example: Example) -> None:
    assert view_of(example).baseline is None


def test_baseline_shows_change_per_principle_and_overall(
    example: Example, baseline: tuple[LoadedResponses, Scores]
) -> None:
    bank, loaded, scores = example
    base_loaded, base_scores = baseline
    view = build_scorecard(
        bank,
        scores,
        loaded.responses,
        ScorecardOptions(),
        baseline=base_scores,
        baseline_responses=base_loaded.responses,
    )
    assert view.baseline is not None
    b = view.baseline
    assert b.overall.before == shown(base_scores.partnership.overall)
    assert b.overall.now == view.overall
    communication = next(p for p in b.principles if p.title.startswith("Regular communication"))
    assert communication.change.direction == "up" and communication.change.arrow == "▲"
    assert b.joined == ["Northshire Police"]
    assert b.left == []
    sizes = [abs(int(m.change.delta.replace("−", "-"))) for m in b.organisation_changes]
    assert sizes == sorted(sizes, reverse=True)
    assert b.moved_most == b.organisation_changes[:2]
    assert b.collected == "5 to 21 May 2026"
    assert view.method.organisations[0].baseline_respondents == 3


@pytest.mark.parametrize(
    ("before", "now", "delta", "direction", "arrow"),
    [
        (42.6, 48.4, "+5", "up", "▲"),  # 43 -> 48 as printed, not 5.8 -> +6
        (50.0, 47.0, "−3", "down", "▼"),
        (49.6, 50.4, "0", "same", "▶"),
        (None, 50.0, "–", "none", ""),
    ],
)
def test_change_is_the_difference_of_the_numbers_shown(
    before: float | None, now: float | None, delta: str, direction: str, arrow: str
) -> None:
    c = change(before, now)
    assert (c.delta, c.direction, c.arrow) == (delta, direction, arrow)


def test_method_appendix_states_the_banks_own_rules(example: Example) -> None:
    method = view_of(example).method
    assert [(p.label, p.score) for p in method.scale] == [
        ("Not yet", "0"),
        ("Starting", "25"),
        ("Partly", "50"),
        ("Mostly", "75"),
        ("Fully", "100"),
    ]
    assert method.unscored == ["Don't know"]
    assert method.min_answered == "50%"
    assert method.divergence_threshold == "25"
    assert [lv.range for lv in method.levels] == [
        "below 40",
        "40 to under 60",
        "60 to under 80",
        "80 and above",
    ]
    assert sum(o.respondents for o in method.organisations) == 26
    assert method.skipped == []


def test_cover_facts(example: Example) -> None:
    view = view_of(
        example, partnership="Northshire Health and Care Partnership", date=date(2026, 11, 29)
    )
    assert view.running_header == "Northshire Health and Care Partnership"
    assert view.title == "Partnership scorecard"
    assert view.date == "29 November 2026"
    assert view.collected == "2 to 20 November 2026"
    assert view_of(example, title="Winter review").running_header == "Winter review"


def answered_on(stamp: str | None) -> SourcedResponse:
    return SourcedResponse(
        source="x.json",
        response=Response(
            format="selfassess-response/1",
            questionnaire={"id": "t"},
            respondent=Respondent(),
            completed_at=stamp,
        ),
    )


@pytest.mark.parametrize(
    ("stamps", "expected"),
    [
        (["2026-11-03T10:00:00Z"], "3 November 2026"),
        (["2026-11-20T10:00:00Z", "2026-11-02"], "2 to 20 November 2026"),
        (["2026-10-28", "2026-11-02"], "28 October to 2 November 2026"),
        (["2025-12-30", "2026-01-04"], "30 December 2025 to 4 January 2026"),
        ([None, "not a date", "2026-02-30"], ""),
    ],
)
def test_collection_period_reads_the_completed_at_dates(
    stamps: list[str | None], expected: str
) -> None:
    assert collection_period([answered_on(s) for s in stamps]) == expected


def test_long_date_is_british_whatever_the_locale() -> None:
    assert long_date(date(2026, 5, 7)) == "7 May 2026"
