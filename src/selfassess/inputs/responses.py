"""Answer files -> responses: the JSON and CSV readers (Excel's semicolons and Windows-1252
included), reading many files with --skip-invalid, warnings about one respondent answering twice,
and finding the bank a set of answer files answers. Every failure is one located line."""

from __future__ import annotations

import csv
import difflib
import hashlib
import io
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from selfassess.core.errors import Problem, SelfassessError, format_location
from selfassess.core.model import (
    RESERVED_COLUMNS,
    RESPONSE_FORMAT,
    Questionnaire,
    QuestionnaireRef,
    Respondent,
    Response,
    ScaleOption,
    SourcedResponse,
)
from selfassess.core.scoring import organisation_of

# ---------------------------------------------------------------- pydantic errors -> Problems
from selfassess.inputs.banks import BankSource, bundled_banks
from selfassess.inputs.files import (
    check_text_bytes,
    read_checked_bytes,
)
from selfassess.inputs.json_text import (
    parse_json_document,
    shown_id,
)
from selfassess.inputs.yaml_text import yaml_type

# ---------------------------------------------------------------- responses

MAX_RESPONSE_BYTES = 50_000_000  # "50 MB", in the unit the messages use (responses.js: the same)


@dataclass(frozen=True)
class InputFile:
    """A response file that was read and used, byte for byte (for the audit trail)."""

    name: str  # the path as given
    data: bytes

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()


@dataclass
class LoadedResponses:
    """What a set of response files yielded: the good responses, what was skipped, warnings."""

    responses: list[SourcedResponse]
    skipped: list[Problem]
    warnings: list[str]
    files: list[InputFile] = field(default_factory=list)  # the files the responses came from


def _scale_text(scale: Sequence[ScaleOption]) -> str:
    return ", ".join(
        f"{_number_text(o.value)} {o.label}" if o.value is not None else f"{o.label} (empty)"
        for o in scale
    )


def _number_text(value: float) -> str:
    return f"{value:g}"


def _check_answers(
    bank: Questionnaire, answers: dict[str, float | None], file: str
) -> list[Problem]:
    """Answers must name the bank's questions and hold values from their scales."""
    problems = []
    questions = {q.id: q for _, q in bank.questions()}
    for qid, value in answers.items():
        question = questions.get(qid)
        if question is None:
            close = difflib.get_close_matches(qid, list(questions), n=1)
            hint = f"; did you mean '{close[0]}'?" if close else ""
            problems.append(
                Problem(
                    file, f"unknown question id '{qid}' for {bank.id}{hint}", path=f"answers.{qid}"
                )
            )
            continue
        scale = bank.scale_of(question)
        if value is not None and value not in [o.value for o in scale if o.value is not None]:
            problems.append(
                Problem(
                    file,
                    f"{_number_text(value)} is not on the scale of {qid} ({_scale_text(scale)})",
                    path=f"answers.{qid}",
                )
            )
    return problems


NOT_AN_ANSWER_FILE = "is not a JSON or CSV answer file"


def _questionnaire_id(raw: Any) -> Any:
    """What an answer file gives as its questionnaire's id (None when nothing): any JSON."""
    ref = raw.get("questionnaire") if isinstance(raw, dict) else None
    return ref.get("id") if isinstance(ref, dict) else None


def _questionnaire_id_problem(wanted: Any, file: str) -> Problem:
    return Problem(
        file,
        f"the questionnaire id must be text, found {yaml_type(wanted)}",
        path="questionnaire.id",
    )


