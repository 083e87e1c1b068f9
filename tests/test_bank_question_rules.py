"""The rules `validate` enforces on question types, background questions, breakdowns and
ask_if: each broken rule is one line naming the file, the line and the path."""

from __future__ import annotations

import textwrap

import pytest

from selfassess.core.errors import SelfassessError
from selfassess.inputs.banks import parse_questionnaire

HEAD = """\
id: rules
version: "1.0"
title: Rules
scale:
  - {value: 1, label: "Not yet"}
  - {value: 3, label: "Partly"}
  - {value: 5, label: "Fully"}
  - {value: null, label: "Don't know"}
levels:
  - {id: low, label: Low, min: 0}
"""

SECTOR = """\
background:
  - id: sector
    type: choice
    text: Sector
    breakdown: true
    options:
      - {id: nhs, label: NHS}
      - {id: council, label: Council}
"""


def bank(background: str = SECTOR, questions: str = "      - {id: q1, text: One}\n") -> str:
    return HEAD + background + "principles:\n  - id: p\n    title: P\n    questions:\n" + questions


def problems(text: str) -> list[str]:
    with pytest.raises(SelfassessError) as caught:
        parse_questionnaire(text, "bank.yaml")
    return [str(p) for p in caught.value.problems]


def q(*lines: str) -> str:
    return textwrap.indent("\n".join(lines), "      ") + "\n"


def test_a_bank_with_background_choice_multi_text_and_ask_if_is_valid() -> None:
    text = bank(
        questions=q(
            "- {id: q1, text: One}",
            "- {id: q2, text: Two, ask_if: {question: sector, any_of: [nhs]}}",
            "- {id: q3, type: multi, text: Who, options: [{id: a, label: A}, {id: b, label: B}]}",
            "- {id: q4, type: text, text: Why}",
            "- {id: q5, text: Five, ask_if: {question: q3, any_of: [b]}}",
            "- {id: q6, text: Six, ask_if: {question: q1, any_of: [3, 5]}}",
        )
    )
    parsed = parse_questionnaire(text, "bank.yaml")
    assert [q.id for q in parsed.all_questions()] == ["sector", "q1", "q2", "q3", "q4", "q5", "q6"]
    assert [q.id for q in parsed.breakdown_questions()] == ["sector"]


def test_choice_and_multi_need_options() -> None:
    text = bank(questions=q("- {id: q1, text: One}", "- {id: q2, type: choice, text: Pick}"))
    assert problems(text) == [
        "bank.yaml:24: a choice question needs options (at least two) "
        "(at principles[0].questions[1].options)"
    ]


def test_options_are_refused_on_scale_and_text_questions() -> None:
    text = bank(
        questions=q("- {id: q1, text: One, options: [{id: a, label: A}, {id: b, label: B}]}")
    )
    assert problems(text) == [
        "bank.yaml:23: a scale question takes no options (at principles[0].questions[0].options)"
    ]


def test_options_need_two_unique_ids_and_labels() -> None:
    one = bank(
        questions=q(
            "- {id: q1, text: One}",
            "- {id: q2, type: choice, text: P, options: [{id: a, label: A}]}",
        )
    )
    assert "a question with options needs at least two" in problems(one)[0]
    twice = bank(
        questions=q(
            "- {id: q1, text: One}",
            "- {id: q2, type: multi, text: P, options: [{id: a, label: Agree}, {id: a, label: agree}]}",
        )
    )
    assert problems(twice) == [
        "bank.yaml:24: option ids must be unique: 'a' is also options[0] "
        "(at principles[0].questions[1].options[1].id)",
        "bank.yaml:24: option labels must be distinct (CSV cells are matched by label): "
        "'agree' is also options[0] (at principles[0].questions[1].options[1].label)",
    ]


