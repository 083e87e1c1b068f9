"""The audit trail a scorecard PDF carries: its inputs, its questionnaire and a manifest.

A reader who doubts a number can run `selfassess verify scorecard.pdf`: it re-scores the
attached answer files with the same code and compares the result with the figures the report
printed (recorded in the manifest) and with the text of every page. Pure: the caller passes the
clock reading and the options as given.

What is attached is only what the page may show: respondents' names are taken out of the
attached answer files unless --show-names, and so is the text of every comment the page
withholds (the manifest keeps the SHA-256 of the file as read, for `verify --inputs`, and of the
copy attached); the files of organisations too small to be
shown are not attached at all (their SHA-256 stays in the manifest); and no absolute path is
written into the manifest (a folder's name says who ran the report, and where).
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import PurePath, PureWindowsPath
from typing import Any

from selfassess import __version__
from selfassess.inputs.banks import BankSource
from selfassess.inputs.responses import InputFile, LoadedResponses
from selfassess.report.attached_copies import (
    shown_roles,
    small_organisation_files,
    with_comments_withheld,
    without_names,
)
from selfassess.scorecard.breakdowns import printed_breakdowns
from selfassess.scorecard.views import Change, OrganisationScore, ScorecardView

MANIFEST_NAME = "manifest.json"
MANIFEST_FORMAT = "selfassess-scorecard-manifest/1"
THIS_ROUND = "responses"
BASELINE_ROUND = "baseline"


@dataclass(frozen=True)
class Attachment:
    """A file to embed in the PDF. `relationship` is PDF/A-3's AFRelationship."""

    name: str
    data: bytes
    description: str
    relationship: str  # "Source" for what the report was made from, "Supplement" for the manifest


@dataclass(frozen=True)
class AuditTrail:
    manifest: dict[str, Any]
    attachments: list[Attachment]  # the manifest last
    withheld: str = ""  # one line on what was left out of the attachments; "" when nothing


def audit_trail(
    bank: BankSource,
    responses: LoadedResponses,
    baseline: LoadedResponses | None,
    view: ScorecardView,
    *,
    options: Mapping[str, Any],
    created: datetime,
    attach_inputs: bool,
    withheld_because: str = "",
    show_names: bool = False,
    report_date: date | None = None,
) -> AuditTrail:
    """The manifest and the files to embed.

    The questionnaire and the manifest are always embedded. The answer files are embedded
    unless `attach_inputs` is false (--no-attach, or --anonymise-organisations: the files name
    the organisations), less what the page may not show (see the module docstring); the
    manifest still lists each file's SHA-256, so files someone holds can be checked against it.
    """
    used: set[str] = {MANIFEST_NAME}
    bank_name = unique_name(PurePath(bank.name).name or "questionnaire.yaml", used)
    question_ids = {question.id for _, question in bank.questionnaire.questions()}
    files = _AttachedFiles(view, question_ids, attach_inputs, show_names, used)
    files.add_round(THIS_ROUND, responses)
    if baseline:
        files.add_round(BASELINE_ROUND, baseline)
    manifest: dict[str, Any] = {
        "format": MANIFEST_FORMAT,
        "tool": {"name": "selfassess", "version": __version__},
        "created": created.strftime("%Y-%m-%dT%H:%M:%SZ"),
        "report_date": report_date.isoformat() if report_date else None,
        "questionnaire": {
            "id": bank.questionnaire.id,
            "version": bank.questionnaire.version,
            "file": PurePath(bank.name).name,
            "sha256": bank.sha256,
            "attachment": bank_name,
        },
        "inputs_attached": attach_inputs,
        "inputs_withheld_because": "" if attach_inputs else withheld_because,
        "inputs": files.inputs,
        "skipped": list(view.method.skipped),
        "notes": list(view.method.notes),
        "options": without_folders(options),
        "privacy": {
            "min_group_size": view.method.privacy.min_group_size,
            "min_organisation_size": view.method.privacy.min_organisation_size,
            "anonymised": view.anonymised,
        },
        "printed": printed_figures(view),
    }
    data = (json.dumps(manifest, indent=2, ensure_ascii=False) + "\n").encode("utf-8")
    questionnaire = Attachment(
        bank_name,
        bank.content,
        f"The questionnaire {bank.questionnaire.id} {bank.questionnaire.version}, as read",
        "Source",
    )
    described = Attachment(
        MANIFEST_NAME,
        data,
        "How this scorecard was made: tool, questionnaire, inputs (SHA-256), options and "
        "the figures printed. Check it with: selfassess verify",
        "Supplement",
    )
    return AuditTrail(manifest, [questionnaire, *files.attachments, described], files.withheld())


