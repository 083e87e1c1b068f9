"""The command line: parse options, call one library function, print, map errors to exit codes.

Everything it prints goes through `echo`, which shows control characters escaped (text from
files we did not write could otherwise drive the terminal: see terminal.py).
"""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path
from typing import Any

import click

from selfassess.cli_banks import ALIASES, bank, hidden_alias, theme
from selfassess.cli_help import EXIT_CODES, completion, document_commands, show_version
from selfassess.cli_translate import translate
from selfassess.core.errors import SelfassessError
from selfassess.core.privacy import refuse_names_with_pseudonyms
from selfassess.core.scoring import score_all
from selfassess.inputs.banks import (
    bundled_bank_files,
    bundled_banks,
    resolve_bank,
)
from selfassess.inputs.branding import make_branding
from selfassess.inputs.paths import expand_bank_paths, expand_input_paths
from selfassess.inputs.responses import LoadedResponses, read_response_file
from selfassess.inputs.rounds import Watch, load_answers, unwatched
from selfassess.pages.site import build_site
from selfassess.pages.themes import load_theme
from selfassess.report.pdf import DEFAULT_PDF_VARIANT, PDF_VARIANTS
from selfassess.report.pipeline import REPORT_STEPS, ReportRequest, write_report
from selfassess.report.request import ReportOptions, plan_rounds, prepare_report
from selfassess.report.score_formats import DEFAULT_SCORE_FORMAT, SCORE_FORMATS, format_scores
from selfassess.terminal import (
    ALLOW_UNTRANSLATED,
    QUIET,
    F,
    ProgressPaths,
    RegistryChoice,
    echo,
    reports_errors,
)


@click.group(context_settings={"help_option_names": ["-h", "--help"]}, epilog=EXIT_CODES)
@click.option(
    "--version",
    is_flag=True,
    expose_value=False,
    is_eager=True,
    callback=show_version,
    help="Show the version and the file formats it reads and writes, and exit.",
)
def cli() -> None:
    """Self-assessment of cross-organisation collaboration: offline forms and PDF scorecards."""


cli.add_command(bank)
cli.add_command(theme)
cli.add_command(completion)
for old_name, command in ALIASES.items():
    cli.add_command(hidden_alias(command, old_name))


theme_option = click.option(
    "--theme",
    metavar="NAME|PATH",
    help="Bundled theme name or theme folder (see: selfassess theme list).",
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
@QUIET
@reports_errors
def build(
    banks: tuple[str, ...],
    output: Path,
    theme: str | None,
    brand_name: str | None,
    logo: Path | None,
    primary_colour: str | None,
    allow_untranslated: bool,
    quiet: bool,
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
    if not quiet:
        echo(f"wrote {len(pages)} pages; open {pages[0].resolve()}")


questionnaire_option = click.option(
    "--questionnaire",
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
@QUIET
@reports_errors
def score(
    files: tuple[str, ...], questionnaire: str | None, fmt: str, skip_invalid: bool, quiet: bool
) -> None:
    """Score response files (JSON or CSV; folders and globs too) against their bank."""
    refuse_a_bank_among_answers(files)
    # Scores never depend on a bank's texts: a draft translation scores as a finished one.
    bank, loaded = load_answers(files, questionnaire, skip_invalid, allow_untranslated=True)
    if not quiet:
        tell_notes(loaded, "answers")
    scores = score_all(bank.questionnaire, loaded.responses)
    echo(format_scores(fmt, bank.questionnaire, scores), lines=True, nl=False)


def refuse_a_bank_among_answers(files: tuple[str, ...]) -> None:
    """`-q BANK` meant --questionnaire before -q meant --quiet: say so, not "no such file"."""
    banks = {path.stem for path in bundled_bank_files()}
    for name in files:
        if not Path(name).exists() and (name in banks or name.endswith((".yaml", ".yml"))):
            raise click.UsageError(
                f"'{name}' is a question bank, not answers: give it with --questionnaire {name} "
                "(-q means --quiet)"
            )


def shows_progress(quiet: bool) -> bool:
    """Progress bars only for a person watching: not with --quiet, not into a pipe or log."""
    return not quiet and sys.stderr.isatty()


def tell_notes(loaded: LoadedResponses, what: str) -> None:
    """Each warning and skipped file a line on stderr, an earlier round's marked "(baseline)"
    or "(round 'LABEL')"."""
    mark = "" if what == "answers" else f" ({what})"
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
@click.option(
    "--round",
    "rounds",
    multiple=True,
    metavar="LABEL=PATH",
    help="An earlier round for the trends page, oldest first: a label, then a folder, file or "
    "quoted glob; repeat for more.",
)
@click.option(
    "--round-workshop",
    "round_workshops",
    multiple=True,
    metavar="LABEL=FILE",
    help="The workshop record of the earlier round given that label with --round.",
)
@click.option(
    "--workshop",
    type=click.Path(path_type=Path),
    metavar="FILE",
    help='This round\'s workshop record (a file the partnership page saves): adds "What we agreed".',
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
@click.option(
    "--language",
    metavar="LANG",
    help="The scorecard's language, one the bank offers: its texts, the tool's words, the "
    "dates.  [default: the bank's default language]",
)
@ALLOW_UNTRANSLATED
@skip_invalid_option
@click.option("--quiet", "-q", is_flag=True, help="No progress bars and no summary line.")
@reports_errors
def report(**given: Any) -> None:
    """Write the partnership scorecard (PDF and/or HTML) from response files."""
    refuse_a_bank_among_answers(given["files"])
    options = ReportOptions(**given)
    if not options.outputs:
        raise click.UsageError("give -o FILE.pdf, --html FILE.html, or both")
    try:
        refuse_names_with_pseudonyms(options.show_names, options.anonymise_organisations)
        plan_rounds(options)  # before any file is read
    except SelfassessError as exc:
        raise click.UsageError(str(exc)) from None
    request = prepare_report(
        options,
        given=click.get_current_context().params,
        today=date.today(),
        watch=watch_progress(options.quiet),
        tell=tell_notes,
    )
    for warning in request.bank_source.warnings if request.bank_source else ():
        echo(f"warning: {warning}", err=True)
    for note in (line for _, workshop in request.workshops for line in workshop.warnings):
        echo(f"warning: {note}", err=True)
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
@QUIET
@reports_errors
def verify(scorecard: Path, inputs: tuple[str, ...], quiet: bool) -> None:
    """Re-score a scorecard's attached answers and check the figures it prints (exit 0 or 1)."""
    from selfassess.report.verify import (
        verify_scorecard,  # imports pypdf: only this command needs it
    )

    given = None
    if inputs:
        given = [(str(p), read_response_file(p)) for p in expand_input_paths(inputs)]
    result = verify_scorecard(scorecard, given)
    for line in result.lines() if not (quiet and result.ok) else []:
        echo(line)
    if not result.ok:
        sys.exit(1)


cli.add_command(translate)
document_commands(cli)


def main() -> None:
    cli(prog_name="selfassess")
