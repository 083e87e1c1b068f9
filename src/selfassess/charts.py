"""The scorecard's charts as SVG strings: pure functions, no I/O, each with a text alternative.

Both charts must survive a black-and-white photocopy: the radar tells its lines apart by dash
pattern and marker shape as well as colour, and the heat map prints the number in every cell.
SVG has no way to measure text, so labels are wrapped on an estimated character width.

The text alternative (every value, in words) is the SVG's <title>: WeasyPrint turns that, and
only that, into the /Alt text of the tagged PDF's Figure, which is what a screen reader reads.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from html import escape

from selfassess.formats import shown

# Okabe-Ito (without its yellow, too faint on white) then Paul Tol's extras: colour-blind safe.
SERIES_COLOURS = (
    "#E69F00",
    "#56B4E9",
    "#009E73",
    "#D55E00",
    "#CC79A7",
    "#0072B2",
    "#882255",
    "#44AA99",
    "#999933",
    "#332288",
)
DASHES = ("", "7 4", "2 3", "9 3 2 3", "4 4", "12 4", "1 3", "6 2 2 2")
MARKERS = (
    "circle",
    "square",
    "triangle",
    "diamond",
    "triangle-down",
    "plus",
    "cross",
    "open-circle",
    "open-square",
    "open-triangle",
)
# Pale red -> yellow -> blue (ColorBrewer RdYlBu, lightened): safe for colour-blind readers and
# light enough for black numbers on top.
BAND_RAMP = ("#f2a488", "#fde3a0", "#bcdcec", "#82b5dc")
TEXT = "#1b1b1b"
MUTED = "#5f6b70"
GRID = "#c9cfd2"
HIDDEN_FILL = "#e8ebed"
LEGEND_CHARS = 24
DIGIT_WIDTH = 0.556  # digits (and the en dash) in Arial, Liberation and Helvetica
CHAR_WIDTH = 0.56  # average advance of a sans-serif character, in ems (DejaVu/Liberation Sans)


@dataclass(frozen=True)
class Hidden:
    """A value withheld to protect small groups: `mark` is printed in its place (e.g. "<3"),
    `meaning` stands in the text alternative and `key` in the heat map's key."""

    mark: str
    meaning: str
    key: str


Value = float | Hidden | None


@dataclass(frozen=True)
class RadarSeries:
    """One line on the radar: a value 0-100 per axis (None: not scored; Hidden: withheld)."""

    label: str
    values: Sequence[Value]


@dataclass(frozen=True)
class Band:
    """A maturity band: from `min` up to the next band's `min`."""

    min: float
    label: str


@dataclass(frozen=True)
class HeatRow:
    """One row of the heat map; `emphasis` marks a summary row (drawn after a gap, in bold)."""

    label: str
    cells: Sequence[Value]
    emphasis: bool = False


@dataclass(frozen=True)
class SeriesStyle:
    colour: str
    dash: str
    marker: str


def series_style(index: int) -> SeriesStyle:
    """The look of the index-th organisation's line; colour, dash and marker all differ."""
    return SeriesStyle(
        colour=SERIES_COLOURS[index % len(SERIES_COLOURS)],
        dash=DASHES[index % len(DASHES)],
        marker=MARKERS[index % len(MARKERS)],
    )


def band_colours(count: int) -> list[str]:
    """`count` fills sampled evenly along the ramp, lowest band first."""
    if count <= 0:
        return []
    if count == 1:
        return [_mix_along(BAND_RAMP, 0.5)]
    return [_mix_along(BAND_RAMP, i / (count - 1)) for i in range(count)]


def band_index(bands: Sequence[Band], value: float | None) -> int | None:
    """The band holding the unrounded value (as level_of decides levels), or None."""
    if value is None:
        return None
    found = None
    for index, band in enumerate(bands):
        if band.min <= value:
            found = index
    return found


def wrap_text(text: str, max_chars: int, max_lines: int) -> list[str]:
    """Greedy word wrap; the last line ends in an ellipsis when text is left over."""
    max_chars = max(max_chars, 4)
    words = text.split()
    lines: list[str] = []
    current = ""
    for word in words:
        while len(word) > max_chars:  # a word longer than a line is cut, not lost
            if current:
                lines.append(current)
                current = ""
            lines.append(word[: max_chars - 1] + "-")
            word = word[max_chars - 1 :]
        candidate = f"{current} {word}" if current else word
        if len(candidate) <= max_chars:
            current = candidate
        else:
            lines.append(current)
            current = word
    if current:
        lines.append(current)
    if len(lines) > max_lines:
        kept = lines[:max_lines]
        last = kept[-1]
        kept[-1] = (last[: max_chars - 1].rstrip() if len(last) >= max_chars else last) + "…"
        return kept
    return lines or [""]


