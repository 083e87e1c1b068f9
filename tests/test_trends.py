"""Trends over many rounds (contract 2, 3 and 5 of issue #18): the shared vectors through the
Python API, each round's bank, the displayed movement, and who answered.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from test_vectors import assert_matches

from selfassess.core.display import Display
from selfassess.core.errors import SelfassessError
from selfassess.core.model import Questionnaire
from selfassess.core.response_model import Respondent, Response, SourcedResponse
from selfassess.core.scoring import score_all
from selfassess.core.trends import (
    RoundScores,
    bank_for_round,
    movement,
    response_versions,
    roles_changed,
    trends,
    trends_json,
)
from selfassess.inputs.banks import load_questionnaire
from selfassess.inputs.paths import expand_input_paths
from selfassess.inputs.responses import load_response_data, load_responses
from selfassess.inputs.rounds import (
    LoadedRound,
    group_round_options,
    load_round,
    parse_round_option,
    round_of,
    versions_of,
)

VECTORS = Path(__file__).parent / "vectors" / "trends"
CASES = sorted(p for p in VECTORS.iterdir() if (p / "expected.json").is_file())
SCALE = Display("scale", 1.0, 5.0)


def scored_rounds(case: Path) -> tuple[Questionnaire, list[RoundScores]]:
    """Every round of a vector as `report --round ... FILES` reads it, the current one last."""
    bank = load_questionnaire(case / "bank.yaml")
    listed = json.loads((case / "rounds.json").read_text())
    rounds = []
    for entry in listed[:-1]:
        earlier = load_round(entry["label"], [str(case / entry["dir"])], bank, False)
        responses = earlier.loaded.responses
        scores = score_all(earlier.bank, responses)
        rounds.append(
            RoundScores(entry["label"], earlier.bank, scores, responses, earlier.versions)
        )
    current = load_responses(expand_input_paths([str(case / listed[-1]["dir"])]), bank)
    scores = score_all(bank, current.responses)
    rounds.append(
        RoundScores(listed[-1]["label"], bank, scores, current.responses, versions_of(current))
    )
    return bank, rounds


@pytest.mark.parametrize("case", CASES, ids=lambda p: p.name)
def test_each_trends_vector_gives_its_expected_figures(case: Path) -> None:
    bank, rounds = scored_rounds(case)
    expected = json.loads((case / "expected.json").read_text())
    assert_matches(trends_json(trends(bank, rounds)), expected)


def test_a_vector_round_scores_as_score_does_on_its_bank() -> None:
    """Each round's figures are `score`'s figures of the same files on the round's bank."""
    _, rounds = scored_rounds(VECTORS / "01-three-rounds")
    first = rounds[0]
    assert [p.id for p in first.bank.principles] == ["agenda", "governance"]
    assert first.scores.partnership.principles["agenda"].score == pytest.approx(46.875)


def test_the_trends_are_the_versions_the_json_files_name() -> None:
    _, rounds = scored_rounds(VECTORS / "03-csv-round-and-conditions")
    assert [r.versions for r in rounds] == [("2.0",), (), ("3.0",)]
    assert response_versions(rounds[0].responses) == ("2.0",)  # derived when not given
    assert response_versions(rounds[1].responses) == ()  # CSV rows name no version


def question(qid: str, ask_if: dict[str, Any] | None = None) -> dict[str, Any]:
    return {"id": qid, "text": f"Statement {qid}.", **({"ask_if": ask_if} if ask_if else {})}


def make_bank(**changes: Any) -> Questionnaire:
    data: dict[str, Any] = {
        "id": "b",
        "version": "2.0",
        "title": "B",
        "scale": [{"value": 1, "label": "No"}, {"value": 5, "label": "Yes"}],
        "levels": [{"id": "low", "label": "Low", "min": 0}],
        "background": [
            {"id": "sector", "type": "choice", "text": "Sector?", "options": [
                {"id": "nhs", "label": "NHS"}, {"id": "council", "label": "Council"}]},
        ],
        "principles": [
            {"id": "p1", "title": "P1", "questions": [question("a"), question("b")]},
            {"id": "p2", "title": "P2", "questions": [
                question("c"),
                question("d", {"question": "c", "any_of": [5]}),
                question("e", {"question": "d", "any_of": [5]}),
            ]},
            {"id": "p3", "title": "P3", "questions": [
                question("f", {"question": "sector", "any_of": ["nhs"]})]},
        ],
    }  # fmt: skip
    return Questionnaire.model_validate({**data, **changes})


def kept(bank: Questionnaire) -> dict[str, list[str]]:
    return {p.id: [q.id for q in p.questions] for p in bank.principles}


