"""Small groups and pseudonyms: no hidden figure or real name reaches a page."""

from __future__ import annotations

import re

import pytest
from scorecard_support import (
    POLICE,
    PSEUDONYMS,
    SMALL,
    Example,
    baseline_round,
    example_round,
    printed_heat_map,
    strings,
    view_of,
)

from selfassess.core.errors import SelfassessError
from selfassess.core.privacy import PrivacyOptions
from selfassess.core.scores import Scores
from selfassess.inputs.responses import LoadedResponses
from selfassess.scorecard.build import build_scorecard
from selfassess.scorecard.options import ScorecardOptions


@pytest.fixture(scope="module")
def example() -> Example:
    return example_round()


@pytest.fixture(scope="module")
def baseline() -> tuple[LoadedResponses, Scores]:
    return baseline_round()


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
