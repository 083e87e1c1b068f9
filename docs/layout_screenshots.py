"""Rebuild the pictures of the results at a laptop's and a phone's width (#19): the partnership
page with the example answers loaded, and the form's own results, each at 1280 and 375 px.

Writes docs/partnership-1280.png, docs/partnership-375.png, docs/form-results-1280.png and
docs/form-results-375.png. Run from the repository root: .venv/bin/python docs/layout_screenshots.py
Needs Debian's chromium (/usr/bin/chromium) and Playwright for Python.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path
from typing import Any

from playwright.sync_api import sync_playwright

from selfassess.inputs.banks import resolve_bank
from selfassess.pages.site import build_site
from selfassess.pages.themes import load_theme

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
from chromium import launch, wait_until
from form_screenshot import PROFILE  # the same respondent as docs/form.png

ROOT = Path(__file__).parent.parent
DOCS = Path(__file__).parent
WIDTHS = (1280, 375)
# From the results' heading to the end of the heat map's key: every table a reader scrolls.
PARTNERSHIP_PART = ("#results", "#heat-legend")
FORM_PART = ("#results", "figure.chart")


def shoot(page: Any, part: tuple[str, str], out: Path) -> None:
    """A picture of the page from the top of the first element to the foot of the second."""
    top, bottom = page.evaluate(
        """([first, last]) => {
          const y = (el) => el.getBoundingClientRect().top + window.scrollY;
          const a = document.querySelector(first), b = document.querySelector(last);
          return [y(a) - 16, y(b) + b.getBoundingClientRect().height + 16];
        }""",
        list(part),
    )
    width = page.viewport_size["width"]
    page.screenshot(
        path=str(out),
        full_page=True,
        clip={"x": 0, "y": top, "width": width, "height": bottom - top},
    )
    print(f"wrote {out}")


def answer(page: Any, bank: Any) -> None:
    """Answer the scale questions shown, in turn, with docs/form.png's respondent's answers."""
    for principle in bank.principles:
        profile = PROFILE.get(principle.id, ["Partly"])
        for i, question in enumerate(principle.questions):
            option = page.locator(f'fieldset[data-question="{question.id}"] label')
            choice = option.filter(has_text=profile[i % len(profile)])
            if not option.first.is_visible():
                continue  # asked only after some answer, or not a choice at all
            (choice if choice.count() == 1 else option.nth((i * 3) % option.count())).click()


def main() -> None:
    bank = resolve_bank("collaboration-maturity").questionnaire
    files = [str(p) for p in sorted((ROOT / "examples" / "responses").iterdir())]
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        build_site([bank], site, load_theme())
        with sync_playwright() as playwright:
            browser = launch(playwright)
            for width in WIDTHS:
                page = browser.new_page(viewport={"width": width, "height": 900})
                page.goto((site / f"{bank.id}-partnership.html").as_uri())
                page.set_input_files("input[type=file]", files)
                wait_until(
                    page,
                    "window.selfassessResult && window.selfassessResult.partnership"
                    f" && window.selfassessResult.partnership.n_respondents === {len(files) + 1}",
                )
                shoot(page, PARTNERSHIP_PART, DOCS / f"partnership-{width}.png")
                page.goto((site / f"{bank.id}.html").as_uri())
                answer(page, bank)
                page.get_by_role("textbox", name="Organisation", exact=True).fill(
                    "Northshire County Council"
                )
                page.get_by_role("textbox", name="Role", exact=True).fill(
                    "Director of Public Health"
                )
                page.get_by_role("button", name="Show my results").click()
                page.locator("#radar svg").wait_for()
                shoot(page, FORM_PART, DOCS / f"form-results-{width}.png")
                page.close()
            browser.close()


if __name__ == "__main__":
    main()
