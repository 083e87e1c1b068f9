"""The kinds of question a bank may ask, in a registry keyed by the name a bank's `type:` gives.

Design (pyxform's question type dictionary): a question type is one entry saying what the code
needs to know of it, nothing more: whether its answers count towards the scores, whether it
offers `options`, and what shape one answer takes (`answer`: a number from a scale, one option
id, a list of option ids, or text). The entries are `scale` (scored), `choice`, `multi` and
`text`. A new type is one `register_question_type` call plus what it needs on the page; the
model accepts exactly the registered names, and scoring asks the registry whether a question
counts. Pure: no I/O.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal

AnswerShape = Literal["number", "option", "options", "text"]

DEFAULT_QUESTION_TYPE = "scale"


@dataclass(frozen=True)
class QuestionType:
    """One kind of question: its name in a bank, whether its answers are scored, whether it
    offers options, and the shape of one answer."""

    name: str
    scored: bool
    description: str = ""
    has_options: bool = False
    answer: AnswerShape = "number"


QUESTION_TYPES: dict[str, QuestionType] = {}


def register_question_type(question_type: QuestionType) -> None:
    """Add (or replace, by name) a question type that banks may name in `type:`."""
    QUESTION_TYPES[question_type.name] = question_type


register_question_type(
    QuestionType(
        DEFAULT_QUESTION_TYPE,
        scored=True,
        description="an answer chosen from the question's scale (or the bank's), scored 0-100",
    )
)
register_question_type(
    QuestionType(
        "choice",
        scored=False,
        description="one of the question's options (radios, or a list past seven options)",
        has_options=True,
        answer="option",
    )
)
register_question_type(
    QuestionType(
        "multi",
        scored=False,
        description="any number of the question's options (tick all that apply)",
        has_options=True,
        answer="options",
    )
)
register_question_type(
    QuestionType("text", scored=False, description="free text, never scored", answer="text")
)


class UnknownQuestionType(ValueError):
    """A bank names a question type that is not registered; inputs/ adds the near-miss hint."""

    def __init__(self, name: str, known: Sequence[str]) -> None:
        self.name = name
        self.known = list(known)
        super().__init__(f"unknown question type '{name}' (allowed: {', '.join(self.known)})")


def known_question_type(name: str) -> str:
    """`name`, if a question type of that name is registered (the model's validator)."""
    if name not in QUESTION_TYPES:
        raise UnknownQuestionType(name, list(QUESTION_TYPES))
    return name


def is_scored(type_name: str) -> bool:
    """Whether answers to questions of this type count towards the scores."""
    return QUESTION_TYPES[type_name].scored


def has_options(type_name: str) -> bool:
    """Whether questions of this type list `options` to pick from."""
    return QUESTION_TYPES[type_name].has_options


def answer_shape(type_name: str) -> AnswerShape:
    """What one answer to a question of this type is: number, option, options or text."""
    return QUESTION_TYPES[type_name].answer


def question_type_schema(schema: dict[str, Any]) -> None:
    """The JSON schema of `type`: one of the registered names, read when the schema is made."""
    schema["enum"] = list(QUESTION_TYPES)
