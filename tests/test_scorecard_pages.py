"""How the example scorecard uses paper, read from the PDF's text layer: principles with short
advice and few comments keep to one page, no heading is left at the foot of a page, no badge
wraps onto a line of its own, and the radar's legend prints at 8 pt or more (#19)."""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from html.parser import HTMLParser

import pytest
from pdf_support import BASELINE, reader_of
from shared_scorecards import Scorecards

MM = 72 / 25.4  # PDF points in a millimetre
BADGES = {"DIVERGENT", "SPLIT", "WEAKEST LINK", "MOST DISAGREED"}


@dataclass(frozen=True)
class Line:
    """A run of text at one height on a page, from `left` (points, top-down `y`), at `size`."""

    text: str
    y: float
    left: float
    size: float


@pytest.fixture(scope="module")
def example(scorecards: Scorecards) -> tuple[list[list[Line]], str]:
    """The example scorecard as `make demo` makes it (once per run): each page's lines, and the
    HTML."""
    made = scorecards.example("--baseline", str(BASELINE))
    assert made.code == 0
    pages = [page_lines(page) for page in reader_of(made.pdf).pages]
    return pages, made.html.read_text(encoding="utf-8")


def page_lines(page: object) -> list[Line]:
    """The page's text as lines, top to bottom; pieces at one height but far apart (table
    cells, the columns of the comments) are lines of their own."""
    height = float(page.mediabox.height)  # type: ignore[attr-defined]
    pieces: list[tuple[float, float, float, str]] = []

    def visit(
        text: str, cm: Sequence[float], tm: Sequence[float], _font: object, size: float
    ) -> None:
        if not text.strip():
            return
        a, b, c, d, e, f = cm
        x = tm[4] * a + tm[5] * c + e
        y = height - (tm[4] * b + tm[5] * d + f)
        scale = math.hypot(tm[0], tm[1]) * math.hypot(a, b)
        pieces.append((round(y, 0), x, size * scale, text.strip()))

    page.extract_text(visitor_text=visit)  # type: ignore[attr-defined]
    rows: list[list[tuple[float, float, float, str]]] = []
    for piece in sorted(pieces):  # a badge sits a little above its line's baseline
        if rows and piece[0] - rows[-1][0][0] <= 1.5:
            rows[-1].append(piece)
        else:
            rows.append([piece])
    lines: list[Line] = []
    for row in rows:
        y = row[0][0]
        current: Line | None = None
        for _, x, size, text in sorted(row, key=lambda piece: piece[1]):
            reach = (
                current.left + len(current.text) * current.size * 0.62 + 4 * MM if current else 0
            )
            if current and x < reach:
                current = Line(f"{current.text} {text}", y, current.left, max(current.size, size))
            else:
                if current:
                    lines.append(current)
                current = Line(text, y, x, size)
        if current:
            lines.append(current)
    return lines


def body(lines: list[Line]) -> list[Line]:
    """A page's lines less the running header and footer (in the page margins)."""
    return [line for line in lines if 15 * MM < line.y < 283 * MM]


class Headings(HTMLParser):
    """The text of every h2 and h3 of the HTML scorecard."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []
        self.depth = 0

    def handle_starttag(self, tag: str, attrs: object) -> None:
        if tag in ("h2", "h3"):
            self.depth += 1
            self.found.append("")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("h2", "h3"):
            self.depth -= 1

    def handle_data(self, data: str) -> None:
        if self.depth:
            self.found[-1] += data


def squeeze(text: str) -> str:
    return " ".join(text.split())


def test_the_example_scorecard_takes_at_most_13_pages_where_it_took_18(
    example: tuple[list[list[Line]], str],
) -> None:
    pages, _ = example
    assert len(pages) <= 13


def test_no_page_ends_with_a_heading(example: tuple[list[list[Line]], str]) -> None:
    pages, html = example
    parser = Headings()
    parser.feed(html)
    headings = [squeeze(h) for h in parser.found if squeeze(h)]
    for number, lines in enumerate(pages[1:], 2):
        last = max(body(lines), key=lambda line: line.y)
        # A heading prints at 10.5 pt and more; a line of one at the foot of a page is alone.
        alone = last.size >= 10.4 and any(last.text in heading for heading in headings)
        assert not alone, f"page {number} ends with the heading {last.text!r}"


def test_no_badge_wraps_onto_a_line_of_its_own(example: tuple[list[list[Line]], str]) -> None:
    pages, _ = example
    for number, lines in enumerate(pages[2:], 3):  # the summary table puts its flags under
        for line in body(lines):  # the principle's name on purpose
            assert line.text not in BADGES, f"page {number}: {line.text!r} alone on a line"


def test_each_principles_advice_is_on_its_page_or_the_next(
    example: tuple[list[list[Line]], str],
) -> None:
    pages, _ = example
    texts = [squeeze(" ".join(line.text for line in body(lines))) for lines in pages]
    for number in range(1, 6):
        start = next(i for i, t in enumerate(texts) if f"PRINCIPLE {number}" in t)
        advice = next(i for i, t in enumerate(texts[start:], start) if "Next steps for" in t)
        assert advice - start <= 1, f"principle {number}: its advice {advice - start} pages on"


def test_a_principle_with_short_advice_and_few_comments_keeps_to_one_page(
    example: tuple[list[list[Line]], str],
) -> None:
    """Principles 2, 4 and 5 of the example (three or four comments each) took two pages."""
    pages, _ = example
    texts = [squeeze(" ".join(line.text for line in body(lines))) for lines in pages]
    for number, next_one in [(2, "PRINCIPLE 3"), (4, "PRINCIPLE 5"), (5, "SCORES BY GROUP")]:
        start = next(i for i, t in enumerate(texts) if f"PRINCIPLE {number}" in t)
        assert next_one in texts[start + 1], f"principle {number} runs over a page"


def test_the_radars_legend_and_labels_print_at_8_pt_or_more(
    example: tuple[list[list[Line]], str],
) -> None:
    pages, _ = example
    summary = pages[1]
    legend = [line for line in summary if line.text in ("Partnership", "Where a level starts")]
    assert len(legend) == 2
    assert min(line.size for line in legend) >= 8
    labels = [line for line in summary if line.text.startswith("5. Altruism")]
    assert labels and min(line.size for line in labels) >= 8


def test_each_organisation_has_its_own_small_radar_titled_with_its_name(
    example: tuple[list[list[Line]], str],
) -> None:
    pages, html = example
    names = re.findall(r'<figure class="shape">\s*<figcaption>([^<]+)</figcaption>', html)
    assert len(names) == 7  # the organisations of the heat maps
    shapes = next(
        i
        for i, lines in enumerate(pages)
        if "Each organisation’s scores" in [line.text for line in lines]
    )
    assert shapes == 2  # the page after the summary
    text = squeeze(" ".join(line.text for line in pages[shapes]))
    for name in names:
        assert name.replace("&#39;", "'") in text
