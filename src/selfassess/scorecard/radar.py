"""The scorecard's radar chart: SVG, the partnership bold over the band from its lowest to its
highest organisation on each principle (each organisation's own line: radar_shapes).

SVG has no way to measure text, so its labels are wrapped on an estimated character width; its
text alternative (every value, in words) is the SVG's <title>, which WeasyPrint turns into the
/Alt text of the tagged PDF's Figure, what a screen reader reads. Colours, dashes and markers
come from core/palette.py, which the pages' charts.js draws with too; the words from
chart_wording.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

from selfassess.core.display import Display
from selfassess.core.palette import (
    MARKER_CORNERS,
    SeriesStyle,
    partnership_style,
)
from selfassess.scorecard import chart_wording
from selfassess.scorecard.chart_parts import (
    GRID,
    MUTED,
    TEXT,
    RadarSeries,
    Value,
    coordinate,
    dash_attribute,
    escape_text,
    label_anchor,
    number_of,
    point_text,
    radar_point,
    said,
    svg_open,
    wrap_text,
)

LEGEND_CHARS = 22
LEGEND_SIZE = 12.5  # drawn at about 0.25 mm a unit: 9 pt in print
LEGEND_WIDTH = 200.0


def radar_chart(
    axes: Sequence[str],
    series: Sequence[RadarSeries],
    *,
    partnership: RadarSeries,
    rings: Sequence[float] = (20, 40, 60, 80, 100),
    title: str | None = None,
    id_prefix: str = "radar",
    font_family: str = "sans-serif",
    highlight: str = TEXT,
    display: Display | None = None,
) -> str:
    """The partnership (bold) over a shaded band from its lowest to its highest organisation on
    each principle, with a legend on the right: eight lines on one radar cannot be told apart,
    so each organisation's own line is drawn in `radar_shapes`. `rings` are on 0-100 (see
    `radar_rings`); under `display: scale` their labels and the text alternative are in the
    scale's unit. The text alternative still gives every organisation's every value."""
    display = display or Display()
    n = len(axes)
    radius = 92.0
    label_room = 120.0
    cx = label_room + radius + 8
    cy = 52 + radius
    legend_x = cx + radius + label_room + 12
    width = legend_x + LEGEND_WIDTH
    height = cy + radius + 52

    def point(axis: int, value: float) -> tuple[float, float]:
        return radar_point(n, axis, max(0.0, min(100.0, value)), (cx, cy), radius)

    out = [
        svg_open(
            width,
            height,
            id_prefix,
            _radar_description(
                title or chart_wording.radar_title(), axes, partnership, series, display
            ),
            font_family,
        )
    ]
    out.append(_range_band(point, n, series, highlight))
    out.append(_grid(point, n, (cx, cy), rings, display))
    # Axis labels, wrapped and anchored away from the chart.
    for i, label in enumerate(axes):
        out.append(_axis_label(i, n, label, cx, cy, radius))
    partnership_line = partnership_style(highlight)
    out.append(
        radar_line(
            [point_or_gap(point, i, v) for i, v in enumerate(partnership.values)],
            partnership_line,
            3.2,
            fill=None,
            marker_size=4.2,
        )
    )
    out.append(_legend(partnership.label, partnership_line, highlight, legend_x, 20.0))
    out.append("</svg>")
    return "".join(out)


def value_range(series: Sequence[RadarSeries], axis: int) -> tuple[float, float] | None:
    """The lowest and highest organisation's value on one axis (withheld and missing values
    left out), or None when no organisation has one."""
    values = [v for s in series if (v := number_of(s.values[axis])) is not None]
    return (min(values), max(values)) if values else None


def _range_band(
    point: Callable[[int, float], tuple[float, float]],
    n: int,
    series: Sequence[RadarSeries],
    colour: str,
) -> str:
    """The shaded band between the lowest and highest organisation: a ring (even-odd fill of
    the highest and lowest polygons) when every axis has a range, and on every axis a bar
    along its spoke, so a range shows even beside an axis without one."""
    ranges = [value_range(series, i) for i in range(n)]
    out = [f'<g class="radar-range" fill="{colour}" stroke="{colour}">']
    if ranges and all(r is not None for r in ranges):
        outer = "L".join(point_text(*point(i, r[1])) for i, r in enumerate(ranges) if r)
        inner = "L".join(point_text(*point(i, r[0])) for i, r in enumerate(ranges) if r)
        out.append(
            f'<path d="M{outer}zM{inner}z" fill-rule="evenodd" fill-opacity="0.16" stroke="none"/>'
        )
    bars = "".join(
        f"M{point_text(*point(i, r[0]))}L{point_text(*point(i, r[1]))}"
        for i, r in enumerate(ranges)
        if r is not None
    )
    if bars:
        out.append(
            f'<path d="{bars}" fill="none" stroke-width="7" stroke-opacity="0.3" '
            'stroke-linecap="round"/>'
        )
    out.append("</g>")
    return "".join(out)


def _grid(
    point: Callable[[int, float], tuple[float, float]],
    n: int,
    centre: tuple[float, float],
    rings: Sequence[float],
    display: Display,
) -> str:
    """Dashed rings where levels start, the solid 100 ring, spokes (a path each, as one SVG
    element costs WeasyPrint far more than one more subpath), ring values on spoke 1."""
    cx, cy = centre

    def ring_path(ring: float) -> str:
        return "M" + "L".join(point_text(*point(i, ring)).replace(",", " ") for i in range(n)) + "z"

    out = []
    dashed = "".join(ring_path(r) for r in rings if r < 100)
    if dashed:
        out.append(
            f'<path d="{dashed}" fill="none" stroke="{GRID}" stroke-width="0.8"'
            f"{dash_attribute('3 3')}/>"
        )
    spokes = "".join(
        f"M{coordinate(cx)} {coordinate(cy)}"
        f"L{coordinate(point(i, 100)[0])} {coordinate(point(i, 100)[1])}"
        for i in range(n)
    )
    out.append(f'<path d="{ring_path(100)}{spokes}" fill="none" stroke="{GRID}" stroke-width="1"/>')
    out.append(f'<g font-size="9" text-anchor="end" fill="{MUTED}">')
    for ring in rings:
        x, y = point(0, ring)
        out.append(
            f'<text x="{coordinate(x - 3)}" y="{coordinate(y - 2)}">'
            f"{escape_text(display.text(ring))}</text>"
        )
    out.append("</g>")
    return "".join(out)


def _legend(
    label: str, partnership_line: SeriesStyle, band: str, legend_x: float, top: float
) -> str:
    """The legend on the right, at LEGEND_SIZE (9 pt and more in print): the partnership's
    line, the band of its organisations' range, the dashed rings where levels start."""
    entries: list[tuple[str, str]] = [
        (
            f'<line x1="{coordinate(legend_x)}" y1="{{y}}" x2="{coordinate(legend_x + 30)}" '
            f'y2="{{y}}" stroke="{partnership_line.colour}" stroke-width="3.2"/>',
            label,
        ),
        (
            f'<rect x="{coordinate(legend_x)}" y="{{top}}" width="30" height="12" '
            f'fill="{band}" fill-opacity="0.22"/>',
            chart_wording.radar_range_key(),
        ),
        (
            f'<line x1="{coordinate(legend_x)}" y1="{{y}}" x2="{coordinate(legend_x + 30)}" '
            f'y2="{{y}}" stroke="{GRID}" stroke-width="1.2"{dash_attribute("3 3")}/>',
            chart_wording.radar_rings_key(),
        ),
    ]
    out = []
    y = top
    for index, (mark, text) in enumerate(entries):
        out.append(mark.format(y=coordinate(y), top=coordinate(y - 6)))
        if index == 0:
            out.append(markers_path(partnership_line, [(legend_x + 15, y)], 4.2))
        lines = wrap_text(text, LEGEND_CHARS, 3)
        bold = ' font-weight="bold"' if index == 0 else ""
        out.append(
            _text_lines(lines, legend_x + 38, y + 4, LEGEND_SIZE, LEGEND_SIZE * 1.2, "start", bold)
        )
        y += 12 + LEGEND_SIZE * 1.2 * len(lines)
    return "".join(out)


