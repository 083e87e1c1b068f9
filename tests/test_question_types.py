"""Question types: a registry of scale, choice, multi and text; a bank's `type:` must name an
entry, and scoring counts only the types the registry says are scored."""

from __future__ import annotations

import pytest

from selfassess.core.errors import SelfassessError
from selfassess.core.model import RESPONSE_FORMAT, questionnaire_json_schema
from selfassess.core.question_types import QUESTION_TYPES, QuestionType, is_scored
from selfassess.core.response_model import QuestionnaireRef, Response, SourcedResponse
from selfassess.core.scoring import score_respondent
from selfassess.inputs.banks import parse_questionnaire

FIRST_QUESTION = "      - id: ca-1\n"


def with_type(text: str, type_name: str) -> str:
    """The starter bank with its first question given `type: TYPE_NAME`."""
    assert FIRST_QUESTION in text
    return text.replace(FIRST_QUESTION, f"{FIRST_QUESTION}        type: {type_name}\n", 1)


def problems_of(text: str) -> list[str]:
    with pytest.raises(SelfassessError) as caught:
        parse_questionnaire(text, "bank.yaml")
    return [str(p) for p in caught.value.problems]


def line_of(text: str, fragment: str) -> int:
    return text.splitlines().index(fragment) + 1


def test_scale_choice_multi_and_text_are_registered_and_only_scale_is_scored() -> None:
    assert list(QUESTION_TYPES) == ["scale", "choice", "multi", "text"]
    assert [name for name in QUESTION_TYPES if is_scored(name)] == ["scale"]


def test_a_question_without_a_type_is_a_scale_question(starter_text: str) -> None:
    bank = parse_questionnaire(starter_text, "bank.yaml")
    assert {q.type for _, q in bank.questions()} == {"scale"}


def test_type_scale_may_be_written_out(starter_text: str) -> None:
    bank = parse_questionnaire(with_type(starter_text, "scale"), "bank.yaml")
    assert bank.principles[0].questions[0].type == "scale"


def test_a_near_miss_type_is_refused_at_its_line_with_did_you_mean(starter_text: str) -> None:
    text = with_type(starter_text, "scal")
    assert problems_of(text) == [
        f"bank.yaml:{line_of(text, '        type: scal')}: unknown question type 'scal'; "
        "did you mean 'scale'? (at principles[0].questions[0].type)"
    ]


def test_an_unknown_type_is_refused_naming_the_allowed_types(starter_text: str) -> None:
    text = with_type(starter_text, "slider")
    assert problems_of(text) == [
        f"bank.yaml:{line_of(text, '        type: slider')}: unknown question type "
        "'slider' (allowed: scale, choice, multi, text) (at principles[0].questions[0].type)"
    ]


def test_the_bank_schema_lists_the_registered_types() -> None:
    question = questionnaire_json_schema()["$defs"]["Question"]["properties"]["type"]
    assert question["enum"] == ["scale", "choice", "multi", "text"]
    assert question["default"] == "scale"


def scores(
    text: str, answers: dict[str, float | None]
) -> tuple[dict[str, float | None], float | None]:
    bank = parse_questionnaire(text, "bank.yaml")
    response = Response(
        format=RESPONSE_FORMAT, questionnaire=QuestionnaireRef(id=bank.id), answers=answers
    )
    result = score_respondent(bank, SourcedResponse(source="r.json", response=response))
    return result.principles, result.overall


def test_a_registered_type_plugs_in_and_its_answers_are_not_scored(
    starter_text: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(QUESTION_TYPES, "note", QuestionType("note", scored=False))
    text = with_type(starter_text, "note")
    bank = parse_questionnaire(text, "bank.yaml")
    assert bank.principles[0].questions[0].type == "note"
    assert questionnaire_json_schema()["$defs"]["Question"]["properties"]["type"]["enum"] == [
        "scale",
        "choice",
        "multi",
        "text",
        "note",
    ]
    answers: dict[str, float | None] = {"ca-1": 1, "ca-2": 2, "co-1": 5, "co-2": 4}
    # The same answers, scored as if the note were not in the bank at all.
    without_note = starter_text.replace(
        FIRST_QUESTION
        + "        text: Partners describe the problem we are tackling in the same way.\n",
        "",
    )
    assert without_note != starter_text
    others = {k: v for k, v in answers.items() if k != "ca-1"}
    assert scores(text, answers) == scores(without_note, others)
    assert scores(text, answers) != scores(starter_text, answers)


def test_the_toy_type_is_gone_after_its_test() -> None:
    """monkeypatch undid the registration above: no test leaks a type into another."""
    assert "note" not in QUESTION_TYPES
