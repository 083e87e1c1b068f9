"""The command line: parse options, call one library function, print, map errors to exit codes.

Everything it prints goes through `echo`, which shows control characters escaped (text from
files we did not write could otherwise drive the terminal: see terminal.py).
"""

from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path
from typing import Any

import click

from selfassess import __version__
from selfassess.core.errors import SelfassessError
from selfassess.core.model import questionnaire_json_schema
from selfassess.core.privacy import refuse_names_with_pseudonyms
from selfassess.core.scoring import score_all
from selfassess.inputs.banks import (
    bundled_bank_files,
    bundled_banks,
    resolve_bank,
    validate_files,
)
from selfassess.inputs.branding import make_branding
from selfassess.inputs.paths import expand_bank_paths, expand_input_paths
from selfassess.inputs.response_json import response_schema
from selfassess.inputs.responses import LoadedResponses, read_response_file
from selfassess.inputs.rounds import Watch, load_answers, unwatched
from selfassess.pages.site import build_site
from selfassess.pages.theme_scaffold import write_new_theme
from selfassess.pages.themes import bundled_theme_names, bundled_themes, load_theme
from selfassess.pages.writing import write_new_bank
from selfassess.report.pdf import DEFAULT_PDF_VARIANT, PDF_VARIANTS
from selfassess.report.pipeline import REPORT_STEPS, ReportRequest, write_report
from selfassess.report.request import ReportOptions, prepare_report
from selfassess.report.score_formats import DEFAULT_SCORE_FORMAT, SCORE_FORMATS, format_scores
from selfassess.terminal import (
    ALLOW_UNTRANSLATED,
    F,
    ProgressPaths,
    RegistryChoice,
    echo,
    reports_errors,
)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="selfassess")
def cli() -> None:
    """Self-assessment of cross-organisation collaboration: offline forms and PDF scorecards."""


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path())
@ALLOW_UNTRANSLATED
@reports_errors
def validate(paths: tuple[str, ...], allow_untranslated: bool) -> None:
    """Check question banks (files or folders of *.yaml); the bundled ones when none given."""
    files = expand_bank_paths(paths) if paths else bundled_bank_files()
    failed = False
    for path, error, warnings in validate_files(files, allow_untranslated=allow_untranslated):
        for warning in warnings:
            echo(f"warning: {warning}", err=True)
        if error is None:
            echo(f"ok {path}")
        else:
            failed = True
            for problem in error.problems:
                echo(str(problem), err=True)
    if failed:
        sys.exit(1)


@cli.command()
@click.option("--response", is_flag=True, help="The response file's schema instead of the bank's.")
def schema(response: bool) -> None:
    """Print the JSON Schema of the question-bank format (or of a response file)."""
    data = response_schema() if response else questionnaire_json_schema()
    echo(json.dumps(data, indent=2), lines=True)


@cli.command()
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path))
@reports_errors
def new(path: Path) -> None:
    """Write a small valid starter bank to PATH (never overwrites)."""
    write_new_bank(path)
    echo(f"wrote {path}; edit it, then run: selfassess validate {path}")


@cli.command(name="list")
@reports_errors
def list_banks() -> None:
    """List the bundled question banks."""
    for bank in bundled_banks():
        q = bank.questionnaire
        echo(f"{q.id:<28} {q.version:<6} {q.question_count:>3} questions  {q.title}")


theme_option = click.option(
    "--theme",
    metavar="NAME|PATH",
    help="Bundled theme name or theme folder (see: selfassess themes).",
)


def branding_options(command: F) -> F:
    """--brand-name, --logo and --primary-colour: branding laid over any theme."""
    options = [
        click.option("--brand-name", metavar="TEXT", help="Organisation name for the header."),
        click.option(
            "--logo",
            type=click.Path(path_type=Path),
            metavar="FILE",
            help="PNG or SVG logo (at most 100 KB), embedded in every page.",
        ),
        click.option(
            "--primary-colour",
            metavar="'#RRGGBB'",
            help="Main colour; needs a contrast of 4.5:1 against white.",
        ),
    ]
    for option in reversed(options):
        command = option(command)
    return command