def radar_line(
    points: Sequence[tuple[float, float] | None],
    style: SeriesStyle,
    stroke_width: float,
    *,
    fill: str | None,
    marker_size: float = 3.4,
    markers: bool = True,
) -> str:
    """A closed polygon when every axis has a value, else the runs between the gaps."""
    parts = []
    present = [p for p in points if p is not None]
    if present and len(present) == len(points):
        fill_attr = f'fill="{fill}" fill-opacity="0.10"' if fill else 'fill="none"'
        parts.append(
            f'<polygon points="{" ".join(point_text(*p) for p in present)}" {fill_attr} '
            f'stroke="{style.colour}" stroke-width="{stroke_width}" stroke-linejoin="round"'
            f"{dash_attribute(style.dash)}/>"
        )
    else:
        runs: list[list[tuple[float, float]]] = [[]]
        for p in points:
            if p is None:
                runs.append([])
            else:
                runs[-1].append(p)
        if points and points[0] is not None and points[-1] is not None and len(runs) > 1:
            runs[0] = runs.pop() + runs[0]  # wrap around the last axis to the first
        for run in runs:
            if len(run) >= 2:
                parts.append(
                    f'<polyline points="{" ".join(point_text(*p) for p in run)}" fill="none" '
                    f'stroke="{style.colour}" stroke-width="{stroke_width}" stroke-linejoin="round"'
                    f"{dash_attribute(style.dash)}/>"
                )
    if markers:
        parts.append(markers_path(style, present, marker_size))
    return "".join(parts)


