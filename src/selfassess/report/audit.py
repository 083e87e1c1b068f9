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

import csv
import hashlib
import io
import json
import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import PurePath, PureWindowsPath
from typing import Any

from selfassess import __version__
from selfassess.core.model import QuestionnaireRef, Respondent, Response
from selfassess.core.scoring import organisation_of
from selfassess.inputs.banks import BankSource
from selfassess.inputs.response_csv import csv_delimiter, decode_csv
from selfassess.inputs.responses import InputFile, LoadedResponses
from selfassess.scorecard.view import Change, OrganisationScore, ScorecardView

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
    anonymous = view.anonymised
    used: set[str] = {MANIFEST_NAME}
    bank_name = unique_name(PurePath(bank.name).name or "questionnaire.yaml", used)
    attachments = [
        Attachment(
            bank_name,
            bank.content,
            f"The questionnaire {bank.questionnaire.id} {bank.questionnaire.version}, as read",
            "Source",
        )
    ]
    inputs = []
    threshold = view.method.privacy.min_organisation_size
    hidden_files = 0
    unnamed_files = 0
    unroled_files = 0
    silenced_files = 0
    rounds = [(THIS_ROUND, responses)] + ([(BASELINE_ROUND, baseline)] if baseline else [])
    for round_name, loaded in rounds:
        small = small_organisation_files(loaded, threshold)
        # A role is printed beside a comment only when enough people share it; an earlier
        # round's comments are never printed, so neither are its roles.
        roles = (
            set()
            if round_name == BASELINE_ROUND
            else shown_roles(loaded, view.method.privacy.min_group_size)
        )
        # Comments the page withholds (organisations of fewer than min_group_size respondents)
        # are not attached either; an earlier round's comments are never printed at all.
        quiet = (
            {file.name for file in loaded.files}
            if round_name == BASELINE_ROUND
            else small_organisation_files(loaded, view.method.privacy.min_group_size)
        )
        question_ids = {question.id for _, question in bank.questionnaire.questions()}
        for number, file in enumerate(loaded.files, start=1):
            entry = _input_entry(file, round_name, number, anonymous)
            inputs.append(entry)
            if not attach_inputs:
                continue
            if file.name in small:
                entry["withheld"] = (
                    f"answers from an organisation of fewer than {threshold} respondents, "
                    "which the scorecard hides"
                )
                hidden_files += 1
                continue
            nameless = file.data if show_names else without_names(file, question_ids)
            unnamed = file.data if show_names else without_names(file, question_ids, roles)
            data = with_comments_withheld(unnamed, file.name) if file.name in quiet else unnamed
            if data != file.data:
                entry["attached_sha256"] = hashlib.sha256(data).hexdigest()
            unnamed_files += nameless != file.data
            unroled_files += unnamed != nameless
            silenced_files += data != unnamed
            prefix = "baseline-" if round_name == BASELINE_ROUND else ""
            entry["attachment"] = unique_name(prefix + PurePath(file.name).name, used)
            attachments.append(
                Attachment(
                    entry["attachment"],
                    data,
                    f"Answer file {entry['file']}"
                    + (" (baseline round)" if round_name == BASELINE_ROUND else "")
                    + ("" if data == file.data else ", with what the scorecard withholds removed"),
                    "Source",
                )
            )
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
        "inputs": inputs,
        "skipped": list(view.method.skipped),
        "notes": list(view.method.notes),
        "options": without_folders(options),
        "privacy": {
            "min_group_size": view.method.privacy.min_group_size,
            "min_organisation_size": view.method.privacy.min_organisation_size,
            "anonymised": anonymous,
        },
        "printed": printed_figures(view),
    }
    data = (json.dumps(manifest, indent=2, ensure_ascii=False) + "\n").encode("utf-8")
    attachments.append(
        Attachment(
            MANIFEST_NAME,
            data,
            "How this scorecard was made: tool, questionnaire, inputs (SHA-256), options and "
            "the figures printed. Check it with: selfassess verify",
            "Supplement",
        )
    )
    return AuditTrail(
        manifest,
        attachments,
        withheld_line(
            len(inputs), hidden_files, unnamed_files, silenced_files, threshold, unroled_files
        ),
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


def small_organisation_files(loaded: LoadedResponses, threshold: int) -> set[str]:
    """The files holding any answer from an organisation the scorecard hides (fewer than
    `threshold` respondents in this round)."""
    counts: dict[str, int] = {}
    for sourced in loaded.responses:
        name = organisation_of(sourced.response.respondent.organisation)
        counts[name] = counts.get(name, 0) + 1
    names = {file.name for file in loaded.files}
    small = set()
    for sourced in loaded.responses:
        if counts[organisation_of(sourced.response.respondent.organisation)] < threshold:
            # a CSV row's source is "file#row"
            small.add(
                sourced.source if sourced.source in names else sourced.source.rsplit("#", 1)[0]
            )
    return small


WITHHELD_COMMENT = "(withheld: the scorecard does not print this comment)"


def with_comments_withheld(data: bytes, name: str) -> bytes:
    """An answer file with each comment's text replaced by WITHHELD_COMMENT: for comments the
    page withholds. Keys stay, so the scorecard rebuilt from it counts the same withheld
    comments; a CSV holds no comments."""
    if name.lower().endswith(".csv"):
        return data
    answers = json.loads(data.decode("utf-8-sig"))
    comments = answers.get("comments") if isinstance(answers, dict) else None
    if not isinstance(comments, dict) or not any(
        isinstance(text, str) and text.strip() for text in comments.values()
    ):
        return data
    answers["comments"] = {
        key: WITHHELD_COMMENT if isinstance(text, str) and text.strip() else text
        for key, text in comments.items()
    }
    return (json.dumps(answers, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


def shown_roles(loaded: LoadedResponses, threshold: int) -> set[tuple[str, str]]:
    """The (organisation, role casefolded) pairs the page may print: those that at least
    `threshold` of the organisation's respondents gave, as the comments section counts them."""
    counts: dict[tuple[str, str], int] = {}
    for sourced in loaded.responses:
        key = _role_key(sourced.response.respondent.organisation, sourced.response.respondent.role)
        if key is not None:
            counts[key] = counts.get(key, 0) + 1
    return {key for key, count in counts.items() if count >= threshold}


def _role_key(organisation: str | None, role: str | None) -> tuple[str, str] | None:
    role = (role or "").strip()
    return (organisation_of(organisation), role.casefold()) if role else None


def without_names(
    file: InputFile, question_ids: Collection[str], roles: set[tuple[str, str]] | None = None
) -> bytes:
    """The answer file as attached without --show-names: only what the reader uses, less the
    respondents' `name` and, when `roles` is given, each `role` the page may not print.

    JSON keeps the keys of the response model (an `email` beside the name, or a `contact` at
    the top, would otherwise ride along into the PDF); a CSV keeps its organisation, role and
    question columns. A CSV is read as the loader reads it (UTF-8 or Windows-1252, comma or
    semicolon) and attached as UTF-8 with commas, so the rebuilt scorecard reads the same
    answers."""
    if file.name.lower().endswith(".csv"):
        return _csv_without_names(file, question_ids, roles)
    answers = json.loads(file.data.decode("utf-8-sig"))
    if not isinstance(answers, dict):
        return file.data
    kept = {key: value for key, value in answers.items() if key in Response.model_fields}
    for key, model, drop in (
        ("respondent", Respondent, {"name"}),
        ("questionnaire", QuestionnaireRef, set()),
    ):
        if isinstance(kept.get(key), dict):
            kept[key] = {
                k: v for k, v in kept[key].items() if k in model.model_fields and k not in drop
            }
    respondent = kept.get("respondent")
    if (
        roles is not None
        and isinstance(respondent, dict)
        and isinstance(respondent.get("role"), str)
    ):
        organisation = respondent.get("organisation")
        pair = _role_key(
            organisation if isinstance(organisation, str) else None, respondent["role"]
        )
        if pair is not None and pair not in roles:
            del respondent["role"]
    if kept == answers:
        return file.data
    return (json.dumps(kept, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


def _csv_without_names(
    file: InputFile, question_ids: Collection[str], roles: set[tuple[str, str]] | None
) -> bytes:
    text = decode_csv(file.data, file.name, [])
    delimiter = csv_delimiter(text)
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    if not rows:
        return file.data
    header = [cell.strip() for cell in rows[0]]
    used = {"organisation", "role", *question_ids}
    keep = [i for i, cell in enumerate(header) if cell in used]
    changed = len(keep) < len(header)
    org = header.index("organisation") if "organisation" in header else None
    role = header.index("role") if "role" in header else None
    if roles is not None and role is not None:
        for row in rows[1:]:
            given = row[org] if org is not None and org < len(row) else None
            key = _role_key(given, row[role] if role < len(row) else "")
            if key is not None and key not in roles:
                row[role] = ""
                changed = True
    if not changed and delimiter == "," and file.data == text.encode("utf-8"):
        return file.data
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerows([[row[i] for i in keep if i < len(row)] for row in rows])
    return out.getvalue().encode("utf-8")


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
                row.label: dict(
                    zip([q.label for q in section.questions] + ["Score"], row.printed, strict=True)
                )
                for row in section.heat_map.rows
            }
            for section in view.sections
        },
        "comments": {section.id: len(section.comments) for section in view.sections},
        "respondents": {o.name: o.respondents for o in view.method.organisations},
    }
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
