"""Rebuild the pictures of docs/themes.md: the form with results in each bundled theme
(docs/theme-default.png, docs/theme-nhs.png) and page 2 of the nhs scorecard
(docs/scorecard-nhs.png).

Run from the repository root: .venv/bin/python docs/theme_screenshots.py
Needs Debian's chromium (/usr/bin/chromium), Playwright for Python and pdftoppm (poppler-utils).
Each form picture is the page's header band and title, then (after a grey cut) the last
question, its comment box, the answers panel and the results.
"""

from __future__ import annotations

import io
import subprocess
import sys
import tempfile
from pathlib import Path

from PIL import Image
from playwright.sync_api import sync_playwright

from selfassess.inputs.banks import resolve_bank
from selfassess.pages.site import build_site
from selfassess.pages.themes import load_theme

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
from chromium import launch  # tests/chromium.py: how this project launches Chromium
from layout_screenshots import answer  # docs/form.png's respondent, on today's bank

DOCS = Path(__file__).parent
ROOT = DOCS.parent
WIDTH = 880
COMMENT = "Smaller partners lend staff and rooms; the bigger ones rarely ask what we need back."


def form_picture(browser: object, theme: str, out: Path) -> None:
    bank = resolve_bank("collaboration-maturity").questionnaire
    with tempfile.TemporaryDirectory() as tmp:
        build_site([bank], Path(tmp) / "site", load_theme(theme))
        page = browser.new_page(viewport={"width": WIDTH, "height": 900})  # type: ignore[attr-defined]
        page.goto((Path(tmp) / "site" / f"{bank.id}.html").as_uri())
        answer(page, bank)
        page.get_by_role("textbox", name="Organisation", exact=True).fill(
            "Riverside Care Homes Group"
        )
        page.get_by_role("textbox", name="Role", exact=True).fill("Registered manager")
        page.locator("#comment-reciprocity").fill(COMMENT)
        page.get_by_role("button", name="Show my results").click()
        page.locator("#radar svg").wait_for()
        page.evaluate("window.scrollTo(0, 0); document.activeElement.blur()")
        head, top, bottom = page.evaluate(
            """() => {
              const y = (el) => el.getBoundingClientRect().top + window.scrollY;
              const h1 = document.querySelector("h1");
              const last = [...document.querySelectorAll("fieldset.question")].pop();
              const table = document.querySelector("#results table");
              return [y(h1) + h1.getBoundingClientRect().height + 12, y(last) - 16,
                      y(table) + table.getBoundingClientRect().height + 8];
            }"""
        )
        shot = Image.open(io.BytesIO(page.screenshot(full_page=True)))
        page.close()
    header = shot.crop((0, 0, WIDTH, int(head)))
    body = shot.crop((0, int(top), WIDTH, int(bottom)))
    cut = 10
    picture = Image.new("RGB", (WIDTH, header.height + cut + body.height), "#b1b4b6")
    picture.paste(header, (0, 0))
    picture.paste(body, (0, header.height + cut))
    picture.save(out, optimize=True)
    print(f"wrote {out}")


def scorecard_picture(out: Path) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        pdf = Path(tmp) / "scorecard.pdf"
        subprocess.run(
            [
                str(ROOT / ".venv" / "bin" / "selfassess"),
                "report",
                str(ROOT / "examples" / "responses"),
                "--partnership",
                "Northshire Health and Care Partnership",
                "--theme",
                "nhs",
                "--quiet",
                "-o",
                str(pdf),
            ],
            check=True,
        )
        stem = out.with_suffix("")
        subprocess.run(
            ["pdftoppm", "-r", "80", "-f", "2", "-l", "2", "-png", "-singlefile", str(pdf), stem],
            check=True,
        )
    print(f"wrote {out}")


def main() -> None:
    with sync_playwright() as playwright:
        browser = launch(playwright)
        for theme in ("default", "nhs"):
            form_picture(browser, theme, DOCS / f"theme-{theme}.png")
        browser.close()
    scorecard_picture(DOCS / "scorecard-nhs.png")


if __name__ == "__main__":
    main()
