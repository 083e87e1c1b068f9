"""Words for the rounds `report --round` compares: the current round's label when no workshop
file names it, and the mark on a note about an earlier round's files.

Beside wording.py (full) and its `from_baseline`: facts in, words out, through core/i18n.
"""

from __future__ import annotations

from selfassess.core.i18n import _


def this_round() -> str:
    """The current round's label on the trends page when no workshop record gives one."""
    return _("This round")


def from_round(line: str, label: str) -> str:
    """A note on an earlier round's file, marked with the round's label."""
    return _("{line} (round “{label}”)").format(line=line, label=label)
