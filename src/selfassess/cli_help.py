"""What the command line says about itself: each command's one-line summary and examples, the
exit codes, `--version` with the file formats, and shell completion. One home for these words,
so that `selfassess --help`, every command's help and docs/cli.md (generated) agree.
"""

from __future__ import annotations

import click
from click.shell_completion import get_completion_class

from selfassess import __version__
from selfassess.core.model import READABLE_RESPONSE_FORMATS, RESPONSE_FORMAT
from selfassess.pages.site import MARKER
from selfassess.report.attached_files import MANIFEST_FORMAT
from selfassess.terminal import echo

EXIT_CODES = """\b
Exit codes (every command):
  0  done: everything checked or written
  1  a problem with the input: a file, a bank, answers, or a check that failed
  2  a usage error: an unknown command or option, a missing argument"""

# A whole summary per command (`selfassess --help` would cut a long docstring with "...").
SHORT_HELP = {
    "bank": "Question banks: list, new, validate, schema.",
    "bank list": "List the bundled question banks.",
    "bank new": "Write a starter question bank.",
    "bank validate": "Check question banks.",
    "bank schema": "Print the bank format's JSON Schema.",
    "theme": "Themes: list, new.",
    "theme list": "List the bundled themes.",
    "theme new": "Write a starter theme folder.",
    "build": "Build the offline site of forms.",
    "score": "Score answer files in the terminal.",
    "report": "Write the partnership scorecard (PDF, HTML).",
    "verify": "Check a scorecard against its answers.",
    "translate": "Translate a bank through PO files.",
    "translate export": "Write a bank's texts as a PO file.",
    "translate import": "Write a PO file's translations into a bank.",
    "completion": "Print the shell completion script.",
}

EXAMPLES = {
    "bank": ["selfassess bank list", "selfassess bank new our-bank.yaml"],
    "theme": ["selfassess theme list", "selfassess theme new our-theme --parent nhs"],
    "bank list": ["selfassess bank list", "selfassess build collaboration-pulse"],
    "bank new": ["selfassess bank new our-bank.yaml", "selfassess bank validate our-bank.yaml"],
    "bank validate": [
        "selfassess bank validate",
        "selfassess bank validate our-bank.yaml banks/",
        "selfassess bank validate --allow-untranslated bilingual.yaml",
    ],
    "bank schema": [
        "selfassess bank schema > bank.schema.json",
        "selfassess bank schema --response > response.schema.json",
    ],
    "theme list": ["selfassess theme list", "selfassess build --theme nhs"],
    "theme new": [
        "selfassess theme new our-theme",
        "selfassess theme new our-theme --parent nhs",
        "selfassess build --theme our-theme",
    ],
    "build": [
        "selfassess build",
        "selfassess build our-bank.yaml -o site",
        "selfassess build --theme nhs --brand-name 'Northshire ICS' --logo logo.png",
    ],
    "score": [
        "selfassess score answers/",
        "selfassess score answers/ --questionnaire collaboration-pulse --format json",
        "selfassess score 'answers/*.csv' --format csv > scores.csv",
    ],
    "report": [
        "selfassess report answers/ -o scorecard.pdf",
        "selfassess report answers/ --baseline last-year/ --html scorecard.html --theme nhs -q",
        "selfassess report nov/ --round May=may/ --workshop agreed.json -o scorecard.pdf",
    ],
    "verify": [
        "selfassess verify scorecard.pdf",
        "selfassess verify scorecard.pdf --inputs answers/",
    ],
    "completion": [
        'eval "$(selfassess completion bash)"     # add to ~/.bashrc',
        "selfassess completion fish > ~/.config/fish/completions/selfassess.fish",
    ],
    "translate": [
        "selfassess translate export our-bank.yaml --language cy -o cy.po",
        "selfassess translate import our-bank.yaml cy.po",
    ],
    "translate export": [
        "selfassess translate export our-bank.yaml --language cy -o cy.po",
        "selfassess translate export collaboration-pulse --language cy > pulse-cy.po",
    ],
    "translate import": [
        "selfassess translate import our-bank.yaml cy.po",
        "selfassess bank validate our-bank.yaml",
    ],
}


def _examples(lines: list[str]) -> str:
    return "\b\nExamples:\n" + "\n".join(f"  {line}" for line in lines)


def document_commands(group: click.Group, prefix: str = "") -> None:
    """Give every command its whole one-line summary and its examples (from the tables above)."""
    for name, command in group.commands.items():
        path = f"{prefix}{name}"
        if command.hidden:
            continue
        command.short_help = SHORT_HELP.get(path, command.short_help)
        if path in EXAMPLES:
            command.epilog = _examples(EXAMPLES[path])
        if isinstance(command, click.Group):
            document_commands(command, f"{path} ")


def version_text() -> str:
    """The version and the formats of the files this version reads and writes."""
    readable = ", ".join(READABLE_RESPONSE_FORMATS)
    return "\n".join(
        [
            f"selfassess {__version__}",
            "reads:  question banks (YAML; `selfassess bank schema`), answer files "
            f"{readable} (JSON) and CSV, scorecard manifests {MANIFEST_FORMAT}",
            f"writes: answer files {RESPONSE_FORMAT} (from the form), scorecards (PDF, HTML) "
            f"with manifest {MANIFEST_FORMAT}, sites ({MARKER})",
        ]
    )


def show_version(context: click.Context, _: click.Parameter, value: bool) -> None:
    if value and not context.resilient_parsing:
        echo(version_text(), lines=True)
        context.exit()


SHELLS = ("bash", "zsh", "fish")


@click.command()
@click.argument("shell", type=click.Choice(SHELLS))
@click.pass_context
def completion(context: click.Context, shell: str) -> None:
    """Print the script that completes selfassess's commands and options in SHELL."""
    root = context.find_root().command
    complete = get_completion_class(shell)
    assert complete is not None  # click ships all three
    echo(complete(root, {}, "selfassess", "_SELFASSESS_COMPLETE").source(), lines=True)
