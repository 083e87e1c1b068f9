"""Files -> models: YAML banks, JSON and CSV responses; every failure becomes a located error."""

from __future__ import annotations

import difflib
import glob
import hashlib
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from selfassess.core.errors import Problem, SelfassessError, format_location
from selfassess.core.model import (
    MODEL_BY_PARENT_KEY,
    Questionnaire,
    RuleViolations,
)
from selfassess.inputs.files import (
    check_text_bytes,
    decode_text,
    read_checked_bytes,
    read_text_file,
)
from selfassess.inputs.yaml_text import (
    COMMA_HINT,
    MAX_BANK_BYTES,
    LineMap,
    Loc,
    parse_yaml,
    yaml_type,
)

# ---------------------------------------------------------------- pydantic errors -> Problems


def _model_for(parent_loc: Loc) -> type[BaseModel] | None:
    keys = [part for part in parent_loc if isinstance(part, str)]
    return MODEL_BY_PARENT_KEY.get(keys[-1] if keys else "")


def _describe(error: Any) -> tuple[Loc, str]:
    """A pydantic error dict -> (location, message a person can act on)."""
    loc: Loc = tuple(error["loc"])
    kind = error["type"]
    if kind == "extra_forbidden":
        key = str(loc[-1])
        message = f"unknown key '{key}'"
        model = _model_for(loc[:-1])
        if model is not None:
            close = difflib.get_close_matches(key, list(model.model_fields), n=1, cutoff=0.6)
            if close:
                message += f"; did you mean '{close[0]}'?"
            else:
                message += f" (allowed: {', '.join(model.model_fields)})"
        if error.get("input") is None:  # `{text: Partners, then others, agree}`: keys, no values
            message += COMMA_HINT
        return loc, message
    if kind == "missing":
        return loc, f"missing required key '{loc[-1]}'"
    found = error.get("input")
    shown = repr(found) if not isinstance(found, dict | list) else type(found).__name__
    if len(shown) > 60:
        shown = shown[:57] + "..."
    if kind in ("model_type", "dict_type"):
        return loc, f"expected a mapping (key: value), found {yaml_type(found)}"
    if kind == "list_type":
        return loc, f"expected a list, found {yaml_type(found)}"
    if kind == "string_type" and isinstance(found, bool):
        return (
            loc,
            f"expected text, found {str(found).lower()}; YAML reads yes/no/on/off as true/false, so put the text in quotes",
        )
    if kind == "string_pattern_mismatch" and loc[-1:] == ("language",):
        return loc, f"{shown} is not a BCP 47 language tag (e.g. en, cy, pl, ar, en-GB)"
    if kind == "string_pattern_mismatch":
        pattern = error.get("ctx", {}).get("pattern", "")
        return loc, f"{shown} is not a valid id (expected to match {pattern})"
    message = str(error["msg"])
    if message.startswith("Value error, "):  # our own rule: its message says it all
        return loc, message.removeprefix("Value error, ")
    message = message.replace("Input should be", "must be", 1)
    message = f"{message[:1].lower()}{message[1:]}"
    if not isinstance(found, dict | list):
        message += f", found {shown}"
    return loc, message


def problems_from_validation(exc: ValidationError, file: str, lines: LineMap) -> list[Problem]:
    problems: list[Problem] = []
    for error in exc.errors():
        original = error.get("ctx", {}).get("error")
        if isinstance(original, RuleViolations):
            for loc, message in original.problems:
                full = (*tuple(error["loc"]), *loc)
                problems.append(Problem(file, message, lines.line_of(full), format_location(full)))
            continue
        loc, message = _describe(error)
        problems.append(Problem(file, message, lines.line_of(loc), format_location(loc)))
    return problems


# ---------------------------------------------------------------- banks


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
        raise SelfassessError(problems_from_validation(exc, file, lines)) from None


def load_questionnaire(path: Path) -> Questionnaire:
    return parse_questionnaire(read_text_file(path, "question bank", MAX_BANK_BYTES), str(path))


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
    close = difflib.get_close_matches(name_or_path, known, n=1)
    hint = f"; did you mean '{close[0]}'?" if close else f" (bundled: {', '.join(known)})"
    raise SelfassessError.at(name_or_path, f"no such file or bundled questionnaire{hint}")


def expand_bank_paths(paths: Sequence[str]) -> list[Path]:
    """Bank arguments: files, and folders meaning every *.yaml inside them."""
    out: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found = sorted([*path.glob("*.yaml"), *path.glob("*.yml")])
            if not found:
                raise SelfassessError.at(path, "folder holds no *.yaml question banks")
            out.extend(found)
        else:
            out.append(path)
    return out


def validate_files(paths: Iterable[Path]) -> Iterator[tuple[Path, SelfassessError | None]]:
    """Each bank file with the error that made it invalid, or None when it is valid."""
    for path in paths:
        try:
            load_questionnaire(path)
        except SelfassessError as exc:
            yield path, exc
        else:
            yield path, None


def expand_input_paths(
    args: Sequence[str], suffixes: tuple[str, ...] = (".json", ".csv")
) -> list[Path]:
    """Response arguments: files, folders (every *.json/*.csv inside) and unexpanded globs."""
    out: list[Path] = []
    for raw in args:
        path = Path(raw)
        if path.is_dir():
            # Not only regular files: a FIFO or a looping link named *.json is then refused
            # by name (or skipped, saying so), not left out in silence. Sub-folders are not
            # answer files.
            out.extend(
                sorted(p for p in path.iterdir() if p.suffix.lower() in suffixes and not p.is_dir())
            )
        elif not path.exists() and glob.has_magic(raw):
            matches = sorted(Path(m) for m in glob.glob(raw, recursive=True))
            if not matches:
                raise SelfassessError.at(raw, "pattern matches no files")
            out.extend(m for m in matches if not m.is_dir())
        else:
            out.append(path)
    return out
