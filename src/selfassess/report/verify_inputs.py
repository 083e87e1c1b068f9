"""The answer files `verify` rebuilds a scorecard from: the attached ones, each checked against
the SHA-256 the manifest gives, or those given with --inputs, matched to the manifest by it.

Each function appends what it finds wrong to `problems` (verify's list) and returns the files
it could use, round by round (this round's, the baseline's, each earlier round's), and the
workshop files by the round they record.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from selfassess.report.attached_files import BASELINE_ROUND, THIS_ROUND
from selfassess.report.audit import MANIFEST_NAME

Named = tuple[str, bytes]  # a file's name (its suffix decides the reader) and its bytes


@dataclass
class Files:
    """The files verify rebuilds from, by the manifest's round names ("responses", ...)."""

    rounds: dict[str, list[Named]] = field(default_factory=dict)
    workshops: dict[str, Named] = field(default_factory=dict)

    @property
    def this_round(self) -> list[Named]:
        return self.rounds.get(THIS_ROUND, [])

    @property
    def baseline(self) -> list[Named]:
        return self.rounds.get(BASELINE_ROUND, [])

    @property
    def count(self) -> int:
        """How many files, answer and workshop files alike."""
        return sum(len(files) for files in self.rounds.values()) + len(self.workshops)

    def add(self, entry: dict[str, Any], found: Named, workshop: bool) -> None:
        """File one found file under its round."""
        if workshop:
            self.workshops[entry["round"]] = found
        else:
            self.rounds.setdefault(entry["round"], []).append(found)


def workshop_entries(manifest: dict[str, Any]) -> list[dict[str, Any]]:
    """The manifest's workshop files (none in scorecards made without --workshop)."""
    return list(manifest.get("workshops") or [])


def attached_inputs(
    entries: list[dict[str, Any]],
    attachments: dict[str, bytes],
    manifest: dict[str, Any],
    problems: list[str],
) -> Files:
    """The attached answer files, each checked against the SHA-256 of what was attached (names
    removed, unless --show-names) or, for older manifests, of the file as read."""
    files = Files()
    expected = {MANIFEST_NAME, manifest["questionnaire"]["attachment"]}
    workshops = workshop_entries(manifest)
    for number, entry in enumerate([*entries, *workshops]):
        name = entry.get("attachment")
        if name is None:
            if not entry.get("withheld"):
                problems.append(f"{entry['file']}: listed without an attachment")
            continue
        if name in expected:
            problems.append(
                f"{entry['file']}: its attachment {name} is listed for another file too"
            )
            continue
        expected.add(name)
        data = attachments.get(name)
        if data is None:
            problems.append(f"{entry['file']}: missing attachment {name}")
            continue
        if hashlib.sha256(data).hexdigest() != entry.get("attached_sha256", entry["sha256"]):
            problems.append(
                f"{entry['file']}: the attached file differs from the one the report was "
                f"made from (SHA-256 mismatch in {name})"
            )
        files.add(entry, (name, data), number >= len(entries))
    for name in sorted(set(attachments) - expected):
        problems.append(f"an attachment the manifest does not list: {name}")
    return files


def given_inputs(
    entries: list[dict[str, Any]],
    inputs: Sequence[tuple[str, bytes]],
    problems: list[str],
    workshops: Sequence[dict[str, Any]] = (),
) -> Files:
    """Files given with --inputs (answer and workshop files), matched to the manifest by their
    SHA-256 as read."""
    by_hash = {hashlib.sha256(data).hexdigest(): (name, data) for name, data in inputs}
    files = Files()
    missing = []
    for number, entry in enumerate([*entries, *workshops]):
        found = by_hash.pop(entry["sha256"], None)
        if found is None:
            missing.append(str(entry["file"]))
            continue
        files.add(entry, found, number >= len(entries))  # its own name: .csv or .json decides
    if missing:
        problems.append(
            f"{len(missing)} of the files the report was made from are not among those given: "
            + _some(missing)
        )
    if by_hash:
        problems.append(
            f"{len(by_hash)} of the files given are not among those the report was made from: "
            + _some([name for name, _ in by_hash.values()])
        )
    return files


def _some(names: list[str], shown: int = 3) -> str:
    more = f" and {len(names) - shown} more" if len(names) > shown else ""
    return ", ".join(names[:shown]) + more
