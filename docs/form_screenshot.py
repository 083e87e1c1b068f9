"""Rebuild docs/form.png: the collaboration-maturity form, filled in, with its results.

Run from the repository root: .venv/bin/python docs/form_screenshot.py
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
from chromium import launch

# A plausible respondent: strong on communication, weak on putting hierarchies aside.
PROFILE = {
    "common-agenda": ["Mostly", "Partly", "Mostly", "Partly", "Starting", "Partly"],
    "shared-measures": ["Partly", "Starting", "Partly", "Don't know", "Partly", "Starting"],
    "communication": ["Fully", "Mostly", "Mostly", "Fully", "Mostly", "Partly"],
    "parity": ["Starting", "Not yet", "Partly", "Starting", "Mostly", "Starting"],
    "reciprocity": ["Mostly", "Partly", "Mostly", "Fully", "Partly", "Mostly"],
}
OUT = Path(__file__).parent / "form.png"


def main() -> None:
    bank = resolve_bank("collaboration-maturity").questionnaire
    with tempfile.TemporaryDirectory() as tmp:
        build_site([bank], Path(tmp) / "site", load_theme())
        url = (Path(tmp) / "site" / f"{bank.id}.html").as_uri()
        with sync_playwright() as playwright:
            browser = launch(playwright)
            page = browser.new_page(viewport={"width": 880, "height": 900})
            page.goto(url)
            from layout_screenshots import answer  # PROFILE's answers, on today's questions

            answer(page, bank)
            organisation = page.get_by_role("textbox", name="Organisation", exact=True)
            organisation.fill("Northshire County Council")
            page.get_by_role("textbox", name="Role", exact=True).fill("Director of Public Health")
            page.get_by_role("button", name="Show my results").click()
            page.locator("#radar svg").wait_for()
            # Page coordinates (not the viewport's): from the last question to the radar.
            top, bottom = page.evaluate(
                """() => {
                  const y = (el) => el.getBoundingClientRect().top + window.scrollY;
                  const last = [...document.querySelectorAll("fieldset.question")].pop();
                  const chart = document.querySelector("figure.chart");
                  return [y(last) - 16, y(chart) + chart.getBoundingClientRect().height];
                }"""
            )
            page.screenshot(
                path=str(OUT),
                full_page=True,
                clip={"x": 0, "y": top, "width": 880, "height": bottom - top},
            )
            browser.close()
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
