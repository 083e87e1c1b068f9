""" "What we agreed": the workshop record set beside the survey it discussed.

Survey levels in the example round (examples/responses): common agenda, shared measures,
parity and reciprocity Developing; communication Established.
"""

from __future__ import annotations

from datetime import date

import pytest
from scorecard_support import PSEUDONYMS, Example, example_round, strings

from selfassess.core.privacy import PrivacyOptions
from selfassess.core.workshop import Action, Owner, PrincipleAgreement, WorkshopRecord
from selfassess.scorecard.agreed_views import AgreedPrinciple, AgreedView
from selfassess.scorecard.build import build_scorecard
from selfassess.scorecard.options import ScorecardOptions

COUNCIL = "Northshire County Council"


@pytest.fixture(scope="module")
def example() -> Example:
    return example_round()


def record(*principles: PrincipleAgreement, organisations: tuple[str, ...] = ()) -> WorkshopRecord:
    return WorkshopRecord(
        questionnaire_id="collaboration-maturity",
        questionnaire_version="2.0",
        round_label="November 2026",
        round_date=date(2026, 11, 26),
        organisations=organisations,
        principles=principles,
    )


def action(
    organisation: str | None = COUNCIL,
    role: str | None = "Head of Insight",
    due: date | None = date(2027, 3, 31),
    status: str = "in-progress",
    text: str = "Publish one shared dashboard",
    update: str = "",
) -> Action:
    return Action("A1", text, Owner(organisation, role), due, status, update)


def agreed(
    example: Example, workshop: WorkshopRecord, pseudonyms: dict[str, str] | None = None
) -> AgreedView:
    bank, loaded, scores = example
    privacy = PrivacyOptions(min_group_size=3, pseudonyms=pseudonyms)
    view = build_scorecard(
        bank, scores, loaded.responses, ScorecardOptions(privacy=privacy), workshop=workshop
    )
    assert view.agreed is not None
    return view.agreed


def line(view: AgreedView, principle_id: str) -> AgreedPrinciple:
    return next(p for p in view.principles if p.id == principle_id)


def test_no_section_without_a_workshop_record(example: Example) -> None:
    bank, loaded, scores = example
    assert build_scorecard(bank, scores, loaded.responses, ScorecardOptions()).agreed is None


def test_each_principle_shows_the_survey_level_beside_the_agreed_one(example: Example) -> None:
    view = agreed(example, record(PrincipleAgreement("shared-measures", "emerging")))
    measures = line(view, "shared-measures")
    assert (measures.survey, measures.agreed, measures.status) == (
        "Developing",
        "Emerging",
        "agreed",
    )
    assert measures.agreed_colour and measures.survey_colour != measures.agreed_colour
    assert [p.number for p in view.principles] == [1, 2, 3, 4, 5]  # every scored one, in order


def test_a_principle_left_out_of_the_file_was_not_discussed(example: Example) -> None:
    view = agreed(example, record(PrincipleAgreement("shared-measures", "emerging")))
    parity = line(view, "parity")
    assert (parity.agreed, parity.status, parity.agreed_colour) == (
        "Not discussed",
        "not-discussed",
        "",
    )


def test_a_null_level_says_the_partners_did_not_agree(example: Example) -> None:
    view = agreed(example, record(PrincipleAgreement("parity", None, "We differ.")))
    parity = line(view, "parity")
    assert (parity.agreed, parity.status, parity.note) == ("Not agreed", "not-agreed", "We differ.")
    assert parity.difference == ""


@pytest.mark.parametrize(
    ("principle", "level", "sentence"),
    [
        (
            "communication",
            "emerging",
            "The partners agreed Emerging, two levels below what the survey shows (Established).",
        ),
        (
            "common-agenda",
            "embedded",
            "The partners agreed Embedded, two levels above what the survey shows (Developing).",
        ),
        ("common-agenda", "established", ""),  # one level apart: no sentence
        ("common-agenda", "developing", ""),
    ],
)
def test_a_sentence_says_which_way_when_the_levels_are_more_than_one_apart(
    example: Example, principle: str, level: str, sentence: str
) -> None:
    view = agreed(example, record(PrincipleAgreement(principle, level)))
    assert line(view, principle).difference == sentence
    assert view.differences == (1 if sentence else 0)


def test_the_round_its_date_and_who_took_part_head_the_section(example: Example) -> None:
    view = agreed(example, record(organisations=(COUNCIL, "Riverside Care Homes Group")))
    assert (view.round_label, view.date) == ("November 2026", "26 November 2026")
    assert (
        view.took_part == "Taking part: Northshire County Council and Riverside Care Homes Group."
    )
    assert agreed(example, record()).took_part == ""


def test_the_action_plan_says_what_who_by_when_and_the_status_in_words(example: Example) -> None:
    actions = (action(update="Draft shown in January"), action(None, "Chair", None, "done"))
    view = agreed(example, record(PrincipleAgreement("shared-measures", None, actions=actions)))
    [group] = view.actions
    assert (group.number, group.title, view.action_count) == (
        2,
        "Broad, shared measures of success",
        2,
    )
    first, second = group.actions
    assert (first.text, first.organisation, first.role, first.due, first.status) == (
        "Publish one shared dashboard",
        COUNCIL,
        "Head of Insight",
        "31 March 2027",
        "In progress",
    )
    assert (first.status_id, first.update) == ("in-progress", "Draft shown in January")
    assert (second.organisation, second.role, second.due, second.status) == (
        "",
        "Chair",
        "Not set",
        "Done",
    )


def test_actions_follow_the_bank_order_of_their_principles(example: Example) -> None:
    view = agreed(
        example,
        record(
            PrincipleAgreement("parity", "emerging", actions=(action(),)),
            PrincipleAgreement("common-agenda", "developing", actions=(action(),)),
            PrincipleAgreement("communication", "developing"),  # no actions: no group
        ),
    )
    assert [g.number for g in view.actions] == [1, 4]


def test_anonymised_owners_take_the_scorecards_pseudonyms(example: Example) -> None:
    owners = (action(), action(" riverside care homes group "), action("Harbour Trust"))
    workshop = record(
        PrincipleAgreement("parity", None, actions=owners),
        organisations=(COUNCIL, "Harbour Trust", "Northshire Police"),
    )
    view = agreed(example, workshop, PSEUDONYMS)
    assert [a.organisation for a in view.actions[0].actions] == [
        "Partner C",
        "Partner E",
        "another organisation",
    ]
    assert view.took_part == "Taking part: Partner C, Partner D and 1 other organisation."


def test_a_workshop_file_cannot_undo_anonymising_through_its_free_text(
    example: Example,
) -> None:
    said = f"{COUNCIL} and northshire police disagree"
    owner = action(text=said, role=f"Director, {COUNCIL}", update=said)
    workshop = record(PrincipleAgreement("parity", None, note=said, actions=(owner,)))
    printed = strings(agreed(example, workshop, PSEUDONYMS))
    assert not [s for s in printed if "northshire" in s.lower()]
    assert "Partner C and Partner D disagree" in printed
