"""The method appendix: the bank's own rules, and what the privacy rules withheld."""

from __future__ import annotations

import pytest
from scorecard_support import (
    Example,
    example_round,
    view_of,
)

from selfassess.scorecard import wording


@pytest.fixture(scope="module")
def example() -> Example:
    return example_round()


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
    assert wording.privacy_hidden(cells, comments) == sentence


@pytest.mark.parametrize(
    ("groups", "counts", "sentence"),
    [
        (1, 0, "In this report 1 group of respondents is hidden."),
        (0, 2, "In this report 2 counts of answers are hidden."),
        (
            3,
            1,
            "In this report 12 heat-map cells, 1 comment, 3 groups of respondents and 1 count of "
            "answers are hidden.",
        ),
    ],
)
def test_the_appendix_counts_hidden_breakdown_groups_and_counts_of_answers_too(
    groups: int, counts: int, sentence: str
) -> None:
    cells, comments = (12, 1) if groups == 3 else (0, 0)
    assert wording.privacy_hidden(cells, comments, groups, counts) == sentence
