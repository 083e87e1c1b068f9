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

import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import PurePath
from typing import Any

from selfassess import __version__
from selfassess.inputs.banks import BankSource
from selfassess.inputs.responses import LoadedResponses
from selfassess.inputs.rounds import LoadedRound
from selfassess.inputs.workshop import LoadedWorkshop
from selfassess.report.attached_files import (
    BASELINE_ROUND,
    MANIFEST_FORMAT,
    THIS_ROUND,
    AttachedFiles,
    Attachment,
    earlier_round_name,
    label_prefix,
    shown_path,
    unique_name,
)
from selfassess.scorecard.breakdowns import printed_breakdowns
from selfassess.scorecard.views import Change, OrganisationScore, ScorecardView

MANIFEST_NAME = "manifest.json"


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
    workshops: Sequence[tuple[str, LoadedWorkshop]] = (),
    rounds: Sequence[LoadedRound] = (),
) -> AuditTrail:
    """The manifest and the files to embed.

    The questionnaire and the manifest are always embedded. The answer files are embedded
    unless `attach_inputs` is false (--no-attach, or --anonymise-organisations: the files name
    the organisations), less what the page may not show (see the module docstring); the
    manifest still lists each file's SHA-256, so files someone holds can be checked against it.
    """
    used: set[str] = {MANIFEST_NAME}
    bank_name = unique_name(PurePath(bank.name).name or "questionnaire.yaml", used)
    files = AttachedFiles(view, bank.questionnaire, attach_inputs, show_names, used)
    if rounds:
        files.role_tokens = {}
    files.add_round(THIS_ROUND, responses)
    if baseline:
        files.add_round(BASELINE_ROUND, baseline)
    listed = []  # the earlier rounds, oldest first: the manifest's names and their labels
    for number, earlier in enumerate(rounds, start=1):
        name = earlier_round_name(number)
        files.add_round(name, earlier.loaded, earlier.label, label_prefix(earlier.label, number))
        listed.append({"round": name, "label": earlier.label})
    for round_name, workshop in workshops:
        files.add_workshop(round_name, workshop)
    manifest: dict[str, Any] = {
        "format": MANIFEST_FORMAT,
        "tool": {"name": "selfassess", "version": __version__},
        "created": created.strftime("%Y-%m-%dT%H:%M:%SZ"),
        "report_date": report_date.isoformat() if report_date else None,
        "language": view.language,  # the scorecard's: verify rebuilds it in this language
        "questionnaire": {
            "id": bank.questionnaire.id,
            "version": bank.questionnaire.version,
            "file": PurePath(bank.name).name,
            "sha256": bank.sha256,
            "attachment": bank_name,
        },
        "inputs_attached": attach_inputs,
        "inputs_withheld_because": "" if attach_inputs else withheld_because,
        **({"rounds": listed} if listed else {}),
        "inputs": files.inputs,
        **({"workshops": files.workshops} if files.workshops else {}),
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
