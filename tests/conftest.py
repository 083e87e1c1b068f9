from __future__ import annotations

from pathlib import Path

import pytest

from selfassess.pages.starter_bank import STARTER_BANK

# The browser fixtures (browser, context, requests) for every module that drives Chromium, and
# the scorecards made once per run (scorecards) for every module that reads one, and the
# layouts and read-backs of scorecard pages shared (shared_layouts, for every test).
pytest_plugins = ["browser_support", "shared_scorecards", "shared_layouts"]

TESTS = Path(__file__).parent
VECTORS = TESTS / "vectors"


@pytest.fixture
def starter_text() -> str:
    return STARTER_BANK.format(bank_id="starter", filename="starter.yaml")


@pytest.fixture
def starter_file(tmp_path: Path, starter_text: str) -> Path:
    path = tmp_path / "starter.yaml"
    path.write_text(starter_text, encoding="utf-8")
    return path
