"""The ranked dot plot: the chart for fewer than 3 or more than 10 scored principles, where a
radar's axes would be a line or a thicket of overlapping labels.

One row per scored principle, highest partnership score first (ties in bank order, no score
last): the principle's level bands behind, each organisation's dot in its palette colour and
marker, the partnership's dot on top (dark, larger), the x axis in the displayed unit. Titles sit
left of the plot, wrapped on an estimated character width (SVG cannot measure text); a row grows
with its title's lines, so no two labels and no label and the plot overlap — the label boxes are
part of the geometry for a test to check. `dot_plot_geometry` is pure and web/charts.js's
`dotPlot` is its twin (tests/vectors/charts/dot-plot.json); `chart_kind` is the one rule that
picks the chart, twinned by `chartKind`.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from selfassess.core.display import Display
from selfassess.core.palette import level_colours, organisation_style, partnership_style
from selfassess.scorecard import chart_wording
from selfassess.scorecard.chart_parts import (
    GRID,
    MUTED,
    TEXT,
    Value,
    coordinate,
    escape_text,
    number_of,
    said,
    svg_open,
    wrap_text,
)
from selfassess.scorecard.radar import markers_path

RADAR_FEWEST = 3
RADAR_MOST = 10

# The layout, in SVG units (CSS px): 600 wide prints 11-unit text at 8.25 pt at its own size
# and larger when the scorecard stretches it to the text width (176 mm: 9 pt). web/charts.js has the same.
WIDTH = 600.0
LABEL_X = 4.0
LABEL_WIDTH = 200.0  # the column the titles wrap into
PLOT_GAP = 16.0  # between that column and the plot
END_ROOM = 16.0  # right of the plot, for half the last tick's label
FONT = 11.0
LEADING = 13.0
CHAR_WIDTH = (
    0.55  # of the font size: mixed-case sans-serif text, DejaVu Sans (wider than Arial) too
)
MAX_LINES = 4
ROW_MIN = 20.0
ROW_PAD = 6.0
DOT_STEP = 4.0  # the most organisations' dots sit apart vertically within a row
TICK_GAP = 24.0  # tick labels closer than this to a kept one are left out
AXIS_ROOM = 40.0  # below the rows: tick labels and the axis caption
LEGEND_FONT = 11.5
LEGEND_ROW = 18.0
LEGEND_CHARS = 28
BAND_OPACITY = 0.45  # the level colours made lighter still, so the dots stand out
PARTNERSHIP_SIZE = 5.0
ORGANISATION_SIZE = 3.4


# Characters about twice as wide as a Latin letter (Hangul, CJK, fullwidth forms, emoji): a
# title holding any wraps at half the characters, and each counts twice in its box's width.
# charts.js has the same ranges, spelled the same way.
_WIDE = re.compile(
    "[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60"
    "\uffe0-\uffe6\U0001f300-\U0001f64f\U0001f900-\U0001f9ff\U00020000-\U0003fffd]"
)


def _cells(line: str) -> int:
    """A line's width in Latin-letter cells: a wide character counts two."""
    return len(line) + len(_WIDE.findall(line))


def chart_kind(n_scored: int) -> str:
    """The radar for 3 to 10 scored principles, else the ranked dot plot."""
    return "radar" if RADAR_FEWEST <= n_scored <= RADAR_MOST else "dots"


@dataclass(frozen=True)
class DotRow:
    """A principle's row: its label, scores 0-100 (None: no score; Hidden: withheld), and the
    `min` of each of ITS levels in the displayed unit (bank.levels_of(principle))."""

    label: str
    partnership: Value
    organisations: Sequence[Value]
    levels: Sequence[float]


@dataclass(frozen=True)
class Box:
    """A rectangle a label takes up (estimated), for the no-overlap test."""

    x: float
    y: float
    width: float
    height: float


@dataclass(frozen=True)
class BandBox:
    """A level band behind a row: level `index` of the principle's `count` levels."""

    x: float
    width: float
    index: int
    count: int


@dataclass(frozen=True)
class Dot:
    """An organisation's dot: `organisation` is its index in the palette order."""

    organisation: int
    x: float
    y: float


@dataclass(frozen=True)
class Tick:
    """An x-axis tick: `value` in the displayed unit, `text` as printed."""

    x: float
    value: float
    text: str


@dataclass(frozen=True)
class PlacedRow:
    """A row as drawn: `index` is the principle's place in the bank order."""

    index: int
    lines: list[str]
    box: Box
    top: float
    height: float
    y: float
    baseline: float
    bands: list[BandBox]
    partnership: float | None
    dots: list[Dot] = field(default_factory=list)


