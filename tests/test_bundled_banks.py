"""What the bundled questionnaires promise a partnership leader and a survey methodologist.

Version 2.0 of collaboration-maturity asks who answers (sector, seniority) so that the scores
break down by group, keeps statements short and single-barrelled, answers frequency and
problem statements on scales of their own, asks follow-ups only where they make sense, and
names its sources. The earlier round in examples/baseline (version 1.0, left as it was) must
still load against it, so every 1.0 question id is kept with its direction.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from selfassess.core.model import Question, Questionnaire
from selfassess.inputs.banks import bundled_banks

ROOT = Path(__file__).parent.parent
BASELINE = ROOT / "examples" / "baseline"
RESPONSES = ROOT / "examples" / "responses"
# Version 1.0's problem statements, scored in reverse: the same ids keep that direction.
REVERSED_IN_1_0 = {"ca-5", "sm-5", "co-5", "pa-3", "re-3"}
BANK_SCALE_LABELS = ["Not yet", "Starting", "Partly", "Mostly", "Fully", "Don't know"]


def bundled(bank_id: str) -> Questionnaire:
    return next(b.questionnaire for b in bundled_banks() if b.questionnaire.id == bank_id)


def scale_labels(bank: Questionnaire, question: Question) -> list[str]:
    return [o.label for o in bank.scale_of(question)]


@pytest.mark.parametrize("bank_id", ["collaboration-maturity", "collaboration-pulse"])
def test_both_bundled_banks_ask_sector_and_seniority_first_and_break_down_by_both(
    bank_id: str,
) -> None:
    bank = bundled(bank_id)
    assert [q.id for q in bank.background] == ["sector", "seniority"]
    assert [q.id for q in bank.breakdown_questions()] == ["sector", "seniority"]
    seniority = bank.background[1]
    assert seniority.option_ids() == ["board", "senior", "manager", "frontline", "other"]
    assert {"nhs", "council", "school", "voluntary", "police-fire", "other"} <= set(
        bank.background[0].option_ids()
    )
    assert bank.privacy.min_group_size == 3


def test_the_maturity_questionnaire_is_version_2_and_names_its_three_sources() -> None:
    bank = bundled("collaboration-maturity")
    assert bank.version == "2.0"
    sources = " ".join(bank.references)
    assert len(bank.references) == 3
    for source in ("Collaboration in a crisis", "Kania", "Kramer", "Mattessich", "Wilder"):
        assert source in sources


def test_every_statement_is_short_enough_to_read_at_a_glance() -> None:
    bank = bundled("collaboration-maturity")
    too_long = [q.id for q in bank.all_questions() if len(q.text.split()) > 17]
    assert too_long == []


def test_no_problem_statement_is_answered_on_the_not_yet_to_fully_scale() -> None:
    """Answering 'Fully' to a problem reads as a promise: problems ask how often or how far."""
    bank = bundled("collaboration-maturity")
    on_bank_scale = [
        q.id
        for _, q in bank.questions()
        if q.reverse and scale_labels(bank, q) == BANK_SCALE_LABELS
    ]
    assert on_bank_scale == []


@pytest.mark.parametrize("qid", ["co-5", "pa-4", "co-3", "re-2"])
def test_frequency_statements_are_answered_never_to_always(qid: str) -> None:
    bank = bundled("collaboration-maturity")
    question = bank.question_by_id(qid)
    assert question is not None
    assert scale_labels(bank, question) == [
        "Never",
        "Rarely",
        "Sometimes",
        "Often",
        "Always",
        "Don't know",
    ]


@pytest.mark.parametrize(
    ("qid", "depends_on"),
    [("ca-8", "ca-plan"), ("sm-7", "sm-1"), ("sm-9", "sm-1")],
)
def test_follow_up_statements_are_asked_only_where_they_make_sense(
    qid: str, depends_on: str
) -> None:
    question = bundled("collaboration-maturity").question_by_id(qid)
    assert question is not None and question.ask_if is not None
    assert question.ask_if.question == depends_on


def test_no_question_depends_on_a_question_the_scores_are_broken_down_by() -> None:
    """A group too small to show would then be needed to rebuild the scores: its members'
    files could not be attached, and verify could not check the scorecard alone."""
    bank = bundled("collaboration-maturity")
    broken_down = {q.id for q in bank.breakdown_questions()}
    assert [
        q.id for q in bank.all_questions() if q.ask_if and q.ask_if.question in broken_down
    ] == []


def test_the_maturity_questionnaire_has_an_open_question_and_a_tick_all_question() -> None:
    types = {q.type for _, q in bundled("collaboration-maturity").questions()}
    assert {"scale", "choice", "multi", "text"} <= types


def test_every_question_id_of_version_1_is_kept_so_the_baseline_still_loads() -> None:
    bank = bundled("collaboration-maturity")
    for path in sorted(BASELINE.glob("*.json")):
        answered = json.loads(path.read_text("utf-8"))["answers"]
        for qid in answered:
            question = bank.question_by_id(qid)
            assert question is not None and question.is_scored, (path.name, qid)
            assert question.reverse == (qid in REVERSED_IN_1_0), qid
            assert question.ask_if is None, qid  # a 1.0 answer is never dropped as not asked


def test_the_example_round_answers_version_2_with_a_small_seniority_group() -> None:
    files = sorted(RESPONSES.glob("*.json"))
    answers = [json.loads(p.read_text("utf-8")) for p in files]
    assert {a["questionnaire"]["version"] for a in answers} == {"2.0"}
    seniority = [a["background"]["seniority"] for a in answers]
    assert 1 <= seniority.count("other") < 3  # hidden in the scorecard: fewer than three
    assert len(set(seniority)) == 5
    assert len({a["background"]["sector"] for a in answers}) >= 5
    assert sum("ca-open" in a["answers"] for a in answers) >= 5
