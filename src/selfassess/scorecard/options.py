"""What the caller asks of a scorecard: its title, names, date, look and privacy rules.

Design note: the scorecard is pure, so everything it cannot know by itself comes in here: the
date (the caller reads the clock), the pseudonyms (the caller draws them at random) and the
theme's font and text colour for the charts.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from selfassess.core.privacy import PrivacyOptions


@dataclass(frozen=True)
class ScorecardOptions:
    """The choices of `selfassess report` (and of `verify`, from a manifest) the view needs."""

    title: str | None = None  # None: wording.default_title()
    partnership: str | None = None
    show_names: bool = False
    date: date | None = None  # printed on the cover; the caller reads the clock
    font_family: str = "sans-serif"
    highlight: str = "#1b1b1b"  # the partnership's line on the radar
    privacy: PrivacyOptions | None = None  # None: the bank's privacy.min_group_size, real names
