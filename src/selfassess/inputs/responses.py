"""Answer files -> responses: reading many files at once (with --skip-invalid), the same file
given twice counted once, warnings about one respondent answering twice, and finding the bank a
set of answer files answers. Every failure is one located line.

Design: this module never names a format. Each file is read by the one guarded reader
(files.py) and handed to the entry of the answer-format registry (response_formats.py) that
claims its name; JSON and CSV are two such entries.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from selfassess.core.errors import Problem, SelfassessError
from selfassess.core.model import Questionnaire
from selfassess.core.response_model import SourcedResponse
from selfassess.core.scoring import organisation_of
from selfassess.inputs.answer_values import drop_not_asked
from selfassess.inputs.banks import BankSource, bundled_banks
from selfassess.inputs.files import check_text_bytes, read_checked_bytes
from selfassess.inputs.json_text import shown_id
from selfassess.inputs.response_formats import BankClue, format_for

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


def read_response_file(path: Path) -> bytes:
    """One answer file's bytes through the one guarded reader, with the words answers use."""
    return read_checked_bytes(
        path,
        "response file",
        MAX_RESPONSE_BYTES,
        folder_hint="; pass it as a folder argument",
        missing="no such file or folder",  # a mistyped folder argument looks like this too
    )


def load_responses(
    paths: Sequence[Path], bank: Questionnaire, *, skip_invalid: bool = False
) -> LoadedResponses:
    """Read response files (JSON or CSV). Bad files fail the lot unless `skip_invalid`."""

    def read() -> Iterator[tuple[str, bytes | SelfassessError]]:
        for path in paths:  # one at a time, so a progress bar over `paths` moves as we go
            try:
                yield str(path), read_response_file(path)
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
            read = format_for(file).read(data, file, bank, loaded.warnings)
            loaded.responses.extend(drop_not_asked(bank, r, loaded.warnings) for r in read)
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
    clues: list[tuple[Path, BankClue]] = []
    for path in paths:
        try:
            clue = format_for(str(path)).clue(read_response_file(path), str(path))
        except SelfassessError as exc:
            causes.extend(exc.problems)
            continue
        clues.append((path, clue))
        if clue.named is None:
            continue
        if clue.named in by_id:
            return by_id[clue.named]
        raise SelfassessError.at(
            path,
            f"answers questionnaire {shown_id(clue.named)}, which is not bundled; "
            "pass --questionnaire BANK.yaml",
        )
    for _, clue in clues:
        best = max(banks, key=lambda b: len(clue.columns & _question_ids(b)))
        if clue.columns & _question_ids(best):
            return best
    if clues:
        causes.append(
            Problem(
                str(clues[0][0]),
                "cannot tell which questionnaire these answers belong to; pass --questionnaire",
            )
        )
    raise SelfassessError(causes or [Problem("(no files)", "no answer files given")])


def _question_ids(bank: BankSource) -> set[str]:
    return {q.id for q in bank.questionnaire.all_questions()}
