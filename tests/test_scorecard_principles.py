"""A principle's pages: the most disagreed questions, the advice, the heat map."""

from __future__ import annotations

import pytest
from scorecard_support import (
    Example,
    example_round,
    view_of,
)

from selfassess.core.rounding import shown


@pytest.fixture(scope="module")
def example() -> Example:
    return example_round()


def test_most_disagreed_questions_have_the_largest_spread_of_organisation_means(
    example: Example,
) -> None:
    bank, _, scores = example
    view = view_of(example)
    for principle, section in zip(bank.principles, view.sections, strict=True):
        spreads = {}
        for question in bank.scored_questions(principle):  # choice, multi, text: no means
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
