"""Rounding as people read scores: half up, never banker's rounding, and a dash for no score."""

from __future__ import annotations


def round_half_up(score: float) -> int:
    """Whole number for people to read: 62.5 -> 63 (not banker's rounding)."""
    return int(score + 0.5) if score >= 0 else -int(-score + 0.5)


def shown(score: float | None) -> str:
    """A score as people read it: a whole number, or an en dash when there is none."""
    return "–" if score is None else str(round_half_up(score))
