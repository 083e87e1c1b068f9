from __future__ import annotations

from pathlib import Path

import pytest

from selfassess.pages.starter_bank import STARTER_BANK

# The browser fixtures (browser, context, requests) for every module that drives Chromium, and
# the scorecards made once per run (scorecards) for every module that reads one.
pytest_plugins = ["browser_support", "shared_scorecards"]

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


# The longest modules first, measured (a run's --junitxml summed per module, November 2026): under
# `make test` (pytest-xdist, --dist loadscope --no-loadscope-reorder) a module's tests run on one
# worker in the order collected, so a long module collected last (test_verify*, alphabetically)
# ran on one worker while the other sat idle. Unlisted modules follow in their usual order.
LONGEST_FIRST = (
    "test_audit_privacy",
    "test_browser_form",
    "test_report_accessibility",
    "test_verify",
    "test_verify_pages",
    "test_verify_limits",
    "test_report_language",
    "test_browser_partnership",
    "test_verify_breakdowns",
    "test_report",
    "test_browser_form_types",
    "test_writes",
    "test_scorecard_instruments",
    "test_markdown",
    "test_instrument_examples",
    "test_browser_instruments",
    "test_golden",
    "test_unicode_and_scale",
)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Run the longest modules first (a stable sort: each module's own order is kept)."""
    rank = {name: place for place, name in enumerate(LONGEST_FIRST)}
    items.sort(key=lambda item: rank.get(item.path.stem, len(rank)))
