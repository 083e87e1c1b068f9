"""The trends page's view: every round's figures, directions, withholding and earlier actions."""

from __future__ import annotations

import datetime
from collections.abc import Sequence

import pytest
from scorecard_support import strings

from selfassess.core.model import Questionnaire
from selfassess.core.privacy import PrivacyOptions
from selfassess.core.response_model import Response, SourcedResponse
from selfassess.core.scoring import score_all
from selfassess.core.trends import RoundScores
from selfassess.core.workshop import Action, Owner, PrincipleAgreement, WorkshopRecord
from selfassess.inputs.banks import parse_questionnaire
from selfassess.pages.themes import load_theme
from selfassess.report.pipeline import render_scorecard_html
from selfassess.scorecard.build import build_scorecard
from selfassess.scorecard.options import ScorecardOptions
from selfassess.scorecard.trend_views import TrendsView

BANK = """
id: t
version: "{version}"
title: T
scale:
  - {{value: 1, label: Not yet}}
  - {{value: 5, label: Fully}}
levels:
  - {{id: low, label: Low, min: 0}}
  - {{id: high, label: High, min: 50}}
principles:
  - id: p1
    title: Working together
    questions:
      - {{id: a, text: A}}
{extra}"""
SECOND = """  - id: p2
    title: Sharing data
    questions:
      - {id: b, text: B}
"""
NOW = parse_questionnaire(BANK.format(version="2.0", extra=SECOND), "t.yaml")
BEFORE = parse_questionnaire(BANK.format(version="0.9", extra=""), "t.yaml")  # no p2 yet
OPEN = PrivacyOptions(min_group_size=1, min_organisation_size=1)

# (organisation, role, answer to a, answer to b) per respondent, per round
ROUND_1 = [("Acme", "Director", 1, None), ("Acme", "Nurse", 1, None), ("Cove", "Lead", 5, None)]
ROUND_2 = [("Acme", "Director", 5, 5), ("Acme", "Nurse", 1, 1), ("Cove", "Lead", 5, 5)]
ROUND_3 = [
    ("Acme", "Chief", 5, 5),
    ("Acme", "Officer", 5, 5),
    ("Acme", "Director", 5, 5),
    ("Bay", "Manager", 1, 1),  # joined in this round
    ("Cove", "Lead", 5, 5),
]


def answers(
    rows: Sequence[tuple[str, str, int, int | None]], bank: Questionnaire
) -> list[SourcedResponse]:
    return [
        SourcedResponse(
            source=f"{i}.json",
            response=Response.model_validate(
                {
                    "format": "selfassess-response/1",
                    "questionnaire": {"id": "t", "version": bank.version},
                    "respondent": {"organisation": org, "role": role},
                    "answers": {"a": a} | ({"b": b} if b is not None else {}),
                }
            ),
        )
        for i, (org, role, a, b) in enumerate(rows)
    ]


def rounds(
    *plan: tuple[str, Questionnaire, Sequence[tuple[str, str, int, int | None]]],
) -> list[RoundScores]:
    found = []
    for label, bank, rows in plan:
        responses = answers(rows, bank)
        found.append(RoundScores(label, bank, score_all(bank, responses), responses))
    return found


THREE = (
    ("Nov 2025", BEFORE, ROUND_1),
    ("May 2026", NOW, ROUND_2),
    ("Nov 2026", NOW, ROUND_3),
)


def trends_of(
    plan: Sequence[tuple[str, Questionnaire, Sequence[tuple[str, str, int, int | None]]]] = THREE,
    *,
    privacy: PrivacyOptions = OPEN,
    workshops: dict[str, WorkshopRecord] | None = None,
    bank: Questionnaire = NOW,
) -> TrendsView:
    found = rounds(*plan)
    current = found[-1]
    view = build_scorecard(
        bank,
        current.scores,
        current.responses,
        ScorecardOptions(privacy=privacy),
        rounds=found,
        round_workshops=workshops or {},
    )
    assert view.trends is not None
    return view.trends


def test_no_trends_page_without_earlier_rounds() -> None:
    current = rounds(("Nov 2026", NOW, ROUND_3))
    view = build_scorecard(
        NOW, current[0].scores, current[0].responses, ScorecardOptions(), rounds=current
    )
    assert view.trends is None
    assert (
        build_scorecard(NOW, current[0].scores, current[0].responses, ScorecardOptions()).trends
        is None
    )


def test_rounds_are_listed_oldest_first_with_their_counts_and_versions() -> None:
    t = trends_of()
    assert [(r.label, r.respondents, r.organisations, r.versions) for r in t.rounds] == [
        ("Nov 2025", 3, 2, "0.9"),
        ("May 2026", 3, 2, "2.0"),
        ("Nov 2026", 5, 3, "2.0"),
    ]
    assert [r.current for r in t.rounds] == [False, False, True]
    assert t.labels == ["Nov 2025", "May 2026", "Nov 2026"]


