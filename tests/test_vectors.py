"""The shared cases in tests/vectors/: the Python scorer reproduces every expected.json."""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from vector_expectations import expected_of

from selfassess.cli import cli

VECTORS = Path(__file__).parent / "vectors"
CASES = sorted(p for p in VECTORS.iterdir() if (p / "expected.json").is_file())


def assert_matches(actual: Any, expected: Any, where: str = "") -> None:
    """Equal structure and values; floats to 1e-9."""
    if isinstance(expected, dict):
        assert isinstance(actual, dict), where
        assert list(actual) == list(expected), f"{where}: keys {list(actual)} != {list(expected)}"
        for key in expected:
            assert_matches(actual[key], expected[key], f"{where}.{key}")
    elif isinstance(expected, list):
        assert isinstance(actual, list) and len(actual) == len(expected), where
        for i, (a, e) in enumerate(zip(actual, expected, strict=True)):
            assert_matches(a, e, f"{where}[{i}]")
    elif isinstance(expected, float | int) and not isinstance(expected, bool):
        assert isinstance(actual, float | int) and not isinstance(actual, bool), where
        assert math.isclose(actual, expected, rel_tol=0, abs_tol=1e-9), (
            f"{where}: {actual} != {expected}"
        )
    else:
        assert actual == expected, f"{where}: {actual!r} != {expected!r}"


def test_there_are_enough_shared_cases() -> None:
    assert len(CASES) >= 43


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_python_scorer_reproduces_the_shared_case(
    case: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(case)
    files = sorted(str(p.relative_to(case)) for p in (case / "responses").iterdir())
    result = CliRunner().invoke(
        cli, ["score", "--questionnaire", "bank.yaml", "--format", "json", *files]
    )
    assert result.exit_code == 0, result.output
    expected = expected_of(case)
    assert_matches(json.loads(result.stdout), expected)