def test_bank_for_round_keeps_only_the_questions_carried() -> None:
    reduced = bank_for_round(make_bank(), {"a", "c", "d", "e", "f"})
    assert kept(reduced) == {"p1": ["a"], "p2": ["c", "d", "e"], "p3": ["f"]}


def test_bank_for_round_drops_a_whole_ask_if_chain_after_a_dropped_question() -> None:
    reduced = bank_for_round(make_bank(), {"a", "d", "e", "f"})  # c gone: d asks after c
    assert kept(reduced) == {"p1": ["a"], "p3": ["f"]}  # e asks after d: gone too; p2 absent


def test_bank_for_round_keeps_background_questions_and_what_asks_after_them() -> None:
    reduced = bank_for_round(make_bank(), {"f"})
    assert [q.id for q in reduced.background] == ["sector"]
    assert kept(reduced) == {"p3": ["f"]}


def test_a_principle_without_a_scale_question_left_did_not_exist() -> None:
    note = {"id": "n", "type": "text", "text": "Anything else?"}
    bank = make_bank(
        principles=[
            {"id": "p1", "title": "P1", "questions": [question("a"), note]},
            {"id": "p2", "title": "P2", "questions": [question("c")]},
        ]
    )
    reduced = bank_for_round(bank, {"n", "c"})
    assert kept(reduced) == {"p2": ["c"]}  # p1 keeps only its text question: absent


def test_bank_for_round_of_nothing_carried_has_no_principles_and_still_scores() -> None:
    reduced = bank_for_round(make_bank(), set())
    response = Response(format="selfassess-response/2", questionnaire={"id": "b"})  # type: ignore[arg-type]
    scores = score_all(reduced, [SourcedResponse(source="x.json", response=response)])
    assert reduced.principles == [] and scores.partnership.overall is None


@pytest.mark.parametrize(
    ("before", "now", "display", "moved"),
    [
        (43.0, 48.0, Display(), 5.0),
        (42.5, 47.4, Display(), 4.0),  # 43 -> 47 as printed, not 4.9
        (47.4, 42.5, Display(), -4.0),
        (50.0, 50.4, Display(), 0.0),
        (60.0, 72.5, SCALE, 0.5),  # 3.4 -> 3.9
        (61.0, 58.9, SCALE, 0.0),  # 3.44 -> 3.356: both read 3.4
        (None, 50.0, Display(), None),
        (50.0, None, SCALE, None),
    ],
)
def test_movement_is_measured_on_the_figures_people_read(
    before: float | None, now: float | None, display: Display, moved: float | None
) -> None:
    assert movement(before, now, display) == moved


@pytest.mark.parametrize(
    ("before", "now", "changed"),
    [
        ({"Chair", "Nurse"}, {"Finance", "Porter"}, True),
        ({"Chair", "Nurse"}, {"Chair", "Porter"}, False),  # half the same: not fewer
        ({"Chair", "Nurse", "Clerk"}, {"Chair"}, True),
        ({"Chair"}, {"Chair", "Nurse", "Clerk"}, True),
        (set(), set(), False),
        (set(), {"Chair"}, True),
        ({"chair"}, {"Chair"}, True),  # case-sensitive
    ],
)
def test_roles_changed_when_fewer_than_half_the_roles_are_the_same(
    before: set[str], now: set[str], changed: bool
) -> None:
    assert roles_changed(frozenset(before), frozenset(now)) is changed


def test_the_first_round_has_no_direction_and_a_late_joiner_is_new() -> None:
    bank, rounds = scored_rounds(VECTORS / "01-three-rounds")
    found = {o.name: o.rounds for o in trends(bank, rounds).organisations}
    assert [r.direction for r in found["Riverside Care"]] == [None, None, "new"]
    assert [r.present for r in found["Riverside Care"]] == [False, False, True]
    assert found["Harbour Trust"][0].direction is None
    assert [r.roles_changed for r in found["Harbour Trust"]] == [False, False, True]


def test_a_principle_added_later_is_absent_not_zero_in_earlier_rounds() -> None:
    bank, rounds = scored_rounds(VECTORS / "01-three-rounds")
    measures = next(p for p in trends(bank, rounds).principles if p.id == "measures")
    assert (measures.rounds[0].present, measures.rounds[0].score) == (False, None)
    assert measures.rounds[1].present and measures.rounds[1].score is not None


