"""The scorecard `verify` rebuilds from the files a scorecard carries: its answer files, round
by round, and its workshop files, read as `report` read them, with the manifest's options.

Design note: split from verify.py (which compares) so that each stays short; everything here
reads files from memory (attachments, or --inputs already read) and appends what it cannot
use to `problems`, verify's list, rather than raising.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from selfassess.core.errors import SelfassessError
from selfassess.core.i18n import use_translations
from selfassess.core.model import Questionnaire
from selfassess.core.privacy import PrivacyOptions
from selfassess.core.scores import Scores
from selfassess.core.scoring import score_all
from selfassess.core.trends import RoundScores
from selfassess.core.workshop import WorkshopRecord
from selfassess.inputs.branding import Branding
from selfassess.inputs.responses import LoadedResponses, load_response_data
from selfassess.inputs.rounds import LoadedRound, round_of
from selfassess.inputs.workshop import parse_workshop_data
from selfassess.pages.themes import Theme, bundled_theme_names, load_theme
from selfassess.pages.translations import translations_for
from selfassess.report.attached_files import THIS_ROUND
from selfassess.report.verify_inputs import Files
from selfassess.scorecard.build import build_scorecard
from selfassess.scorecard.options import ScorecardOptions
from selfassess.scorecard.round_wording import this_round
from selfassess.scorecard.views import ScorecardView


@dataclass(frozen=True)
class AttachedBank:
    """The scorecard's questionnaire: answers are read in its default language, as `report`
    reads them (a CSV may give the scale's labels), and the pages rebuilt in the scorecard's."""

    read: Questionnaire
    shown: Questionnaire


def derive_view(
    bank: AttachedBank, files: Files, manifest: dict[str, Any], problems: list[str]
) -> ScorecardView | None:
    """The scorecard view the inputs give, with the report's own options and privacy settings."""
    try:
        loaded = load_response_data(files.this_round, bank.read, skip_invalid=True)
        baseline = (
            load_response_data(files.baseline, bank.read, skip_invalid=True)
            if files.baseline
            else None
        )
    except SelfassessError as exc:
        problems.append(f"the attached answers cannot be scored: {exc.problems[0]}")
        return None
    for problem in _skipped(loaded) + (_skipped(baseline) if baseline else []):
        problems.append(f"an attached answer file no longer reads: {problem}")
    earlier = earlier_rounds(bank.read, files, manifest, problems)
    if earlier is None:
        return None
    banks = {THIS_ROUND: bank.read} | {name: r.bank for name, r in earlier.items()}
    workshops = read_workshops(files, banks, problems)
    if workshops is None:
        return None
    view_options = _view_options(manifest)
    scores = score_all(bank.read, loaded.responses)
    try:
        # The manifest's privacy rules (and no pseudonyms) stand: nothing is drawn again.
        with use_translations(translations_for(bank.shown.language)):  # the scorecard's
            workshop = workshops.get(THIS_ROUND)
            label = workshop.round_label if workshop is not None else this_round()
            return build_scorecard(
                bank.shown,
                scores,
                loaded.responses,
                view_options,
                baseline=score_all(bank.read, baseline.responses) if baseline is not None else None,
                baseline_responses=baseline.responses if baseline is not None else (),
                skipped=manifest.get("skipped") or [],
                notes=manifest.get("notes") or [],
                workshop=workshop,
                rounds=_all_rounds(
                    earlier, RoundScores(label, bank.shown, scores, loaded.responses)
                ),
                round_workshops={
                    r.label: workshops[name] for name, r in earlier.items() if name in workshops
                },
            )
    except SelfassessError as exc:
        problems.append(f"the manifest's options do not make a scorecard: {exc.problems[0]}")
        return None


def earlier_rounds(
    bank: Questionnaire, files: Files, manifest: dict[str, Any], problems: list[str]
) -> dict[str, LoadedRound] | None:
    """Each earlier round the manifest lists (`report --round`), read as `report` read it: on
    its own bank where its files name another version; None when one cannot be read."""
    found: dict[str, LoadedRound] = {}
    for listed in manifest.get("rounds") or []:
        name, label = listed["round"], listed["label"]
        try:
            loaded = load_response_data(files.rounds.get(name, []), bank, skip_invalid=True)
        except SelfassessError as exc:
            problems.append(f"the attached answers of round {label!r} cannot be scored: {exc}")
            return None
        for problem in _skipped(loaded):
            problems.append(f"an attached answer file no longer reads: {problem}")
        found[name] = round_of(label, loaded, bank)
    return found


def _all_rounds(earlier: dict[str, LoadedRound], current: RoundScores) -> list[RoundScores]:
    """The rounds of the trends page, scored as `report` scored them; none without any."""
    if not earlier:
        return []
    rounds = [
        RoundScores(r.label, r.bank, _scores(r), r.loaded.responses, r.versions)
        for r in earlier.values()
    ]
    return [*rounds, current]


def _scores(loaded: LoadedRound) -> Scores:
    return score_all(loaded.bank, loaded.loaded.responses)


def read_workshops(
    files: Files, banks: dict[str, Questionnaire], problems: list[str]
) -> dict[str, WorkshopRecord] | None:
    """Each workshop file read against its round's bank, by round; None when one does not read
    (or names a round the scorecard does not have)."""
    records: dict[str, WorkshopRecord] = {}
    for round_name, (name, data) in files.workshops.items():
        bank = banks.get(round_name)
        if bank is None:
            problems.append(f"{name}: the workshop file is listed for a round the manifest lacks")
            return None
        try:
            records[round_name] = parse_workshop_data(data, name, bank).record
        except SelfassessError as exc:
            problems.append(f"an attached workshop file no longer reads: {exc.problems[0]}")
            return None
    return records


def _view_options(manifest: dict[str, Any]) -> ScorecardOptions:
    """The scorecard's options as the manifest records them, and its theme's font and colour."""
    options = manifest["options"]
    privacy = manifest["privacy"]
    view_options = ScorecardOptions(
        title=options.get("title"),
        partnership=options.get("partnership"),
        show_names=bool(options.get("show_names")) and not privacy["anonymised"],
        date=_report_date(manifest),
        privacy=PrivacyOptions(
            min_group_size=privacy["min_group_size"],
            min_organisation_size=privacy["min_organisation_size"],
        ),
    )
    theme = manifest_theme(manifest)
    if theme is not None:
        view_options = replace(
            view_options,
            font_family=theme.fonts.get("body", view_options.font_family),
            highlight=theme.colours.get("text", view_options.highlight),
        )
    return view_options


def _report_date(manifest: dict[str, Any]) -> date | None:
    """The date on the cover: recorded since manifests carry report_date, else the day made."""
    text = manifest.get("report_date") or (manifest.get("created") or "")[:10]
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None


def manifest_theme(manifest: dict[str, Any]) -> Theme | None:
    """The report's theme and branding when it is a bundled theme; None for a theme folder,
    which verify does not load from a name in a file it was handed."""
    options = manifest["options"]
    name = options.get("theme") or "default"
    if name not in bundled_theme_names():
        return None
    branding = Branding(
        name=options.get("brand_name") or "", primary_colour=options.get("primary_colour") or ""
    )
    try:
        return load_theme(name).branded(branding)
    except SelfassessError:
        return None


def _skipped(loaded: LoadedResponses) -> list[str]:
    return [str(p) for p in loaded.skipped]
