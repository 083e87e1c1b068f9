"""The command line: parse options, call one library function, print, map errors to exit codes."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import Any, TypeVar

import click

from selfassess import __version__
from selfassess.errors import SelfassessError
from selfassess.load import (
    bundled_bank_files,
    bundled_banks,
    expand_bank_paths,
    validate_files,
)
from selfassess.model import questionnaire_json_schema, response_json_schema
from selfassess.write import write_new_bank

F = TypeVar("F", bound=Callable[..., Any])


def reports_errors(command: F) -> F:
    """Turn our error into `file:line: message` lines on stderr and exit code 1."""

    @wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except SelfassessError as exc:
            for problem in exc.problems:
                click.echo(f"error: {problem}", err=True)
            sys.exit(1)

    return wrapper  # type: ignore[return-value]


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="selfassess")
def cli() -> None:
    """Self-assessment of cross-organisation collaboration: offline forms and PDF scorecards."""


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path())
@reports_errors
def validate(paths: tuple[str, ...]) -> None:
    """Check question banks (files or folders of *.yaml); the bundled ones when none given."""
    files = expand_bank_paths(paths) if paths else bundled_bank_files()
    failed = False
    for path, error in validate_files(files):
        if error is None:
            click.echo(f"ok {path}")
        else:
            failed = True
            for problem in error.problems:
                click.echo(str(problem), err=True)
    if failed:
        sys.exit(1)


@cli.command()
@click.option("--response", is_flag=True, help="The response file's schema instead of the bank's.")
def schema(response: bool) -> None:
    """Print the JSON Schema of the question-bank format (or of a response file)."""
    data = response_json_schema() if response else questionnaire_json_schema()
    click.echo(json.dumps(data, indent=2))


@cli.command()
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path))
@reports_errors
def new(path: Path) -> None:
    """Write a small valid starter bank to PATH (never overwrites)."""
    write_new_bank(path)
    click.echo(f"wrote {path}; edit it, then run: selfassess validate {path}")


@cli.command(name="list")
@reports_errors
def list_banks() -> None:
    """List the bundled question banks."""
    for bank in bundled_banks():
        q = bank.questionnaire
        click.echo(f"{q.id:<28} {q.version:<6} {q.question_count:>3} questions  {q.title}")


def main() -> None:
    cli(prog_name="selfassess")
