"""Every word the scorecard's charts print or say: titles, text alternatives, the heat map's key.

The chart code composes geometry and facts; the sentences live here, each through core/i18n's
`_` so a translation later touches a catalogue, not the charts. The view-model's own chart
titles (with the principle's name) are passed in as `title`.
"""

from __future__ import annotations

from collections.abc import Sequence

from selfassess.core.display import Display
from selfassess.core.i18n import _


def radar_title() -> str:
    """The radar's title when the caller gives none."""
    return _("Radar chart of principle scores")


def radar_range_key() -> str:
    """The radar legend's entry for the shaded band behind the partnership's line."""
    return _("Range from the lowest to the highest organisation")


def radar_rings_key() -> str:
    """The radar legend's entry for the dashed rings."""
    return _("Where a level starts")


def shape_title(organisation: str) -> str:
    """The accessible name of one organisation's small radar."""
    return _("Radar chart of {organisation}’s principle scores").format(organisation=organisation)


def heat_map_title() -> str:
    """The heat map's title when the caller gives none."""
    return _("Heat map of scores")


def no_score() -> str:
    """A radar value that is missing, as a screen reader hears it (not a dash)."""
    return _("no score")


def no_answers() -> str:
    """A heat-map cell nobody answered, as a screen reader hears it (not a dash)."""
    return _("no answers")


def dot_plot_title() -> str:
    """The dot plot's title when the caller gives none."""
    return _("Dot plot of principle scores, highest first")


def scale_range(display: Display) -> str:
    """The scale's ends as a range, "1–5"."""
    return f"{display.lo:g}–{display.hi:g}"


def dot_plot_axis(display: Display) -> str:
    """The caption under the dot plot's x axis: the unit, named once."""
    if display.on_scale:
        return _("Score on the {range} scale").format(range=scale_range(display))
    return _("Score from 0 to 100")


def _described(lines: Sequence[tuple[str, Sequence[tuple[str, str]]]]) -> str:
    return "; ".join(
        _("{label}: {values}").format(
            label=label, values=", ".join(f"{axis} {value}" for axis, value in values)
        )
        for label, values in lines
    )


def radar_alternative(
    title: str,
    lines: Sequence[tuple[str, Sequence[tuple[str, str]]]],
    display: Display | None = None,
) -> str:
    """The radar's whole text alternative: each line's label, then each axis and its value."""
    if display is not None and display.on_scale:
        intro = _("Scores on the {range} scale on each principle, further out is better.").format(
            range=scale_range(display)
        )
    else:
        intro = _("Scores from 0 to 100 on each principle, further out is better.")
    return f"{title}. {intro} {_described(lines)}."


def dot_plot_alternative(
    title: str, display: Display, lines: Sequence[tuple[str, Sequence[tuple[str, str]]]]
) -> str:
    """The dot plot's whole text alternative, as the radar's: each series, each principle."""
    if display.on_scale:
        intro = _("Scores on the {range} scale on each principle, further right is better.").format(
            range=scale_range(display)
        )
    else:
        intro = _("Scores from 0 to 100 on each principle, further right is better.")
    return f"{title}. {intro} {_described(lines)}."


def level_key(label: str, minimum: str) -> str:
    """A level's entry in the heat map's key: its name and where it starts ("Developing 40+")."""
    return _("{level} {minimum}+").format(level=label, minimum=minimum)


def no_answers_key() -> str:
    """The heat map's key entry for an empty cell."""
    return _("– no answers")
