"""The "What we agreed" section's view-model: what the partners agreed at their workshop.

Design note: frozen dataclasses of printed strings, like views.py (which names `AgreedView` in
`ScorecardView`); kept in their own module so views.py stays short and this section's context
reads in one place. Built by agreed.py from the workshop record and the survey's rows.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class AgreedPrinciple:
    """One principle: the survey's level beside the level the partners agreed."""

    number: int
    id: str
    title: str
    survey: str  # the survey's level label, or "No score"
    survey_colour: str  # the survey level's fill; "" when it has none
    agreed: str  # the agreed level's label, "Not agreed" or "Not discussed"
    agreed_colour: str  # the agreed level's fill; "" when not agreed or not discussed
    status: str  # "agreed", "not-agreed" or "not-discussed": a CSS class
    difference: str  # a sentence when the two differ by more than one level, else ""
    note: str  # the workshop's note on it, as written (names anonymised where they must be)


@dataclass(frozen=True)
class AgreedAction:
    """One row of the action plan."""

    id: str
    text: str
    organisation: str  # who carries it; "" when only a role is given
    role: str  # "" when only an organisation is given
    due: str  # a date in the scorecard's language, or "Not set"
    status: str  # the status in words: "Planned", "In progress", "Done", "Dropped"
    status_id: str  # planned, in-progress, done, dropped: a CSS class (words carry the meaning)
    update: str  # the latest news on it, "" when none


@dataclass(frozen=True)
class ActionGroup:
    """The actions agreed on one principle, in the file's order."""

    number: int
    title: str
    actions: list[AgreedAction]


@dataclass(frozen=True)
class AgreedView:
    """What the partnership agreed at its workshop on this round's results."""

    round_label: str
    date: str  # the workshop's date, in the scorecard's language
    took_part: str  # "Taking part: Partner A, Partner B and 1 other organisation.", or ""
    principles: list[AgreedPrinciple]  # every scored principle, in the bank's order
    differences: int  # principles whose agreed level is more than one level from the survey's
    actions: list[ActionGroup]  # principles with actions, in the bank's order
    action_count: int
