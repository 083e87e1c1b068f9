"""The scorecard's view-model: what the board reads, computed once, before any template runs."""

from __future__ import annotations

import re
from dataclasses import fields, is_dataclass
from datetime import date
from pathlib import Path

import pytest

from selfassess.core.errors import SelfassessError
from selfassess.core.model import Questionnaire, Respondent, Response, SourcedResponse
from selfassess.core.privacy import PrivacyOptions
from selfassess.core.rounding import round_half_up, shown
from selfassess.core.scoring import Scores, score_all
from selfassess.inputs.paths import expand_input_paths
from selfassess.inputs.responses import LoadedResponses, bank_for_responses, load_responses
from selfassess.scorecard.charts import HeatMap
from selfassess.scorecard.view import (
    MAX_COMMENT_CHARS,
    PrivacyView,
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


def view_of(
    example: Example,
    baseline: tuple[LoadedResponses, Scores] | None = None,
    **options: object,
) -> ScorecardView:
    bank, loaded, scores = example
    return build_scorecard(
        bank,
        scores,
        loaded.responses,
        ScorecardOptions(**options),  # type: ignore[arg-type]
        baseline=baseline[1] if baseline else None,
        baseline_responses=baseline[0].responses if baseline else (),
    )


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


def test_the_agreement_sentence_does_not_compare_organisations_whose_scores_are_hidden() -> None:
    sentence = agreement_sentence(False, False, 3, 12, 25.0, shown=1)
    assert sentence.startswith("Too few organisations' scores are shown to compare organisations")


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
    names = sorted(o.name for o in example[2].organisations.values())
    for section in view.sections:
        assert [row.label for row in section.heat_map.rows] == [*names, "Partnership"]
        assert [row.emphasis for row in section.heat_map.rows] == [False] * len(names) + [True]
        assert [c.label for c in section.heat_map.columns][-1] == "Score"


def test_comments_are_attributed_to_an_organisation_but_not_a_name(example: Example) -> None:
    view = view_of(example)
    comments = [c for s in view.sections for c in s.comments]
    assert comments
    assert all(c.name is None for c in comments)
    assert {c.organisation for c in comments} >= {"Northshire County Council"}


def test_comments_from_organisations_with_fewer_than_three_respondents_are_withheld(
    example: Example,
) -> None:
    """The bank's privacy.min_group_size (3) applies to comments by default; Police has 2."""
    view = view_of(example)
    comments = [c for s in view.sections for c in s.comments]
    assert "Northshire Police" not in {c.organisation for c in comments}
    notes = [s.comments_hidden_note for s in view.sections if s.comments_hidden_note]
    assert notes == [
        "1 comment not shown: it comes from organisations with fewer than 3 responses."
    ]
    assert view.method.privacy.hidden_comments == 1


def test_a_role_is_printed_only_when_enough_people_in_the_organisation_share_it(
    example: Example,
) -> None:
    bank, loaded, _ = example
    council = "Northshire County Council"
    renamed = [
        r.model_copy(
            update={
                "response": r.response.model_copy(
                    update={
                        "respondent": r.response.respondent.model_copy(update={"role": "Officer"})
                    }
                )
            }
        )
        if r.response.respondent.organisation == council
        else r
        for r in loaded.responses
    ]
    view = build_scorecard(bank, score_all(bank, renamed), renamed, ScorecardOptions())
    comments = [c for s in view.sections for c in s.comments]
    assert {c.role for c in comments if c.organisation == council} == {"Officer"}
    assert {c.role for c in comments if c.organisation != council} == {None}


def test_with_a_group_size_of_one_every_comment_shows_with_its_role(example: Example) -> None:
    view = view_of(example, privacy=PrivacyOptions(min_group_size=1))
    comments = [c for s in view.sections for c in s.comments]
    police = next(c for c in comments if c.organisation == "Northshire Police")
    assert police.role == "Chief Inspector, Neighbourhood Policing"
    assert police.about == "Q3"
    assert not [s for s in view.sections if s.comments_hidden_note]


def test_comments_carry_names_only_with_show_names(example: Example) -> None:
    view = view_of(example, show_names=True, privacy=PrivacyOptions(min_group_size=1))
    assert "Steve Carrick" in {c.name for s in view.sections for c in s.comments}


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
    view = view_of(example, baseline)
    assert view.baseline is not None
    b = view.baseline
    assert b.overall.before == shown(baseline[1].partnership.overall)
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


# ---------------------------------------------------------------- small groups and pseudonyms

SMALL = PrivacyOptions(min_group_size=3, min_organisation_size=3)
POLICE = "Northshire Police"  # 2 respondents in the example round


def strings(value: object) -> list[str]:
    """Every string anywhere in a view: what any template could print."""
    if isinstance(value, str):
        return [value]
    if is_dataclass(value) and not isinstance(value, type):
        return [s for f in fields(value) for s in strings(getattr(value, f.name))]
    if isinstance(value, list | tuple):
        return [s for item in value for s in strings(item)]
    return []


def printed_heat_map(table: HeatMap) -> dict[str, list[str]]:
    """The heat map's cells in words, as a tooltip or screen reader gives them: row -> cells."""
    return {row.label: [cell.said for cell in row.cells] for row in table.rows}


def test_by_default_no_organisation_figure_is_hidden(example: Example) -> None:
    view = view_of(example)
    assert view.method.privacy.hidden_cells == 0
    assert view.method.privacy.min_organisation_size == 1
    for section in view.sections:
        cells = [c for row in printed_heat_map(section.heat_map).values() for c in row]
        assert not [c for c in cells if c.startswith("hidden")], section.id
    assert not view.summary_note and not view.radar_note


def test_an_organisation_below_the_threshold_is_hidden_wherever_it_would_be_printed(
    example: Example,
) -> None:
    view = view_of(example, privacy=SMALL)
    for section in view.sections:
        row = printed_heat_map(section.heat_map)[POLICE]
        assert set(row) == {"hidden (fewer than 3 responses)"}, section.id
        named = [section.lowest, section.highest, *(d.lowest for d in section.disagreements)]
        named += [d.highest for d in section.disagreements]
        assert POLICE not in {o.name for o in named if o is not None}
        police = next(r for r in section.heat_map.rows if r.label == POLICE)
        assert set(police.printed) == {"<3"} and section.hidden_note
    assert POLICE not in {o.name for r in view.principles for o in (r.lowest, r.highest) if o}
    assert view.weakest_link is not None and view.weakest_link.organisation is not None
    assert view.weakest_link.organisation.name != POLICE
    assert f"{POLICE}: 1. Shared understanding and a common agenda hidden" in view.radar_svg
    assert next(o for o in view.method.organisations if o.name == POLICE).answered == "hidden"
    assert view.summary_note and view.radar_note


def test_no_hidden_cell_stands_alone_in_a_printed_mean_or_an_organisations_row(
    example: Example,
) -> None:
    """Read back from what is printed: one hidden term in a sum would give it away."""
    view = view_of(example, privacy=SMALL)
    hidden = re.compile(r"^hidden")
    for section in view.sections:
        grid = printed_heat_map(section.heat_map)
        partnership = grid.pop("Partnership")
        for column, total in enumerate(partnership):
            cells = [row[column] for row in grid.values() if row[column] != "no answers"]
            in_sum = sum(bool(hidden.match(c)) for c in cells)
            if not hidden.match(total):
                assert in_sum != 1, (section.id, column)
        for name, row in grid.items():
            assert sum(bool(hidden.match(c)) for c in row) != 1, (section.id, name)


def test_spread_lowest_and_highest_cover_only_the_scores_printed(example: Example) -> None:
    view = view_of(example, privacy=SMALL)
    for row, section in zip(view.principles, view.sections, strict=True):
        grid = printed_heat_map(section.heat_map)
        grid.pop("Partnership")
        scores = [int(r[-1]) for r in grid.values() if r[-1].isdigit()]
        assert row.lowest is not None and row.highest is not None
        assert (row.lowest.score, row.highest.score) == (str(min(scores)), str(max(scores)))
        assert abs(int(row.spread) - (max(scores) - min(scores))) <= 1  # exact, then rounded


def test_an_organisation_with_a_hidden_score_has_no_figures_in_the_baseline_section(
    example: Example, baseline: tuple[LoadedResponses, Scores]
) -> None:
    view = view_of(example, baseline, privacy=SMALL)
    assert view.baseline is not None
    withheld = [m for m in view.baseline.organisation_changes if m.hidden]
    assert withheld and all(m.change.now == "–" and not m.largest_principle for m in withheld)
    assert view.baseline.organisation_changes[-len(withheld) :] == withheld
    assert not {m.name for m in view.baseline.moved_most} & {m.name for m in withheld}


PSEUDONYMS = {
    "Northshire County Council": "Partner C",
    "Northshire Hospitals NHS Trust": "Partner A",
    "Northshire Community Health NHS Trust": "Partner F",
    "Northshire Police": "Partner D",
    "Northshire Schools Trust": "Partner B",
    "Northshire Voluntary Action": "Partner G",
    "Riverside Care Homes Group": "Partner E",
}


def test_anonymised_organisations_appear_nowhere_under_their_own_names(
    example: Example,
) -> None:
    bank, loaded, scores = example
    responses = list(loaded.responses)
    first = responses[0]
    responses[0] = first.model_copy(
        update={
            "response": first.response.model_copy(
                update={
                    "comments": {"ca-1": "Unlike northshire POLICE, Riverside Care Homes Group"}
                }
            )
        }
    )
    privacy = PrivacyOptions(min_group_size=1, pseudonyms=PSEUDONYMS)
    view = build_scorecard(bank, scores, responses, ScorecardOptions(privacy=privacy))
    text = "\n".join(strings(view))
    for real in PSEUDONYMS:
        assert real.casefold() not in text.casefold()
    assert "Unlike Partner D, Partner E" in text
    comments = [c for s in view.sections for c in s.comments]
    assert comments and {c.role for c in comments} == {None}  # roles name the sector
    assert [o.name for o in view.method.organisations] == [f"Partner {x}" for x in "ABCDEFG"]
    assert view.weakest_link is not None and view.weakest_link.organisation is not None
    assert view.weakest_link.organisation.name == "Partner E"  # Riverside, everywhere


def test_names_and_pseudonyms_cannot_be_combined(example: Example) -> None:
    with pytest.raises(SelfassessError, match="cannot be combined"):
        view_of(example, show_names=True, privacy=PrivacyOptions(pseudonyms=PSEUDONYMS))


@pytest.mark.parametrize(
    ("cells", "comments", "sentence"),
    [
        (0, 0, ""),
        (0, 1, "In this report 1 comment is hidden."),
        (1, 0, "In this report 1 heat-map cell is hidden."),
        (0, 2, "In this report 2 comments are hidden."),
        (12, 1, "In this report 12 heat-map cells and 1 comment are hidden."),
    ],
)
def test_the_appendix_counts_what_was_hidden(cells: int, comments: int, sentence: str) -> None:
    assert PrivacyView(3, 3, False, cells, comments).hidden == sentence


# ---------------------------------------------------------------- bounded work


def _with_comment(example: Example, text: str) -> list[SourcedResponse]:
    responses = list(example[1].responses)
    first = responses[0]
    responses[0] = first.model_copy(
        update={"response": first.response.model_copy(update={"comments": {"ca-1": text}})}
    )
    return responses


def test_a_long_comment_prints_a_fixed_length_and_says_the_rest_is_in_the_answer_file(
    example: Example,
) -> None:
    bank, _, scores = example
    words = "Decisions stall when budgets tighten and nobody owns the follow up. "
    text = (words * (1_000_000 // len(words) + 1))[:1_000_000]
    privacy = PrivacyOptions(min_group_size=1)
    view = build_scorecard(
        bank, scores, _with_comment(example, text), ScorecardOptions(privacy=privacy)
    )
    (comment,) = [c for s in view.sections for c in s.comments if c.text.startswith("Decisions")]
    assert len(comment.text) <= MAX_COMMENT_CHARS + 2 and comment.text.endswith(" …")
    assert text.startswith(comment.text.removesuffix(" …"))
    shown = len(comment.text) - 2
    assert comment.shortened_note == (
        f"Comment shortened: the first {shown:,} of its 1,000,000 characters are printed; "
        "the whole comment is in the respondent's answer file."
    )
    others = [c for s in view.sections for c in s.comments if c is not comment]
    assert others and all(c.shortened_note == "" for c in others)


def test_a_cut_never_leaves_half_of_a_real_organisation_name(example: Example) -> None:
    bank, _, scores = example
    name = "Northshire County Council"
    text = "x" * (MAX_COMMENT_CHARS - 10) + name + " and more" * 10
    privacy = PrivacyOptions(min_group_size=1, pseudonyms=PSEUDONYMS)
    view = build_scorecard(
        bank, scores, _with_comment(example, text), ScorecardOptions(privacy=privacy)
    )
    printed = " ".join(c.text for s in view.sections for c in s.comments)
    assert "Northshire" not in printed and "North" not in printed.replace("x", "")
