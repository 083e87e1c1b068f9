"""The command line's two noun groups: `selfassess bank list|new|validate|schema` and
`selfassess theme list|new`. Thin, as cli.py: parse, call one library function, print."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from selfassess.core.model import questionnaire_json_schema
from selfassess.core.workshop import workshop_schema
from selfassess.inputs.banks import bundled_bank_files, bundled_banks, validate_files
from selfassess.inputs.paths import expand_bank_paths
from selfassess.inputs.response_json import response_schema
from selfassess.pages.theme_scaffold import write_new_theme
from selfassess.pages.themes import bundled_theme_names, bundled_themes
from selfassess.pages.writing import write_new_bank
from selfassess.terminal import ALLOW_UNTRANSLATED, QUIET, echo, reports_errors


@click.group()
def bank() -> None:
    """Question banks: list, start, check, and the format's schema."""


@bank.command(name="validate")
@click.argument("paths", nargs=-1, type=click.Path())
@ALLOW_UNTRANSLATED
@QUIET
@reports_errors
def validate_banks(paths: tuple[str, ...], allow_untranslated: bool, quiet: bool) -> None:
    """Check question banks (files or folders of *.yaml); the bundled ones when none given."""
    files = expand_bank_paths(paths) if paths else bundled_bank_files()
    failed = False
    for path, error, warnings in validate_files(files, allow_untranslated=allow_untranslated):
        for warning in warnings:
            echo(f"warning: {warning}", err=True)
        if error is None:
            if not quiet:
                echo(f"ok {path}")
        else:
            failed = True
            for problem in error.problems:
                echo(str(problem), err=True)
    if failed:
        sys.exit(1)


@bank.command(name="schema")
@click.option("--response", is_flag=True, help="The response file's schema instead of the bank's.")
@click.option(
    "--workshop", is_flag=True, help="The workshop record's schema instead of the bank's."
)
def bank_schema(response: bool, workshop: bool) -> None:
    """Print the JSON Schema of the question-bank format (or of a response or workshop file)."""
    if response and workshop:
        raise click.UsageError("give --response or --workshop, not both")
    data = (
        response_schema()
        if response
        else workshop_schema()
        if workshop
        else questionnaire_json_schema()
    )
    echo(json.dumps(data, indent=2), lines=True)


@bank.command(name="new")
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path))
@QUIET
@reports_errors
def new_bank(path: Path, quiet: bool) -> None:
    """Write a small valid starter bank to PATH (never overwrites)."""
    write_new_bank(path)
    if not quiet:
        echo(f"wrote {path}; edit it, then run: selfassess bank validate {path}")


@bank.command(name="list")
@reports_errors
def list_banks() -> None:
    """List the bundled question banks."""
    for source in bundled_banks():
        q = source.questionnaire
        languages = f"  [{', '.join(q.offered_languages)}]" if q.languages else ""
        echo(f"{q.id:<28} {q.version:<6} {q.question_count:>3} questions  {q.title}{languages}")


@click.group()
def theme() -> None:
    """Themes: list the bundled ones, start your own."""


@theme.command(name="list")
@reports_errors
def list_themes() -> None:
    """List the bundled themes (use one with --theme NAME)."""
    for settings in bundled_themes():
        parent = f"(parent: {settings.parent})" if settings.parent else ""
        echo(f"{settings.name:<10} {settings.description} {parent}".rstrip())


@theme.command(name="new")
@click.argument("path", type=click.Path(file_okay=False, path_type=Path))
@click.option(
    "--parent",
    default="default",
    show_default=True,
    type=click.Choice(bundled_theme_names()),
    help="The bundled theme yours starts from.",
)
@QUIET
@reports_errors
def new_theme(path: Path, parent: str, quiet: bool) -> None:
    """Write a starter theme folder at PATH: theme.yaml, one partial to edit and a README."""
    written = write_new_theme(path, parent)
    if not quiet:
        echo(f"wrote {path}/ ({', '.join(str(p) for p in written)})")
        echo(f"edit it, then run: selfassess build --theme {path}")


def hidden_alias(command: click.Command, name: str) -> click.Command:
    """`command` under its earlier name, left out of --help so that no script breaks."""
    return click.Command(
        name, callback=command.callback, params=command.params, help=command.help, hidden=True
    )


# The spellings before the noun groups, still accepted: old name -> the command it runs now.
ALIASES: dict[str, click.Command] = {
    "validate": validate_banks,
    "schema": bank_schema,
    "new": new_bank,
    "list": list_banks,
    "themes": list_themes,
}