def parse_response_json(
    data: bytes, file: str, bank: Questionnaire, warnings: list[str]
) -> SourcedResponse:
    raw = parse_json_document(data, file)
    if not isinstance(raw, dict):
        raise SelfassessError.at(file, "not a response file: expected a JSON object")
    wanted = _questionnaire_id(raw)
    if wanted is not None and not isinstance(wanted, str):
        raise SelfassessError([_questionnaire_id_problem(wanted, file)])
    if raw.get("format") != RESPONSE_FORMAT:
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
        problems = []
        for error in exc.errors():
            loc = tuple(error["loc"])
            if error["type"] in ("int_type", "float_type") and loc[:1] == ("answers",):
                message = f"expected a number from the scale or null, found {error['input']!r}"
            elif error["type"] == "missing":
                message = f"missing required key '{loc[-1]}'"
            else:
                message = error["msg"]
            problems.append(
                Problem(
                    file, message, path=format_location(loc[:2] if loc[:1] == ("answers",) else loc)
                )
            )
        raise SelfassessError(_dedupe(problems)) from None
    if response.questionnaire.id != bank.id:
        raise SelfassessError.at(
            file,
            f"answers questionnaire '{response.questionnaire.id}', not '{bank.id}'",
            path="questionnaire.id",
        )
    problems = _check_answers(bank, response.answers, file)
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


def _dedupe(problems: list[Problem]) -> list[Problem]:
    seen: dict[tuple[str, str], Problem] = {}
    for problem in problems:
        seen.setdefault((problem.path, problem.message), problem)
    return list(seen.values())


def _cell_value(cell: str, scale: Sequence[ScaleOption]) -> tuple[bool, float | None]:
    """(understood?, value) for one CSV cell: a scale value or a label, any case."""
    text = cell.strip()
    if not text:
        return True, None
    try:
        number = float(text)
    except ValueError:
        wanted = text.casefold()
        for option in scale:
            if option.label.strip().casefold() == wanted:
                return True, option.value
        return False, None
    for option in scale:
        if option.value is not None and option.value == number:
            return True, option.value
    return False, None


# The five bytes Python's cp1252 leaves undefined; Windows-1252 as browsers decode it (the
# WHATWG Encoding Standard) makes them the C1 controls of the same number, and so do we, so the
# partnership page (responses.js's own table) gives exactly the same text.
_CP1252_UNDEFINED = (0x81, 0x8D, 0x8F, 0x90, 0x9D)


