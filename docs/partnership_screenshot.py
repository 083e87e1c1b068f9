"""Rebuild docs/partnership-page.png: the partnership page with the example answers loaded.

Run from the repository root: .venv/bin/python docs/partnership_screenshot.py
Needs Debian's chromium (/usr/bin/chromium) and Playwright for Python.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

from selfassess.inputs.banks import resolve_bank
from selfassess.pages.site import build_site
from selfassess.pages.themes import load_theme

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
from chromium import launch, wait_until

ROOT = Path(__file__).parent.parent
OUT = Path(__file__).parent / "partnership-page.png"


def main() -> None:
    bank = resolve_bank("collaboration-maturity").questionnaire
    files = [str(p) for p in sorted((ROOT / "examples" / "responses").iterdir())]
    with tempfile.TemporaryDirectory() as tmp:
        build_site([bank], Path(tmp) / "site", load_theme())
        url = (Path(tmp) / "site" / f"{bank.id}-partnership.html").as_uri()
        with sync_playwright() as playwright:
            browser = launch(playwright)
            page = browser.new_page(viewport={"width": 1100, "height": 1000})
            page.goto(url)
            page.set_input_files("input[type=file]", files)
            wait_until(
                page,
                "window.selfassessResult && window.selfassessResult.partnership"
                f" && window.selfassessResult.partnership.n_respondents === {len(files) + 1}",
            )
            box = page.locator("#results").bounding_box()
            assert box is not None
            page.screenshot(
                path=str(OUT),
                full_page=True,
                clip={
                    "x": box["x"] - 16,
                    "y": box["y"] - 8,
                    "width": box["width"] + 32,
                    "height": 1350,
                },
            )
            browser.close()
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