@pytest.mark.parametrize(
    "key", ["weight: 2", "reverse: true", "scale: [{value: 1, label: A}, {value: 2, label: B}]"]
)
def test_scale_keys_are_refused_on_questions_that_are_not_scored(key: str) -> None:
    text = bank(
        questions=q("- {id: q1, text: One}", "- {id: q2, type: text, text: Why, " + key + "}")
    )
    name = key.split(":")[0]
    assert problems(text) == [
        f"bank.yaml:24: '{name}' applies to scale questions only, not to text "
        f"(at principles[0].questions[1].{name})"
    ]


def test_every_principle_keeps_a_scale_question() -> None:
    text = bank(questions=q("- {id: q4, type: text, text: Why}"))
    assert problems(text) == [
        "bank.yaml:22: principle 'p' needs at least one scale question (only scale questions "
        "are scored) (at principles[0].questions)"
    ]


def test_breakdown_is_for_background_choice_questions_only() -> None:
    multi = SECTOR.replace("type: choice", "type: multi")
    assert problems(bank(background=multi))[0] == (
        "bank.yaml:15: breakdown applies to choice questions only, not to multi "
        "(at background[0].breakdown)"
    )
    inside = bank(
        questions=q(
            "- {id: q1, text: One}",
            "- {id: q2, type: choice, breakdown: true, text: P, options: [{id: a, label: A}, {id: b, label: B}]}",
        )
    )
    assert problems(inside) == [
        "bank.yaml:24: breakdown applies to background questions only "
        "(at principles[0].questions[1].breakdown)"
    ]


def test_ids_are_unique_across_background_and_principles_and_stay_unreserved() -> None:
    text = bank(questions=q("- {id: sector, text: One}"))
    assert problems(text) == [
        "bank.yaml:23: duplicate id 'sector' (already used at background[0]) "
        "(at principles[0].questions[0].id)"
    ]
    reserved = SECTOR.replace("id: sector", "id: role")
    assert "'role' is reserved" in problems(bank(background=reserved))[0]


@pytest.mark.parametrize(
    ("condition", "message"),
    [
        (
            "{question: q2, any_of: [a]}",
            "'q2' comes later in the bank; ask_if names a background question or an earlier one (at principles[0].questions[0].ask_if.question)",
        ),
        (
            "{question: q1, any_of: [3]}",
            "'q1' cannot be asked depending on itself (at principles[0].questions[0].ask_if.question)",
        ),
        (
            "{question: nowhere, any_of: [a]}",
            "'nowhere' is not a question of this bank (at principles[0].questions[0].ask_if.question)",
        ),
        (
            "{question: sector, any_of: [nhs, police]}",
            "'police' is not an option id of 'sector' (nhs, council) (at principles[0].questions[0].ask_if.any_of[1])",
        ),
        (
            "{question: sector, any_of: []}",
            "list should have at least 1 item after validation, not 0 (at principles[0].questions[0].ask_if.any_of)",
        ),
    ],
)
def test_ask_if_names_an_earlier_question_and_values_it_can_take(
    condition: str, message: str
) -> None:
    text = bank(
        questions=q(
            "- {id: q1, text: One, ask_if: " + condition + "}",
            "- {id: q2, type: choice, text: P, options: [{id: a, label: A}, {id: b, label: B}]}",
        )
    )
    assert problems(text) == [f"bank.yaml:23: {message}"]


def test_ask_if_on_a_scale_question_takes_values_of_its_scale() -> None:
    text = bank(
        questions=q(
            "- {id: q1, text: One}",
            "- {id: q2, text: Two, ask_if: {question: q1, any_of: [5, 2]}}",
        )
    )
    assert problems(text) == [
        "bank.yaml:24: 2 is not a value on the scale of 'q1' (1, 3, 5) "
        "(at principles[0].questions[1].ask_if.any_of[1])"
    ]


def test_ask_if_cannot_name_a_text_question() -> None:
    text = bank(
        questions=q(
            "- {id: q0, type: text, text: Why}",
            "- {id: q1, text: One, ask_if: {question: q0, any_of: [x]}}",
        )
    )
    assert problems(text) == [
        "bank.yaml:24: 'q0' is a text question; ask_if needs choice, multi or scale "
        "(at principles[0].questions[1].ask_if.question)"
    ]
