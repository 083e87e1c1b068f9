"""The scorecard's charts: pure functions, no I/O, each with its values in words too.

Both charts must survive a black-and-white photocopy: the radar tells its lines apart by dash
pattern and marker shape as well as colour, and the heat map prints the number in every cell.

The radar is SVG. SVG has no way to measure text, so its labels are wrapped on an estimated
character width; its text alternative (every value, in words) is the SVG's <title>, which
WeasyPrint turns into the /Alt text of the tagged PDF's Figure, what a screen reader reads.

The heat map is the data of an HTML table (the template lays it out): a table is read cell by
cell with its headers, its text is laid out as text (WeasyPrint places SVG text one letter at a
time, so Arabic in SVG is never joined), and no width has to be guessed. It costs WeasyPrint
about what the SVG did, once the fills are CSS classes rather than style attributes.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from html import escape

from selfassess.core.rounding import shown

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
HIDDEN_TONE = "tone-hidden"
BLANK_TONE = "tone-none"
LEGEND_CHARS = 24
MAX_HEAT_COLUMNS = 12  # question columns side by side on an A4 page


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


@dataclass(frozen=True)
class Tone:
    """A fill the heat map uses, as a CSS class: one style rule per tone, not one per cell
    (WeasyPrint parses every style attribute on its own)."""

    name: str
    colour: str


def heat_tones(band_count: int) -> list[Tone]:
    """Every tone of a heat map with `band_count` bands: the bands, hidden, no answers."""
    return [Tone(_band_tone(i), c) for i, c in enumerate(band_colours(band_count))] + [
        Tone(HIDDEN_TONE, HIDDEN_FILL),
        Tone(BLANK_TONE, "#fff"),
    ]


def _band_tone(index: int) -> str:
    return f"tone-{index}"


@dataclass(frozen=True)
class HeatCell:
    """One printed cell: its text ("62", "–" or a hidden value's mark), tone and meaning."""

    text: str
    tone: str  # a Tone's name
    said: str  # in words, for a tooltip and a screen reader: "no answers", "hidden (...)"
    summary: bool  # in a summary column or row: printed in bold


@dataclass(frozen=True)
class HeatColumn:
    label: str
    summary: bool


@dataclass(frozen=True)
class HeatMapRow:
    label: str
    cells: list[HeatCell]
    emphasis: bool

    @property
    def printed(self) -> list[str]:
        """The row's cells as printed: for the manifest."""
        return [cell.text for cell in self.cells]


@dataclass(frozen=True)
class HeatBlock:
    """As many columns as fit across a page; a wide principle gets several blocks."""

    columns: list[HeatColumn]
    rows: list[HeatMapRow]


@dataclass(frozen=True)
class KeyEntry:
    tone: str  # "" for an entry with no swatch
    text: str


@dataclass(frozen=True)
class HeatMap:
    """A heat map ready for a table: the template lays it out, it computes nothing."""

    title: str
    columns: list[HeatColumn]
    rows: list[HeatMapRow]
    key: list[KeyEntry]
    max_columns: int = MAX_HEAT_COLUMNS  # question columns side by side in one table

    @property
    def blocks(self) -> list[HeatBlock]:
        """The tables to print: question columns in runs of at most `max_columns`, the
        summary columns with the last run, every run with all the rows."""
        body = [j for j, column in enumerate(self.columns) if not column.summary]
        runs = [body[i : i + self.max_columns] for i in range(0, len(body), self.max_columns)]
        runs = runs or [[]]
        runs[-1] += [j for j, column in enumerate(self.columns) if column.summary]
        return [
            HeatBlock(
                [self.columns[j] for j in run],
                [HeatMapRow(r.label, [r.cells[j] for j in run], r.emphasis) for r in self.rows],
            )
            for run in runs
        ]


def heat_map(
    rows: Sequence[HeatRow],
    columns: Sequence[str],
    bands: Sequence[Band],
    *,
    title: str = "Heat map of scores",
    emphasis_columns: int = 0,
    max_columns: int = MAX_HEAT_COLUMNS,
) -> HeatMap:
    """Rows (organisations) x columns (questions); every cell coloured by band, number printed.

    A table, not SVG (see the module docstring). The last `emphasis_columns` columns and any
    `emphasis` rows are summaries, printed in bold. More than `max_columns` question columns
    are split into blocks, each with the row labels again.
    """
    n_cols = len(columns)
    heads = [HeatColumn(label, j >= n_cols - emphasis_columns) for j, label in enumerate(columns)]

    def cell(value: Value, j: int, emphasis: bool) -> HeatCell:
        band = band_index(bands, _number(value))
        if isinstance(value, Hidden):
            tone = HIDDEN_TONE
        else:
            tone = _band_tone(band) if band is not None else BLANK_TONE
        return HeatCell(
            printed_value(value), tone, _said(value, "no answers"), emphasis or heads[j].summary
        )

    table = [
        HeatMapRow(
            row.label, [cell(v, j, row.emphasis) for j, v in enumerate(row.cells)], row.emphasis
        )
        for row in rows
    ]
    key = [
        KeyEntry(_band_tone(i), f"{band.label} {shown(band.min)}+") for i, band in enumerate(bands)
    ]
    key.append(KeyEntry("", "– no answers"))
    hidden = {(v.mark, v.key) for row in rows for v in row.cells if isinstance(v, Hidden)}
    key += [KeyEntry(HIDDEN_TONE, f"{mark} {meaning}") for mark, meaning in sorted(hidden)]
    return HeatMap(title, heads, table, key, max_columns)


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
