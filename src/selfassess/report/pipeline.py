"""`selfassess report`: responses -> scorecard view -> HTML (theme) -> each output, atomically.

The outputs (PDF, HTML page) are entries of `outputs.OUTPUTS`; the PDF's layout lives in pdf.py,
which imports WeasyPrint only when a PDF is made.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import yaml

from selfassess.core.errors import SelfassessError
from selfassess.core.i18n import use_translations
from selfassess.core.model import Questionnaire
from selfassess.core.privacy import PrivacyOptions, pseudonyms
from selfassess.core.scores import Scores
from selfassess.core.scoring import score_all
from selfassess.core.trends import RoundScores
from selfassess.inputs.banks import BankSource
from selfassess.inputs.branding import Branding
from selfassess.inputs.responses import LoadedResponses
from selfassess.inputs.rounds import LoadedRound
from selfassess.inputs.workshop import LoadedWorkshop
from selfassess.pages.page_shell import refuse_block_end
from selfassess.pages.theme_rendering import render_template, template_environment
from selfassess.pages.themes import Theme, load_theme
from selfassess.pages.translations import translations_for
from selfassess.pages.writing import check_output_file, write_atomic
from selfassess.report.attached_files import THIS_ROUND, earlier_round_name
from selfassess.report.audit import AuditTrail, audit_trail, without_absolute_folders
from selfassess.report.outputs import (
    OutputFile,
    RenderedScorecard,
    ScorecardOutput,
    chosen_outputs,
)
from selfassess.report.pdf import DEFAULT_PDF_VARIANT
from selfassess.scorecard.build import build_scorecard
from selfassess.scorecard.options import ScorecardOptions
from selfassess.scorecard.page_numbers import page_numbers_css
from selfassess.scorecard.round_wording import from_round, this_round
from selfassess.scorecard.views import ScorecardView
from selfassess.scorecard.wording import from_baseline

SCORECARD_TEMPLATE = "scorecard.html.j2"
SCORECARD_CSS = "css/scorecard.css"
SCORECARD_THEME_CSS = "css/scorecard-theme.css"  # each theme's additions, stacked along its chain
REPORT_STEPS = ("Scoring", "Drawing charts", "Writing HTML", "Laying out pages", "Writing files")


@dataclass(frozen=True)
class ReportRequest:
    """What `selfassess report` was asked for, after its inputs were loaded."""

    bank: Questionnaire
    responses: LoadedResponses
    options: ScorecardOptions
    theme: str | None = None  # bundled theme name or folder; None means the default theme
    branding: Branding = field(default_factory=Branding)  # --brand-name, --logo, --primary-colour
    outputs: Mapping[str, Path] = field(default_factory=dict)  # "pdf"/"html" -> file (outputs.py)
    baseline: LoadedResponses | None = None
    pdf_variant: str = DEFAULT_PDF_VARIANT
    min_group_size: int | None = None  # None: the bank's privacy.min_group_size (and 1 for orgs)
    anonymise_organisations: bool = False
    bank_source: BankSource | None = None  # the bank's file, to embed byte for byte
    attach_inputs: bool = True  # False: --no-attach
    command_options: Mapping[str, Any] = field(default_factory=dict)  # as given, for the manifest
    created: datetime | None = None  # None: now (UTC)
    workshop: LoadedWorkshop | None = None  # --workshop: what the partners agreed on this round
    rounds: tuple[LoadedRound, ...] = ()  # --round: the earlier rounds, oldest first
    round_workshops: Mapping[str, LoadedWorkshop] = field(default_factory=dict)  # by label

    @property
    def workshops(self) -> list[tuple[str, LoadedWorkshop]]:
        """The workshop files given, each with the round it records (audit.py's round names)."""
        found = [(THIS_ROUND, self.workshop)] if self.workshop is not None else []
        return found + [
            (earlier_round_name(number), self.round_workshops[r.label])
            for number, r in enumerate(self.rounds, start=1)
            if r.label in self.round_workshops
        ]


def privacy_options(
    bank: Questionnaire,
    min_group_size: int | None,
    anonymise: bool,
    rounds: Sequence[Scores],
    shuffle: Callable[[list[str]], None] | None = None,
) -> PrivacyOptions:
    """The anonymity rules for --min-group-size and --anonymise-organisations.

    Without --min-group-size, comment groups and roles need the bank's privacy.min_group_size
    and organisations are shown from one respondent; with it, N applies to both. Pseudonyms
    are dealt in a random order, the same for both rounds, so "Partner A" says nothing about
    the name behind it (an alphabetical order could be undone from the list of partners).
    """
    if min_group_size is not None and min_group_size < 1:
        raise SelfassessError.at("--min-group-size", f"must be 1 or more, not {min_group_size}")
    names = None
    if anonymise:
        order = sorted({name for scores in rounds for name in scores.organisations})
        (shuffle or random.SystemRandom().shuffle)(order)
        names = pseudonyms(order)
    return PrivacyOptions(
        min_group_size=min_group_size or bank.privacy.min_group_size,
        min_organisation_size=min_group_size or 1,
        pseudonyms=names,
    )


@dataclass(frozen=True)
class ScoredRounds:
    """This round and the baseline (or the earlier rounds) scored, with the privacy rules
    (pseudonyms drawn over every round) for all of them."""

    scores: Scores
    baseline: Scores | None
    options: ScorecardOptions  # its privacy is always set
    earlier: tuple[Scores, ...] = ()  # each earlier round on its own bank, oldest first


def score_rounds(
    bank: Questionnaire,
    responses: LoadedResponses,
    options: ScorecardOptions,
    baseline: LoadedResponses | None = None,
    *,
    min_group_size: int | None = None,
    anonymise_organisations: bool = False,
    earlier: Sequence[LoadedRound] = (),
) -> ScoredRounds:
    """Score this round (and the baseline or the earlier rounds, each on its own bank), and
    settle the privacy rules `build_scorecard` needs.

    Options that already carry privacy rules (`verify` passes the manifest's) keep them.
    """
    scores = score_all(bank, responses.responses)
    baseline_scores = score_all(bank, baseline.responses) if baseline is not None else None
    earlier_scores = tuple(score_all(r.bank, r.loaded.responses) for r in earlier)
    if options.privacy is None:
        rounds = [scores] + ([baseline_scores] if baseline_scores is not None else [])
        options = replace(
            options,
            privacy=privacy_options(
                bank, min_group_size, anonymise_organisations, [*rounds, *earlier_scores]
            ),
        )
    return ScoredRounds(scores, baseline_scores, options, earlier_scores)


def round_scores(
    earlier: Sequence[LoadedRound],
    scored: ScoredRounds,
    bank: Questionnaire,
    responses: LoadedResponses,
    current_label: str,
) -> list[RoundScores]:
    """Every round for the trends page, the current one last; none without earlier rounds."""
    if not earlier:
        return []
    rounds = [
        RoundScores(r.label, r.bank, scores, r.loaded.responses, r.versions)
        for r, scores in zip(earlier, scored.earlier, strict=True)
    ]
    return [*rounds, RoundScores(current_label, bank, scored.scores, responses.responses)]


def skipped_lines(
    responses: LoadedResponses,
    baseline: LoadedResponses | None,
    earlier: Sequence[LoadedRound] = (),
) -> list[str]:
    """The files skipped, as the scorecard and its manifest list them."""
    lines = [str(p) for p in responses.skipped]
    lines += [from_baseline(str(p)) for p in baseline.skipped] if baseline else []
    lines += [from_round(str(p), r.label) for r in earlier for p in r.loaded.skipped]
    return [without_absolute_folders(line) for line in lines]


def note_lines(
    responses: LoadedResponses,
    baseline: LoadedResponses | None,
    workshops: Sequence[LoadedWorkshop] = (),
    earlier: Sequence[LoadedRound] = (),
) -> list[str]:
    """The loaders' notes on the files, as the scorecard and its manifest list them."""
    lines = list(responses.warnings)
    lines += [from_baseline(w) for w in baseline.warnings] if baseline else []
    lines += [from_round(w, r.label) for r in earlier for w in r.loaded.warnings]
    lines += [warning for workshop in workshops for warning in workshop.warnings]
    return [without_absolute_folders(line) for line in lines]


def render_scorecard_html(view: ScorecardView, theme: Theme) -> str:
    """The scorecard as one standalone HTML page: CSS inline, charts inline, no script; in the
    active language (the caller's `use_translations`)."""
    css = "\n".join(
        [
            theme.css_variables(),
            page_numbers_css(),  # before the theme's CSS: a theme's own page numbers win
            theme.read_file(SCORECARD_CSS),
            *theme.read_each(SCORECARD_THEME_CSS),
        ]
    )
    refuse_block_end(theme, "css", css, "</style")
    env = template_environment(theme)
    return render_template(
        env, SCORECARD_TEMPLATE, {"view": view, "css": css, "brand": theme.branding}
    )


def report_audit_trail(request: ReportRequest, view: ScorecardView) -> AuditTrail:
    """The files and manifest this report embeds (see audit.py)."""
    bank = request.bank_source or BankSource(
        request.bank,
        f"{request.bank.id}.yaml",
        yaml.safe_dump(request.bank.model_dump(mode="json"), sort_keys=False, allow_unicode=True),
    )
    withheld = ""
    if view.anonymised:
        withheld = "--anonymise-organisations: the answer files name the organisations"
        if request.workshops:
            withheld += ", and so do the workshop files"
    elif not request.attach_inputs:
        withheld = "--no-attach"
    return audit_trail(
        bank,
        request.responses,
        request.baseline,
        view,
        options=request.command_options,
        created=request.created or datetime.now(UTC),
        attach_inputs=not withheld,
        withheld_because=withheld,
        show_names=request.options.show_names,
        report_date=request.options.date,
        workshops=request.workshops,
        rounds=request.rounds,
    )


def check_output(path: Path, suffix: str) -> None:
    """Fail before the slow part when an output cannot be written where asked."""
    check_output_file(path, f"give a file name ending in {suffix}")


def write_report(request: ReportRequest, step: Callable[[str], None] = lambda _: None) -> str:
    """Render every requested output, then write each atomically: a failure keeps old files.

    Returns one line on what the outputs leave out, e.g. the PDF's attachments ("" when nothing).
    """
    outputs = chosen_outputs(request.outputs)
    for output, path in outputs:
        check_output(path, output.suffix)
    with use_translations(translations_for(request.bank.language)):  # the tool's words too
        files = render_outputs(request, outputs, step)
    step("Writing files")
    for path, file in files:
        write_atomic(path, file.data)
    return "\n".join(file.withheld for _, file in files if file.withheld)


def render_outputs(
    request: ReportRequest,
    outputs: Sequence[tuple[ScorecardOutput, Path]],
    step: Callable[[str], None],
) -> list[tuple[Path, OutputFile]]:
    """Score, build the view, render the HTML and each output's bytes, in the active language."""
    theme = load_theme(request.theme).branded(request.branding)
    options = replace(
        request.options,
        font_family=theme.fonts.get("body", request.options.font_family),
        highlight=theme.colours.get("text", request.options.highlight),
    )
    step("Scoring")
    rounds = score_rounds(
        request.bank,
        request.responses,
        options,
        request.baseline,
        min_group_size=request.min_group_size,
        anonymise_organisations=request.anonymise_organisations,
        earlier=request.rounds,
    )
    workshop = request.workshop.record if request.workshop is not None else None
    label = workshop.round_label if workshop is not None else this_round()
    step("Drawing charts")
    view = build_scorecard(
        request.bank,
        rounds.scores,
        request.responses.responses,
        rounds.options,
        baseline=rounds.baseline,
        baseline_responses=request.baseline.responses if request.baseline is not None else (),
        skipped=skipped_lines(request.responses, request.baseline, request.rounds),
        notes=note_lines(
            request.responses,
            request.baseline,
            [w for _, w in request.workshops],
            request.rounds,
        ),
        workshop=workshop,
        rounds=round_scores(request.rounds, rounds, request.bank, request.responses, label),
        round_workshops={key: w.record for key, w in request.round_workshops.items()},
    )
    step("Writing HTML")
    rendered = RenderedScorecard(
        view=view,
        html=render_scorecard_html(view, theme),
        theme=theme,
        pdf_variant=request.pdf_variant,
        audit_trail=lambda: report_audit_trail(request, view),
        step=step,
    )
    return [(path, output.render(rendered)) for output, path in outputs]
