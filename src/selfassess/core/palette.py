"""One palette for every chart: the PDF radar, the HTML scorecard, the form and the partnership page.

Pure data and two small functions, no I/O. Python draws the scorecard's charts with it and the
pages get it as JSON (pages/page_shell.page_palette_data) and as generated CSS rules, so the
JavaScript twins (web/charts.js, web/heatmap.js) never carry a copy that could drift: the same
organisation is drawn in the same colour, dash and marker everywhere, the same level in the same
colour. (The heat maps share one orientation too, pinned by tests, not set here.)

Every line survives a black-and-white photocopy: colour, dash pattern and marker shape all
differ from one organisation to the next.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from typing import Any

# Okabe-Ito (without its yellow, too faint on white) then Paul Tol's extras: colour-blind safe.
ORGANISATION_COLOURS = (
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
# The corners of each polygon marker, in units of the marker's size around its centre
# ("open-x" is x drawn hollow; circle, plus and cross are drawn without corners).
MARKER_CORNERS: dict[str, tuple[tuple[float, float], ...]] = {
    "square": ((-1.0, -1.0), (1.0, -1.0), (1.0, 1.0), (-1.0, 1.0)),
    "triangle": ((0.0, -1.25), (1.15, 0.85), (-1.15, 0.85)),
    "triangle-down": ((0.0, 1.25), (1.15, -0.85), (-1.15, -0.85)),
    "diamond": ((0.0, -1.35), (1.35, 0.0), (0.0, 1.35), (-1.35, 0.0)),
}
# The partnership's own line: the text colour of the page (a theme's `text`), solid, circles.
PARTNERSHIP_MARKER = "circle"
# Pale red -> yellow -> blue (ColorBrewer RdYlBu, lightened): safe for colour-blind readers and
# light enough for black numbers on top. A bank's levels are sampled evenly along it.
LEVEL_RAMP = ("#f2a488", "#fde3a0", "#bcdcec", "#82b5dc")
HIDDEN_FILL = "#e8ebed"  # a heat-map cell withheld to protect a small group
BLANK_FILL = "#fff"  # a heat-map cell nobody answered
# Both heat maps (scorecard/heat_map.py and web/heatmap.js) have one orientation: a row per
# organisation, then the partnership; a column per question, then the principle's score. It is a
# shape, not a setting: tests/vectors/charts/heat-cells.json and test_palette_twins pin it.


@dataclass(frozen=True)
class SeriesStyle:
    """How one line of a radar looks: colour, dash pattern ("" for solid) and marker shape."""

    colour: str
    dash: str
    marker: str


def organisation_style(index: int) -> SeriesStyle:
    """The look of the index-th organisation's line; colour, dash and marker all differ."""
    return SeriesStyle(
        colour=ORGANISATION_COLOURS[index % len(ORGANISATION_COLOURS)],
        dash=DASHES[index % len(DASHES)],
        marker=MARKERS[index % len(MARKERS)],
    )


def partnership_style(colour: str) -> SeriesStyle:
    """The partnership's line, in the page's text colour, solid, with circles."""
    return SeriesStyle(colour=colour, dash="", marker=PARTNERSHIP_MARKER)


def level_colours(count: int) -> list[str]:
    """`count` fills sampled evenly along the ramp, lowest level first."""
    if count <= 0:
        return []
    if count == 1:
        return [_mix_along(LEVEL_RAMP, 0.5)]
    return [_mix_along(LEVEL_RAMP, i / (count - 1)) for i in range(count)]


def palette_data(level_count: int) -> dict[str, Any]:
    """The palette as plain data for a page's script: the same values Python draws with."""
    # Every combination before the styles repeat, so index i % len is index i in Python too.
    cycle = math.lcm(len(ORGANISATION_COLOURS), len(DASHES), len(MARKERS))
    return {
        "organisations": [asdict(organisation_style(i)) for i in range(cycle)],
        "corners": {name: [list(c) for c in corners] for name, corners in MARKER_CORNERS.items()},
        "levels": level_colours(level_count),
        # For a principle with its own levels (charts.js levelColours samples it as Python).
        "ramp": list(LEVEL_RAMP),
    }


def _mix_along(ramp: Sequence[str], t: float) -> str:
    position = t * (len(ramp) - 1)
    low = min(int(position), len(ramp) - 2)
    frac = position - low
    a, b = _rgb(ramp[low]), _rgb(ramp[low + 1])
    return "#" + "".join(f"{round(x + (y - x) * frac):02x}" for x, y in zip(a, b, strict=True))


def _rgb(colour: str) -> tuple[int, int, int]:
    return int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16)
