"""A round of answers as a command names it: files, folders and globs -> the bank and responses.

`score` and `report` both start here; `report --baseline` reads an earlier round against the
current round's bank, `report --round LABEL=PATH` (`load_round`) against the round's own bank:
the current one, reduced to the questions the round's files carry when they name another
version (contract 2 of issue #18). Printing the loaders' notes and drawing a progress bar are the command
line's business: it passes `watch`, which wraps the list of paths in something that moves a
bar as the loader walks through it.
"""

from __future__ import annotations

import csv
import io
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from selfassess.core.errors import SelfassessError
from selfassess.core.model import Questionnaire
from selfassess.core.response_model import SourcedResponse
from selfassess.core.trends import bank_for_round
from selfassess.inputs.banks import BankSource, resolve_bank
from selfassess.inputs.json_text import parse_json_document
from selfassess.inputs.paths import expand_input_paths
from selfassess.inputs.response_csv import csv_delimiter, decode_csv
from selfassess.inputs.response_formats import CSV_FORMAT, format_for
from selfassess.inputs.responses import (
    InputFile,
    LoadedResponses,
    bank_for_responses,
    load_responses,
)

# (paths, "answers" or "baseline") -> the same paths, perhaps moving a progress bar when read
Watch = Callable[[list[Path], str], Sequence[Path]]


def unwatched(paths: list[Path], what: str) -> Sequence[Path]:
    """No progress shown: the paths as they are."""
    return paths


def load_answers(
    files: Sequence[str],
    questionnaire: str | None,
    skip_invalid: bool,
    watch: Watch = unwatched,
    *,
    allow_untranslated: bool = False,
    language: str | None = None,
) -> tuple[BankSource, LoadedResponses]:
    """The bank (named, or found from the files) and the responses the arguments name; a
    `language` the bank does not offer is refused before any answer file is read."""
    paths = expand_input_paths(files)
    if not paths:
        raise SelfassessError.at(" ".join(files), "no *.json or *.csv response files found")
    if questionnaire:
        bank = resolve_bank(questionnaire, allow_untranslated=allow_untranslated)
    else:
        bank = bank_for_responses(paths)
    bank.in_language(language)
    loaded = load_responses(watch(paths, "answers"), bank.questionnaire, skip_invalid=skip_invalid)
    return bank, loaded


def load_baseline(
    args: Sequence[str], bank: BankSource, skip_invalid: bool, watch: Watch = unwatched
) -> LoadedResponses:
    """The earlier round's answers, read against the current round's bank."""
    paths = expand_input_paths(args)
    if not paths:
        raise SelfassessError.at(" ".join(args), "no *.json or *.csv baseline files found")
    return load_responses(watch(paths, "baseline"), bank.questionnaire, skip_invalid=skip_invalid)


MAX_ROUND_LABEL = 80


@dataclass(frozen=True)
class LoadedRound:
    """An earlier round named by `report --round LABEL=PATH`: its answers, read against the
    round's own bank (contract 2 of issue #18), and the versions its JSON files name."""

    label: str
    bank: Questionnaire
    loaded: LoadedResponses
    versions: tuple[str, ...]


def parse_round_option(text: str, option: str = "--round") -> tuple[str, str]:
    """`LABEL=PATH` split at the first `=`, the label checked: 1-80 characters, not blank, no
    control characters (it is printed on the scorecard and a terminal)."""
    label, equals, path = text.partition("=")
    if not equals:
        raise SelfassessError.at(option, f"{text!r}: expected LABEL=PATH, e.g. 'Spring 2025=r1/'")
    if not label.strip():
        raise SelfassessError.at(option, f"{text!r}: the label before '=' must not be blank")
    if len(label) > MAX_ROUND_LABEL:
        raise SelfassessError.at(
            option, f"the label {label[:20]!r}... is {len(label)} characters long; at most 80"
        )
    if any(unicodedata.category(c) == "Cc" for c in label):
        raise SelfassessError.at(option, f"{text!r}: the label holds a control character")
    if not path:
        raise SelfassessError.at(option, f"{text!r}: no files after '='")
    return label, path


