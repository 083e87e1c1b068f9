"""How far respondents agree on a principle: median, interquartile range, and a split call.

Pure: no I/O. Pinned with web/partnership-scoring.js by the `consensus` blocks of tests/vectors/.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from selfassess.core.display import Display, exceeds

Score = float | None


@dataclass(frozen=True)
class Consensus:
    """How far respondents (not organisations) agree on a principle."""

    n: int
    median: Score
    iqr: Score
    split: bool


def median(values: Sequence[float]) -> Score:
    ordered = sorted(values)
    n = len(ordered)
    if n == 0:
        return None
    middle = n // 2
    return ordered[middle] if n % 2 else (ordered[middle - 1] + ordered[middle]) / 2


def quantile(ordered: Sequence[float], q: float) -> float:
    """Linear interpolation between closest ranks (numpy's default, Excel's QUARTILE.INC)."""
    position = (len(ordered) - 1) * q
    below = int(position)
    above = min(below + 1, len(ordered) - 1)
    return ordered[below] + (ordered[above] - ordered[below]) * (position - below)


def score_consensus(
    values: Sequence[float], threshold: float, display: Display | None = None
) -> Consensus:
    """Median and IQR of respondents' scores; `split` when a third or more sit far from it:
    further than `threshold`, compared in the displayed unit (core/display.py)."""
    if not values:
        return Consensus(n=0, median=None, iqr=None, split=False)
    unit = display or Display()
    ordered = sorted(values)
    middle = median(ordered) or 0.0
    far = sum(1 for v in ordered if exceeds(unit.difference(abs(v - middle)) or 0.0, threshold))
    return Consensus(
        n=len(ordered),
        median=middle,
        iqr=quantile(ordered, 0.75) - quantile(ordered, 0.25),
        split=far * 3 >= len(ordered) and far > 0,
    )
