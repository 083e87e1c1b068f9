"""The answer files a scorecard carries, round after round: each file's manifest entry, and
the copy attached, less what the page may not show (attached_copies.py does each cut).
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import PurePath, PureWindowsPath
from typing import Any

from selfassess.core.model import Questionnaire
from selfassess.inputs.responses import InputFile, LoadedResponses
from selfassess.inputs.workshop import LoadedWorkshop
from selfassess.report.attached_copies import (
    background_to_withhold,
    files_revealing_hidden_groups,
    shown_roles,
    small_organisation_files,
    with_comments_withheld,
    with_text_answers_withheld,
    withheld_line,
    without_background,
    without_names,
)
from selfassess.scorecard.views import ScorecardView

MANIFEST_NAME = "manifest.json"
MANIFEST_FORMAT = "selfassess-scorecard-manifest/1"
THIS_ROUND = "responses"
BASELINE_ROUND = "baseline"
WORKSHOP_PREFIX = "workshop-"


def earlier_round_name(number: int) -> str:
    """The manifest's name for the earlier round `number` (1: the oldest) given with --round;
    its label is untrusted text, so it names neither entries nor attachments alone."""
    return f"round-{number}"


def label_prefix(label: str, number: int) -> str:
    """The start of an earlier round's attachment names: its label in plain letters and digits
    ("may-2026-"), never a path, quote or control character; "round-N-" when none is left."""
    slug = re.sub(r"[^a-z0-9]+", "-", label.lower()).strip("-")[:40].strip("-")
    return f"{slug or earlier_round_name(number)}-"


@dataclass(frozen=True)
class Attachment:
    """A file to embed in the PDF. `relationship` is PDF/A-3's AFRelationship."""

    name: str
    data: bytes
    description: str
    relationship: str  # "Source" for what the report was made from, "Supplement" for the manifest