@dataclass(frozen=True)
class DotPlot:
    """The whole plot's geometry: the plot spans x `left`-`right`, y `top`-`bottom`."""

    width: float
    height: float
    left: float
    right: float
    top: float
    bottom: float
    ticks: list[Tick]
    rows: list[PlacedRow]


def ranked(rows: Sequence[DotRow]) -> list[int]:
    """Row indexes by the partnership's score, highest first, ties in bank order, none last."""

    def key(index: int) -> tuple[bool, float, int]:
        score = number_of(rows[index].partnership)
        return (score is None, -(score or 0.0), index)

    return sorted(range(len(rows)), key=key)


def dot_plot_geometry(
    rows: Sequence[DotRow], display: Display, ticks: Sequence[float], *, top: float = 0.0
) -> DotPlot:
    """Where everything goes; `ticks` are the bank's level mins in the displayed unit."""
    left = LABEL_X + LABEL_WIDTH + PLOT_GAP
    right = WIDTH - END_ROOM

    def x_of(value: float) -> float:
        return left + max(0.0, min(100.0, value)) / 100 * (right - left)

    placed = []
    y = top
    for index in ranked(rows):
        row = _placed_row(index, rows[index], display, y, x_of)
        placed.append(row)
        y += row.height
    return DotPlot(
        width=WIDTH,
        height=y + AXIS_ROOM,
        left=left,
        right=right,
        top=top,
        bottom=y,
        ticks=_ticks(display, ticks, x_of),
        rows=placed,
    )


