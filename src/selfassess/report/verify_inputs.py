"""The answer files `verify` rebuilds a scorecard from: the attached ones, each checked against
the SHA-256 the manifest gives, or those given with --inputs, matched to the manifest by it.

Each function appends what it finds wrong to `problems` (verify's list) and returns the files
it could use, this round's and the baseline's.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from typing import Any

from selfassess.report.attached_files import BASELINE_ROUND
from selfassess.report.audit import MANIFEST_NAME

Files = tuple[list[tuple[str, bytes]], list[tuple[str, bytes]]]  # this round, baseline


def attached_inputs(
    entries: list[dict[str, Any]],
    attachments: dict[str, bytes],
    manifest: dict[str, Any],
    problems: list[str],
) -> Files:
    """The attached answer files, each checked against the SHA-256 of what was attached (names
    removed, unless --show-names) or, for older manifests, of the file as read."""
    files: Files = ([], [])
    expected = {MANIFEST_NAME, manifest["questionnaire"]["attachment"]}
    for entry in entries:
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
        _round_of(files, entry).append((name, data))
    for name in sorted(set(attachments) - expected):
        problems.append(f"an attachment the manifest does not list: {name}")
    return files


def _round_of(files: Files, entry: dict[str, Any]) -> list[tuple[str, bytes]]:
    return files[1] if entry["round"] == BASELINE_ROUND else files[0]


def given_inputs(
    entries: list[dict[str, Any]], inputs: Sequence[tuple[str, bytes]], problems: list[str]
) -> Files:
    """Files given with --inputs, matched to the manifest by their SHA-256 as read."""
    by_hash = {hashlib.sha256(data).hexdigest(): (name, data) for name, data in inputs}
    files: Files = ([], [])
    missing = []
    for entry in entries:
        found = by_hash.pop(entry["sha256"], None)
        if found is None:
            missing.append(str(entry["file"]))
            continue
        _round_of(files, entry).append(found)  # its own name: .csv or .json decides the reader
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