def markers_path(style: SeriesStyle, points: Sequence[tuple[float, float]], size: float) -> str:
    """All of a line's markers as one path (one SVG element is far cheaper than five)."""
    if not points:
        return ""
    c = style.colour
    s = size
    shape = style.marker.removeprefix("open-")
    if shape in ("plus", "cross"):
        d = s * 1.2
        if shape == "plus":
            path = "".join(
                f"M{coordinate(x - d)} {coordinate(y)}H{coordinate(x + d)}M{coordinate(x)} {coordinate(y - d)}V{coordinate(y + d)}"
                for x, y in points
            )
        else:
            path = "".join(
                f"M{coordinate(x - d)} {coordinate(y - d)}L{coordinate(x + d)} {coordinate(y + d)}"
                f"M{coordinate(x - d)} {coordinate(y + d)}L{coordinate(x + d)} {coordinate(y - d)}"
                for x, y in points
            )
        return f'<path d="{path}" stroke="{c}" stroke-width="2.2" fill="none"/>'
    if style.marker.startswith("open-"):
        paint = f'fill="#fff" stroke="{c}" stroke-width="1.6"'
    else:
        paint = f'fill="{c}" stroke="#fff" stroke-width="0.8"'
    if shape == "circle":
        path = "".join(
            f"M{coordinate(x - s)} {coordinate(y)}a{coordinate(s)} {coordinate(s)} 0 1 0 {coordinate(2 * s)} 0"
            f"a{coordinate(s)} {coordinate(s)} 0 1 0 {coordinate(-2 * s)} 0z"
            for x, y in points
        )
        return f'<path d="{path}" {paint}/>'
    corners = MARKER_CORNERS[shape]
    path = "".join(
        "M"
        + "L".join(f"{coordinate(x + dx * s)} {coordinate(y + dy * s)}" for dx, dy in corners)
        + "z"
        for x, y in points
    )
    return f'<path d="{path}" {paint}/>'


def _axis_label(axis: int, n: int, label: str, cx: float, cy: float, radius: float) -> str:
    angle = -math.pi / 2 + 2 * math.pi * axis / n
    dx, dy = math.cos(angle), math.sin(angle)
    x = cx + (radius + 12) * dx
    y = cy + (radius + 12) * dy
    anchor = label_anchor(n, axis)
    lines = wrap_text(label, 21, 3)
    line_height = 13.0
    if dy < -0.5:  # above the chart: the last line sits just above the tip
        top = y - (len(lines) - 1) * line_height - 2
    elif dy > 0.5:
        top = y + 10
    else:
        top = y - (len(lines) - 1) * line_height / 2 + 4
    return _text_lines(lines, x, top, 11, line_height, anchor, "")


def _text_lines(
    lines: Sequence[str], x: float, top: float, size: float, leading: float, anchor: str, extra: str
) -> str:
    spans = "".join(
        f'<tspan x="{coordinate(x)}" y="{coordinate(top + i * leading)}">{escape_text(line)}</tspan>'
        for i, line in enumerate(lines)
    )
    return f'<text font-size="{coordinate(size)}" text-anchor="{anchor}" fill="{TEXT}"{extra}>{spans}</text>'


def radar_rings(level_mins: Sequence[float], display: Display | None = None) -> list[float]:
    """The rings on 0-100: where each level starts (`min` in the displayed unit, converted
    with display.percent), and the outer 100."""
    display = display or Display()
    return sorted({*(display.percent(m) for m in level_mins if display.percent(m) > 0), 100.0})


def _radar_description(
    title: str,
    axes: Sequence[str],
    partnership: RadarSeries,
    series: Sequence[RadarSeries],
    display: Display,
) -> str:
    """Every value in words, for the SVG's <title> (see the module docstring)."""
    nothing = chart_wording.no_score()
    return chart_wording.radar_alternative(
        title,
        [
            (s.label, [(a, said(v, nothing, display)) for a, v in zip(axes, s.values, strict=True)])
            for s in [partnership, *series]
        ],
        display,
    )


def point_or_gap(
    point: Callable[[int, float], tuple[float, float]], axis: int, value: Value
) -> tuple[float, float] | None:
    number = number_of(value)
    return None if number is None else point(axis, number)
