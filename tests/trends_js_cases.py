"""The trends vectors as plain JSON for node (tests/js/trends.test.js), which cannot read YAML.

Each case is a vector of tests/vectors/trends/: the bank as the partnership page carries it
(page_bank_data), its rounds oldest first, each with its label and its answer files' bytes
(base64, so node reads them through responses.js as the page does), and expected.json. Run as
a script it prints the cases, which is how the node test finds them when pytest did not hand
them over (`node --test tests/js/` by hand, or tests/test_scoring_js.py's run of the folder).
"""

from __future__ import annotations

import base64
import json
from pathlib import Path
from typing import Any

from selfassess.inputs.banks import load_questionnaire
from selfassess.pages.page_shell import page_bank_data

TRENDS = Path(__file__).parent / "vectors" / "trends"


def vector_folders() -> list[Path]:
    """Every trends vector, in name order."""
    return sorted(p for p in TRENDS.iterdir() if (p / "expected.json").is_file())


def round_files(folder: Path) -> list[dict[str, str]]:
    """A round's answer files as the page picks them: name and bytes, in name order."""
    files = sorted(p for p in folder.rglob("*") if p.is_file())
    return [
        {"name": p.name, "bytes": base64.b64encode(p.read_bytes()).decode("ascii")} for p in files
    ]


def trends_cases() -> list[dict[str, Any]]:
    """One case per vector: bank, rounds (label, files) and the expected trends object."""
    cases = []
    for folder in vector_folders():
        rounds = json.loads((folder / "rounds.json").read_text(encoding="utf-8"))
        cases.append(
            {
                "name": folder.name,
                "bank": page_bank_data(load_questionnaire(folder / "bank.yaml")),
                "rounds": [
                    {"label": r["label"], "files": round_files(folder / r["dir"])} for r in rounds
                ],
                "expected": json.loads((folder / "expected.json").read_text(encoding="utf-8")),
            }
        )
    return cases


if __name__ == "__main__":
    print(json.dumps(trends_cases()))