@cli.command()
@click.argument("banks", nargs=-1, metavar="[BANK]...")
@click.option(
    "--output",
    "-o",
    type=click.Path(path_type=Path),
    default=Path("site"),
    show_default=True,
    help="Folder to write; replaced atomically if selfassess built it before.",
)
@theme_option
@branding_options
@ALLOW_UNTRANSLATED
@reports_errors
def build(
    banks: tuple[str, ...],
    output: Path,
    theme: str | None,
    brand_name: str | None,
    logo: Path | None,
    primary_colour: str | None,
    allow_untranslated: bool,
) -> None:
    """Build the offline site: index.html and one form page per bank and language (bundled
    banks by default)."""
    branding = make_branding(brand_name, logo, primary_colour)
    sources = (
        [
            resolve_bank(str(path), allow_untranslated=allow_untranslated)
            for path in expand_bank_paths(banks)
        ]
        if banks
        else bundled_banks()
    )
    for warning in (w for s in sources for w in s.warnings):
        echo(f"warning: {warning}", err=True)
    pages = build_site(sources, output, load_theme(theme).branded(branding))
    echo(f"wrote {len(pages)} pages; open {pages[0].resolve()}")


questionnaire_option = click.option(
    "--questionnaire",
    "-q",
    metavar="BANK",
    help="Bank file or bundled bank id; found from the files when omitted.",
)
skip_invalid_option = click.option(
    "--skip-invalid", is_flag=True, help="Score the valid files and list the ones skipped."
)


@cli.command()
@click.argument("files", nargs=-1, required=True)
@questionnaire_option
@click.option(
    "--format",
    "-f",
    "fmt",
    type=RegistryChoice(SCORE_FORMATS),
    default=DEFAULT_SCORE_FORMAT,
    show_default=True,
)
@skip_invalid_option
@reports_errors
def score(files: tuple[str, ...], questionnaire: str | None, fmt: str, skip_invalid: bool) -> None:
    """Score response files (JSON or CSV; folders and globs too) against their bank."""
    bank, loaded = load_answers(files, questionnaire, skip_invalid)
    tell_notes(loaded, "answers")
    scores = score_all(bank.questionnaire, loaded.responses)
    echo(format_scores(fmt, bank.questionnaire, scores), lines=True, nl=False)


def shows_progress(quiet: bool) -> bool:
    """Progress bars only for a person watching: not with --quiet, not into a pipe or log."""
    return not quiet and sys.stderr.isatty()


def tell_notes(loaded: LoadedResponses, what: str) -> None:
    """Each warning and skipped file a line on stderr ("(baseline)" for the earlier round)."""
    mark = " (baseline)" if what == "baseline" else ""
    for warning in loaded.warnings:
        echo(f"warning: {warning}{mark}", err=True)
    for problem in loaded.skipped:
        echo(f"skipped: {problem}{mark}", err=True)


def watch_progress(quiet: bool) -> Watch:
    """A progress bar over the files being loaded, when one should show (shows_progress)."""
    if not shows_progress(quiet):
        return unwatched
    return lambda paths, what: ProgressPaths(paths, f"Loading {what}")


