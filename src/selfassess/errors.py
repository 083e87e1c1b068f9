"""The one error type: every failure caused by user input, located in a file."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

Location = Sequence[str | int]


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
        at = f" (at {self.path})" if self.path else ""
        return f"{where}: {self.message}{at}"


class SelfassessError(Exception):
    """Raised for anything wrong with what the user gave us; carries one or more Problems."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))

    @classmethod
    def at(
        cls, file: str | Path, message: str, line: int | None = None, path: str = ""
    ) -> SelfassessError:
        return cls([Problem(str(file), message, line, path)])
