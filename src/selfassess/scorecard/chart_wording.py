"""Every word the scorecard's charts print or say: titles, text alternatives, the heat map's key.

The chart code composes geometry and facts; the sentences live here, each through core/i18n's
`_` so a translation later touches a catalogue, not the charts. The view-model's own chart
titles (with the principle's name) are passed in as `title`.
"""

from __future__ import annotations

from collections.abc import Sequence

from selfassess.core.i18n import _


def radar_title() -> str:
    """The radar's title when the caller gives none."""
    return _("Radar chart of principle scores")


def heat_map_title() -> str:
    """The heat map's title when the caller gives none."""
    return _("Heat map of scores")


def no_score() -> str:
    """A radar value that is missing, as a screen reader hears it (not a dash)."""
    return _("no score")


def no_answers() -> str:
    """A heat-map cell nobody answered, as a screen reader hears it (not a dash)."""
    return _("no answers")


def radar_alternative(title: str, lines: Sequence[tuple[str, Sequence[tuple[str, str]]]]) -> str:
    """The radar's whole text alternative: each line's label, then each axis and its value."""
    described = "; ".join(
        _("{label}: {values}").format(
            label=label, values=", ".join(f"{axis} {value}" for axis, value in values)
        )
        for label, values in lines
    )
    intro = _("Scores from 0 to 100 on each principle, further out is better.")
    return f"{title}. {intro} {described}."


def level_key(label: str, minimum: str) -> str:
    """A level's entry in the heat map's key: its name and where it starts ("Developing 40+")."""
    return _("{level} {minimum}+").format(level=label, minimum=minimum)


def no_answers_key() -> str:
    """The heat map's key entry for an empty cell."""
    return _("– no answers")
