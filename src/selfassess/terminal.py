"""What the command line shows on a terminal: text with its control characters escaped,
progress bars on stderr, choices read from a registry, errors as `file:line: message` lines,
and the options several commands share.

Organisation names, comment keys, file names and the like come from files we did not write,
and a raw escape sequence in one could clear the screen, retitle the window or hide text from
the reader: everything the command line prints goes through `escape_controls`.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Iterator, Mapping
from functools import wraps
from pathlib import Path
from typing import Any, TypeVar

import click

from selfassess.core.errors import SelfassessError

# C0 controls, DEL, C1 controls, and the bidirectional embeddings, overrides and isolates that
# can make a line read differently from the characters in it.
CONTROLS = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
LINE_CONTROLS = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def escape_controls(text: str, *, lines: bool = False) -> str:
    """`text` with every control character written as an escape: C0 as `\\x1b`, the rest as
    `\\u202e` (JSON's own escape, so a JSON document printed this way stays valid JSON).

    With `lines`, newlines are kept: for output of several lines that we laid out (tables,
    CSV, JSON); a message is one line, so a newline in it is escaped too.
    """

    def escaped(match: re.Match[str]) -> str:
        code = ord(match.group())
        return f"\\x{code:02x}" if code < 0x20 else f"\\u{code:04x}"

    return (LINE_CONTROLS if lines else CONTROLS).sub(escaped, text)


class ProgressPaths(list[Path]):
    """Paths that move a progress bar on stderr while the loader walks through them."""

    def __init__(self, paths: list[Path], label: str) -> None:
        super().__init__(paths)
        self.label = label

    def __iter__(self) -> Iterator[Path]:
        with click.progressbar(length=len(self), label=self.label, file=sys.stderr) as bar:
            for path in super().__iter__():
                yield path
                bar.update(1)


class RegistryChoice(click.Choice[str]):
    """A choice among a registry's names, read when used: an entry added later is offered too."""

    def __init__(self, registry: Mapping[str, object]) -> None:
        self.registry = registry
        super().__init__(list(registry))

    @property
    def choices(self) -> tuple[str, ...]:
        return tuple(self.registry)

    @choices.setter
    def choices(self, _: object) -> None:
        """Click sets the choices once; the registry stays the source."""


F = TypeVar("F", bound=Callable[..., Any])


def echo(text: str, *, err: bool = False, lines: bool = False, nl: bool = True) -> None:
    """The command line's one way to print: control characters escaped (see escape_controls)."""
    click.echo(escape_controls(text, lines=lines), err=err, nl=nl)


def reports_errors(command: F) -> F:
    """Turn our error into `file:line: message` lines on stderr and exit code 1."""

    @wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except SelfassessError as exc:
            for problem in exc.problems:
                echo(f"error: {problem}", err=True)
            sys.exit(1)

    return wrapper  # type: ignore[return-value]


ALLOW_UNTRANSLATED = click.option(
    "--allow-untranslated",
    is_flag=True,
    help="A text missing one of the bank's languages is a warning, the default language's "
    "text standing in (to preview a draft translation).",
)

QUIET = click.option(
    "--quiet",
    "-q",
    is_flag=True,
    help="Print nothing but errors and warnings (and the data asked for).",
)
