"""The JSON answer file (`selfassess-response/1`, what the form exports) -> one response.

Design: one entry of the answer-format registry (response_formats.py). The checks run in the
order responses.js runs them, so the page and `score` refuse a file with the same first words:
the document, its format, the model, then the answers against the bank.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pydantic import ValidationError

from selfassess.core.errors import Problem, SelfassessError
from selfassess.core.model import (
    READABLE_RESPONSE_FORMATS,
    RESPONSE_FORMAT,
    Answer,
    Questionnaire,
    Response,
    SourcedResponse,
)
from selfassess.inputs.json_text import parse_json_document
from selfassess.inputs.messages import (
    ErrorDetails,
    did_you_mean,
    number_text,
    problems_from_validation,
    scale_text,
)
from selfassess.inputs.yaml_text import Loc, yaml_type

NOT_AN_ANSWER_FILE = "is not a JSON or CSV answer file"


def questionnaire_id(raw: Any) -> Any:
    """What an answer file gives as its questionnaire's id (None when nothing): any JSON."""
    ref = raw.get("questionnaire") if isinstance(raw, dict) else None
    return ref.get("id") if isinstance(ref, dict) else None


def questionnaire_id_problem(wanted: Any, file: str) -> Problem:
    """The refusal of a questionnaire id that is not text."""
    return Problem(
        file,
        f"the questionnaire id must be text, found {yaml_type(wanted)}",
        path="questionnaire.id",
    )


def check_is_json(data: bytes, file: str) -> None:
    """A file named neither .json nor .csv is read as JSON only if it is JSON (README.md is not)."""
    try:
        parse_json_document(data, file)
    except SelfassessError as exc:
        if exc.problems[0].message.startswith(("not JSON", "is not UTF-8")):
            raise SelfassessError.at(file, NOT_AN_ANSWER_FILE) from None
        raise  # JSON, refused for a reason of its own: that reason


def check_answers(bank: Questionnaire, answers: Mapping[str, Answer], file: str) -> list[Problem]:
    """Answers must name the bank's questions and hold values from their scales."""
    problems = []
    questions = {q.id: q for _, q in bank.questions()}
    for qid, value in answers.items():
        question = questions.get(qid)
        if question is None:
            hint = did_you_mean(qid, questions)
            problems.append(
                Problem(
                    file, f"unknown question id '{qid}' for {bank.id}{hint}", path=f"answers.{qid}"
                )
            )
            continue
        scale = bank.scale_of(question)
        if question.is_scored and not (value is None or isinstance(value, int | float)):
            problems.append(
                Problem(
                    file,
                    f"expected a number from the scale or null, found {value!r}",
                    path=f"answers.{qid}",
                )
            )
            continue
        if (
            question.is_scored
            and isinstance(value, int | float)
            and value not in [o.value for o in scale if o.value is not None]
        ):
            problems.append(
                Problem(
                    file,
                    f"{number_text(value)} is not on the scale of {qid} ({scale_text(scale)})",
                    path=f"answers.{qid}",
                )
            )
    return problems


def _response_words(error: ErrorDetails) -> tuple[Loc, str] | None:
    """An answer that is not a number, said as responses.js says it, at the answer's id."""
    loc: Loc = tuple(error["loc"])
    if loc[:1] != ("answers",):
        return None
    if error["type"] in ("int_type", "float_type"):
        return loc[:2], f"expected a number from the scale or null, found {error['input']!r}"
    return loc[:2], str(error["msg"])


def parse_response_json(
    data: bytes, file: str, bank: Questionnaire, warnings: list[str]
) -> SourcedResponse:
    """One answer file's response, checked against `bank`; warnings are appended to `warnings`."""
    raw = parse_json_document(data, file)
    if not isinstance(raw, dict):
        raise SelfassessError.at(file, "not a response file: expected a JSON object")
    wanted = questionnaire_id(raw)
    if wanted is not None and not isinstance(wanted, str):
        raise SelfassessError([questionnaire_id_problem(wanted, file)])
    if raw.get("format") not in READABLE_RESPONSE_FORMATS:
        found = raw.get("format")
        raise SelfassessError.at(
            file,
            f"wrong format {found!r}; expected '{RESPONSE_FORMAT}'"
            if found is not None
            else f'not a response file: no "format": "{RESPONSE_FORMAT}"',
            path="format",
        )
    try:
        response = Response.model_validate(raw)
    except ValidationError as exc:
        raise SelfassessError(
            problems_from_validation(exc, file, rewrite=_response_words)
        ) from None
    if response.questionnaire.id != bank.id:
        raise SelfassessError.at(
            file,
            f"answers questionnaire '{response.questionnaire.id}', not '{bank.id}'",
            path="questionnaire.id",
        )
    problems = check_answers(bank, response.answers, file)
    if problems:
        raise SelfassessError(problems)
    if response.questionnaire.version not in (None, bank.version):
        warnings.append(
            f"{file}: answers version {response.questionnaire.version} of {bank.id}; "
            f"scoring it with version {bank.version}"
        )
    known = {p.id for p in bank.principles} | {q.id for _, q in bank.questions()}
    stray = [key for key in response.comments if key not in known]
    if stray:
        warnings.append(f"{file}: comments on unknown ids ignored: {', '.join(stray)}")
        response = response.model_copy(
            update={"comments": {k: v for k, v in response.comments.items() if k in known}}
        )
    return SourcedResponse(source=file, response=response)
