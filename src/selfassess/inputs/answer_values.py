"""One answer against its question: the checks of an answer file's `answers` and `background`.

Design: an answer's shape follows its question's type (core/question_types.py): a number from
the scale, one option id, a list of option ids, or text. A value of the wrong shape, an id in
the wrong section or an unknown option is one located problem (`answers.ca-who`,
`background.sector`), in the order and words of web/scoring.js's validateResponse, pinned
together by tests/test_responses_js.py. Text answers are taken whole, as comments are: the
file itself is bounded (50 MB).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from selfassess.core.asking import is_answered, questions_asked
from selfassess.core.errors import Problem
from selfassess.core.model import RESPONSE_FORMAT, Question, Questionnaire
from selfassess.core.response_model import Answer, SourcedResponse
from selfassess.inputs.messages import ErrorDetails, Rewrite, did_you_mean, number_text, scale_text
from selfassess.inputs.yaml_text import Loc

FORMAT_1 = "selfassess-response/1"
SECTIONS = ("background", "answers")


def found_text(value: Any) -> str:
    """What a value is, said the same way in Python and in the page (no repr of containers or
    of numbers, whose int/float spelling JSON does not keep)."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return f"text {value[:40]!r}"
    if isinstance(value, list):
        odd = [item for item in value if not isinstance(item, str)]
        return f"a list holding {found_text(odd[0])}" if odd else "a list"
    return "a mapping"


def _scale_found(value: Any) -> str:
    """Today's words for a scale answer that is not a number: Python's repr of a scalar."""
    return repr(value) if isinstance(value, str | bool) else found_text(value)


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def shape_problem(question: Question | None, value: Any) -> str | None:
    """Why `value` cannot be an answer to `question` (None: it can); an unknown id takes a
    number, as every answer did before question types."""
    if value is None:
        return None
    if question is None or question.answer_shape == "number":
        if _is_number(value):
            return None
        return f"expected a number from the scale or null, found {_scale_found(value)}"
    shape = question.answer_shape
    if shape == "option" and not isinstance(value, str):
        return f"expected one option id of {question.id} or null, found {found_text(value)}"
    if shape == "options" and not (
        isinstance(value, list) and all(isinstance(i, str) for i in value)
    ):
        return f"expected a list of option ids of {question.id}, found {found_text(value)}"
    if shape == "text" and not isinstance(value, str):
        return f"expected text or null, found {found_text(value)}"
    return None


def value_problem(bank: Questionnaire, question: Question, value: Any) -> str | None:
    """Why a value of the right shape is still no answer: off the scale, not an option, twice."""
    if value is None or question.answer_shape == "text":
        return None
    if question.answer_shape == "number":
        scale = bank.scale_of(question)
        if value not in [o.value for o in scale if o.value is not None]:
            return (
                f"{number_text(value)} is not on the scale of {question.id} ({scale_text(scale)})"
            )
        return None
    options = question.option_ids()
    chosen = [value] if question.answer_shape == "option" else value
    seen: set[str] = set()
    for option in chosen:
        if option not in options:
            hint = did_you_mean(option, options, otherwise="options")
            return f"{option[:60]!r} is not an option of {question.id}{hint}"
        if option in seen:
            return f"{option!r} is ticked twice in {question.id}"
        seen.add(option)
    return None


QuestionsBySection = dict[str, dict[str, Question]]


def questions_by_section(bank: Questionnaire) -> QuestionsBySection:
    """The bank's questions by id, under the key their answers belong to."""
    return {
        "background": {q.id: q for q in bank.background},
        "answers": {q.id: q for _, q in bank.questions()},
    }


def _placement_problem(
    bank: Questionnaire, by_section: QuestionsBySection, section: str, qid: str
) -> str | None:
    """Why `qid` cannot be answered under `section` (None: it can)."""
    other = _other(section)
    if qid in by_section[section]:
        return None
    if qid in by_section[other]:
        kind = "principle" if section == "background" else "background"
        return f"'{qid}' is a {kind} question: its answer belongs under {other}"
    unknown = "unknown background question id" if section == "background" else "unknown question id"
    return f"{unknown} '{qid}' for {bank.id}{did_you_mean(qid, list(by_section[section]))}"


def _other(section: str) -> str:
    return "answers" if section == "background" else "background"


def answer_problems(
    bank: Questionnaire, sections: Mapping[str, Mapping[str, Any]], file: str, version_1: bool
) -> list[Problem]:
    """Every answer (background first, then answers) checked against its question, in order."""
    if version_1 and sections.get("background"):
        refusal = (
            f'a {FORMAT_1} file has no background answers; write "format": "{RESPONSE_FORMAT}"'
        )
        return [Problem(file, refusal, path="background")]
    by_section = questions_by_section(bank)
    problems = []
    for section in SECTIONS:
        for qid, value in sections.get(section, {}).items():
            message = _placement_problem(bank, by_section, section, qid)
            question = by_section[section].get(qid)
            if message is None and question is not None:
                message = shape_problem(question, value) or value_problem(bank, question, value)
            if message is not None:
                problems.append(Problem(file, message, path=f"{section}.{qid}"))
    return problems


def model_words(bank: Questionnaire, raw: Mapping[str, Any]) -> Rewrite:
    """The rewrite hook for the model's errors inside `answers` and `background`: one message
    per value, by its question's type, at the value's id (scoring.js typeProblems: the same)."""

    def rewrite(error: ErrorDetails) -> tuple[Loc, str] | None:
        loc: Loc = tuple(error["loc"])
        if loc[:1] not in (("answers",), ("background",)) or len(loc) < 2:
            return None
        section = raw.get(str(loc[0]))
        value = section.get(str(loc[1])) if isinstance(section, dict) else None
        message = shape_problem(bank.question_by_id(str(loc[1])), value)
        return loc[:2], message or str(error["msg"])

    return rewrite


def _condition_text(bank: Questionnaire, question: Question) -> str:
    """`seniority is board or senior`: when a question is asked, as the warnings say it."""
    condition = question.ask_if
    assert condition is not None
    named = bank.question_by_id(condition.question)
    values = [v if isinstance(v, str) else number_text(v) for v in condition.any_of]
    listed = values[0] if len(values) == 1 else f"{', '.join(values[:-1])} or {values[-1]}"
    verb = "includes" if named is not None and named.type == "multi" else "is"
    return f"{condition.question} {verb} {listed}"


def drop_not_asked(
    bank: Questionnaire, sourced: SourcedResponse, warnings: list[str]
) -> SourcedResponse:
    """The response without its answers to questions not asked of this respondent, with a
    warning for each one that was answered (web/responses.js: the same rule and words)."""
    response = sourced.response
    if not any(q.ask_if is not None for q in bank.all_questions()):
        return sourced  # every question is asked of everyone
    asked = questions_asked(bank, response)
    by_section = questions_by_section(bank)
    kept: dict[str, dict[str, Answer]] = {"background": {}, "answers": {}}
    for section, given in (("background", response.background), ("answers", response.answers)):
        for qid, value in given.items():
            question = by_section[section].get(qid)
            if qid in asked or question is None:
                kept[section][qid] = value
            elif is_answered(question, value):
                warnings.append(
                    f"{sourced.source}: answer to {qid} ignored: not asked of this respondent "
                    f"(it is asked when {_condition_text(bank, question)})"
                )
    if kept == {"background": response.background, "answers": response.answers}:
        return sourced
    return SourcedResponse(source=sourced.source, response=response.model_copy(update=kept))
