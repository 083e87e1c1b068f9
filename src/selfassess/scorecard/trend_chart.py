"""The trends page's small line chart: one principle's (or the overall's) partnership score
across the rounds, oldest on the left, with the level bands behind.

Design note: `trend_geometry` is pure (rounds along x evenly, the score up y on 0-100, the
principle's own level bands where it has them) so tests can check where things go; `trend_chart`
only writes it out as SVG. web/trend-chart.js's trendChart is its twin for the partnership page:
tests/vectors/charts/trend-lines.json pins both to the same geometry (the page and the PDF draw
the same chart; only their markup differs). A round with no figure (a principle that did not exist yet) leaves a
gap in the line, never a dip to zero; a point with no neighbour is still drawn as its marker.
The chart's text alternative reads every figure, and the page prints the same figures in a
table beside it. Band colours are core/palette.py's level ramp, as on the scorecard's heat maps.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from selfassess.core.display import Display
from selfassess.core.palette import level_colours, partnership_style
from selfassess.scorecard.chart_parts import (
    GRID,
    MUTED,
    TEXT,
    coordinate,
    escape_text,
    svg_open,
    wrap_text,
)
from selfassess.scorecard.radar import markers_path

WIDTH = 300.0  # SVG units: about 85 mm wide in print, two charts side by side
LEFT = 30.0  # room for the y axis' figures
RIGHT_ROOM = 10.0
TOP = 8.0
PLOT_HEIGHT = 96.0
FONT = 10.0
LEADING = 11.5
CHAR_WIDTH = 0.55  # of the font size (as dot_plot.py estimates it)
MAX_LABEL_LINES = 3
TICK_GAP = 12.0  # a level's figure closer than this to a kept one is left out
BAND_OPACITY = 0.55
POINT_SIZE = 3.6
LINE_WIDTH = 2.0


@dataclass(frozen=True)
class TrendPoint:
    """A round's place on the x axis and, when it has a figure, the point drawn there."""

    x: float
    y: float | None  # None: no figure in that round (a gap in the line)


@dataclass(frozen=True)
class BandRect:
    """A level band behind the plot: level `index` of `count`, from `y` down `height`."""

    y: float
    height: float
    index: int
    count: int


@dataclass(frozen=True)
class YTick:
    """A figure on the y axis: where a level starts, or an end of the scale; `value` in the
    displayed unit, `text` as printed."""

    y: float
    value: float
    text: str


@dataclass(frozen=True)
class RoundLabel:
    """A round's label under its place on the x axis, wrapped into `lines`."""

    x: float
    lines: list[str]


@dataclass(frozen=True)
class TrendGeometry:
    """Where everything goes; the plot spans x `left`-`right`, y `top` (100) to `bottom` (0)."""

    width: float
    height: float
    left: float
    right: float
    top: float
    bottom: float
    points: list[TrendPoint]
    segments: list[list[tuple[float, float]]]  # runs of consecutive rounds with figures
    bands: list[BandRect]
    ticks: list[YTick]
    labels: list[RoundLabel]


def trend_geometry(
    values: Sequence[float | None],
    labels: Sequence[str],
    levels: Sequence[float],
    display: Display,
    *,
    width: float = WIDTH,
) -> TrendGeometry:
    """The chart of `values` (0-100, one per round, None: no figure) with `labels` under them;
    `levels` are the `min`s of the principle's levels in the displayed unit."""
    left, right = LEFT, width - RIGHT_ROOM
    top, bottom = TOP, TOP + PLOT_HEIGHT

    def y_of(value: float) -> float:
        return bottom - max(0.0, min(100.0, value)) / 100 * PLOT_HEIGHT

    xs = _round_xs(len(values), left, right)
    points = [
        TrendPoint(x, None if v is None else y_of(v)) for x, v in zip(xs, values, strict=True)
    ]
    segments: list[list[tuple[float, float]]] = []
    run: list[tuple[float, float]] = []
    for point in points:
        if point.y is None:
            if run:
                segments.append(run)
            run = []
        else:
            run.append((point.x, point.y))
    if run:
        segments.append(run)
    column = (right - left) / max(len(values), 1)
    chars = max(4, math.floor((column - 4) / (FONT * CHAR_WIDTH)))
    wrapped = [
        RoundLabel(x, wrap_text(text, chars, MAX_LABEL_LINES))
        for x, text in zip(xs, labels, strict=True)
    ]
    most = max((len(label.lines) for label in wrapped), default=1)
    return TrendGeometry(
        width=width,
        height=bottom + 6 + most * LEADING + 4,
        left=left,
        right=right,
        top=top,
        bottom=bottom,
        points=points,
        segments=segments,
        bands=_bands([display.percent(m) for m in levels], y_of),
        ticks=_ticks(display, levels, y_of),
        labels=wrapped,
    )


