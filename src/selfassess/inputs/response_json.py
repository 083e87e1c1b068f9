"""The JSON answer file (`selfassess-response/2`, what the form exports, or `/1`) -> one response.

Design: one entry of the answer-format registry (response_formats.py). The checks run in the
order responses.js runs them, so the page and `score` refuse a file with the same first words:
the document, its format, the model, then the answers against the bank (answer_values.py).
"""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError

from selfassess.core.errors import Problem, SelfassessError
from selfassess.core.model import READABLE_RESPONSE_FORMATS, RESPONSE_FORMAT, Questionnaire
from selfassess.core.response_model import Response, SourcedResponse, response_json_schema
from selfassess.inputs.answer_values import FORMAT_1, answer_problems, model_words
from selfassess.inputs.json_text import parse_json_document
from selfassess.inputs.messages import problems_from_validation
from selfassess.inputs.yaml_text import yaml_type

NOT_AN_ANSWER_FILE = "is not a JSON or CSV answer file"


def response_schema() -> dict[str, Any]:
    """The answer file's JSON schema for `schema --response`: format 2 (what the form writes);
    format 1, still read, has no background. A question's type says which value it takes."""
    schema = response_json_schema()
    described = schema["properties"]
    described["format"]["description"] = (
        f"{RESPONSE_FORMAT} is what the form writes; {FORMAT_1} (answers only, no background) "
        "is still read"
    )
    described["background"]["description"] = (
        "Answers to the bank's background questions, by question id: an option id (choice), "
        "a list of option ids (multi), text (text), or null"
    )
    described["answers"]["description"] = (
        "Answers to the principles' questions, by question id: a number from the scale "
        "(scale), an option id (choice), a list of option ids (multi), text (text), or null"
    )
    schema["if"] = {"properties": {"format": {"const": FORMAT_1}}}
    schema["then"] = {"properties": {"background": {"maxProperties": 0}}}
    return schema


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


def _validated(raw: dict[str, Any], bank: Questionnaire, file: str) -> Response:
    """The model's checks (an answer of the wrong type said by its question), then the
    questionnaire's id, then every answer against its question (answer_values.py)."""
    try:
        response = Response.model_validate(raw)
    except ValidationError as exc:
        raise SelfassessError(
            problems_from_validation(exc, file, rewrite=model_words(bank, raw))
        ) from None
    if response.questionnaire.id != bank.id:
        raise SelfassessError.at(
            file,
            f"answers questionnaire '{response.questionnaire.id}', not '{bank.id}'",
            path="questionnaire.id",
        )
    sections = {"background": response.background, "answers": response.answers}
    problems = answer_problems(bank, sections, file, response.format == FORMAT_1)
    if problems:
        raise SelfassessError(problems)
    return response


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
    response = _validated(raw, bank, file)
    if response.questionnaire.version not in (None, bank.version):
        warnings.append(
            f"{file}: answers version {response.questionnaire.version} of {bank.id}; "
            f"scoring it with version {bank.version}"
        )
    known = {p.id for p in bank.principles} | {q.id for q in bank.all_questions()}
    stray = [key for key in response.comments if key not in known]
    if stray:
        warnings.append(f"{file}: comments on unknown ids ignored: {', '.join(stray)}")
        response = response.model_copy(
            update={"comments": {k: v for k, v in response.comments.items() if k in known}}
        )
    return SourcedResponse(source=file, response=response)
