"""What a shared case in tests/vectors/ expects `score --format json` to print.

Cases 01-32 were written before banks could say how they are scored (#16), and their
expected.json files stay exactly as written: every figure in them still holds. What #16 added
to the JSON of such a bank is fixed, so it is filled in here: `questionnaire.scoring` with the
defaults as applied, and an empty `groups` beside every `principles` of a respondent, an
organisation and the partnership. A case that names them (33 on) is read as it is.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

DEFAULT_SCORING = {
    "aggregate": "organisations",
    "display": "percent",
    "min": 0,
    "max": 100,
    "overall": True,
    "weakest_link": True,
}


def _with_groups(figures: dict[str, Any]) -> dict[str, Any]:
    """`groups: {}` inserted right after `principles`, where the JSON puts it."""
    if "groups" in figures:
        return figures
    out: dict[str, Any] = {}
    for key, value in figures.items():
        out[key] = value
        if key == "principles":
            out["groups"] = {}
    return out


def with_scoring_defaults(expected: dict[str, Any]) -> dict[str, Any]:
    if "scoring" in expected["questionnaire"]:
        return expected
    return {
        "questionnaire": {**expected["questionnaire"], "scoring": dict(DEFAULT_SCORING)},
        "respondents": [_with_groups(r) for r in expected["respondents"]],
        "organisations": {n: _with_groups(o) for n, o in expected["organisations"].items()},
        "partnership": _with_groups(expected["partnership"]),
    }


def expected_of(case: Path) -> dict[str, Any]:
    """The case's expected.json, with #16's defaults where it was written before them."""
    return with_scoring_defaults(json.loads((case / "expected.json").read_text(encoding="utf-8")))
