"""Small multiples: each organisation's own shape on a small radar of its own, the partnership's
thin and grey behind it for comparison. Eight lines on one radar cannot be told apart; eight
small radars side by side can. Each organisation keeps its palette style (core/palette.py:
colour, dash, marker), as on the partnership page. The spokes are numbered as the principles;
the page around the charts names them once.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from selfassess.core.display import Display
from selfassess.core.palette import SeriesStyle, organisation_style
from selfassess.scorecard import chart_wording
from selfassess.scorecard.chart_parts import (
    GRID,
    MUTED,
    TEXT,
    RadarSeries,
    coordinate,
    escape_text,
    label_anchor,
    point_text,
    radar_point,
    said,
    svg_open,
)
from selfassess.scorecard.radar import point_or_gap, radar_line

RADIUS = 44.0
SIZE = 124.0  # the square drawing: about 40 mm wide in print, its numbers at 9 pt
GREY = SeriesStyle(colour=MUTED, dash="", marker="circle")  # the partnership, for comparison


def shape_chart(
    numbers: Sequence[str],
    organisation: RadarSeries,
    index: int,
    *,
    partnership: RadarSeries,
    rings: Sequence[float] = (20, 40, 60, 80, 100),
    axes: Sequence[str] = (),
    id_prefix: str = "shape",
    font_family: str = "sans-serif",
    display: Display | None = None,
) -> str:
    """One organisation (the `index`th, for its palette style) on a small radar whose spokes
    are labelled `numbers`; `axes` (the principles' full names) are for the text alternative."""
    display = display or Display()
    n = len(numbers)
    centre = (SIZE / 2, SIZE / 2)
    names = list(axes) or list(numbers)

    def point(axis: int, value: float) -> tuple[float, float]:
        return radar_point(n, axis, max(0.0, min(100.0, value)), centre, RADIUS)

    nothing = chart_wording.no_score()
    alternative = chart_wording.radar_alternative(
        chart_wording.shape_title(organisation.label),
        [
            (
                s.label,
                [(a, said(v, nothing, display)) for a, v in zip(names, s.values, strict=True)],
            )
            for s in (organisation, partnership)
        ],
        display,
    )
    out = [svg_open(SIZE, SIZE, id_prefix, alternative, font_family)]
    out.append(_small_grid(point, n, rings))
    for axis, number in enumerate(numbers):
        x, y = point(axis, 100)
        dx, dy = (x - centre[0]) / RADIUS, (y - centre[1]) / RADIUS
        out.append(
            f'<text x="{coordinate(x + 7 * dx)}" y="{coordinate(y + 7 * dy + 3.5 + 3 * dy)}" '
            f'font-size="10.5" text-anchor="{label_anchor(n, axis)}" fill="{TEXT}">'
            f"{escape_text(number)}</text>"
        )
    reference = [point_or_gap(point, i, v) for i, v in enumerate(partnership.values)]
    out.append(radar_line(reference, GREY, 1.2, fill=None, markers=False))
    style = organisation_style(index)
    own = [point_or_gap(point, i, v) for i, v in enumerate(organisation.values)]
    out.append(radar_line(own, style, 1.8, fill=None, marker_size=3.0))
    out.append("</svg>")
    return "".join(out)


def _small_grid(
    at: Callable[[int, float], tuple[float, float]], n: int, rings: Sequence[float]
) -> str:
    """The dashed level rings and the outer ring with its spokes, as on the summary's radar."""

    def ring_path(ring: float) -> str:
        return "M" + "L".join(point_text(*at(i, ring)).replace(",", " ") for i in range(n)) + "z"

    dashed = "".join(ring_path(r) for r in rings if r < 100)
    spokes = "".join(
        f"M{point_text(*at(i, 0)).replace(',', ' ')}L{point_text(*at(i, 100)).replace(',', ' ')}"
        for i in range(n)
    )
    return (
        f'<path d="{dashed}" fill="none" stroke="{GRID}" stroke-width="0.6" stroke-dasharray="2 2"/>'
        f'<path d="{ring_path(100)}{spokes}" fill="none" stroke="{GRID}" stroke-width="0.8"/>'
    )
