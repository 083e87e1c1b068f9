"""Changes since the earlier round."""

from __future__ import annotations

import pytest
from scorecard_support import (
    Example,
    baseline_round,
    example_round,
    view_of,
)

from selfassess.core.rounding import shown
from selfassess.core.scores import Scores
from selfassess.inputs.responses import LoadedResponses
from selfassess.scorecard.baseline import change


@pytest.fixture(scope="module")
def example() -> Example:
    return example_round()


@pytest.fixture(scope="module")
def baseline() -> tuple[LoadedResponses, Scores]:
    return baseline_round()


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
