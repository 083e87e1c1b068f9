"""The trends page's part of the view-model: frozen dataclasses its template lays out.

Design note: kept beside scorecard/views.py (which is near the 400-line limit and imports
`TrendsView` from here for `ScorecardView.trends`); like every view they hold only printed
strings, looked-up labels, composed sentences and drawn SVG. Built by scorecard/trends.py.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class RoundRow:
    """One round compared: who answered, and which version of the questionnaire."""

    label: str
    respondents: int
    organisations: int
    versions: str  # "0.9", "1.0, 2.0"; "" when no file named one (CSV only)
    current: bool  # the round this scorecard reports
    marked: (
        bool  # print "(this round)" after the label: the current round, unless its label says so
    )


@dataclass(frozen=True)
class TrendFigure:
    """The partnership's figure in one round, and its change since the previous round."""

    round: str  # the round's label
    score: str  # as the scorecard prints scores; "Not asked" where the principle did not exist
    present: bool  # false: the principle was not in that round's questionnaire
    level: str  # the level's label; "" when none
    level_colour: str  # the level's fill; "" when none
    change: str  # "+5", "−3", "0"; "" in the first round or when either side has no figure
    direction: str  # "up", "down", "level", or "" as `change`
    arrow: str  # "▲", "▼", "▶", or ""


@dataclass(frozen=True)
class TrendSeries:
    """One principle's (or the overall's) figures across the rounds, with its line chart."""

    id: str  # the principle's id; "overall" for the overall score
    anchor: str
    number: int  # the principle's number; 0 for the overall
    title: str
    figures: list[TrendFigure]  # one per round, oldest first
    chart_svg: str  # the line chart; its figures are `figures` (the table beside it)


@dataclass(frozen=True)
class DirectionCell:
    """An organisation in one round: its overall score and its direction since the round
    before, or why nothing is printed."""

    score: str  # as printed; "" when it took no part; "Withheld" when withheld
    direction: str  # "up", "down", "level", "new"; "" when none is printed
    arrow: str  # "▲", "▼", "▶", "★", or ""
    word: str  # "up 5", "down 3", "level", "new"; "" when none is printed
    roles_changed: bool  # fewer than half the same roles answered in both rounds
    withheld: bool


@dataclass(frozen=True)
class OrganisationDirections:
    """One organisation's row: a cell per round, oldest first."""

    name: str
    cells: list[DirectionCell]


@dataclass(frozen=True)
class ActionLine:
    """One action of an earlier round's workshop, as it stands."""

    id: str
    text: str
    owner: str  # "Head of Insight, Northshire County Council"
    due: str  # the date, or "Not set"
    status: str  # "planned", "in-progress", "done", "dropped" (for a class)
    status_word: str  # "Done": the status said in words, not colour alone
    status_mark: str  # "✓": decoration beside the word
    update: str


@dataclass(frozen=True)
class ActionProgress:
    """An earlier round's actions on one principle, beside the principle's change since."""

    principle: str  # its title
    number: int
    summary: str  # "Actions done on Shared measures: 3 of 4; score up 9"
    dropped: str  # "1 dropped", or ""
    actions: list[ActionLine]


@dataclass(frozen=True)
class RoundActions:
    """What an earlier round's workshop decided to do, per principle, and how it went."""

    round: str  # the round's label
    date: str  # the workshop's date, printed
    principles: list[ActionProgress]  # in the bank's order, only principles with actions


@dataclass(frozen=True)
class TrendsView:
    """The trends page: every round's figures, each organisation's direction, and the earlier
    rounds' actions."""

    rounds: list[RoundRow]  # oldest first, the current round last
    labels: list[str]  # the rounds' labels, oldest first (the tables' columns)
    overall: TrendSeries | None  # None when the questionnaire has no overall score
    principles: list[TrendSeries]  # the scored principles, in the bank's order
    organisations: list[OrganisationDirections]  # in the order of the printed names
    roles_notes: list[str]  # one per organisation and round whose roles changed
    withheld_note: str  # "" unless some organisation figure is withheld
    actions: list[RoundActions]  # earlier rounds with a workshop file, oldest first