def _round_xs(count: int, left: float, right: float) -> list[float]:
    """Rounds evenly spaced, oldest first, each in the middle of its own column of the plot's
    width: a label wrapped to its column stays inside the chart."""
    column = (right - left) / max(count, 1)
    return [left + (i + 0.5) * column for i in range(count)]


def _bands(mins: Sequence[float], y_of: Callable[[float], float]) -> list[BandRect]:
    """Each level's band, from its `min` up to the next level's (the last up to 100)."""
    ordered = sorted(mins)
    bands = []
    for index, low in enumerate(ordered):
        high = ordered[index + 1] if index + 1 < len(ordered) else 100.0
        y_high, y_low = y_of(high), y_of(low)
        if y_low > y_high:
            bands.append(BandRect(y_high, y_low - y_high, index, len(ordered)))
    return bands


def _ticks(
    display: Display, levels: Sequence[float], y_of: Callable[[float], float]
) -> list[YTick]:
    """Both ends of the scale always; a level's `min` unless it would crowd a kept figure."""
    ends = [display.lo, display.hi]
    values = sorted({*ends, *(m for m in levels if display.lo <= m <= display.hi)})
    kept: list[YTick] = []
    top_y = y_of(100.0)
    for value in values:
        y = y_of(display.percent(value))
        if value in ends or (kept[-1].y - y >= TICK_GAP and y - top_y >= TICK_GAP):
            kept.append(YTick(y, value, display.number_text(value)))
    return kept


def trend_chart(
    values: Sequence[float | None],
    labels: Sequence[str],
    levels: Sequence[float],
    display: Display,
    *,
    alternative: str,
    id_prefix: str = "trend",
    font_family: str = "sans-serif",
    width: float = WIDTH,
) -> str:
    """The chart as SVG; `alternative` (every figure in words) is its <title>."""
    g = trend_geometry(values, labels, levels, display, width=width)
    out = [svg_open(g.width, g.height, id_prefix, alternative, font_family)]
    colours = level_colours(g.bands[0].count) if g.bands else []
    for band in g.bands:
        out.append(
            f'<rect x="{coordinate(g.left)}" y="{coordinate(band.y)}" '
            f'width="{coordinate(g.right - g.left)}" height="{coordinate(band.height)}" '
            f'fill="{colours[band.index]}" fill-opacity="{BAND_OPACITY}"/>'
        )
    grid = "".join(
        f"M{coordinate(g.left)} {coordinate(t.y)}H{coordinate(g.right)}" for t in g.ticks
    )
    out.append(f'<path d="{grid}" stroke="{GRID}" stroke-width="0.7" fill="none"/>')
    axis = f"M{coordinate(g.left)} {coordinate(g.top)}V{coordinate(g.bottom)}H{coordinate(g.right)}"
    out.append(f'<path d="{axis}" stroke="{MUTED}" stroke-width="1" fill="none"/>')
    figures = "".join(
        f'<text x="{coordinate(g.left - 4)}" y="{coordinate(t.y + FONT * 0.35)}">'
        f"{escape_text(t.text)}</text>"
        for t in g.ticks
    )
    out.append(f'<g font-size="{coordinate(FONT)}" text-anchor="end" fill="{MUTED}">{figures}</g>')
    names = "".join(
        f'<tspan x="{coordinate(label.x)}" y="{coordinate(g.bottom + 6 + (i + 0.8) * LEADING)}">'
        f"{escape_text(line)}</tspan>"
        for label in g.labels
        for i, line in enumerate(label.lines)
    )
    out.append(
        f'<text font-size="{coordinate(FONT)}" text-anchor="middle" fill="{TEXT}">{names}</text>'
    )
    line = "".join(
        "M" + "L".join(f"{coordinate(x)} {coordinate(y)}" for x, y in run)
        for run in g.segments
        if len(run) > 1
    )
    if line:
        out.append(
            f'<path d="{line}" stroke="{TEXT}" stroke-width="{coordinate(LINE_WIDTH)}" '
            'fill="none" stroke-linejoin="round"/>'
        )
    drawn = [(p.x, p.y) for p in g.points if p.y is not None]
    out.append(markers_path(partnership_style(TEXT), drawn, POINT_SIZE))
    out.append("</svg>")
    return "".join(out)
