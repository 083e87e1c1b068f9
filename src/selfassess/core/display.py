"""How figures are shown: on 0-100 (`display: percent`) or on the bank's own scale
(`display: scale`), and how a figure in that unit is compared with a level or a threshold.

Every score is computed on 0-100 (core/scoring.py); this module only converts what is shown and
written, so the two displays can never disagree on a sum. Pure: no I/O. Pinned with
web/scoring.js's display functions by the shared cases in tests/vectors/.
"""

from __future__ import annotations

from dataclasses import dataclass

from selfassess.core.rounding import round_half_up, shown

# A figure within this of a level's `min` or a threshold reaches it: a Wilder factor mean of
# exactly 4.0 computed as 3.9999999999999996 is still "4.0 and above".
TOLERANCE = 1e-9

PERCENT = "percent"
SCALE = "scale"


def reaches(value: float, minimum: float) -> bool:
    """Whether a figure reaches a level's `min` or a threshold, to the tolerance."""
    return value >= minimum - TOLERANCE


def exceeds(value: float, limit: float) -> bool:
    """Whether a figure is past a limit by more than the tolerance."""
    return value > limit + TOLERANCE


@dataclass(frozen=True)
class Display:
    """The unit figures are shown in: 0-100, or the scale from `lo` to `hi`."""

    unit: str = PERCENT
    lo: float = 0.0
    hi: float = 100.0

    @property
    def on_scale(self) -> bool:
        return self.unit == SCALE

    @property
    def range(self) -> float:
        return self.hi - self.lo

    def score(self, score: float | None) -> float | None:
        """A score (a principle, overall, group, minimum, maximum or median) in the unit."""
        if score is None or not self.on_scale:
            return score
        return self.lo + score * self.range / 100

    def difference(self, difference: float | None) -> float | None:
        """A difference between two scores (spread, IQR, change) in the unit."""
        if difference is None or not self.on_scale:
            return difference
        return difference * self.range / 100

    def percent(self, value: float) -> float:
        """A figure in the unit back on 0-100 (where a chart draws a level's band)."""
        return value if not self.on_scale else (value - self.lo) * 100 / self.range

    def text(self, score: float | None) -> str:
        """A score as people read it: whole on 0-100, one decimal on the scale, half up."""
        if score is None or not self.on_scale:
            return shown(score)
        return one_decimal(self.lo + score * self.range / 100)

    def difference_text(self, difference: float | None) -> str:
        if difference is None or not self.on_scale:
            return shown(difference)
        return one_decimal(difference * self.range / 100)

    def number_text(self, value: float) -> str:
        """A figure already in the unit (a level's `min`, a threshold) as written in a sentence:
        on the scale with one decimal (4.0), or more where it has them (a threshold of 1.25 is
        not "1.3": a spread of 1.25 is divergent)."""
        if not self.on_scale:
            return f"{value:g}"
        tenths = value * 10
        return one_decimal(value) if abs(tenths - round(tenths)) < 1e-6 else f"{value:g}"


def one_decimal(value: float) -> str:
    """3.45 -> "3.5", -0.25 -> "-0.3": one decimal, half away from zero as round_half_up.

    The tenths are first written to nine decimals (Python's format and JavaScript's toFixed
    round the same binary number alike), so 3.4499999999999997, which is 3.45 after a sum, is
    3.5 as it would be by hand."""
    tenths = round_half_up(float(f"{value * 10:.9f}"))
    sign = "-" if tenths < 0 else ""
    return f"{sign}{abs(tenths) // 10}.{abs(tenths) % 10}"