def test_a_principle_added_in_round_two_is_not_asked_in_round_one_never_zero() -> None:
    sharing = trends_of().principles[1]
    assert sharing.title == "Sharing data"
    first, second, third = sharing.figures
    assert (first.score, first.present, first.level, first.change) == ("Not asked", False, "", "")
    assert second.change == ""  # nothing to compare with before it existed
    assert third.present and third.change != ""
    assert "0" not in [f.score for f in sharing.figures[:1]]


def test_the_partnerships_figures_change_as_the_scorecard_prints_them() -> None:
    working = trends_of().principles[0]
    # Round 1: Acme 0, Cove 100 -> 50; round 2: Acme 50, Cove 100 -> 75; round 3: Acme 100,
    # Bay 0, Cove 100 -> 66.7 shown as 67.
    assert [f.score for f in working.figures] == ["50", "75", "67"]
    assert [(f.change, f.direction, f.arrow) for f in working.figures] == [
        ("", "", ""),
        ("+25", "up", "▲"),
        ("−8", "down", "▼"),
    ]
    assert [f.level for f in working.figures] == ["High", "High", "High"]


def test_the_overall_has_its_own_series_and_chart() -> None:
    overall = trends_of().overall
    assert overall is not None and overall.number == 0
    assert len(overall.figures) == 3
    assert overall.chart_svg.startswith("<svg") and "Nov 2025" in overall.chart_svg


def test_each_principles_chart_says_not_asked_in_its_text_alternative() -> None:
    svg = trends_of().principles[1].chart_svg
    assert "Nov 2025: Not asked" in svg


def test_an_organisation_that_joined_late_is_new() -> None:
    bay = next(row for row in trends_of().organisations if row.name == "Bay")
    assert [c.score for c in bay.cells[:2]] == ["", ""]
    last = bay.cells[2]
    assert (last.direction, last.arrow, last.word) == ("new", "★", "new")


def test_directions_are_words_as_well_as_arrows() -> None:
    acme = next(row for row in trends_of().organisations if row.name == "Acme")
    assert [(c.direction, c.word) for c in acme.cells] == [
        ("", ""),
        ("up", "up 50"),
        ("up", "up 50"),
    ]
    cove = next(row for row in trends_of().organisations if row.name == "Cove")
    assert (cove.cells[2].direction, cove.cells[2].word, cove.cells[2].arrow) == (
        "level",
        "level",
        "▶",
    )


def test_a_note_says_when_fewer_than_half_the_same_roles_answered() -> None:
    t = trends_of()
    acme = next(row for row in t.organisations if row.name == "Acme")
    assert [c.roles_changed for c in acme.cells] == [False, False, True]
    assert t.roles_notes == [
        "Acme, Nov 2026: Fewer than half the same roles answered in both rounds: the change may "
        "be about who answered."
    ]


def test_an_organisation_withheld_in_a_round_shows_no_score_or_direction_there() -> None:
    # Cove has one respondent: below an organisation threshold of 2 in every round.
    t = trends_of(privacy=PrivacyOptions(min_group_size=1, min_organisation_size=2))
    cove = next(row for row in t.organisations if row.name == "Cove")
    assert [c.score for c in cove.cells] == ["Withheld"] * 3
    assert all(c.withheld and c.direction == "" and c.word == "" for c in cove.cells)
    assert t.withheld_note.startswith("Withheld:")


def test_a_direction_out_of_a_withheld_round_is_not_printed() -> None:
    # With Cove withheld, Acme (the only other organisation of rounds 1 and 2) is withheld too,
    # or the partnership's figure would give Cove's away; in round 3 Acme is shown again, but
    # its change since round 2 would give round 2's withheld score away.
    t = trends_of(privacy=PrivacyOptions(min_group_size=1, min_organisation_size=2))
    acme = next(row for row in t.organisations if row.name == "Acme")
    assert [c.score for c in acme.cells] == ["Withheld", "Withheld", "100"]
    assert acme.cells[2].direction == "" and acme.cells[2].word == ""
    assert t.roles_notes == []  # no change printed, so nothing to explain


def test_no_organisation_figure_is_printed_when_withheld_everywhere() -> None:
    t = trends_of(privacy=PrivacyOptions(min_group_size=1, min_organisation_size=9))
    assert {c.score for row in t.organisations for c in row.cells} <= {"", "Withheld"}


def action(
    ident: str, status: str, organisation: str | None = "Acme", role: str | None = None
) -> Action:
    return Action(ident, f"Do {ident}", Owner(organisation, role), None, status)


def workshop(*actions: Action, principle: str = "p1") -> WorkshopRecord:
    return WorkshopRecord(
        "t",
        "2.0",
        "May 2026",
        datetime.date(2026, 6, 10),
        (),
        (PrincipleAgreement(principle, "high", "", tuple(actions)),),
    )