@dataclass
class _AttachedFiles:
    """The answer files' manifest entries and attachments, built up round after round."""

    view: ScorecardView
    question_ids: set[str]
    attach: bool
    show_names: bool
    used: set[str]  # attachment names taken so far
    inputs: list[dict[str, Any]] = field(default_factory=list)
    attachments: list[Attachment] = field(default_factory=list)
    hidden: int = 0  # files not attached: their organisation is too small to be shown
    unnamed: int = 0  # files attached without respondents' names
    unroled: int = 0  # ... and without roles the page does not print
    silenced: int = 0  # ... and without the comments it withholds

    @property
    def threshold(self) -> int:
        return self.view.method.privacy.min_organisation_size

    def add_round(self, round_name: str, loaded: LoadedResponses) -> None:
        """Each file of one round: its manifest entry, and its copy attached (if any)."""
        privacy = self.view.method.privacy
        small = small_organisation_files(loaded, self.threshold)
        earlier = round_name == BASELINE_ROUND
        # A role is printed beside a comment only when enough people share it; an earlier
        # round's comments are never printed, so neither are its roles.
        roles = set() if earlier else shown_roles(loaded, privacy.min_group_size)
        # Comments the page withholds (organisations of fewer than min_group_size respondents)
        # are not attached either; an earlier round's comments are never printed at all.
        quiet = (
            {file.name for file in loaded.files}
            if earlier
            else small_organisation_files(loaded, privacy.min_group_size)
        )
        for number, file in enumerate(loaded.files, start=1):
            entry = _input_entry(file, round_name, number, self.view.anonymised)
            self.inputs.append(entry)
            if not self.attach:
                continue
            if file.name in small:
                entry["withheld"] = (
                    f"answers from an organisation of fewer than {self.threshold} respondents, "
                    "which the scorecard hides"
                )
                self.hidden += 1
                continue
            self._attach(file, entry, earlier, roles, file.name in quiet)

    def _attach(
        self,
        file: InputFile,
        entry: dict[str, Any],
        earlier: bool,
        roles: set[tuple[str, str]],
        quiet: bool,
    ) -> None:
        """Attach the copy of one file the page allows, and record what was taken out."""
        ids = self.question_ids
        nameless = file.data if self.show_names else without_names(file, ids)
        unnamed = file.data if self.show_names else without_names(file, ids, roles)
        data = with_comments_withheld(unnamed, file.name) if quiet else unnamed
        if data != file.data:
            entry["attached_sha256"] = hashlib.sha256(data).hexdigest()
        self.unnamed += nameless != file.data
        self.unroled += unnamed != nameless
        self.silenced += data != unnamed
        prefix = "baseline-" if earlier else ""
        entry["attachment"] = unique_name(prefix + PurePath(file.name).name, self.used)
        description = (
            f"Answer file {entry['file']}"
            + (" (baseline round)" if earlier else "")
            + ("" if data == file.data else ", with what the scorecard withholds removed")
        )
        self.attachments.append(Attachment(entry["attachment"], data, description, "Source"))

    def withheld(self) -> str:
        """The one line on what the attachments leave out."""
        return withheld_line(
            len(self.inputs),
            self.hidden,
            self.unnamed,
            self.silenced,
            self.threshold,
            self.unroled,
        )


def withheld_line(
    total: int, hidden: int, unnamed: int, silenced: int, threshold: int, unroled: int = 0
) -> str:
    """What `report` says it left out of the attachments, in one line ("" when nothing)."""
    parts = []
    if unnamed:
        parts.append(f"respondents' names removed from {unnamed} of the attached answer files")
    if unroled:
        parts.append(f"the roles the scorecard does not print removed from {unroled} of them")
    if silenced:
        parts.append(f"the comments the scorecard does not print removed from {silenced} of them")
    if hidden:
        parts.append(
            f"{hidden} of {total} answer files not attached (organisations of fewer than "
            f"{threshold} respondents, which the scorecard hides; their SHA-256 is in the "
            "manifest, so verify needs them given with --inputs)"
        )
    return "note: " + "; ".join(parts) if parts else ""


def shown_path(path: str) -> str:
    """A path as the manifest records it: as given, but only the file's name if absolute."""
    if PurePath(path).is_absolute() or PureWindowsPath(path).is_absolute():
        return PureWindowsPath(path).name if "\\" in path else PurePath(path).name
    return path


def without_folders(options: Mapping[str, Any]) -> dict[str, Any]:
    """The command's options with every absolute path cut to its file name."""
    return {
        key: [shown_path(v) if isinstance(v, str) else v for v in value]
        if isinstance(value, list)
        else shown_path(value)
        if isinstance(value, str)
        else value
        for key, value in options.items()
    }


ABSOLUTE_FOLDER = re.compile(r"(?<![\w.~])(?:[A-Za-z]:\\|/)(?:[^/\\\s:]+[/\\])+")


