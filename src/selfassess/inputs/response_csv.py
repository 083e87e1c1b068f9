"""The CSV answer file (a header of question ids, one row per respondent) -> responses.

Design: one entry of the answer-format registry (response_formats.py). Spreadsheets are the
point of this format, so it reads what Excel writes: UTF-8 with or without a byte-order mark,
Windows-1252 (with a warning), semicolons as many European Excels save, labels in any case.
responses.js reads the same bytes to the same answers, pinned by tests/test_responses_js.py.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Sequence
from dataclasses import dataclass

from selfassess.core.errors import Problem, SelfassessError
from selfassess.core.model import (
    RESERVED_COLUMNS,
    RESPONSE_FORMAT,
    Question,
    Questionnaire,
    ScaleOption,
)
from selfassess.core.response_model import (
    Answer,
    QuestionnaireRef,
    Respondent,
    Response,
    SourcedResponse,
)
from selfassess.inputs.messages import scale_text


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


@dataclass(frozen=True)
class _Column:
    """What reading one question's cells needs, worked out once per file: its answer's shape,
    its scale, and its options by exact id and by id or label in any case (first option wins)."""

    question: Question
    shape: str
    scale: list[ScaleOption]
    ids: frozenset[str]
    folded: dict[str, str]


def _column(question: Question, bank: Questionnaire) -> _Column:
    folded: dict[str, str] = {}
    for option in question.options or []:
        folded.setdefault(option.id.casefold(), option.id)
        folded.setdefault(option.label.strip().casefold(), option.id)
    ids = frozenset(question.option_ids())
    return _Column(question, question.answer_shape, bank.scale_of(question), ids, folded)


def options_text(question: Question) -> str:
    """A question's options for a message: `nhs NHS trust, council Local council`."""
    return ", ".join(f"{o.id} {o.label}" for o in question.options or [])


def _typed_cell(cell: str, column: _Column) -> tuple[Answer, str | None]:
    """(answer, the text no option matches) for a choice, multi or text question's cell:
    empty is unanswered; multi cells list ids or labels separated by `;`; text is kept as is.
    A cell names an option by its id exactly, else by its id or label in any case."""
    if not cell.strip():
        return None, None
    if column.shape == "text":
        return cell, None
    parts = [cell.strip()] if column.shape == "option" else cell.split(";")
    chosen: list[str] = []
    for part in (p.strip() for p in parts):
        if not part:
            continue
        option = part if part in column.ids else column.folded.get(part.casefold())
        if option is None:
            return None, part
        if option not in chosen:
            chosen.append(option)
    return (chosen[0] if column.shape == "option" else chosen), None


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


def csv_header_names(data: bytes, file: str) -> frozenset[str]:
    """The column names of a CSV file's first line, for guessing which bank it answers (none
    when it cannot be read: the guess then rests on the other files)."""
    try:
        text = decode_csv(data, file, [])
        header = text.splitlines()[0].split(csv_delimiter(text))
    except (SelfassessError, ValueError, IndexError):
        return frozenset()
    return frozenset(h.strip().strip('"') for h in header)


def _header_columns(
    rows: list[list[str]], file: str, bank: Questionnaire, warnings: list[str]
) -> list[tuple[int, str]]:
    """The (index, name) of each column the bank knows; the header's mistakes refused."""
    header = [cell.strip() for cell in rows[0]]
    questions = {q.id for q in bank.all_questions()}
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
    return columns


def _row_cell(cell: str, column: _Column) -> tuple[Answer, str | None]:
    """One cell's answer to its question, and what is wrong with it (None: nothing)."""
    if column.shape == "number":
        understood, value = _cell_value(cell, column.scale)
        if understood:
            return value, None
        return value, (
            f"{cell.strip()!r} is neither a value nor a label of the scale "
            f"({scale_text(column.scale)})"
        )
    answer, unmatched = _typed_cell(cell, column)
    if unmatched is None:
        return answer, None
    return None, (
        f"{unmatched!r} is neither an id nor a label of the options of {column.question.id} "
        f"({options_text(column.question)})"
    )


def parse_responses_csv(
    data: bytes, file: str, bank: Questionnaire, warnings: list[str]
) -> list[SourcedResponse]:
    """Every respondent of one CSV file, checked against `bank`; sources are `file#row`."""
    text = decode_csv(data, file, warnings)
    try:
        rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=csv_delimiter(text)))
    except csv.Error as exc:
        raise SelfassessError.at(file, f"not CSV: {exc}") from None
    rows = [row for row in rows if any(cell.strip() for cell in row)]
    if not rows:
        raise SelfassessError.at(file, "is empty; expected a header row and one row per respondent")
    columns = _header_columns(rows, file, bank, warnings)
    readers = {q.id: _column(q, bank) for q in bank.all_questions()}
    background = {q.id for q in bank.background}
    responses = []
    problems: list[Problem] = []
    for number, row in enumerate(rows[1:], start=1):
        respondent: dict[str, str | None] = {}
        sections: dict[str, dict[str, Answer]] = {"background": {}, "answers": {}}
        for i, name in columns:
            cell = row[i] if i < len(row) else ""
            if name in RESERVED_COLUMNS:
                respondent[name] = cell.strip() or None
                continue
            value, problem = _row_cell(cell, readers[name])
            if problem is not None:
                problems.append(
                    Problem(file, f"row {number}, column {name}: {problem}", number + 1)
                )
            sections["background" if name in background else "answers"][name] = value
        response = Response(
            format=RESPONSE_FORMAT,
            questionnaire=QuestionnaireRef(id=bank.id, version=bank.version),
            respondent=Respondent(**respondent),
            background=sections["background"],
            answers=sections["answers"],
        )
        responses.append(SourcedResponse(source=f"{file}#{number}", response=response))
    if problems:
        raise SelfassessError(problems)
    if not responses:
        raise SelfassessError.at(file, "has a header but no respondents")
    return responses
