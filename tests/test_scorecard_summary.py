"""The summary pages: overall score, the summary table, the weakest link, the cover and its dates."""

from __future__ import annotations

from datetime import date

import pytest
from scorecard_support import (
    Example,
    answered_on,
    example_round,
    view_of,
)

from selfassess.core.rounding import round_half_up, shown
from selfassess.scorecard.summary import collection_period


@pytest.fixture(scope="module")
def example() -> Example:
    return example_round()


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
    assert (parity.median, parity.iqr, parity.split, parity.divergent) == ("50", "26", False, True)
    assert parity.agreement.startswith("Organisations see this principle differently, while")


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


def test_cover_facts(example: Example) -> None:
    view = view_of(
        example, partnership="Northshire Health and Care Partnership", date=date(2026, 11, 29)
    )
    assert view.running_header == "Northshire Health and Care Partnership"
    assert view.title == "Partnership scorecard"
    assert view.date == "29 November 2026"
    assert view.collected == "2 to 20 November 2026"
    assert view_of(example, title="Winter review").running_header == "Winter review"


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
