"""Debian's Chromium, launched the one way tests, `make bench` and the docs' screenshot scripts
all use: headless, no sandbox (CI runs as root), nothing fetched in the background.

Not Playwright's own browser download: it fails on these machines (see TESTING.md). No pytest
here, so the benchmark and the scripts can import it too (they put tests/ on sys.path).
"""

from __future__ import annotations

import os
import time
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


def wait_until(page: Any, condition: str, arg: Any = None, timeout_ms: float = 20_000) -> None:
    """Wait until `condition` (a JavaScript expression or function) is true in `page`.

    Not Playwright's wait_for_function: once its condition is false at the first look, its
    poller evaluates the condition with eval inside the page, which our pages' CSP refuses
    (now and then, under load: microsoft/playwright#7395, #36982). page.evaluate goes through
    the DevTools protocol, which the CSP does not govern. A wait for a condition, not a sleep:
    it returns as soon as the condition holds.
    """
    deadline = time.monotonic() + timeout_ms / 1000
    while not _holds(page, condition, arg):
        if time.monotonic() > deadline:
            raise TimeoutError(f"waited {timeout_ms / 1000:.0f} s for: {condition}")
        page.wait_for_timeout(25)


def _holds(page: Any, condition: str, arg: Any) -> bool:
    try:
        return bool(page.evaluate(condition, arg))
    except Exception as exc:  # a reload between two looks: look again, as wait_for_function does
        if "context was destroyed" in str(exc) or "navigation" in str(exc):
            return False
        raise