def without_absolute_folders(line: str) -> str:
    """A line naming files (skipped, notes), with the folder part of absolute paths removed."""
    return ABSOLUTE_FOLDER.sub("", line)


def _input_entry(file: InputFile, round_name: str, number: int, anonymous: bool) -> dict[str, Any]:
    return {
        "round": round_name,
        # File names usually name the organisation: withheld when organisations are anonymous.
        "file": f"{round_name} file {number}{PurePath(file.name).suffix}"
        if anonymous
        else shown_path(file.name),
        "sha256": file.sha256,
        "bytes": len(file.data),
        "attachment": None,
    }


def unique_name(name: str, used: set[str]) -> str:
    """`name`, or `name-2.ext`, `name-3.ext`...: attachments are found by name."""
    path = PurePath(name)
    candidate, n = name, 1
    while candidate in used:
        n += 1
        candidate = f"{path.stem}-{n}{path.suffix}"
    used.add(candidate)
    return candidate


# ---------------------------------------------------------------- the figures a report prints


def printed_figures(view: ScorecardView) -> dict[str, Any]:
    """Every figure the scorecard prints, as printed (whole numbers as text, names as shown).

    `partnership` holds what names no organisation; `organisations` what does. Both are read
    from the view the templates lay out, so they are the page's numbers, not recomputed ones.
    """

    def organisation(o: OrganisationScore | None) -> dict[str, str] | None:
        return None if o is None else {"organisation": o.name, "score": o.score}

    partnership: dict[str, Any] = {
        "respondents": view.respondents,
        "organisations": view.organisations,
        "overall": view.overall,
        "level": view.level.label if view.level else None,
        "weakest_link": view.weakest_link.title if view.weakest_link else None,
        "principles": {
            row.id: {
                "title": row.title,
                "score": row.score,
                "level": row.level.label if row.level else None,
                "median": row.median,
                "iqr": row.iqr,
                "split": row.split,
            }
            for row in view.principles
        },
    }
    organisations: dict[str, Any] = {
        "principles": {
            row.id: {
                "lowest": organisation(row.lowest),
                "highest": organisation(row.highest),
                "spread": row.spread,
                "divergent": row.divergent,
            }
            for row in view.principles
        },
        "weakest_organisation": organisation(
            view.weakest_link.organisation if view.weakest_link else None
        ),
        "heat_maps": {
            section.id: {
                row.label: dict(zip([*section.heat_map_labels, "Score"], row.printed, strict=True))
                for row in section.heat_map.rows
            }
            for section in view.sections
        },
        "comments": {section.id: len(section.comments) for section in view.sections},
        "respondents": {o.name: o.respondents for o in view.method.organisations},
    }
    if view.breakdowns:  # only when there are some: older manifests still verify
        partnership["breakdowns"] = printed_breakdowns(view.breakdowns, view.principles)
    if view.baseline is not None:
        b = view.baseline
        partnership["baseline"] = {
            "respondents": b.respondents,
            "overall": _change(b.overall),
            "principles": {p.title: _change(p.change) for p in b.principles},
        }
        organisations["baseline"] = {
            m.name: "hidden" if m.hidden else _change(m.change) for m in b.organisation_changes
        }
    return {"partnership": partnership, "organisations": organisations}


def _change(change: Change) -> dict[str, str]:
    return {"baseline": change.before, "now": change.now, "change": change.delta}


Path = tuple[str, ...]


def differences(printed: Any, derived: Any, where: Path = ()) -> list[tuple[Path, Any, Any]]:
    """Where two printed-figure trees differ: (keys, printed, derived), in a stable order."""
    if isinstance(printed, dict) and isinstance(derived, dict):
        found = []
        for key in list(printed) + [k for k in derived if k not in printed]:
            found += differences(printed.get(key), derived.get(key), (*where, str(key)))
        return found
    return [] if printed == derived else [(where, printed, derived)]


def describe(where: Path, printed: Any, derived: Any, titles: Mapping[str, str]) -> str:
    """One difference in words: "principle 'Putting hierarchies aside', score: printed 42, ..."."""
    keys = list(where[1:])  # drop "partnership" / "organisations"
    if len(keys) >= 2 and keys[0] in ("principles", "heat_maps") and keys[1] in titles:
        what = "principle" if keys[0] == "principles" else "heat map of"
        keys = [f"{what} '{titles[keys[1]]}'", *keys[2:]]
    elif keys and keys[0] == "baseline":
        keys = ["change since the baseline", *keys[1:]]
    subject = ", ".join(k.replace("_", " ") for k in keys) or "the figures"
    return f"{subject}: printed {_said(printed)}, the inputs give {_said(derived)}"


def _said(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, dict):
        if set(value) == {"organisation", "score"}:
            return f"{value['score']} ({value['organisation']})"
        return ", ".join(f"{k} {_said(v)}" for k, v in value.items())
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)