@dataclass
class AttachedFiles:
    """The answer files' manifest entries and attachments, built up round after round."""

    view: ScorecardView
    bank: Questionnaire
    attach: bool
    show_names: bool
    used: set[str]  # attachment names taken so far
    inputs: list[dict[str, Any]] = field(default_factory=list)
    workshops: list[dict[str, Any]] = field(default_factory=list)  # the workshop files' entries
    attachments: list[Attachment] = field(default_factory=list)
    hidden: int = 0  # files not attached: their organisation is too small to be shown
    unnamed: int = 0  # files attached without respondents' names
    unroled: int = 0  # ... and without roles the page does not print
    silenced: int = 0  # ... and without the comments it withholds
    untexted: int = 0  # ... and without the free-text answers it does not print
    unbackgrounded: int = 0  # ... and without the answers about the respondent it hides
    revealing: int = 0  # files not attached: they say who is in a hidden group, scores need it
    background: dict[str, frozenset[str]] = field(default_factory=dict)  # by response source
    role_tokens: dict[str, str] | None = None  # with earlier rounds: role -> its stand-in
    printed_roles: set[tuple[str, str]] = field(default_factory=set)  # printed this round

    @property
    def question_ids(self) -> set[str]:
        return {question.id for question in self.bank.all_questions()}

    def text_withheld(self, quiet: bool) -> set[str]:
        """Free text the page never prints (background text questions), and, where it
        withholds comments, the text questions in principles (printed as comments are)."""
        texts = {q.id for q in self.bank.background if q.type == "text"}
        return texts | (
            {q.id for _, q in self.bank.questions() if q.type == "text"} if quiet else set()
        )

    @property
    def threshold(self) -> int:
        return self.view.method.privacy.min_organisation_size

    def add_round(
        self, round_name: str, loaded: LoadedResponses, label: str = "", prefix: str = ""
    ) -> None:
        """Each file of one round: its manifest entry, and its copy attached (if any), its name
        starting `prefix` ("baseline-" for the baseline; an earlier round's from its label)."""
        privacy = self.view.method.privacy
        small = small_organisation_files(loaded, self.threshold)
        earlier = round_name != THIS_ROUND
        if round_name == BASELINE_ROUND:
            prefix, label = "baseline-", ""
        # A role is printed beside a comment only when enough people share it; an earlier
        # round's comments are never printed, so neither are its roles. With earlier rounds
        # (--round) the roles are compared from round to round (the trends page's note), so
        # the roles printed this round are kept in every round and the rest replaced by
        # stand-ins that are the same wherever the role is (role_token).
        if earlier:
            roles = self.printed_roles if self.role_tokens is not None else set()
        else:
            roles = self.printed_roles = shown_roles(loaded, privacy.min_group_size)
        # Comments the page withholds (organisations of fewer than min_group_size respondents)
        # are not attached either; an earlier round's comments are never printed at all.
        quiet = (
            {file.name for file in loaded.files}
            if earlier
            else small_organisation_files(loaded, privacy.min_group_size)
        )
        self.background = background_to_withhold(self.bank, loaded, self.view, earlier=earlier)
        revealing = files_revealing_hidden_groups(self.bank, loaded, self.view, earlier=earlier)
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
            if file.name in revealing:
                entry["withheld"] = (
                    "answers about the respondent in a group the scorecard hides, which its "
                    "scores need"
                )
                self.revealing += 1
                continue
            self._attach(
                file, entry, (prefix, label) if earlier else None, roles, file.name in quiet
            )

    def _attach(
        self,
        file: InputFile,
        entry: dict[str, Any],
        earlier: tuple[str, str] | None,  # (prefix, label) of an earlier round
        roles: set[tuple[str, str]],
        quiet: bool,
    ) -> None:
        """Attach the copy of one file the page allows, and record what was taken out."""
        ids = self.question_ids
        nameless = file.data if self.show_names else without_names(file, ids)
        unnamed = (
            file.data if self.show_names else without_names(file, ids, roles, self.role_tokens)
        )
        quieted = with_comments_withheld(unnamed, file.name) if quiet else unnamed
        texted = with_text_answers_withheld(quieted, file.name, self.text_withheld(quiet))
        data = without_background(texted, file.name, self.background)
        if data != file.data:
            entry["attached_sha256"] = hashlib.sha256(data).hexdigest()
        self.unnamed += nameless != file.data
        self.unroled += unnamed != nameless
        self.silenced += quieted != unnamed
        self.untexted += texted != quieted
        self.unbackgrounded += data != texted
        prefix, label = earlier or ("", "")
        entry["attachment"] = unique_name(prefix + PurePath(file.name).name, self.used)
        which = f" (round {label!r})" if label else " (baseline round)" if earlier else ""
        description = (
            f"Answer file {entry['file']}"
            + which
            + ("" if data == file.data else ", with what the scorecard withholds removed")
        )
        self.attachments.append(Attachment(entry["attachment"], data, description, "Source"))

    def add_workshop(self, round_name: str, loaded: LoadedWorkshop) -> dict[str, Any]:
        """A workshop file: its manifest entry, and the file attached as read (the page prints
        what it records), unless the inputs are withheld (it names organisations too)."""
        number = len(self.workshops) + 1
        entry = _input_entry(loaded.file, round_name, number, self.view.anonymised)
        if self.view.anonymised:  # its name may name an organisation, as answer files' do
            entry["file"] = f"workshop file {number}{PurePath(loaded.file.name).suffix}"
        self.workshops.append(entry)
        if self.attach:
            name = WORKSHOP_PREFIX + PurePath(loaded.file.name).name
            entry["attachment"] = unique_name(name, self.used)
            description = f"Workshop record {entry['file']}"
            self.attachments.append(
                Attachment(entry["attachment"], loaded.file.data, description, "Source")
            )
        return entry

    def withheld(self) -> str:
        """The one line on what the attachments leave out."""
        return withheld_line(
            len(self.inputs),
            self.hidden,
            self.unnamed,
            self.silenced,
            self.threshold,
            self.unroled,
            self.untexted,
            self.unbackgrounded,
            self.revealing,
        )


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


def shown_path(path: str) -> str:
    """A path as the manifest records it: as given, but only the file's name if absolute."""
    if PurePath(path).is_absolute() or PureWindowsPath(path).is_absolute():
        return PureWindowsPath(path).name if "\\" in path else PurePath(path).name
    return path
