"""The one error type: every failure caused by user input, located in a file."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import PurePath

Location = Sequence[str | int]

# A message quotes what it found (an unknown id, a key): from a file we did not write, so of any
# length. A line of 100,000 characters helps no one and takes a PDF minutes to lay out, so the
# message and the path are cut (responses.js's problemText cuts the same way).
MAX_MESSAGE_CHARS = 1_000
MAX_PATH_CHARS = 200
CUT = "... (cut short)"


def cut_short(text: str, limit: int) -> str:
    """`text`, or its first `limit` characters and a note that the rest was cut."""
    return text if len(text) <= limit else text[:limit] + CUT


def format_location(loc: Location) -> str:
    """`('principles', 2, 'questions', 0, 'text')` -> `principles[2].questions[0].text`."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out


@dataclass(frozen=True)
class Problem:
    """One thing wrong with one input, with where it is."""

    file: str
    message: str
    line: int | None = None
    path: str = ""

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line is not None else self.file
        at = f" (at {cut_short(self.path, MAX_PATH_CHARS)})" if self.path else ""
        return f"{where}: {cut_short(self.message, MAX_MESSAGE_CHARS)}{at}"


class SelfassessError(Exception):
    """Raised for anything wrong with what the user gave us; carries one or more Problems."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))

    @classmethod
    def at(
        cls, file: str | PurePath, message: str, line: int | None = None, path: str = ""
    ) -> SelfassessError:
        return cls([Problem(str(file), message, line, path)])
