"""Rebuild docs/images/instrument-*.png, the pictures of docs/instruments.md: for each example
bank in examples/instruments/, the scorecard's summary page (from the real PDF) and the
partnership page with the example's answers loaded (the real page, in Chromium); for the
integrated-care example, also the form's first question (its anchored scale).

Run from the repository root: .venv/bin/python docs/instrument_pictures.py [NAME ...]
Needs Debian's chromium (/usr/bin/chromium), Playwright for Python and pdftoppm (poppler-utils).
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

from click.testing import CliRunner
from playwright.sync_api import Page, sync_playwright

from selfassess.cli import cli
from selfassess.inputs.banks import load_questionnaire
from selfassess.pages.site import build_site
from selfassess.pages.themes import load_theme

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
from chromium import launch, wait_until

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples" / "instruments"
IMAGES = Path(__file__).resolve().parent / "images"
PARTNERSHIP = "Example partnership"
FORM_PICTURES = ("integrated-care-maturity",)  # the anchored scale is worth seeing as asked
MAX_HEIGHT = 1800  # px of the partnership page kept: the results' top, where the chart is


def answer_files(name: str) -> list[Path]:
    return sorted((EXAMPLES / name / "responses").glob("*.json"))


def scorecard_picture(name: str, tmp: Path) -> Path:
    """The summary page (page 2, after the cover) of the example's PDF scorecard."""
    pdf = tmp / f"{name}.pdf"
    bank = EXAMPLES / name / "bank.yaml"
    args = ["report", "--questionnaire", str(bank), *map(str, answer_files(name)), "-o", str(pdf)]
    result = CliRunner().invoke(cli, [*args, "--partnership", PARTNERSHIP, "--quiet"])
    if result.exit_code != 0:
        raise SystemExit(f"report of {name} failed: {result.output}{result.stderr}")
    out = IMAGES / f"instrument-{name}-scorecard"
    subprocess.run(
        ["pdftoppm", "-r", "70", "-f", "2", "-l", "2", "-png", "-singlefile", str(pdf), str(out)],
        check=True,
    )
    return out.with_suffix(".png")


def partnership_picture(name: str, page: Page, tmp: Path) -> Path:
    """The partnership page's results with every answer file of the example loaded."""
    bank = load_questionnaire(EXAMPLES / name / "bank.yaml")
    site = tmp / f"site-{name}"
    build_site([bank], site, load_theme())
    files = answer_files(name)
    page.goto((site / f"{bank.id}-partnership.html").as_uri())
    page.set_input_files("input[type=file]", [str(p) for p in files])
    wait_until(
        page,
        "window.selfassessResult && window.selfassessResult.partnership"
        f" && window.selfassessResult.partnership.n_respondents === {len(files)}",
    )
    box = page.locator("#results").bounding_box()
    assert box is not None
    out = IMAGES / f"instrument-{name}-partnership.png"
    page.screenshot(
        path=str(out),
        full_page=True,
        clip={
            "x": box["x"] - 16,
            "y": box["y"] - 8,
            "width": box["width"] + 32,
            "height": min(box["height"] + 16, MAX_HEIGHT),
        },
    )
    return out


def form_picture(name: str, page: Page, tmp: Path) -> Path:
    """The form's first question: for the anchored scale, the descriptions a respondent reads."""
    bank = load_questionnaire(EXAMPLES / name / "bank.yaml")
    page.goto((tmp / f"site-{name}" / f"{bank.id}.html").as_uri())
    question = bank.principles[0].questions[0]
    box = page.locator(f'fieldset[data-question="{question.id}"]').bounding_box()
    assert box is not None
    out = IMAGES / f"instrument-{name}-form.png"
    page.screenshot(
        path=str(out),
        full_page=True,
        clip={
            "x": box["x"] - 8,
            "y": box["y"] - 8,
            "width": box["width"] + 16,
            "height": box["height"] + 16,
        },
    )
    return out


def main(names: list[str]) -> None:
    IMAGES.mkdir(exist_ok=True)
    names = names or sorted(p.parent.name for p in EXAMPLES.glob("*/bank.yaml"))
    with tempfile.TemporaryDirectory() as folder, sync_playwright() as playwright:
        tmp = Path(folder)
        browser = launch(playwright)
        page = browser.new_page(viewport={"width": 1000, "height": 1000})
        for name in names:
            print(f"wrote {scorecard_picture(name, tmp).relative_to(ROOT)}")
            print(f"wrote {partnership_picture(name, page, tmp).relative_to(ROOT)}")
            if name in FORM_PICTURES:
                print(f"wrote {form_picture(name, page, tmp).relative_to(ROOT)}")
        browser.close()


if __name__ == "__main__":
    main(sys.argv[1:])