def decode_csv(data: bytes, file: str, warnings: list[str]) -> str:
    """A CSV file's text: UTF-8 (a byte-order mark is dropped), else Windows-1252, which is
    what Excel's "CSV (Comma delimited)" writes in the UK and western Europe; with a warning."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        warnings.append(
            f"{file}: is not UTF-8 text (bad byte at offset {exc.start}), so it was read as "
            f'Windows-1252, as Excel\'s "CSV (Comma delimited)" saves it; check accented names, '
            f'or save it as "CSV UTF-8" instead'
        )
        text = data.decode("cp1252", errors="surrogateescape")  # undefined byte b -> U+DC00+b
        for byte in _CP1252_UNDEFINED:
            text = text.replace(chr(0xDC00 + byte), chr(byte))
        return text


_LINE = re.compile(r"[^\r\n]+")


def csv_delimiter(text: str) -> str:
    """`;` when the header (the first line with anything but commas, semicolons, spaces and
    tabs) has a semicolon and no comma, as many European Excels save a CSV; else `,`."""
    for match in _LINE.finditer(text):
        line = match.group()
        if line.strip(" \t,;"):
            return ";" if ";" in line and "," not in line else ","
    return ","


def parse_responses_csv(
    data: bytes, file: str, bank: Questionnaire, warnings: list[str]
) -> list[SourcedResponse]:
    text = decode_csv(data, file, warnings)
    try:
        rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=csv_delimiter(text)))
    except csv.Error as exc:
        raise SelfassessError.at(file, f"not CSV: {exc}") from None
    rows = [row for row in rows if any(cell.strip() for cell in row)]
    if not rows:
        raise SelfassessError.at(file, "is empty; expected a header row and one row per respondent")
    header = [cell.strip() for cell in rows[0]]
    questions = {q.id: q for _, q in bank.questions()}
    columns = [
        (i, name) for i, name in enumerate(header) if name in questions or name in RESERVED_COLUMNS
    ]
    if not any(name in questions for _, name in columns):
        raise SelfassessError.at(
            file,
            f"header names none of {bank.id}'s question ids (found: {', '.join(header)[:80]})",
            1,
        )
    duplicates = sorted({name for _, name in columns if header.count(name) > 1})
    if duplicates:
        raise SelfassessError.at(file, f"column {duplicates[0]} appears twice in the header", 1)
    ignored = [
        name for name in header if name and name not in questions and name not in RESERVED_COLUMNS
    ]
    if ignored:
        warnings.append(f"{file}: columns that match no question ignored: {', '.join(ignored)}")
    responses = []
    problems = []
    for number, row in enumerate(rows[1:], start=1):
        line = number + 1
        respondent: dict[str, str | None] = {}
        answers: dict[str, float | None] = {}
        for i, name in columns:
            cell = row[i] if i < len(row) else ""
            if name in RESERVED_COLUMNS:
                respondent[name] = cell.strip() or None
                continue
            scale = bank.scale_of(questions[name])
            understood, value = _cell_value(cell, scale)
            if not understood:
                problems.append(
                    Problem(
                        file,
                        f"row {number}, column {name}: {cell.strip()!r} is neither a value nor a label "
                        f"of the scale ({_scale_text(scale)})",
                        line,
                    )
                )
            answers[name] = value
        response = Response(
            format=RESPONSE_FORMAT,
            questionnaire=QuestionnaireRef(id=bank.id, version=bank.version),
            respondent=Respondent(**respondent),
            answers=answers,
        )
        responses.append(SourcedResponse(source=f"{file}#{number}", response=response))
    if problems:
        raise SelfassessError(problems)
    if not responses:
        raise SelfassessError.at(file, "has a header but no respondents")
    return responses


def _read_response_bytes(path: Path) -> bytes:
    return read_checked_bytes(
        path,
        "response file",
        MAX_RESPONSE_BYTES,
        folder_hint="; pass it as a folder argument",
        missing="no such file or folder",  # a mistyped folder argument looks like this too
    )


def read_input(path: Path) -> bytes:
    """One response file's bytes, with the loader's own checks and errors."""
    return _read_response_bytes(path)


def load_responses(
    paths: Sequence[Path], bank: Questionnaire, *, skip_invalid: bool = False
) -> LoadedResponses:
    """Read response files (JSON or CSV). Bad files fail the lot unless `skip_invalid`."""

    def read() -> Iterator[tuple[str, bytes | SelfassessError]]:
        for path in paths:  # one at a time, so a progress bar over `paths` moves as we go
            try:
                yield str(path), _read_response_bytes(path)
            except SelfassessError as exc:
                yield str(path), exc

    return _load_responses(read(), bank, skip_invalid, ", ".join(str(p) for p in paths))


def load_response_data(
    files: Sequence[tuple[str, bytes]], bank: Questionnaire, *, skip_invalid: bool = False
) -> LoadedResponses:
    """Response files already in memory (a scorecard's attachments), read exactly as from disk."""

    def checked() -> Iterator[tuple[str, bytes | SelfassessError]]:
        for name, data in files:
            try:
                yield name, check_text_bytes(data, name, "response file")
            except SelfassessError as exc:
                yield name, exc

    return _load_responses(checked(), bank, skip_invalid, ", ".join(n for n, _ in files))


def _load_responses(
    files: Iterable[tuple[str, bytes | SelfassessError]],
    bank: Questionnaire,
    skip_invalid: bool,
    described: str,
) -> LoadedResponses:
    loaded = LoadedResponses([], [], [])
    bad: list[Problem] = []
    seen: dict[str, str] = {}
    for file, data in files:
        try:
            if isinstance(data, SelfassessError):
                raise data
            digest = hashlib.sha256(data).hexdigest()
            if digest in seen:
                loaded.warnings.append(f"{file}: same content as {seen[digest]}; counted once")
                continue
            seen[digest] = file
            if file.lower().endswith(".csv"):
                loaded.responses.extend(parse_responses_csv(data, file, bank, loaded.warnings))
            else:
                if not file.lower().endswith(".json"):
                    _check_is_json(data, file)
                loaded.responses.append(parse_response_json(data, file, bank, loaded.warnings))
            loaded.files.append(InputFile(file, data))
        except SelfassessError as exc:
            bad.extend(exc.problems)
    if bad and not skip_invalid:
        raise SelfassessError(bad)
    loaded.warnings.extend(repeated_respondents(loaded.responses))
    loaded.skipped = bad
    if not loaded.responses:
        raise SelfassessError.at(described[:200] or "(no files)", "no valid responses to score")
    return loaded


def _check_is_json(data: bytes, file: str) -> None:
    """A file named neither .json nor .csv is read as JSON only if it is JSON (README.md is not)."""
    try:
        parse_json_document(data, file)
    except SelfassessError as exc:
        if exc.problems[0].message.startswith(("not JSON", "is not UTF-8")):
            raise SelfassessError.at(file, NOT_AN_ANSWER_FILE) from None
        raise  # JSON, refused for a reason of its own: that reason


def repeated_respondents(responses: Sequence[SourcedResponse]) -> list[str]:
    """A warning for each respondent (the same organisation, role and name) who answers more
    than once in one run, naming where. Every answer is still counted (a warning, not a
    correction); the usual cause is an earlier round given with this one. Without a name, two answers from the same
    organisation and role may be two people, so they are not compared. The name itself is left
    out of the warning, which can reach a scorecard's notes (responses.js: the same rule and words).
    """
    seen: dict[tuple[str, str, str], list[str]] = {}
    for sourced in responses:
        who = sourced.response.respondent
        name = (who.name or "").strip()
        if name:
            key = (organisation_of(who.organisation), (who.role or "").strip(), name)
            seen.setdefault(key, []).append(sourced.source)
    return [
        f"{', '.join(sources)}: the same respondent ({organisation}, "
        f"{role or 'no role'}, the same name) answers {len(sources)} times, and every answer is "
        "counted; if one is from an earlier round, give that round with "
        "`selfassess report --baseline`"
        for (organisation, role, _), sources in seen.items()
        if len(sources) > 1
    ]


def bank_for_responses(paths: Sequence[Path]) -> BankSource:
    """The bundled bank the files answer: named in JSON files, guessed from CSV headers.

    When no file tells, the real cause comes first (no such file or folder, a binary file,
    not an answer file) and "pass --questionnaire" only where that would help."""
    banks = bundled_banks()
    by_id = {b.questionnaire.id: b for b in banks}
    causes: list[Problem] = []
    readable: list[Path] = []
    for path in paths:
        try:
            data = _read_response_bytes(path)
        except SelfassessError as exc:
            causes.extend(exc.problems)
            continue
        if path.suffix.lower() == ".csv":
            readable.append(path)
            continue
        try:
            if path.suffix.lower() != ".json":
                _check_is_json(data, str(path))
            raw = parse_json_document(data, str(path))
        except SelfassessError as exc:
            causes.extend(exc.problems)
            continue
        wanted = _questionnaire_id(raw)
        if wanted is not None and not isinstance(wanted, str):
            causes.append(_questionnaire_id_problem(wanted, str(path)))
            continue
        readable.append(path)
        if wanted is None:
            continue
        if wanted in by_id:
            return by_id[wanted]
        raise SelfassessError.at(
            path,
            f"answers questionnaire {shown_id(wanted)}, which is not bundled; "
            "pass --questionnaire BANK.yaml",
        )
    for path in readable:
        if path.suffix.lower() == ".csv":
            try:
                text = decode_csv(_read_response_bytes(path), str(path), [])
                header = text.splitlines()[0].split(csv_delimiter(text))
            except (SelfassessError, ValueError, IndexError):
                continue
            names = {h.strip().strip('"') for h in header}
            best = max(
                banks, key=lambda b: len(names & {q.id for _, q in b.questionnaire.questions()})
            )
            if names & {q.id for _, q in best.questionnaire.questions()}:
                return best
    if readable:
        causes.append(
            Problem(
                str(readable[0]),
                "cannot tell which questionnaire these answers belong to; pass --questionnaire",
            )
        )
    raise SelfassessError(causes or [Problem("(no files)", "no answer files given")])
