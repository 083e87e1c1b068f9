"""Debian's Chromium, launched the one way tests, `make bench` and the docs' screenshot scripts
all use: headless, no sandbox (CI runs as root), nothing fetched in the background.

Not Playwright's own browser download: it fails on these machines (see TESTING.md). No pytest
here, so the benchmark and the scripts can import it too (they put tests/ on sys.path).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

CHROMIUM = Path(os.environ.get("SELFASSESS_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def launch(playwright: Any) -> Any:
    """A headless Chromium browser from a sync_playwright() context."""
    return playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