@cli.command()
@click.argument("files", nargs=-1, required=True)
@questionnaire_option
@click.option(
    "--output",
    "-o",
    "pdf",
    type=click.Path(path_type=Path),
    metavar="FILE.pdf",
    help="The PDF scorecard to write.",
)
@click.option(
    "--html",
    type=click.Path(path_type=Path),
    metavar="FILE.html",
    help="Also (or, without -o, only) write the scorecard as one standalone HTML page.",
)
@click.option("--title", help="Title on the cover.  [default: Partnership scorecard]")
@click.option("--partnership", metavar="NAME", help="The partnership's name, on every page.")
@click.option(
    "--baseline",
    multiple=True,
    metavar="FILES",
    help="An earlier round to compare with: a folder, a file or a quoted glob; repeat for more.",
)
@theme_option
@branding_options
@click.option("--show-names", is_flag=True, help="Print respondents' names with their comments.")
@click.option(
    "--min-group-size",
    type=click.IntRange(min=1),
    metavar="N",
    help="Hide any figure or comment group standing for fewer than N people.  "
    "[default: the bank's privacy.min_group_size (3) for comments and roles, 1 for organisations]",
)
@click.option(
    "--anonymise-organisations",
    is_flag=True,
    help='Call organisations "Partner A", "Partner B", ... on every page.',
)
@click.option(
    "--no-attach",
    is_flag=True,
    help="Embed only the questionnaire and the manifest, not the answer files.",
)
@click.option(
    "--pdf-variant",
    type=click.Choice(PDF_VARIANTS),
    default=DEFAULT_PDF_VARIANT,
    show_default=True,
    help="Tagged PDF/UA-1 for screen readers, tagged PDF/A-3b for archives, or untagged.",
)
@skip_invalid_option
@click.option("--quiet", is_flag=True, help="No progress bars and no summary line.")
@reports_errors
def report(**given: Any) -> None:
    """Write the partnership scorecard (PDF and/or HTML) from response files."""
    options = ReportOptions(**given)
    if not options.outputs:
        raise click.UsageError("give -o FILE.pdf, --html FILE.html, or both")
    try:
        refuse_names_with_pseudonyms(options.show_names, options.anonymise_organisations)
    except SelfassessError as exc:
        raise click.UsageError(str(exc)) from None
    request = prepare_report(
        options,
        given=click.get_current_context().params,
        today=date.today(),
        watch=watch_progress(options.quiet),
        tell=tell_notes,
    )
    if shows_progress(options.quiet):
        withheld = write_report_showing_steps(request)
    else:
        withheld = write_report(request)
    if not options.quiet:
        for path in options.outputs.values():
            echo(f"wrote {path}")
        if options.withholds_answer_files:
            echo(
                "note: the answer files are not attached (they name the organisations); "
                "the questionnaire and the manifest are",
                err=True,
            )
        if withheld:
            echo(withheld, err=True)


def write_report_showing_steps(request: ReportRequest) -> str:
    """write_report with a progress bar on stderr naming the step that is running."""
    width = max(len(name) for name in REPORT_STEPS)
    with click.progressbar(
        length=len(REPORT_STEPS), label="Starting".ljust(width), file=sys.stderr
    ) as bar:

        def step(name: str) -> None:
            bar.label = name.ljust(width)  # what is running now
            bar.update(1)

        return write_report(request, step=step)


@cli.command()
@click.argument("scorecard", type=click.Path(path_type=Path), metavar="SCORECARD.pdf")
@click.option(
    "--inputs",
    multiple=True,
    metavar="FILES",
    help="The answer files, for a scorecard made with --no-attach: a folder, a file or a "
    "quoted glob; repeat for more.",
)
@reports_errors
def verify(scorecard: Path, inputs: tuple[str, ...]) -> None:
    """Re-score a scorecard's attached answers and check the figures it prints (exit 0 or 1)."""
    from selfassess.report.verify import (
        verify_scorecard,  # imports pypdf: only this command needs it
    )

    given = None
    if inputs:
        given = [(str(p), read_response_file(p)) for p in expand_input_paths(inputs)]
    result = verify_scorecard(scorecard, given)
    for line in result.lines():
        echo(line)
    if not result.ok:
        sys.exit(1)


@cli.command(name="themes")
@reports_errors
def list_themes() -> None:
    """List the bundled themes (use one with --theme NAME)."""
    for settings in bundled_themes():
        parent = f"(parent: {settings.parent})" if settings.parent else ""
        echo(f"{settings.name:<10} {settings.description} {parent}".rstrip())


@cli.group()
def theme() -> None:
    """Make your own theme."""


@theme.command(name="new")
@click.argument("path", type=click.Path(file_okay=False, path_type=Path))
@click.option(
    "--parent",
    default="default",
    show_default=True,
    type=click.Choice(bundled_theme_names()),
    help="The bundled theme yours starts from.",
)
@reports_errors
def new_theme(path: Path, parent: str) -> None:
    """Write a starter theme folder at PATH: theme.yaml, one partial to edit and a README."""
    written = write_new_theme(path, parent)
    echo(f"wrote {path}/ ({', '.join(str(p) for p in written)})")
    echo(f"edit it, then run: selfassess build --theme {path}")


def main() -> None:
    cli(prog_name="selfassess")
