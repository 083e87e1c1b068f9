"""What the scorecard's two charts share: the values they draw, bands, wrapping, and the small
pieces of SVG text (numbers with one decimal, escaped text). Pure: no I/O.

Both charts must survive a black-and-white photocopy: the radar tells its lines apart by dash
pattern and marker shape as well as colour (core/palette.py), and the heat map prints the number
in every cell.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

from selfassess.core.display import Display, reaches
from selfassess.core.rounding import shown

TEXT = "#1b1b1b"
MUTED = "#5f6b70"
GRID = "#c9cfd2"


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


def band_index(bands: Sequence[Band], value: float | None) -> int | None:
    """The band holding the unrounded value (as level_of decides levels: a value within 1e-9 of
    a band's `min` reaches it), or None."""
    if value is None:
        return None
    found = None
    for index, band in enumerate(bands):
        if reaches(value, band.min):
            found = index
    return found


def radar_point(
    n: int, axis: int, value: float, centre: tuple[float, float], radius: float
) -> tuple[float, float]:
    """Where `value` sits on axis `axis` of `n` (the first straight up, then clockwise), 100
    being `radius` from `centre`; web/charts.js's radarPoint is its twin (tests/vectors/charts)."""
    angle = -math.pi / 2 + 2 * math.pi * axis / n
    r = radius * value / 100
    return centre[0] + r * math.cos(angle), centre[1] + r * math.sin(angle)


def label_anchor(n: int, axis: int) -> str:
    """How axis `axis` of `n` anchors its label: centred near straight up or down (|cos| < 0.2),
    else away from the chart; web/charts.js's labelAnchor is its twin (tests/vectors/charts)."""
    dx = math.cos(-math.pi / 2 + 2 * math.pi * axis / n)
    return "middle" if abs(dx) < 0.2 else ("start" if dx > 0 else "end")


# The spaces words are split at: str.split's less U+001C-U+001F and U+0085, which JavaScript's
# \s (web/charts.js, less U+FEFF there) does not count, so both twins split at the same set.
_SPACES = re.compile(r"[^\S\x1c-\x1f\x85]+")


def wrap_text(text: str, max_chars: int, max_lines: int) -> list[str]:
    """Greedy word wrap; the last line ends in an ellipsis when text is left over. Lengths are in
    code points; web/charts.js's wrap is its twin (tests/vectors/charts/labels.json)."""
    max_chars = max(max_chars, 4)
    words = [word for word in _SPACES.split(text) if word]
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


def svg_open(
    width: float, height: float, id_prefix: str, alternative: str, font_family: str
) -> str:
    """The <svg> element and its whole text alternative as <title> (see the module docstring)."""
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {coordinate(width)} {coordinate(height)}" '
        f'width="{coordinate(width)}" height="{coordinate(height)}" role="img" '
        f'aria-labelledby="{escape_text(id_prefix)}-title" '
        f'font-family="{escape_text(font_family)}" class="chart">'
        f'<title id="{escape_text(id_prefix)}-title">{escape_text(alternative)}</title>'
    )


def number_of(value: Value) -> float | None:
    return value if isinstance(value, float | int) else None


def printed_value(value: Value) -> str:
    """What a cell shows: the whole number, "–" for no answers, or a hidden value's mark."""
    return value.mark if isinstance(value, Hidden) else shown(value)


def said(value: Value, nothing: str, display: Display | None = None) -> str:
    """A value in the words of a text alternative (a screen reader reads "–" as "dash"), in
    the displayed unit."""
    if isinstance(value, Hidden):
        return value.meaning
    if value is None:
        return nothing
    return shown(value) if display is None else display.text(value)


def dash_attribute(pattern: str) -> str:
    return f' stroke-dasharray="{pattern}"' if pattern else ""


def escape_text(text: str) -> str:
    return escape(text, quote=True)


def coordinate(value: float) -> str:
    """Coordinates with at most one decimal: small files, no float noise."""
    return f"{value:.1f}".rstrip("0").rstrip(".")


def point_text(x: float, y: float) -> str:
    return f"{coordinate(x)},{coordinate(y)}"
