"""Which questions were asked of a respondent, and what they answered: `ask_if` evaluated.

Design: a question is asked unless its `ask_if` names an answer that does not hold. Questions
are walked in the order they are asked (background first, then the principles'), so a
condition only ever looks back, and an answer to a question that was not asked never makes a
later condition hold: chains of conditions need no special case. Pure: no I/O. The page's twin
is `questionsAsked` in web/scoring.js, pinned with this by tests/vectors/.
"""

from __future__ import annotations

from collections.abc import Sequence

from selfassess.core.model import AskIf, Question, Questionnaire
from selfassess.core.response_model import Answer, Response


def answer_of(bank: Questionnaire, response: Response, question: Question) -> Answer:
    """The answer as given: background questions' under `background`, the rest under `answers`."""
    is_background = any(q.id == question.id for q in bank.background)
    return (response.background if is_background else response.answers).get(question.id)


def is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def picked_options(question: Question, value: Answer) -> frozenset[str]:
    """The option ids a choice or multi answer picks (none for any other answer)."""
    if question.type == "choice" and isinstance(value, str):
        return frozenset([value])
    if question.type == "multi" and isinstance(value, list):
        return frozenset(v for v in value if isinstance(v, str))
    return frozenset()


def holds(question: Question, value: Answer, condition: AskIf) -> bool:
    """Whether the answer `value` to `question` meets the condition: a scale value equal to one
    listed, a chosen option listed, or for multi at least one ticked option listed."""
    if question.is_scored:
        return is_number(value) and any(
            is_number(wanted) and value == wanted for wanted in condition.any_of
        )
    wanted_ids = {w for w in condition.any_of if isinstance(w, str)}
    return bool(picked_options(question, value) & wanted_ids)


def questions_asked(bank: Questionnaire, response: Response) -> frozenset[str]:
    """The ids of every question asked of this respondent (background and principles')."""
    by_id = {q.id: q for q in bank.all_questions()}
    asked: set[str] = set()
    for question in bank.all_questions():
        condition = question.ask_if
        if condition is None:
            asked.add(question.id)
            continue
        named = by_id[condition.question]
        if named.id in asked and holds(named, answer_of(bank, response, named), condition):
            asked.add(question.id)
    return frozenset(asked)


def is_answered(question: Question, value: Answer) -> bool:
    """Whether an answer counts as given: not null, not an empty list, not blank text."""
    if value is None:
        return False
    if isinstance(value, list):
        return question.type == "multi" and bool(value)
    if isinstance(value, str):
        return not question.is_scored and bool(value.strip())
    return question.is_scored and is_number(value)


def given_answers(
    bank: Questionnaire, response: Response, questions: Sequence[Question], asked: frozenset[str]
) -> dict[str, Answer]:
    """The answers to `questions` that were asked and given, as given (in bank order)."""
    out: dict[str, Answer] = {}
    for question in questions:
        value = answer_of(bank, response, question)
        if question.id in asked and is_answered(question, value):
            out[question.id] = value
    return out