def radar_chart(
    axes: Sequence[str],
    series: Sequence[RadarSeries],
    *,
    partnership: RadarSeries,
    rings: Sequence[float] = (20, 40, 60, 80, 100),
    title: str = "Radar chart of principle scores",
    id_prefix: str = "radar",
    font_family: str = "sans-serif",
    highlight: str = TEXT,
) -> str:
    """Partnership (bold, filled) and one line per organisation, with a legend on the right."""
    n = len(axes)
    radius = 128.0
    label_room = 118.0
    cx = label_room + radius + 8
    cy = 52 + radius
    legend_x = cx + radius + label_room + 16
    width = legend_x + 190
    legend_rows = [partnership, *series]
    legend_height = sum(_legend_entry_height(s.label) for s in legend_rows)
    height = max(cy + radius + 52, 20 + legend_height + 10)

    def point(axis: int, value: float) -> tuple[float, float]:
        angle = -math.pi / 2 + 2 * math.pi * axis / n
        r = radius * max(0.0, min(100.0, value)) / 100
        return cx + r * math.cos(angle), cy + r * math.sin(angle)

    out = [
        _svg_open(
            width,
            height,
            id_prefix,
            f"{title}. {_radar_description(axes, partnership, series)}",
            font_family,
        )
    ]

    # Grid: dashed rings where levels start, the solid 100 ring, spokes (a path each, as one
    # SVG element costs WeasyPrint far more than one more subpath), ring values on spoke 1.
    def ring_path(ring: float) -> str:
        return "M" + "L".join(_xy(*point(i, ring)).replace(",", " ") for i in range(n)) + "z"

    dashed = "".join(ring_path(r) for r in rings if r < 100)
    if dashed:
        out.append(
            f'<path d="{dashed}" fill="none" stroke="{GRID}" stroke-width="0.8"{_dash("3 3")}/>'
        )
    spokes = "".join(
        f"M{_n(cx)} {_n(cy)}L{_n(point(i, 100)[0])} {_n(point(i, 100)[1])}" for i in range(n)
    )
    out.append(f'<path d="{ring_path(100)}{spokes}" fill="none" stroke="{GRID}" stroke-width="1"/>')
    out.append(f'<g font-size="9" text-anchor="end" fill="{MUTED}">')
    for ring in rings:
        x, y = point(0, ring)
        out.append(f'<text x="{_n(x - 3)}" y="{_n(y - 2)}">{_e(shown(ring))}</text>')
    out.append("</g>")
    # Axis labels, wrapped and anchored away from the chart.
    for i, label in enumerate(axes):
        out.append(_axis_label(i, n, label, cx, cy, radius))
    # Organisations first (thin), the partnership last so it sits on top.
    for index, s in enumerate(series):
        style = series_style(index)
        out.append(
            _radar_line(
                [_point_or_gap(point, i, v) for i, v in enumerate(s.values)],
                style,
                1.5,
                fill=None,
            )
        )
    partnership_style = SeriesStyle(highlight, "", "circle")
    out.append(
        _radar_line(
            [_point_or_gap(point, i, v) for i, v in enumerate(partnership.values)],
            partnership_style,
            3.2,
            fill=highlight,
            marker_size=4.2,
        )
    )
    # Legend.
    y = 20.0
    for index, s in enumerate(legend_rows):
        style = partnership_style if index == 0 else series_style(index - 1)
        weight = 3.2 if index == 0 else 1.5
        out.append(
            f'<line x1="{_n(legend_x)}" y1="{_n(y)}" x2="{_n(legend_x + 30)}" y2="{_n(y)}" '
            f'stroke="{style.colour}" stroke-width="{weight}"{_dash(style.dash)}/>'
        )
        out.append(_markers(style, [(legend_x + 15, y)], 4.2 if index == 0 else 3.4))
        lines = wrap_text(s.label, LEGEND_CHARS, 2)
        bold = ' font-weight="bold"' if index == 0 else ""
        out.append(_text_lines(lines, legend_x + 38, y + 3.5, 10.5, 12.5, "start", bold))
        y += _legend_entry_height(s.label)
    out.append("</svg>")
    return "".join(out)


