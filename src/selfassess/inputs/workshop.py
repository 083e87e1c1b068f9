"""A workshop file (`selfassess-workshop/1`) from disk or memory -> a checked record and warnings.

Design: the bytes come through the one guarded reader (files.py) with a 1 MB bound (a record of
a day's workshop is a few kilobytes), the JSON through the answer files' reader (json_text.py:
a key twice, NaN, deep nesting, lone surrogates refused), then the checks against the bank in
core/workshop_checks.py. Malformed JSON is refused in fixed words that web/workshop.js can give
too (the first line), then with the parser's line for a person at a terminal.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from selfassess.core.errors import Problem, SelfassessError
from selfassess.core.model import Questionnaire
from selfassess.core.workshop import WorkshopRecord, version_warning
from selfassess.core.workshop_checks import check_workshop
from selfassess.inputs.files import check_text_bytes, read_file_bytes
from selfassess.inputs.json_text import parse_json_document
from selfassess.inputs.responses import InputFile

MAX_WORKSHOP_BYTES = 1_000_000  # "1 MB", in the unit the messages use (workshop.js: the same)
WHAT = "workshop file"
NOT_JSON = "not JSON; a workshop file is the JSON text the partnership page saves"


@dataclass(frozen=True)
class LoadedWorkshop:
    """A checked workshop record, the warnings for it, and the bytes it came from (audit)."""

    record: WorkshopRecord
    warnings: tuple[str, ...]
    file: InputFile


def load_workshop(path: Path, bank: Questionnaire) -> LoadedWorkshop:
    """The workshop record in `path` for `bank`, or SelfassessError with located problems."""
    data = read_file_bytes(path, WHAT, MAX_WORKSHOP_BYTES)
    return parse_workshop_data(data, str(path), bank)


def parse_workshop_data(data: bytes, file: str, bank: Questionnaire) -> LoadedWorkshop:
    """A workshop file already in memory (a scorecard's attachment), read exactly as from disk."""
    if len(data) > MAX_WORKSHOP_BYTES:
        raise SelfassessError.at(file, f"is over 1 MB; a {WHAT} may be at most that")
    check_text_bytes(data, file, WHAT)
    try:
        document = parse_json_document(data, file)
    except SelfassessError as exc:
        first = exc.problems[0]
        if not first.message.startswith("not JSON"):
            raise
        raise SelfassessError([Problem(file, NOT_JSON), first]) from None
    record = check_workshop(document, bank, file)
    warning = version_warning(record, bank.version)
    warnings = (f"{file}: {warning}",) if warning else ()
    return LoadedWorkshop(record, warnings, InputFile(file, data))
