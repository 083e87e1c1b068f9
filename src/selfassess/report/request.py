"""From the `report` command's options to a `ReportRequest`: the choices the command line makes.

The command line parses options and prints; deciding which outputs were asked for, which
privacy rules apply and what the manifest records of the options lives here, callable (and
tested) without a terminal.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from selfassess.inputs.branding import make_branding
from selfassess.inputs.responses import LoadedResponses
from selfassess.inputs.rounds import Watch, load_answers, load_baseline, unwatched
from selfassess.report.pipeline import ReportRequest
from selfassess.scorecard.options import ScorecardOptions

Tell = Callable[[LoadedResponses, str], None]  # (a round just loaded, "answers" or "baseline")


@dataclass(frozen=True)
class ReportOptions:
    """The `report` command's options, one field per option, as parsed."""

    files: tuple[str, ...]
    questionnaire: str | None
    pdf: Path | None  # -o
    html: Path | None  # --html
    title: str | None
    partnership: str | None
    baseline: tuple[str, ...]
    theme: str | None
    brand_name: str | None
    logo: Path | None
    primary_colour: str | None
    show_names: bool
    min_group_size: int | None
    anonymise_organisations: bool
    no_attach: bool
    pdf_variant: str
    skip_invalid: bool
    quiet: bool
    language: str | None = None  # --language: None is the bank's default language
    allow_untranslated: bool = False

    @property
    def outputs(self) -> dict[str, Path]:
        """The files asked for, by output name (see outputs.OUTPUTS)."""
        given = {"pdf": self.pdf, "html": self.html}
        return {name: path for name, path in given.items() if path is not None}

    @property
    def withholds_answer_files(self) -> bool:
        """A PDF whose attachments leave out the answer files though --no-attach was not given:
        they name the organisations, which --anonymise-organisations hides."""
        return self.pdf is not None and self.anonymise_organisations and not self.no_attach


def prepare_report(
    options: ReportOptions,
    *,
    given: Mapping[str, Any],
    today: date,
    watch: Watch = unwatched,
    tell: Tell = lambda loaded, what: None,
) -> ReportRequest:
    """Branding, then the answers (and the baseline) loaded, then what to write.

    `given` is every option as the user gave it (click's parameters), recorded in the manifest;
    `tell` hears of each round once loaded ("answers", then "baseline"), to print its notes.
    """
    branding = make_branding(options.brand_name, options.logo, options.primary_colour)
    bank, loaded = load_answers(
        options.files,
        options.questionnaire,
        options.skip_invalid,
        watch,
        allow_untranslated=options.allow_untranslated,
        language=options.language,
    )
    tell(loaded, "answers")
    earlier = None
    if options.baseline:
        earlier = load_baseline(options.baseline, bank, options.skip_invalid, watch)
        tell(earlier, "baseline")
    return ReportRequest(
        bank=bank.in_language(options.language),
        responses=loaded,
        baseline=earlier,
        options=ScorecardOptions(
            title=options.title,
            partnership=options.partnership,
            show_names=options.show_names,
            date=today,
        ),
        theme=options.theme,
        branding=branding,
        outputs=options.outputs,
        pdf_variant=options.pdf_variant,
        min_group_size=options.min_group_size,
        anonymise_organisations=options.anonymise_organisations,
        bank_source=bank,
        attach_inputs=not options.no_attach,
        command_options=options_as_given(given, options.anonymise_organisations),
    )


def options_as_given(given: Mapping[str, Any], anonymised: bool) -> dict[str, Any]:
    """The report command's options as the user gave them, for the scorecard's manifest."""
    recorded = {
        name: [str(v) for v in value] if isinstance(value, tuple) else value
        for name, value in given.items()
    }
    recorded = {k: str(v) if isinstance(v, Path) else v for k, v in recorded.items()}
    if anonymised:  # paths and globs usually name the organisations
        for name in ("files", "baseline"):
            if recorded.get(name):
                recorded[name] = f"{len(recorded[name])} argument(s), withheld"
    return recorded
