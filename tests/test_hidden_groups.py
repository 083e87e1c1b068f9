"""Which breakdown groups the scorecard and the partnership page hide: core/privacy.py's
hidden_groups on the shared cases that also pin web/breakdowns.js (tests/js/breakdowns.test.js)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from selfassess.core.privacy import hidden_groups

VECTORS = Path(__file__).parent / "vectors" / "privacy" / "hidden-groups.json"
CASES: list[dict[str, Any]] = json.loads(VECTORS.read_text(encoding="utf-8"))["cases"]


@pytest.mark.parametrize("case", CASES, ids=[c["about"] for c in CASES])
def test_groups_below_k_are_hidden_with_one_complement_as_the_shared_cases_say(
    case: dict[str, Any],
) -> None:
    assert sorted(hidden_groups(case["counts"], case["k"])) == case["hidden"]


def test_the_shared_cases_cover_every_rule_the_contract_names() -> None:
    """None hidden, a complement, a tie, an empty group, two hidden, all hidden, k 1, one group."""
    assert len(CASES) >= 8
    assert any(not c["hidden"] for c in CASES)
    assert any(len(c["counts"]) == 1 for c in CASES)
    assert any(c["k"] == 1 for c in CASES)
    assert any(c["hidden"] == list(range(len(c["counts"]))) for c in CASES)
    assert any(0 in c["counts"] for c in CASES)
