"""Privacy, applied once: which organisation names and heat-map cells the scorecard may print.

Design note: every organisation figure a page shows goes through its principle's `Grid`, which
knows which cells `privacy.hide_cells` withheld, and every organisation name through `Names`,
so no section builder (and no template) can print a hidden value or a real name by mistake.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from selfassess.core.model import Principle, Question, Questionnaire
from selfassess.core.privacy import FEW, GUARD, HiddenCells, hide_cells
from selfassess.core.scores import OrganisationScores, RespondentScores, Scores
from selfassess.scorecard import wording
from selfassess.scorecard.chart_parts import Hidden, Value

GUARD_MARK = "×"
NOT_ASKED = "not-asked"  # a principle none of whose questions were asked of an organisation


@dataclass(frozen=True)
class Names:
    """Real organisation names -> what the scorecard prints (themselves, or pseudonyms)."""

    pseudonyms: dict[str, str] | None

    def __call__(self, real: str) -> str:
        if self.pseudonyms is None:
            return real
        return self.pseudonyms[real]  # a missing name is a bug: never fall back to the real one

    def scrub(self, text: str) -> str:
        """Free text with every real organisation name (any case) replaced by its pseudonym."""
        if self.pseudonyms is None:
            return text
        for real in sorted(self.pseudonyms, key=len, reverse=True):
            text = re.sub(re.escape(real), self.pseudonyms[real], text, flags=re.IGNORECASE)
        return text


@dataclass
class Grid:
    """One principle's heat map as the privacy rules allow it to be printed.

    Columns are the principle's scale questions, then the principle score (`score_column`, the
    last); choice, multi and text questions are counted or quoted elsewhere, never scored.
    """

    principle: Principle
    organisations: list[OrganisationScores]  # in printed order
    hidden: HiddenCells
    marks: dict[str, Hidden]
    score_column: int = field(init=False)

    def __post_init__(self) -> None:
        self.score_column = len(self.questions)

    @property
    def questions(self) -> list[Question]:
        """The heat map's question columns: the principle's scale questions."""
        return [q for q in self.principle.questions if q.is_scored]

    def cell(self, organisation: OrganisationScores, column: int) -> Value:
        """What the heat map prints for one organisation and column: a score or a mark."""
        reason = self.hidden.reason(organisation.name, column)
        if reason is not None:
            return self.marks[reason]
        if column == self.score_column:
            if self.principle.id in organisation.not_applicable:
                return self.marks[NOT_ASKED]
            return organisation.principles[self.principle.id]
        return organisation.items.get(self.questions[column].id)

    def visible(self, column: int) -> list[tuple[float, OrganisationScores]]:
        """The scores of a column that are printed, so comparisons use only what is shown."""
        return [
            (value, o)
            for o in self.organisations
            if isinstance(value := self.cell(o, column), float | int)
        ]

    def hidden_rows(self, column: int) -> int:
        """How many organisations have this column withheld."""
        return sum(self.hidden.reason(o.name, column) is not None for o in self.organisations)

    @property
    def hidden_count(self) -> int:
        """Cells withheld, the partnership row's guarded totals included."""
        return len(self.hidden.cells) + len(self.hidden.totals)


def _grid_counts(principle: Principle, members: Sequence[RespondentScores]) -> list[int]:
    """How many respondents stand behind each cell of one organisation's heat-map row."""
    return [sum(q.id in m.items for m in members) for q in principle.questions if q.is_scored] + [
        sum(m.principles[principle.id] is not None for m in members)
    ]


def principle_grids(
    bank: Questionnaire,
    scores: Scores,
    organisations: Sequence[OrganisationScores],
    threshold: int,
    marks: dict[str, Hidden],
) -> dict[str, Grid]:
    """Each principle's grid, with the cells standing for fewer than `threshold` people hidden."""
    members: dict[str, list[RespondentScores]] = {}
    for respondent in scores.respondents:
        members.setdefault(respondent.organisation, []).append(respondent)
    order = [o.name for o in organisations]
    grids = {}
    for principle in bank.principles:
        counts = {o.name: _grid_counts(principle, members.get(o.name, [])) for o in organisations}
        scored = bank.scored_questions(principle)
        hidden = hide_cells(
            counts,
            threshold,
            fixed_totals=[len(scored)],
            order=order,
            weights=[q.weight for q in scored],
        )
        grids[principle.id] = Grid(principle, list(organisations), hidden, marks)
    return grids


def hidden_marks(threshold: int) -> dict[str, Hidden]:
    """What a withheld cell prints, for each reason `hide_cells` gives."""
    few = wording.few_responses(threshold)
    return {
        FEW: Hidden(f"<{threshold}", wording.hidden_because(few), few),
        GUARD: Hidden(GUARD_MARK, wording.guard_label(), wording.guard_description()),
        NOT_ASKED: Hidden(
            wording.not_asked(), wording.not_asked_meaning(), wording.not_asked_meaning()
        ),
    }


def organisations_withheld(grids: dict[str, Grid]) -> set[str]:
    """Organisations with any principle score withheld: their overall would give it away."""
    return {
        row
        for grid in grids.values()
        for (row, column) in grid.hidden.cells
        if column == grid.score_column
    }