def test_an_earlier_rounds_actions_are_counted_beside_the_principles_change_since() -> None:
    record = workshop(
        action("A1", "done"),
        action("A2", "done"),
        action("A3", "in-progress"),
        action("A4", "planned"),
        action("A5", "dropped"),
    )
    t = trends_of(workshops={"May 2026": record})
    (block,) = t.actions
    assert (block.round, block.date) == ("May 2026", "10 June 2026")
    (progress,) = block.principles
    assert progress.summary == "Actions done on Working together: 2 of 4; score down 8"
    assert progress.dropped == "1 dropped"
    assert [a.status_word for a in progress.actions] == [
        "Done",
        "Done",
        "In progress",
        "Planned",
        "Dropped",
    ]
    assert progress.actions[0].due == "Not set"


def test_actions_on_a_principle_the_round_did_not_ask_have_no_score_to_compare() -> None:
    record = workshop(action("A1", "done"), principle="p2")
    record = WorkshopRecord(
        "t", "0.9", "Nov 2025", datetime.date(2025, 12, 1), (), record.principles
    )
    t = trends_of(workshops={"Nov 2025": record})
    assert t.actions[0].principles[0].summary == (
        "Actions done on Sharing data: 1 of 1; no score then to compare with"
    )


def test_the_current_rounds_own_workshop_is_not_an_earlier_rounds_actions() -> None:
    t = trends_of(workshops={"Nov 2026": workshop(action("A1", "done"))})
    assert t.actions == []


def test_principles_without_actions_are_left_out_of_the_actions() -> None:
    t = trends_of(workshops={"May 2026": workshop()})
    assert t.actions[0].principles == []


def test_action_owners_follow_the_pseudonyms_when_anonymised() -> None:
    privacy = PrivacyOptions(
        min_group_size=1,
        min_organisation_size=1,
        pseudonyms={"Acme": "Partner A", "Bay": "Partner B", "Cove": "Partner C"},
    )
    record = workshop(
        action("A1", "done", "Acme", "Head of Insight"),
        action("A2", "planned", "Elsewhere Trust"),
        Action("A3", "Acme and Cove meet", Owner(None, "Chair"), None, "done", "Acme agreed"),
    )
    t = trends_of(privacy=privacy, workshops={"May 2026": record})
    owners = [a.owner for a in t.actions[0].principles[0].actions]
    assert owners == ["Head of Insight, Partner A", "another organisation", "Chair"]
    printed = strings(t)
    assert not any(real in text for text in printed for real in ("Acme", "Cove", "Elsewhere"))


def test_without_an_overall_score_there_is_no_overall_series_or_organisation_directions() -> None:
    no_overall = parse_questionnaire(
        BANK.format(version="2.0", extra=SECOND) + "scoring: {overall: false}\n", "t.yaml"
    )
    before = parse_questionnaire(
        BANK.format(version="0.9", extra="") + "scoring: {overall: false}\n", "t.yaml"
    )
    plan = (("Nov 2025", before, ROUND_1), ("Nov 2026", no_overall, ROUND_3))
    t = trends_of(plan, bank=no_overall)
    assert t.overall is None and t.organisations == [] and len(t.principles) == 2


@pytest.mark.parametrize("hostile", ["__proto__", "<script>alert(1)</script>"])
def test_hostile_round_labels_and_names_are_plain_text(hostile: str) -> None:
    plan = (("Nov 2025", BEFORE, ROUND_1), (hostile, NOW, [(hostile, "x", 5, 5), *ROUND_3]))
    t = trends_of(plan)
    assert t.labels[-1] == hostile
    assert "<script>" not in t.principles[0].chart_svg
    assert any(row.name == hostile for row in t.organisations)


def test_hostile_labels_names_and_actions_are_escaped_in_the_page() -> None:
    hostile = "<script>alert(1)</script>"
    plan = (
        ("<b>old</b>", BEFORE, ROUND_1),
        (hostile, NOW, [(hostile, "<i>r</i>", 5, 5), *ROUND_3]),
    )
    found = rounds(*plan)
    record = WorkshopRecord(
        "t",
        "2.0",
        "<b>old</b>",
        datetime.date(2026, 1, 1),
        (),
        (
            PrincipleAgreement(
                "p1",
                "high",
                "",
                (
                    Action(
                        "A1",
                        "<img src=x>",
                        Owner("<u>o</u>", "<s>r</s>"),
                        None,
                        "done",
                        "<em>u</em>",
                    ),
                ),
            ),
        ),
    )
    view = build_scorecard(
        NOW,
        found[-1].scores,
        found[-1].responses,
        ScorecardOptions(privacy=OPEN),
        rounds=found,
        round_workshops={"<b>old</b>": record},
    )
    page = render_scorecard_html(view, load_theme("default"))
    assert "trends-actions-1" in page  # the actions were printed
    for raw in ("<script>alert", "<b>old", "<img src=x", "<u>o", "<s>r", "<em>u"):
        assert raw not in page


def test_the_current_round_is_marked_unless_its_label_already_says_so() -> None:
    assert [r.marked for r in trends_of().rounds] == [False, False, True]
    plan = (("Nov 2025", BEFORE, ROUND_1), ("This round", NOW, ROUND_3))
    assert [r.marked for r in trends_of(plan).rounds] == [False, False]
