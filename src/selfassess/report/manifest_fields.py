"""The scorecard manifest's fields as `verify` reads them, each checked for type and range
before any is used: a manifest comes inside a PDF from anyone (audit.py writes it).

Pure: a parsed JSON document in, one sentence per field that is wrong out.
"""

from __future__ import annotations

import json
from typing import Any

TEXT, FLAG, COUNT, MAP, LIST = "text", "true or false", "a whole number of 1 or more", "{}", "[]"
KINDS: dict[str, tuple[type, ...]] = {
    TEXT: (str,),
    FLAG: (bool,),
    COUNT: (int,),
    MAP: (dict,),
    LIST: (list,),
}
# Each field verify reads: (path, kind, may it be missing or null?). "*" is each item of a list.
MANIFEST_FIELDS: tuple[tuple[str, str, bool], ...] = (
    ("questionnaire", MAP, False),
    ("questionnaire.attachment", TEXT, False),
    ("questionnaire.sha256", TEXT, False),
    ("inputs_attached", FLAG, False),
    ("inputs_withheld_because", TEXT, True),
    ("inputs", LIST, False),
    ("inputs.*", MAP, False),
    ("inputs.*.round", TEXT, False),
    ("inputs.*.file", TEXT, False),
    ("inputs.*.sha256", TEXT, False),
    ("inputs.*.attachment", TEXT, True),
    ("inputs.*.attached_sha256", TEXT, True),
    ("inputs.*.withheld", TEXT, True),
    ("rounds", LIST, True),  # scorecards made with --round (#18): the earlier rounds in order
    ("rounds.*", MAP, False),
    ("rounds.*.round", TEXT, False),
    ("rounds.*.label", TEXT, False),
    ("workshops", LIST, True),  # scorecards made with --workshop or --round-workshop (#18)
    ("workshops.*", MAP, False),
    ("workshops.*.round", TEXT, False),
    ("workshops.*.file", TEXT, False),
    ("workshops.*.sha256", TEXT, False),
    ("workshops.*.attachment", TEXT, True),
    ("options", MAP, False),
    ("options.title", TEXT, True),
    ("options.partnership", TEXT, True),
    ("options.show_names", FLAG, True),
    ("options.theme", TEXT, True),
    ("options.brand_name", TEXT, True),
    ("options.primary_colour", TEXT, True),
    ("options.pdf_variant", TEXT, True),
    ("privacy", MAP, False),
    ("privacy.min_group_size", COUNT, False),
    ("privacy.min_organisation_size", COUNT, False),
    ("privacy.anonymised", FLAG, False),
    ("printed", MAP, False),
    ("skipped", LIST, True),
    ("skipped.*", TEXT, False),
    ("notes", LIST, True),
    ("notes.*", TEXT, False),
    ("report_date", TEXT, True),
    ("language", TEXT, True),  # missing in scorecards made before #17: the bank's default
    ("created", TEXT, True),
)


def manifest_problems(manifest: dict[str, Any]) -> list[str]:
    """Each field of the manifest that is missing, of the wrong type or out of range."""
    problems = []
    for path, kind, optional in MANIFEST_FIELDS:
        for where, value in _values_at(manifest, path.split(".")):
            if value is None:
                if not optional:
                    problems.append(f"{where} is missing; expected {_kind_name(kind)}")
                continue
            bad = not isinstance(value, KINDS[kind])
            if kind == COUNT:
                bad = isinstance(value, bool) or not isinstance(value, int) or value < 1
            if bad:
                problems.append(f"{where} should be {_kind_name(kind)}, not {_shown(value)}")
    return problems


def _values_at(node: Any, keys: list[str], where: str = "") -> list[tuple[str, Any]]:
    """The values at a dotted path ("inputs.*.sha256"), each with where it is; parents that are
    missing or of the wrong type yield nothing (they are reported at their own path)."""
    if not keys:
        return [(where, node)]
    key, rest = keys[0], keys[1:]
    if key == "*":
        if not isinstance(node, list):
            return []
        return [
            found
            for i, item in enumerate(node)
            for found in _values_at(item, rest, f"{where}[{i}]")
        ]
    if not isinstance(node, dict):
        return []
    return _values_at(node.get(key), rest, f"{where}.{key}" if where else key)


def _kind_name(kind: str) -> str:
    return {MAP: "a table of fields", LIST: "a list"}.get(kind, kind)


def _shown(value: Any) -> str:
    if isinstance(value, str):
        return repr(value[:40])
    if isinstance(value, dict | list):
        return "a table of fields" if isinstance(value, dict) else "a list"
    return json.dumps(value)