def _placed_row(
    index: int, row: DotRow, display: Display, top: float, x_of: Callable[[float], float]
) -> PlacedRow:
    chars = math.floor(LABEL_WIDTH / (FONT * CHAR_WIDTH))
    lines = wrap_text(row.label, chars // 2 if _WIDE.search(row.label) else chars, MAX_LINES)
    height = max(ROW_MIN, len(lines) * LEADING + ROW_PAD)
    centre = top + height / 2
    widest = max(_cells(line) for line in lines) * FONT * CHAR_WIDTH
    box = Box(LABEL_X, centre - len(lines) * LEADING / 2, widest, len(lines) * LEADING)
    mins = sorted(display.percent(m) for m in row.levels)
    bands = []
    for i, low in enumerate(mins):
        x0, x1 = x_of(low), x_of(mins[i + 1]) if i + 1 < len(mins) else x_of(100.0)
        if x1 > x0:
            bands.append(BandBox(x0, x1 - x0, i, len(mins)))
    count = len(row.organisations)
    step = min(DOT_STEP, (height - 12) / max(count - 1, 1))
    dots = []
    for k, value in enumerate(row.organisations):
        number = number_of(value)
        if number is not None:
            dots.append(Dot(k, x_of(number), centre + (k - (count - 1) / 2) * step))
    score = number_of(row.partnership)
    return PlacedRow(
        index=index,
        lines=lines,
        box=box,
        top=top,
        height=height,
        y=centre,
        baseline=centre - (len(lines) - 1) * LEADING / 2 + FONT * 0.35,
        bands=bands,
        partnership=None if score is None else x_of(score),
        dots=dots,
    )


def _ticks(display: Display, ticks: Sequence[float], x_of: Callable[[float], float]) -> list[Tick]:
    """Both ends always; a level min between them unless its label would crowd a kept one."""
    ends = [display.lo, display.hi]
    values = sorted({*ends, *(t for t in ticks if display.lo <= t <= display.hi)})
    kept: list[Tick] = []
    last_x = x_of(100.0)
    for value in values:
        x = x_of(display.percent(value))
        end = value in ends
        if end or (x - kept[-1].x >= TICK_GAP and last_x - x >= TICK_GAP):
            kept.append(Tick(x, value, display.number_text(value)))
    return kept


def dot_plot_chart(
    rows: Sequence[DotRow],
    organisations: Sequence[str],
    *,
    partnership_label: str,
    display: Display | None = None,
    ticks: Sequence[float] = (),
    title: str | None = None,
    id_prefix: str = "dots",
    font_family: str = "sans-serif",
    highlight: str = TEXT,
) -> str:
    """The scorecard's dot plot as SVG: the legend above, the rows, the axis below."""
    display = display or Display()
    legend, legend_height = _legend(partnership_label, organisations, highlight)
    plot = dot_plot_geometry(rows, display, ticks, top=legend_height)
    alternative = _description(
        title or chart_wording.dot_plot_title(), rows, partnership_label, organisations, display
    )
    out = [svg_open(plot.width, plot.height, id_prefix, alternative, font_family), legend]
    out.append(_bands(plot))
    out.append(_axis(plot, display))
    for row in plot.rows:
        spans = "".join(
            f'<tspan x="{coordinate(LABEL_X)}" y="{coordinate(row.baseline + i * LEADING)}">'
            f"{escape_text(line)}</tspan>"
            for i, line in enumerate(row.lines)
        )
        out.append(f'<text font-size="{coordinate(FONT)}" fill="{TEXT}">{spans}</text>')
    for k in range(len(organisations)):
        points = [(d.x, d.y) for row in plot.rows for d in row.dots if d.organisation == k]
        out.append(markers_path(organisation_style(k), points, ORGANISATION_SIZE))
    points = [(row.partnership, row.y) for row in plot.rows if row.partnership is not None]
    out.append(markers_path(partnership_style(highlight), points, PARTNERSHIP_SIZE))
    out.append("</svg>")
    return "".join(out)


def _bands(plot: DotPlot) -> str:
    """Each row's level bands in the light level colours, a hairline between rows: one path per
    colour (one SVG element costs WeasyPrint far more than one more subpath)."""
    by_colour: dict[str, list[str]] = {}
    for row in plot.rows:
        for band in row.bands:
            colour = level_colours(band.count)[band.index]
            by_colour.setdefault(colour, []).append(
                f"M{coordinate(band.x)} {coordinate(row.top + 1)}h{coordinate(band.width)}"
                f"v{coordinate(row.height - 2)}h{coordinate(-band.width)}z"
            )
    return "".join(
        f'<path d="{"".join(parts)}" fill="{colour}" fill-opacity="{BAND_OPACITY}"/>'
        for colour, parts in by_colour.items()
    )


def _axis(plot: DotPlot, display: Display) -> str:
    """Grid lines at the ticks through every row, their figures below, the unit's caption."""
    lines = "".join(
        f"M{coordinate(t.x)} {coordinate(plot.top)}V{coordinate(plot.bottom)}" for t in plot.ticks
    )
    axis = f"M{coordinate(plot.left)} {coordinate(plot.bottom)}H{coordinate(plot.right)}"
    labels = "".join(
        f'<text x="{coordinate(t.x)}" y="{coordinate(plot.bottom + 14)}">'
        f"{escape_text(t.text)}</text>"
        for t in plot.ticks
    )
    caption = escape_text(chart_wording.dot_plot_axis(display))
    middle = (plot.left + plot.right) / 2
    return (
        f'<path d="{lines}" stroke="{GRID}" stroke-width="0.8" fill="none"/>'
        f'<path d="{axis}" stroke="{MUTED}" stroke-width="1" fill="none"/>'
        f'<g font-size="{coordinate(FONT)}" text-anchor="middle" fill="{MUTED}">{labels}'
        f'<text x="{coordinate(middle)}" y="{coordinate(plot.bottom + 32)}">{caption}</text></g>'
    )


def _legend(partnership: str, organisations: Sequence[str], highlight: str) -> tuple[str, float]:
    """The partnership's dot then each organisation's, flowing left to right in rows."""
    out = []
    x, y = LABEL_X, LEGEND_ROW / 2 + 2
    entries = [(partnership, partnership_style(highlight), PARTNERSHIP_SIZE)] + [
        (name, organisation_style(k), ORGANISATION_SIZE) for k, name in enumerate(organisations)
    ]
    for index, (name, style, size) in enumerate(entries):
        label = wrap_text(name, LEGEND_CHARS, 1)[0]
        width = 18 + len(label) * LEGEND_FONT * CHAR_WIDTH + 16
        if x > LABEL_X and x + width > WIDTH:
            x, y = LABEL_X, y + LEGEND_ROW
        out.append(markers_path(style, [(x + 6, y)], size))
        bold = ' font-weight="bold"' if index == 0 else ""
        out.append(
            f'<text x="{coordinate(x + 16)}" y="{coordinate(y + LEGEND_FONT * 0.35)}" '
            f'font-size="{coordinate(LEGEND_FONT)}" fill="{TEXT}"{bold}>{escape_text(label)}</text>'
        )
        x += width
    return "".join(out), y + LEGEND_ROW / 2 + 6


def _description(
    title: str,
    rows: Sequence[DotRow],
    partnership: str,
    organisations: Sequence[str],
    display: Display,
) -> str:
    """Every value in words, for the SVG's <title>, as the radar's (in the bank's order)."""
    nothing = chart_wording.no_score()
    series = [(partnership, [row.partnership for row in rows])] + [
        (name, [row.organisations[k] for row in rows]) for k, name in enumerate(organisations)
    ]
    return chart_wording.dot_plot_alternative(
        title,
        display,
        [
            (
                label,
                [
                    (row.label, said(v, nothing, display))
                    for row, v in zip(rows, values, strict=True)
                ],
            )
            for label, values in series
        ],
    )
