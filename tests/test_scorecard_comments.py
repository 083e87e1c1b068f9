"""Comments as printed: attributed, withheld for small groups, roles, names, shortened."""

from __future__ import annotations

from dataclasses import replace

import pytest
from scorecard_support import (
    PSEUDONYMS,
    Example,
    example_round,
    view_of,
    with_comment,
)

from selfassess.core.privacy import PrivacyOptions
from selfassess.core.scoring import score_all
from selfassess.scorecard.build import build_scorecard
from selfassess.scorecard.comments import MAX_COMMENT_CHARS
from selfassess.scorecard.options import ScorecardOptions


@pytest.fixture(scope="module")
def example() -> Example:
    return example_round()


def test_comments_are_attributed_to_an_organisation_but_not_a_name(example: Example) -> None:
    view = view_of(example)
    comments = [c for s in view.sections for c in s.comments]
    assert comments
    assert all(c.name is None for c in comments)
    assert {c.organisation for c in comments} >= {"Northshire County Council"}


def test_comments_from_organisations_with_fewer_than_three_respondents_are_withheld(
    example: Example,
) -> None:
    """The bank's privacy.min_group_size (3) applies to comments by default; Police has 2.
    Both its comment (on ca-3) and its open answer (ca-open) are in the common agenda."""
    view = view_of(example)
    comments = [c for s in view.sections for c in s.comments]
    assert "Northshire Police" not in {c.organisation for c in comments}
    notes = [(s.id, s.comments_hidden_note) for s in view.sections if s.comments_hidden_note]
    assert notes == [
        (
            "common-agenda",
            "2 comments not shown: they come from organisations with fewer than 3 responses.",
        )
    ]
    assert view.method.privacy.hidden_comments == 2


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
    police = [(c.role, c.about) for c in comments if c.organisation == "Northshire Police"]
    assert police == [
        ("Chief Inspector, Neighbourhood Policing", "Q4"),  # ca-3, the common agenda's 4th
        ("Mental Health Liaison Sergeant", "Q11"),  # ca-open, its text answer
    ]
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
    hostile = "<script>alert('x')</script> <img src=x onerror=alert(1)> see file:///etc/passwd"
    bank, loaded, _ = example
    first = loaded.responses[0]
    changed = first.model_copy(
        update={"response": first.response.model_copy(update={"comments": {"pa-5": hostile}})}
    )
    responses = [changed, *loaded.responses[1:]]
    edited = (bank, replace(loaded, responses=responses), score_all(bank, responses))
    parity = next(s for s in view_of(edited).sections if s.id == "parity")
    assert hostile in [c.text for c in parity.comments]


def test_a_long_comment_prints_a_fixed_length_and_says_the_rest_is_in_the_answer_file(
    example: Example,
) -> None:
    bank, _, scores = example
    words = "Decisions stall when budgets tighten and nobody owns the follow up. "
    text = (words * (1_000_000 // len(words) + 1))[:1_000_000]
    privacy = PrivacyOptions(min_group_size=1)
    view = build_scorecard(
        bank, scores, with_comment(example, text), ScorecardOptions(privacy=privacy)
    )
    (comment,) = [c for s in view.sections for c in s.comments if c.text.startswith("Decisions")]
    assert len(comment.text) <= MAX_COMMENT_CHARS + 2 and comment.text.endswith(" …")
    assert text.startswith(comment.text.removesuffix(" …"))
    shown = len(comment.text) - 2
    assert comment.shortened_note == (
        f"Comment shortened: the first {shown:,} of its 1,000,000 characters are printed; "
        "the whole comment is in the respondent’s answer file."
    )
    others = [c for s in view.sections for c in s.comments if c is not comment]
    assert others and all(c.shortened_note == "" for c in others)


def test_a_cut_never_leaves_half_of_a_real_organisation_name(example: Example) -> None:
    bank, _, scores = example
    name = "Northshire County Council"
    text = "x" * (MAX_COMMENT_CHARS - 10) + name + " and more" * 10
    privacy = PrivacyOptions(min_group_size=1, pseudonyms=PSEUDONYMS)
    view = build_scorecard(
        bank, scores, with_comment(example, text), ScorecardOptions(privacy=privacy)
    )
    printed = " ".join(c.text for s in view.sections for c in s.comments)
    assert "Northshire" not in printed and "North" not in printed.replace("x", "")