def heat_map(
    rows: Sequence[HeatRow],
    columns: Sequence[str],
    bands: Sequence[Band],
    *,
    title: str = "Heat map of scores",
    id_prefix: str = "heat",
    font_family: str = "sans-serif",
    emphasis_columns: int = 0,
) -> str:
    """Rows (organisations) x columns (questions); every cell coloured by band, number printed.

    The last `emphasis_columns` columns and any `emphasis` rows are summaries: set apart by a
    gap and printed in bold.
    """
    label_width = 236.0
    cell_w = 52.0 if len(columns) <= 8 else max(30.0, 430.0 / len(columns))
    cell_h = 22.0
    gap = 2.0
    section_gap = 8.0
    header_h = 20.0
    colours = band_colours(len(bands))
    n_cols = len(columns)
    bold = ' font-weight="bold"'

    def column_x(j: int) -> float:
        extra = section_gap if emphasis_columns and j >= n_cols - emphasis_columns else 0.0
        return label_width + j * (cell_w + gap) + extra

    def summary_column(j: int) -> bool:
        return j >= n_cols - emphasis_columns

    row_ys: list[float] = []
    y = header_h
    for index, row in enumerate(rows):
        if row.emphasis and index and not rows[index - 1].emphasis:
            y += section_gap
        row_ys.append(y)
        y += cell_h + gap
    key_y = y + 14
    key_texts = [f"{band.label} {shown(band.min)}+" for band in bands]
    key_width = sum(27 + len(text) * 9.5 * CHAR_WIDTH for text in key_texts) + 80
    hidden_keys = sorted(
        {f"{v.mark} {v.key}" for row in rows for v in row.cells if isinstance(v, Hidden)}
    )
    hidden_y = key_y + 16
    width = max(column_x(n_cols - 1) + cell_w + 4 if n_cols else 0.0, label_width + key_width)
    height = (hidden_y if hidden_keys else key_y) + 8

    out = [
        _svg_open(
            width, height, id_prefix, f"{title}. {_heat_description(rows, columns)}", font_family
        )
    ]
    # One path per fill and one text run per row: WeasyPrint pays per SVG element, so a cell
    # is not a <rect> plus a <text> of its own (that made the heat maps half the PDF's cost).
    cells: dict[str, list[str]] = {}
    for row, top in zip(rows, row_ys, strict=True):
        for j, value in enumerate(row.cells):
            band = band_index(bands, _number(value))
            fill = (
                HIDDEN_FILL
                if isinstance(value, Hidden)
                else (colours[band] if band is not None else "#fff")
            )
            cells.setdefault(fill, []).append(
                f"M{_n(column_x(j))} {_n(top)}h{_n(cell_w)}v{_n(cell_h)}h{_n(-cell_w)}z"
            )
    for fill, shapes in cells.items():
        outline = f' stroke="{GRID}"' if fill == "#fff" else ""
        out.append(f'<path fill="{fill}"{outline} d="{"".join(shapes)}"/>')
    out.append(f'<g font-size="10.5" fill="{TEXT}">')
    for j, column in enumerate(columns):
        text = wrap_text(column, int(cell_w / (10.5 * CHAR_WIDTH)), 1)[0]
        weight = bold if summary_column(j) else ""
        out.append(
            f'<text x="{_n(column_x(j) + cell_w / 2)}" y="{_n(header_h - 7)}" '
            f'text-anchor="middle"{weight}>{_e(text)}</text>'
        )
    summary_cells = []
    for row, top in zip(rows, row_ys, strict=True):
        baseline = top + cell_h / 2 + 3.8
        placed = [
            (column_x(j) + cell_w / 2, baseline, printed_value(value))
            for j, value in enumerate(row.cells)
        ]
        if row.emphasis:
            out.append(_text_run(placed, 10.5, bold))
        else:
            split = len(placed) - emphasis_columns
            out.append(_text_run(placed[:split], 10.5, ""))
            summary_cells += placed[split:]
    out.append(_text_run(summary_cells, 10.5, bold))
    label_chars = int((label_width - 10) / (10.5 * CHAR_WIDTH))
    for row, top in zip(rows, row_ys, strict=True):
        label = wrap_text(row.label, label_chars, 1)[0]
        weight = bold if row.emphasis else ""
        out.append(
            f'<text x="{_n(label_width - 8)}" y="{_n(top + cell_h / 2 + 3.8)}" '
            f'text-anchor="end"{weight}>{_e(label)}</text>'
        )
    out.append("</g>")
    # Key of bands.
    out.append(f'<g font-size="9.5" fill="{MUTED}">')
    x = label_width
    for text, colour in zip(key_texts, colours, strict=True):
        out.append(
            f'<rect x="{_n(x)}" y="{_n(key_y - 9)}" width="11" height="11" fill="{colour}"/>'
            f'<text x="{_n(x + 15)}" y="{_n(key_y)}">{_e(text)}</text>'
        )
        x += 15 + len(text) * 9.5 * CHAR_WIDTH + 12
    out.append(f'<text x="{_n(x)}" y="{_n(key_y)}">– no answers</text>')
    x = label_width
    for text in hidden_keys:
        out.append(
            f'<rect x="{_n(x)}" y="{_n(hidden_y - 9)}" width="11" height="11" fill="{HIDDEN_FILL}"/>'
            f'<text x="{_n(x + 15)}" y="{_n(hidden_y)}">{_e(text)}</text>'
        )
        x += 15 + len(text) * 9.5 * CHAR_WIDTH + 12
    out.append("</g>")
    out.append("</svg>")
    return "".join(out)


