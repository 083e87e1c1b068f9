"""Bank files -> questionnaires: a bank from a path, from bytes or by the name of a bundled
bank, with the exact bytes it came from; every failure is a located error.

Design: only banks live here. Reading a file is files.py's, YAML with its line map is
yaml_text.py's, the words of pydantic's errors are messages.py's and expanding command-line
arguments is paths.py's; this module puts them together for a question bank.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from pydantic import BaseModel, ValidationError

from selfassess.core.errors import SelfassessError
from selfassess.core.model import MODEL_BY_PARENT_KEY, Questionnaire
from selfassess.inputs.files import check_text_bytes, decode_text, read_checked_bytes
from selfassess.inputs.messages import did_you_mean, problems_from_validation
from selfassess.inputs.yaml_text import MAX_BANK_BYTES, Loc, parse_yaml, yaml_type


def _model_for(parent_loc: Loc) -> type[BaseModel] | None:
    """The bank's model that holds a key at `parent_loc`: the one its near misses are checked against."""
    keys = [part for part in parent_loc if isinstance(part, str)]
    return MODEL_BY_PARENT_KEY.get(keys[-1] if keys else "")


def parse_questionnaire(text: str, file: str) -> Questionnaire:
    """Validate the YAML text of a bank; `file` names it in errors."""
    data, lines = parse_yaml(text, file)
    if not isinstance(data, dict):
        raise SelfassessError.at(
            file, f"expected a question bank (a mapping of keys), found {yaml_type(data)}", 1
        )
    try:
        return Questionnaire.model_validate(data)
    except ValidationError as exc:
        problems = problems_from_validation(exc, file, lines, model_of=_model_for)
        raise SelfassessError(problems) from None


def load_questionnaire(path: Path) -> Questionnaire:
    """The bank in the file at `path` (read_bank, without the bytes)."""
    return read_bank(path).questionnaire


@dataclass(frozen=True)
class BankSource:
    """A loaded bank and the exact bytes it came from (for hashes and the audit trail)."""

    questionnaire: Questionnaire
    name: str
    text: str
    data: bytes = b""  # the file's bytes as read; empty when the bank never was a file

    @property
    def content(self) -> bytes:
        return self.data or self.text.encode("utf-8")

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.content).hexdigest()


def bundled_bank_files() -> list[Path]:
    """The bank files shipped inside the package, in a stable order."""
    folder = resources.files("selfassess") / "questionnaires"
    return sorted(
        (Path(str(entry)) for entry in folder.iterdir() if entry.name.endswith(".yaml")),
        key=lambda p: p.name,
    )


def bundled_banks() -> list[BankSource]:
    return [read_bank(path) for path in bundled_bank_files()]


def read_bank(path: Path) -> BankSource:
    return parse_bank_bytes(read_checked_bytes(path, "question bank", MAX_BANK_BYTES), str(path))


def parse_bank_bytes(data: bytes, name: str) -> BankSource:
    """A bank from bytes already in memory (a scorecard's attachment), checked as from disk."""
    text = decode_text(check_text_bytes(data, name, "question bank"), name, "question bank")
    return BankSource(parse_questionnaire(text, name), name, text, data)


def resolve_bank(name_or_path: str) -> BankSource:
    """A bank given on the command line: a file path, or the id of a bundled bank."""
    path = Path(name_or_path)
    if path.suffix in (".yaml", ".yml") or path.exists():
        return read_bank(path)
    for bank_path in bundled_bank_files():
        if bank_path.stem == name_or_path:
            return read_bank(bank_path)
    known = [p.stem for p in bundled_bank_files()]
    hint = did_you_mean(name_or_path, known, otherwise="bundled")
    raise SelfassessError.at(name_or_path, f"no such file or bundled questionnaire{hint}")


def validate_files(paths: Iterable[Path]) -> Iterator[tuple[Path, SelfassessError | None]]:
    """Each bank file with the error that made it invalid, or None when it is valid."""
    for path in paths:
        try:
            load_questionnaire(path)
        except SelfassessError as exc:
            yield path, exc
        else:
            yield path, None