def group_round_options(
    texts: Sequence[str], option: str = "--round"
) -> list[tuple[str, list[str]]]:
    """Repeated `LABEL=PATH` options as rounds: the same label adds its paths to that round, and
    rounds keep the order of their first appearance (oldest first)."""
    rounds: dict[str, list[str]] = {}
    for text in texts:
        label, path = parse_round_option(text, option)
        rounds.setdefault(label, []).append(path)
    return list(rounds.items())


def load_round(
    label: str,
    paths: Sequence[str],
    bank: BankSource | Questionnaire,
    skip_invalid: bool,
    watch: Watch = unwatched,
) -> LoadedRound:
    """An earlier round's answers, read as `load_baseline` reads them; scored on the current
    bank, or on it reduced to the questions the round's files carry when a JSON file names
    another version (core/trends.py's bank_for_round)."""
    current = bank.questionnaire if isinstance(bank, BankSource) else bank
    found = expand_input_paths(paths)
    if not found:
        raise SelfassessError.at(
            " ".join(paths), f"no *.json or *.csv files found for round {label!r}"
        )
    loaded = load_responses(watch(found, f"round {label}"), current, skip_invalid=skip_invalid)
    return round_of(label, loaded, current)


def round_of(label: str, loaded: LoadedResponses, bank: Questionnaire) -> LoadedRound:
    """An earlier round from answers already read against the current bank (from disk, or a
    scorecard's attachments for `verify`): on that bank, or on it reduced to the questions the
    round's files carry when a JSON file names another version (core/trends.bank_for_round)."""
    versions = versions_of(loaded)
    if all(v == bank.version for v in versions):
        return LoadedRound(label, bank, loaded, versions)
    round_bank = bank_for_round(bank, carried_questions(loaded, bank))
    # Answers to questions the round's bank lacks (after a dropped ask_if link) are not scored.
    kept = {q.id for q in round_bank.all_questions()}
    responses = [_only_questions(r, kept) for r in loaded.responses]
    return LoadedRound(label, round_bank, replace(loaded, responses=responses), versions)


def versions_of(loaded: LoadedResponses) -> tuple[str, ...]:
    """The distinct `questionnaire.version`s the JSON answer files name, sorted by code point."""
    versions = set()
    for file in loaded.files:
        document = _json_document(file)
        ref = document.get("questionnaire") if isinstance(document, dict) else None
        version = ref.get("version") if isinstance(ref, dict) else None
        if isinstance(version, str):
            versions.add(version)
    return tuple(sorted(versions))


def carried_questions(loaded: LoadedResponses, bank: Questionnaire) -> set[str]:
    """The question ids the round's files carry: keys under `answers` in any JSON file (even
    with null), columns naming a question in any CSV file."""
    carried: set[str] = set()
    for file in loaded.files:
        if format_for(file.name) is CSV_FORMAT:
            carried |= csv_question_columns(file.data, file.name, bank)
            continue
        document = _json_document(file)
        answers = document.get("answers") if isinstance(document, dict) else None
        if isinstance(answers, dict):
            carried |= set(answers)
    return carried


def csv_question_columns(data: bytes, file: str, bank: Questionnaire) -> set[str]:
    """The header cells of a CSV answer file that name a question (as response_csv reads it)."""
    text = decode_csv(data, file, [])
    rows = csv.reader(io.StringIO(text, newline=""), delimiter=csv_delimiter(text))
    header = next((row for row in rows if any(cell.strip() for cell in row)), [])
    questions = {q.id for q in bank.all_questions()}
    return {cell.strip() for cell in header} & questions


def _json_document(file: InputFile) -> Any:
    """A JSON answer file's document (already read once, so it parses); None for CSV."""
    if format_for(file.name) is CSV_FORMAT:
        return None
    return parse_json_document(file.data, file.name)


def _only_questions(sourced: SourcedResponse, kept: set[str]) -> SourcedResponse:
    response = sourced.response
    answers = {qid: value for qid, value in response.answers.items() if qid in kept}
    return sourced.model_copy(update={"response": response.model_copy(update={"answers": answers})})
