"""The answer-file formats `score`, `report` and `verify` read, in a registry keyed by name.

Design (pelican's `Readers`, datasette's output renderers): each format is one entry that knows
the file suffixes it claims, how to read a file's bytes into responses, and what a file says
about the bank it answers. responses.py picks the entry by the file's name and never names a
format itself, so a new format is one `register_response_format` call. A file whose suffix no
format claims is read as JSON only when it is JSON; anything else is "not a JSON or CSV answer
file", as before the registry.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from selfassess.core.errors import SelfassessError
from selfassess.core.model import Questionnaire
from selfassess.core.response_model import SourcedResponse
from selfassess.inputs.json_text import parse_json_document
from selfassess.inputs.response_csv import csv_header_names, parse_responses_csv
from selfassess.inputs.response_json import (
    check_is_json,
    parse_response_json,
    questionnaire_id,
    questionnaire_id_problem,
)


@dataclass(frozen=True)
class BankClue:
    """What one answer file says about the bank it answers: its id, or column names to guess by."""

    named: str | None = None
    columns: frozenset[str] = frozenset()


ReadResponses = Callable[[bytes, str, Questionnaire, list[str]], list[SourcedResponse]]
ReadClue = Callable[[bytes, str], BankClue]


@dataclass(frozen=True)
class ResponseFormat:
    """One answer-file format: its name, the suffixes it claims, its reader and its bank clue."""

    name: str
    suffixes: tuple[str, ...]  # lower case, with the dot: (".json",)
    read: ReadResponses  # (bytes, file name, bank, warnings to append to) -> responses
    clue: ReadClue  # (bytes, file name) -> what the file says of its bank; raises if unreadable


def _read_json(
    data: bytes, file: str, bank: Questionnaire, warnings: list[str]
) -> list[SourcedResponse]:
    return [parse_response_json(data, file, bank, warnings)]


def _json_clue(data: bytes, file: str) -> BankClue:
    wanted = questionnaire_id(parse_json_document(data, file))
    if wanted is not None and not isinstance(wanted, str):
        raise SelfassessError([questionnaire_id_problem(wanted, file)])
    return BankClue(named=wanted)


def _csv_clue(data: bytes, file: str) -> BankClue:
    return BankClue(columns=csv_header_names(data, file))


def _read_if_json(
    data: bytes, file: str, bank: Questionnaire, warnings: list[str]
) -> list[SourcedResponse]:
    check_is_json(data, file)
    return _read_json(data, file, bank, warnings)


def _clue_if_json(data: bytes, file: str) -> BankClue:
    check_is_json(data, file)
    return _json_clue(data, file)


JSON_FORMAT = ResponseFormat("JSON", (".json",), _read_json, _json_clue)
CSV_FORMAT = ResponseFormat("CSV", (".csv",), parse_responses_csv, _csv_clue)
# What a file of no registered suffix is read as: JSON, when its content is JSON.
BY_CONTENT = ResponseFormat("JSON (by content)", (), _read_if_json, _clue_if_json)

RESPONSE_FORMATS: dict[str, ResponseFormat] = {}


def register_response_format(response_format: ResponseFormat) -> None:
    """Add (or replace, by name) an answer-file format for every command that reads answers."""
    RESPONSE_FORMATS[response_format.name] = response_format


register_response_format(JSON_FORMAT)
register_response_format(CSV_FORMAT)


def known_suffixes() -> tuple[str, ...]:
    """Every suffix a registered format claims: what a folder of answer files is searched for."""
    return tuple(suffix for entry in RESPONSE_FORMATS.values() for suffix in entry.suffixes)


def format_for(file: str) -> ResponseFormat:
    """The format that claims `file` by its name, or JSON-by-content when none does."""
    name = file.lower()
    for entry in RESPONSE_FORMATS.values():
        if name.endswith(entry.suffixes):
            return entry
    return BY_CONTENT
