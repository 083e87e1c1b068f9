"""From the `report` command's options to a `ReportRequest`: the choices the command line makes.

The command line parses options and prints; deciding which outputs were asked for, which
privacy rules apply and what the manifest records of the options lives here, callable (and
tested) without a terminal.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any

from selfassess.core.errors import SelfassessError
from selfassess.core.workshop import label_warning
from selfassess.inputs.branding import make_branding
from selfassess.inputs.responses import LoadedResponses
from selfassess.inputs.rounds import (
    LoadedRound,
    Watch,
    group_round_options,
    load_answers,
    load_baseline,
    load_round,
    parse_round_option,
    unwatched,
)
from selfassess.inputs.workshop import LoadedWorkshop, load_workshop
from selfassess.report.pipeline import ReportRequest
from selfassess.scorecard.options import ScorecardOptions

# (a round just loaded, "answers", "baseline" or "round 'LABEL'" for an earlier round)
Tell = Callable[[LoadedResponses, str], None]


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
    workshop: Path | None = None  # --workshop: this round's workshop record
    rounds: tuple[str, ...] = ()  # --round LABEL=PATH, oldest first
    round_workshops: tuple[str, ...] = ()  # --round-workshop LABEL=FILE

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


@dataclass(frozen=True)
class RoundPlan:
    """The earlier rounds --round names, oldest first, and the workshop file of each that has one."""

    rounds: list[tuple[str, list[str]]]  # (label, paths)
    workshops: dict[str, Path]  # by label


def plan_rounds(options: ReportOptions) -> RoundPlan:
    """--round, --round-workshop and --baseline checked together before any file is read: the
    command line turns these errors into usage errors."""
    if options.rounds and options.baseline:
        raise SelfassessError.at(
            "--baseline",
            "cannot be given with --round: give the earlier round as --round LABEL=PATH",
        )
    rounds = group_round_options(options.rounds)
    labels = [label for label, _ in rounds]
    workshops: dict[str, Path] = {}
    for text in options.round_workshops:
        label, path = parse_round_option(text, "--round-workshop")
        if label not in labels:
            given = ", ".join(repr(known) for known in labels) or "none"
            raise SelfassessError.at(
                "--round-workshop",
                f"{label!r} is not the label of a round given with --round (labels given: {given})",
            )
        if label in workshops:
            raise SelfassessError.at(
                "--round-workshop", f"{label!r} is given twice: one workshop file per round"
            )
        workshops[label] = Path(path)
    return RoundPlan(rounds, workshops)


def prepare_report(
    options: ReportOptions,
    *,
    given: Mapping[str, Any],
    today: date,
    watch: Watch = unwatched,
    tell: Tell = lambda loaded, what: None,
) -> ReportRequest:
    """Branding, then the answers (the baseline or the earlier rounds, the workshop files)
    loaded, then what to write.

    `given` is every option as the user gave it (click's parameters), recorded in the manifest;
    `tell` hears of each round once loaded ("answers", then "baseline" or each "round 'LABEL'"),
    to print its notes.
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
    workshop = load_workshop(options.workshop, bank.questionnaire) if options.workshop else None
    earlier = None
    if options.baseline:
        earlier = load_baseline(options.baseline, bank, options.skip_invalid, watch)
        tell(earlier, "baseline")
    plan = plan_rounds(options)
    rounds: list[LoadedRound] = []
    for label, paths in plan.rounds:
        rounds.append(load_round(label, paths, bank, options.skip_invalid, watch))
        tell(rounds[-1].loaded, f"round {label!r}")
    by_label = {r.label: r for r in rounds}
    if workshop is not None:
        workshop = _labelled_apart(workshop, list(by_label))
    round_workshops = {
        label: _round_workshop(path, by_label[label]) for label, path in plan.workshops.items()
    }
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
        workshop=workshop,
        rounds=tuple(rounds),
        round_workshops=round_workshops,
    )


# Options added with workshop records and rounds: recorded only when given, so a manifest made
# without them is what it was before.
RECORDED_WHEN_GIVEN = ("workshop", "rounds", "round_workshops")


def _labelled_apart(workshop: LoadedWorkshop, earlier_labels: list[str]) -> LoadedWorkshop:
    """This round's workshop file, warned about when its round has an earlier round's label."""
    warning = label_warning(workshop.record, earlier_labels)
    if warning is None:
        return workshop
    return replace(workshop, warnings=(*workshop.warnings, f"{workshop.file.name}: {warning}"))


def _round_workshop(path: Path, earlier: LoadedRound) -> LoadedWorkshop:
    """An earlier round's workshop file, read on that round's bank; made with the version the
    round's answer files name, it gets no warning for not being the current one."""
    workshop = load_workshop(path, earlier.bank)
    if workshop.record.questionnaire_version in earlier.versions:
        workshop = replace(workshop, warnings=())
    return workshop


def options_as_given(given: Mapping[str, Any], anonymised: bool) -> dict[str, Any]:
    """The report command's options as the user gave them, for the scorecard's manifest."""
    recorded = {
        name: [str(v) for v in value] if isinstance(value, tuple) else value
        for name, value in given.items()
        if value or name not in RECORDED_WHEN_GIVEN
    }
    recorded = {k: str(v) if isinstance(v, Path) else v for k, v in recorded.items()}
    if anonymised:  # paths and globs usually name the organisations (workshop files too)
        if recorded.get("workshop"):
            recorded["workshop"] = "1 argument, withheld"
        for name in ("files", "baseline", "rounds", "round_workshops"):
            if recorded.get(name):
                recorded[name] = f"{len(recorded[name])} argument(s), withheld"
    return recorded