# ---------------------------------------------------------------- drawing pieces


def _svg_open(
    width: float, height: float, id_prefix: str, alternative: str, font_family: str
) -> str:
    """The <svg> element and its whole text alternative as <title> (see the module docstring)."""
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {_n(width)} {_n(height)}" '
        f'width="{_n(width)}" height="{_n(height)}" role="img" '
        f'aria-labelledby="{_e(id_prefix)}-title" '
        f'font-family="{_e(font_family)}" class="chart">'
        f'<title id="{_e(id_prefix)}-title">{_e(alternative)}</title>'
    )


def _text_run(placed: Sequence[tuple[float, float, str]], size: float, extra: str) -> str:
    """Short texts (cell numbers) centred on their points, as ONE <text> with a position for
    every character. Digits have equal widths in sans-serif fonts, so centring by count holds;
    a space between numbers keeps them apart when the PDF's text is copied."""
    if not placed:
        return ""
    advance = DIGIT_WIDTH * size
    chars: list[str] = []
    xs: list[str] = []
    ys: list[str] = []
    for cx, baseline, text in placed:
        if chars:
            chars.append(" ")
            xs.append(_n(cx))
            ys.append(_n(baseline))
        start = cx - len(text) * advance / 2
        for i, char in enumerate(text):
            chars.append(char)
            xs.append(_n(start + i * advance))
            ys.append(_n(baseline))
    y = ys[0] if len(set(ys)) == 1 else " ".join(ys)
    return f'<text x="{" ".join(xs)}" y="{y}"{extra}>{_e("".join(chars))}</text>'


def _radar_line(
    points: Sequence[tuple[float, float] | None],
    style: SeriesStyle,
    stroke_width: float,
    *,
    fill: str | None,
    marker_size: float = 3.4,
) -> str:
    """A closed polygon when every axis has a value, else the runs between the gaps."""
    parts = []
    present = [p for p in points if p is not None]
    if present and len(present) == len(points):
        fill_attr = f'fill="{fill}" fill-opacity="0.10"' if fill else 'fill="none"'
        parts.append(
            f'<polygon points="{" ".join(_xy(*p) for p in present)}" {fill_attr} '
            f'stroke="{style.colour}" stroke-width="{stroke_width}" stroke-linejoin="round"'
            f"{_dash(style.dash)}/>"
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
                    f'<polyline points="{" ".join(_xy(*p) for p in run)}" fill="none" '
                    f'stroke="{style.colour}" stroke-width="{stroke_width}" stroke-linejoin="round"'
                    f"{_dash(style.dash)}/>"
                )
    parts.append(_markers(style, present, marker_size))
    return "".join(parts)


