"""The nhs theme in print is told from the default at a glance: its header band, in its own
header colour, runs across the top of every page after the cover, and its footer band in its
surface colour across the foot; the default theme's pages keep a white margin. Looked at as a
reader does, in pixels (pdftoppm), not in the CSS."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from pdf_support import PARTNERSHIP, RESPONSES, report

from selfassess.pages.themes import load_theme

pytestmark = pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="needs poppler-utils")

# A few answer files are enough for a summary page; the whole example takes longer to lay out.
FILES = sorted(RESPONSES.glob("northshire-police-*.json")) + sorted(
    RESPONSES.glob("northshire-schools-*.json")
)
DPI = 20  # an A4 page of about 165 x 234 pixels


def page_pixels(pdf: Path, page: int, folder: Path) -> tuple[int, int, list[bytes]]:
    """One page as width, height and rows of RGB bytes (pdftoppm's binary PPM)."""
    out = folder / f"page-{page}"
    subprocess.run(
        [
            "pdftoppm",
            "-r",
            str(DPI),
            "-f",
            str(page),
            "-l",
            str(page),
            "-singlefile",
            str(pdf),
            out,
        ],
        check=True,
    )
    data = out.with_suffix(".ppm").read_bytes()
    magic, width, height, depth, pixels = data.split(maxsplit=4)
    assert (magic, depth) == (b"P6", b"255")
    w, h = int(width), int(height)
    return w, h, [pixels[y * w * 3 : (y + 1) * w * 3] for y in range(h)]


def colour_at(row: bytes, x: int) -> str:
    return "#" + row[x * 3 : x * 3 + 3].hex()


def near(colour: str, expected: str) -> bool:
    """Equal to within rasterising's rounding."""
    a, b = bytes.fromhex(colour[1:]), bytes.fromhex(expected[1:])
    return all(abs(x - y) <= 8 for x, y in zip(a, b, strict=True))


@pytest.fixture(scope="module")
def summary_pages(
    tmp_path_factory: pytest.TempPathFactory,
) -> dict[str, tuple[int, int, list[bytes]]]:
    """The summary page (page 2) of the same scorecard in each bundled theme."""
    folder = tmp_path_factory.mktemp("print")
    pages = {}
    for theme in ("default", "nhs"):
        pdf = folder / f"{theme}.pdf"
        code, _, err = report(
            *map(str, FILES),
            "--theme",
            theme,
            "--partnership",
            PARTNERSHIP,
            "-o",
            str(pdf),
            "--quiet",
        )
        assert code == 0, err
        pages[theme] = page_pixels(pdf, 2, folder)
    return pages


def test_the_nhs_scorecard_has_its_header_band_across_the_top_of_a_page(
    summary_pages: dict[str, tuple[int, int, list[bytes]]],
) -> None:
    header = load_theme("nhs").colours["header"]
    width, height, rows = summary_pages["nhs"]
    band = rows[height * 2 // 297]  # 2 mm from the top edge, above the running header's text
    for x in (1, width // 4, width // 2, width * 3 // 4, width - 2):
        assert near(colour_at(band, x), header), (x, colour_at(band, x))
    below = rows[height * 20 // 297]  # the band stops above the text
    assert near(colour_at(below, width // 2), "#ffffff")


def test_the_nhs_scorecard_has_a_footer_band_in_its_surface_colour(
    summary_pages: dict[str, tuple[int, int, list[bytes]]],
) -> None:
    surface = load_theme("nhs").colours["surface"]
    width, height, rows = summary_pages["nhs"]
    foot = rows[height * 292 // 297]
    assert all(near(colour_at(foot, x), surface) for x in (1, width // 2, width - 2))


def test_the_default_scorecard_keeps_a_white_margin_at_the_top_and_foot(
    summary_pages: dict[str, tuple[int, int, list[bytes]]],
) -> None:
    width, height, rows = summary_pages["default"]
    for y in (height * 5 // 297, height * 292 // 297):
        assert all(near(colour_at(rows[y], x), "#ffffff") for x in (1, width // 2, width - 2))
