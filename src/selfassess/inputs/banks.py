"""Bank files -> questionnaires: a bank from a path, from bytes or by the name of a bundled
bank, with the exact bytes it came from; every failure is a located error.

Design: only banks live here. Reading a file is files.py's, YAML with its line map is
yaml_text.py's, the words of pydantic's errors are messages.py's and expanding command-line
arguments is paths.py's; this module puts them together for a question bank.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from selfassess.core.bank_texts import MAX_LANGUAGES, project, untranslated
from selfassess.core.errors import Problem, SelfassessError, format_location
from selfassess.core.model import MODEL_BY_PARENT_KEY, Questionnaire
from selfassess.inputs.files import check_text_bytes, decode_text, read_checked_bytes
from selfassess.inputs.messages import did_you_mean, problems_from_validation
from selfassess.inputs.yaml_text import MAX_BANK_BYTES, LineMap, Loc, parse_yaml, yaml_type


def _model_for(parent_loc: Loc) -> type[BaseModel] | None:
    """The bank's model that holds a key at `parent_loc`: the one its near misses are checked against."""
    keys = [part for part in parent_loc if isinstance(part, str)]
    return MODEL_BY_PARENT_KEY.get(keys[-1] if keys else "")


def parse_questionnaire(text: str, file: str, *, allow_untranslated: bool = False) -> Questionnaire:
    """Validate the YAML text of a bank; `file` names it in errors. The bank in its default
    language (parse_bank for every language it offers)."""
    return parse_bank(text, file, allow_untranslated=allow_untranslated).questionnaire


@dataclass(frozen=True)
class ParsedBank:
    """A valid bank in each of its languages (the default first), and what its translations miss
    where they may (warnings under `allow_untranslated`)."""

    by_language: Mapping[str, Questionnaire]
    warnings: tuple[Problem, ...] = ()

    @property
    def questionnaire(self) -> Questionnaire:
        return next(iter(self.by_language.values()))


def parse_bank(text: str, file: str, *, allow_untranslated: bool = False) -> ParsedBank:
    """A bank from YAML text, in each language it offers; every problem at FILE:LINE. A text
    missing a language is an error, or with `allow_untranslated` a warning, the default
    language's text standing in."""
    data, lines = parse_yaml(text, file)
    if not isinstance(data, dict):
        raise SelfassessError.at(
            file, f"expected a question bank (a mapping of keys), found {yaml_type(data)}", 1
        )
    languages = _languages_of(data, file, lines)
    if languages is None:
        bank = _validated(data, file, lines)
        return ParsedBank({bank.language: bank})
    problems: list[Problem] = []
    warnings: list[Problem] = []
    for gap in untranslated(data, languages):
        problem = Problem(file, gap.message, lines.line_of(gap.loc), format_location(gap.loc))
        (warnings if gap.fallback and allow_untranslated else problems).append(problem)
    by_language: dict[str, Questionnaire] = {}
    for language in languages:
        try:
            by_language[language] = _validated(project(data, language, languages), file, lines)
        except SelfassessError as exc:  # said once, and not again for a text said wrong above
            said = [p.path for p in problems]
            problems.extend(
                p for p in exc.problems if p not in problems and not _said(p.path, said)
            )
    if problems:
        raise SelfassessError(sorted(problems, key=lambda p: p.line or 0))
    return ParsedBank(by_language, tuple(warnings))


def _said(path: str, said: list[str]) -> bool:
    return any(other == path or other.startswith(path + ".") for other in said)


def _languages_of(data: dict[str, Any], file: str, lines: LineMap) -> list[str] | None:
    """The bank's `languages` when they are a list of texts the default (`language`) leads;
    None for a bank in one language, or languages the model will say are wrong."""
    languages = data.get("languages")
    if not isinstance(languages, list) or not languages:
        return None
    if not all(isinstance(tag, str) for tag in languages) or len(languages) > MAX_LANGUAGES:
        return None
    default = data.get("language", languages[0])
    if default != languages[0]:
        raise SelfassessError.at(
            file,
            f"the default language ('{default}', from language:) must come first in languages",
            lines.line_of(("languages",)),
            "languages",
        )
    return [str(tag) for tag in languages]


def _validated(data: dict[str, Any], file: str, lines: LineMap) -> Questionnaire:
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

    questionnaire: Questionnaire  # in its default language
    name: str
    text: str
    data: bytes = b""  # the file's bytes as read; empty when the bank never was a file
    by_language: Mapping[str, Questionnaire] = field(default_factory=dict)
    warnings: tuple[Problem, ...] = ()  # what a draft translation misses (allow_untranslated)

    @property
    def content(self) -> bytes:
        return self.data or self.text.encode("utf-8")

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.content).hexdigest()

    @property
    def languages(self) -> tuple[str, ...]:
        """The languages the bank is offered in, the default first."""
        return self.questionnaire.offered_languages

    def in_language(self, language: str | None) -> Questionnaire:
        """The bank with its texts in `language` (None: the default); a located error for a
        language it does not offer."""
        if language is None or language == self.questionnaire.language:
            return self.questionnaire
        if language in self.by_language:
            return self.by_language[language]
        offered = ", ".join(self.languages)
        raise SelfassessError.at(self.name, f"is not offered in '{language}' (only {offered})")


def bundled_bank_files() -> list[Path]:
    """The bank files shipped inside the package, in a stable order."""
    folder = resources.files("selfassess") / "questionnaires"
    return sorted(
        (Path(str(entry)) for entry in folder.iterdir() if entry.name.endswith(".yaml")),
        key=lambda p: p.name,
    )


def bundled_banks() -> list[BankSource]:
    return [read_bank(path) for path in bundled_bank_files()]


def read_bank(path: Path, *, allow_untranslated: bool = False) -> BankSource:
    data = read_checked_bytes(path, "question bank", MAX_BANK_BYTES)
    return parse_bank_bytes(data, str(path), allow_untranslated=allow_untranslated)


def parse_bank_bytes(data: bytes, name: str, *, allow_untranslated: bool = False) -> BankSource:
    """A bank from bytes already in memory (a scorecard's attachment), checked as from disk."""
    text = decode_text(check_text_bytes(data, name, "question bank"), name, "question bank")
    parsed = parse_bank(text, name, allow_untranslated=allow_untranslated)
    return BankSource(parsed.questionnaire, name, text, data, parsed.by_language, parsed.warnings)


def resolve_bank(name_or_path: str, *, allow_untranslated: bool = False) -> BankSource:
    """A bank given on the command line: a file path, or the id of a bundled bank."""
    path = Path(name_or_path)
    if path.suffix in (".yaml", ".yml") or path.exists():
        return read_bank(path, allow_untranslated=allow_untranslated)
    for bank_path in bundled_bank_files():
        if bank_path.stem == name_or_path:
            return read_bank(bank_path, allow_untranslated=allow_untranslated)
    known = [p.stem for p in bundled_bank_files()]
    hint = did_you_mean(name_or_path, known, otherwise="bundled")
    raise SelfassessError.at(name_or_path, f"no such file or bundled questionnaire{hint}")


def validate_files(
    paths: Iterable[Path], *, allow_untranslated: bool = False
) -> Iterator[tuple[Path, SelfassessError | None, tuple[Problem, ...]]]:
    """Each bank file with the error that made it invalid (or None) and its warnings."""
    for path in paths:
        try:
            source = read_bank(path, allow_untranslated=allow_untranslated)
        except SelfassessError as exc:
            yield path, exc, ()
        else:
            yield path, None, source.warnings