def _markers(style: SeriesStyle, points: Sequence[tuple[float, float]], size: float) -> str:
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
                f"M{_n(x - d)} {_n(y)}H{_n(x + d)}M{_n(x)} {_n(y - d)}V{_n(y + d)}"
                for x, y in points
            )
        else:
            path = "".join(
                f"M{_n(x - d)} {_n(y - d)}L{_n(x + d)} {_n(y + d)}"
                f"M{_n(x - d)} {_n(y + d)}L{_n(x + d)} {_n(y - d)}"
                for x, y in points
            )
        return f'<path d="{path}" stroke="{c}" stroke-width="2.2" fill="none"/>'
    if style.marker.startswith("open-"):
        paint = f'fill="#fff" stroke="{c}" stroke-width="1.6"'
    else:
        paint = f'fill="{c}" stroke="#fff" stroke-width="0.8"'
    if shape == "circle":
        path = "".join(
            f"M{_n(x - s)} {_n(y)}a{_n(s)} {_n(s)} 0 1 0 {_n(2 * s)} 0"
            f"a{_n(s)} {_n(s)} 0 1 0 {_n(-2 * s)} 0z"
            for x, y in points
        )
        return f'<path d="{path}" {paint}/>'
    corners = {
        "square": [(-1.0, -1.0), (1.0, -1.0), (1.0, 1.0), (-1.0, 1.0)],
        "triangle": [(0.0, -1.25), (1.15, 0.85), (-1.15, 0.85)],
        "triangle-down": [(0.0, 1.25), (1.15, -0.85), (-1.15, -0.85)],
        "diamond": [(0.0, -1.35), (1.35, 0.0), (0.0, 1.35), (-1.35, 0.0)],
    }[shape]
    path = "".join(
        "M" + "L".join(f"{_n(x + dx * s)} {_n(y + dy * s)}" for dx, dy in corners) + "z"
        for x, y in points
    )
    return f'<path d="{path}" {paint}/>'


def _axis_label(axis: int, n: int, label: str, cx: float, cy: float, radius: float) -> str:
    angle = -math.pi / 2 + 2 * math.pi * axis / n
    dx, dy = math.cos(angle), math.sin(angle)
    x = cx + (radius + 12) * dx
    y = cy + (radius + 12) * dy
    anchor = "middle" if abs(dx) < 0.2 else ("start" if dx > 0 else "end")
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
        f'<tspan x="{_n(x)}" y="{_n(top + i * leading)}">{_e(line)}</tspan>'
        for i, line in enumerate(lines)
    )
    return (
        f'<text font-size="{_n(size)}" text-anchor="{anchor}" fill="{TEXT}"{extra}>{spans}</text>'
    )


def _legend_entry_height(label: str) -> float:
    return 10 + 12.5 * len(wrap_text(label, LEGEND_CHARS, 2))


def _radar_description(
    axes: Sequence[str], partnership: RadarSeries, series: Sequence[RadarSeries]
) -> str:
    def line(s: RadarSeries) -> str:
        return f"{s.label}: " + ", ".join(
            f"{axis} {_said(v, 'no score')}" for axis, v in zip(axes, s.values, strict=True)
        )

    return (
        "Scores from 0 to 100 on each principle, further out is better. "
        + "; ".join(line(s) for s in [partnership, *series])
        + "."
    )


def _heat_description(rows: Sequence[HeatRow], columns: Sequence[str]) -> str:
    return (
        "; ".join(
            f"{row.label}: "
            + ", ".join(
                f"{column} {_said(v, 'no answers')}"
                for column, v in zip(columns, row.cells, strict=True)
            )
            for row in rows
        )
        + "."
    )


def _number(value: Value) -> float | None:
    return value if isinstance(value, float | int) else None


def printed_value(value: Value) -> str:
    """What a cell shows: the whole number, "–" for no answers, or a hidden value's mark."""
    return value.mark if isinstance(value, Hidden) else shown(value)


def _said(value: Value, nothing: str) -> str:
    """A value in the words of a text alternative (a screen reader reads "–" as "dash")."""
    if isinstance(value, Hidden):
        return value.meaning
    return nothing if value is None else shown(value)


def _point_or_gap(
    point: Callable[[int, float], tuple[float, float]], axis: int, value: Value
) -> tuple[float, float] | None:
    number = _number(value)
    return None if number is None else point(axis, number)


def _mix_along(ramp: Sequence[str], t: float) -> str:
    position = t * (len(ramp) - 1)
    low = min(int(position), len(ramp) - 2)
    frac = position - low
    a, b = _rgb(ramp[low]), _rgb(ramp[low + 1])
    return "#" + "".join(f"{round(x + (y - x) * frac):02x}" for x, y in zip(a, b, strict=True))


def _rgb(colour: str) -> tuple[int, int, int]:
    return int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16)


def _dash(pattern: str) -> str:
    return f' stroke-dasharray="{pattern}"' if pattern else ""


def _e(text: str) -> str:
    return escape(text, quote=True)


def _n(value: float) -> str:
    """Coordinates with at most one decimal: small files, no float noise."""
    return f"{value:.1f}".rstrip("0").rstrip(".")


def _xy(x: float, y: float) -> str:
    return f"{_n(x)},{_n(y)}"