def test_load_round_keeps_the_current_bank_when_the_files_name_its_version() -> None:
    bank = load_questionnaire(VECTORS / "01-three-rounds" / "bank.yaml")
    loaded = load_round("Autumn", [str(VECTORS / "01-three-rounds" / "r2")], bank, False)
    assert isinstance(loaded, LoadedRound) and loaded.bank is bank
    assert loaded.label == "Autumn" and loaded.versions == ("2.0",)
    assert len(loaded.loaded.responses) == 3


def test_load_round_refuses_paths_that_hold_no_answer_files(tmp_path: Path) -> None:
    bank = load_questionnaire(VECTORS / "01-three-rounds" / "bank.yaml")
    with pytest.raises(SelfassessError, match=r"no \*.json or \*.csv files found for round 'X'"):
        load_round("X", [str(tmp_path)], bank, False)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Spring 2025=answers/2025", ("Spring 2025", "answers/2025")),
        ("a=b=c.json", ("a", "b=c.json")),  # split at the first '='
        ("Round ‘one’=r/*.json", ("Round ‘one’", "r/*.json")),
    ],
)
def test_parse_round_option_splits_at_the_first_equals(
    text: str, expected: tuple[str, str]
) -> None:
    assert parse_round_option(text) == expected


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("answers/2025", "--round: 'answers/2025': expected LABEL=PATH"),
        ("  =r1", "--round: '  =r1': the label before '=' must not be blank"),
        ("x" * 81 + "=r1", "is 81 characters long; at most 80"),
        ("Spring\x1b[31m=r1", "the label holds a control character"),
        ("Spring=", "no files after '='"),
    ],
)
def test_parse_round_option_refuses_a_bad_label_naming_the_option(text: str, message: str) -> None:
    with pytest.raises(SelfassessError) as caught:
        parse_round_option(text)
    assert message in str(caught.value) and str(caught.value).startswith("--round: ")


def test_parse_round_option_names_the_option_it_parses() -> None:
    with pytest.raises(SelfassessError, match=r"^--round-workshop: "):
        parse_round_option("nothing", "--round-workshop")


def test_roles_are_trimmed_and_blank_roles_left_out() -> None:
    bank = make_bank()

    def answer(role: str | None) -> SourcedResponse:
        response = Response(
            format="selfassess-response/2",
            questionnaire={"id": "b"},  # type: ignore[arg-type]
            respondent=Respondent(organisation="Org", role=role),
            answers={"a": 5, "b": 5, "c": 1},
        )
        return SourcedResponse(source=f"{role}.json", response=response)

    before = [answer("Chair"), answer(" ")]
    now = [answer(" Chair "), answer("Nurse")]
    rounds = [
        RoundScores(label, bank, score_all(bank, rs), rs)
        for label, rs in (("one", before), ("two", now))
    ]
    (org,) = trends(bank, rounds).organisations
    assert org.rounds[1].roles_changed is False  # {Chair} vs {Chair, Nurse}: 2*1 < 2 is false
    assert org.rounds[1].direction == "level" and org.rounds[1].change == 0.0


def test_a_label_given_again_adds_paths_to_its_round_which_keeps_its_place() -> None:
    texts = ["Spring=r1/a.json", "Autumn=r2", "Spring=r1/b.csv"]
    assert group_round_options(texts) == [("Spring", ["r1/a.json", "r1/b.csv"]), ("Autumn", ["r2"])]


@settings(max_examples=300, deadline=None)
@given(
    before=st.floats(0, 100, allow_nan=False),
    now=st.floats(0, 100, allow_nan=False),
    on_scale=st.booleans(),
)
def test_movement_is_always_the_difference_of_the_printed_figures(
    before: float, now: float, on_scale: bool
) -> None:
    display = SCALE if on_scale else Display()
    moved = movement(before, now, display)
    printed = float(display.text(now)) - float(display.text(before))
    assert moved is not None and abs(moved - printed) < 1e-9
    assert movement(now, before, display) == -moved


def test_round_of_answers_in_memory_is_the_round_read_from_disk() -> None:
    """`verify` rebuilds an earlier round from a scorecard's attachments: the same round."""
    case = VECTORS / "03-csv-round-and-conditions"
    bank = load_questionnaire(case / "bank.yaml")
    from_disk = load_round("2024", [str(case / "r1")], bank, False)
    files = [(str(p), p.read_bytes()) for p in sorted((case / "r1").iterdir())]
    in_memory = round_of("2024", load_response_data(files, bank), bank)
    assert in_memory.bank == from_disk.bank and in_memory.versions == ("2.0",)
    assert [p.id for p in in_memory.bank.principles] == ["agenda"]
    assert in_memory.loaded.responses == from_disk.loaded.responses
