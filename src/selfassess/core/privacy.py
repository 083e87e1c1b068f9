"""Small groups stay anonymous: which breakdown cells to hide, and pseudonyms for organisations.

Pure: no clock, no randomness. The caller passes the counts, and for pseudonyms the order in
which organisations get their letters (report.py draws it at random, see `pseudonyms`).

A scorecard prints, beside each organisation's figures, figures for the whole partnership that
are plain means of them. Hiding one organisation's cell is no use if the partnership's mean and
the other organisations' cells are printed beside it: the hidden value is then one subtraction
away. So `hide_cells` works on the whole grid of one principle (organisations x questions, plus
the principle score) and keeps hiding until no hidden cell can be solved for from the printed
means, and what could be worked out about the hidden cells of a column together covers at least
`threshold` respondents: the "complementary suppression" of official statistics, checked by
exact algebra rather than by rules of thumb alone.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction

from selfassess.core.errors import Problem, SelfassessError
from selfassess.core.i18n import _

FEW = "few"  # fewer respondents than the threshold: the primary reason to hide a cell
GUARD = "guard"  # hidden only so that another hidden cell cannot be worked out


@dataclass(frozen=True)
class PrivacyOptions:
    """The anonymity rules of one scorecard.

    Two thresholds, because the issue they answer sets two defaults: a partnership knows its
    partners, so organisations are shown from one respondent (`min_organisation_size` 1) unless
    asked otherwise; comments can name a person through their role or a small organisation, so
    comment groups and role attributions need `min_group_size` people (the bank's
    `privacy.min_group_size`, 3 unless it says otherwise).
    """

    min_group_size: int = 3
    min_organisation_size: int = 1
    pseudonyms: Mapping[str, str] | None = None  # real organisation name -> "Partner A"

    @property
    def anonymised(self) -> bool:
        return self.pseudonyms is not None


def refuse_names_with_pseudonyms(show_names: bool, anonymised: bool) -> None:
    """The one rule for --show-names with --anonymise-organisations: a name printed beside a
    comment says which organisation "Partner C" is, so the two cannot be combined."""
    if show_names and anonymised:
        raise SelfassessError(
            [
                Problem(
                    "--show-names",
                    "cannot be combined with --anonymise-organisations: "
                    "names would identify the organisations",
                )
            ]
        )


@dataclass(frozen=True)
class HiddenCells:
    """The outcome of `hide_cells` for one grid: why each hidden cell is hidden."""

    cells: dict[tuple[str, int], str] = field(default_factory=dict)  # (row, column) -> FEW|GUARD
    totals: set[int] = field(default_factory=set)  # columns whose printed mean must go too

    def reason(self, row: str, column: int) -> str | None:
        return self.cells.get((row, column))


def hide_cells(
    counts: Mapping[str, Sequence[int]],
    threshold: int,
    *,
    fixed_totals: Sequence[int] = (),
    order: Sequence[str] | None = None,
    weights: Sequence[float] | None = None,
) -> HiddenCells:
    """Cells of a grid to hide so that no hidden value can be derived from what is printed.

    `counts[row][column]` is how many respondents a cell stands for (0: an empty cell, "–").
    The last column is each row's summary (an organisation's principle score): at worst, when
    all its respondents answered the same questions, the `weights`-weighted mean of the row's
    other cells. Every column is printed with the mean of its non-empty cells (the
    partnership row). A cell below `threshold` is hidden (FEW); then cells are hidden (GUARD,
    the smallest first, ties in `order`) until

    - no column has its hidden cells standing for fewer than `threshold` respondents together,
      or fewer than two of them; no row has exactly one hidden cell (quick, local rules); and
    - no hidden cell can be solved for from all these equations at once (exact algebra: local
      rules are not enough when rows of different lengths combine).

    A column that runs out of cells to hide gets its mean hidden instead (`totals`), except
    `fixed_totals` (the partnership's own principle score, which must be printed): what that
    one gives away, when a single organisation scored the principle, cannot be helped.
    """
    rows = list(order) if order is not None else sorted(counts)
    columns = max((len(c) for c in counts.values()), default=0)
    grid = _Grid(counts, rows, columns, threshold, fixed_totals)
    if threshold <= 1:
        return grid.hidden
    for row in rows:
        for column, n in enumerate(counts[row]):
            if 0 < n < threshold:
                grid.hidden.cells[(row, column)] = FEW
    if not grid.hidden.cells:
        return grid.hidden
    unavoidable: set[tuple[str, int]] = set()
    while True:
        while grid.local_rules():
            pass
        exposed = [
            cell
            for cell in solvable_cells(counts, grid.hidden, rows, columns, weights)
            if cell not in unavoidable
        ]
        if not exposed:
            return grid.hidden
        row, column = exposed[0]
        if grid.guard(grid.visible_in_column(column)) or grid.guard(grid.visible_in_row(row)):
            continue
        hidden = grid.hidden
        printed = [c for c in range(columns) if c not in hidden.totals and c not in fixed_totals]
        if printed:
            hidden.totals.add(column if column in printed else printed[0])
            continue
        unavoidable.add((row, column))  # given away by the partnership's own printed score


@dataclass
class _Grid:
    """The grid hide_cells works on, with the quick local rules of its docstring."""

    counts: Mapping[str, Sequence[int]]
    rows: list[str]
    columns: int
    threshold: int
    fixed_totals: Sequence[int]
    hidden: HiddenCells = field(default_factory=HiddenCells)

    def present(self, row: str, column: int) -> bool:
        return self.counts[row][column] > 0

    def guard(self, candidates: list[tuple[str, int]]) -> bool:
        """Hides the smallest candidate (ties in row order, then column): False if none."""
        if not candidates:
            return False
        rank = {row: index for index, row in enumerate(self.rows)}
        cell = min(candidates, key=lambda rc: (self.counts[rc[0]][rc[1]], rank[rc[0]], rc[1]))
        self.hidden.cells[cell] = GUARD
        return True

    def visible_in_column(self, column: int) -> list[tuple[str, int]]:
        return [
            (row, column)
            for row in self.rows
            if self.present(row, column) and (row, column) not in self.hidden.cells
        ]

    def visible_in_row(self, row: str) -> list[tuple[str, int]]:
        return [
            (row, column)
            for column in range(self.columns)
            if self.present(row, column) and (row, column) not in self.hidden.cells
        ]

    def local_rules(self) -> bool:
        """One pass of the column and row rules; True when it hid anything more."""
        changed = False
        hidden = self.hidden
        for column in range(self.columns):
            members = [row for row in self.rows if self.present(row, column)]
            covered = [row for row in members if (row, column) in hidden.cells]
            if not covered or column in hidden.totals:
                continue
            enough = sum(self.counts[r][column] for r in covered) >= self.threshold
            if len(covered) >= 2 and enough:
                continue
            if self.guard(self.visible_in_column(column)):
                changed = True
            elif column not in self.fixed_totals:
                hidden.totals.add(column)
        for row in self.rows:
            filled = [column for column in range(self.columns) if self.present(row, column)]
            if sum((row, column) in hidden.cells for column in filled) == 1 and self.guard(
                self.visible_in_row(row)
            ):
                changed = True
        return changed


def solvable_cells(
    counts: Mapping[str, Sequence[int]],
    hidden: HiddenCells,
    rows: Sequence[str],
    columns: int,
    weights: Sequence[float] | None = None,
) -> list[tuple[str, int]]:
    """Hidden cells a reader could compute exactly from what is printed beside them.

    The printed facts are linear equations in the hidden cells: each printed column mean, and
    each row's summary as the weighted mean of its other cells. A hidden cell is solvable when
    its unit vector lies in the span of those equations: in the reduced row echelon form (exact
    fractions), a row with a single non-zero entry.
    """
    unknowns = sorted(hidden.cells, key=lambda rc: (rows.index(rc[0]), rc[1]))
    index = {cell: i for i, cell in enumerate(unknowns)}
    equations: list[list[Fraction]] = []
    for column in range(columns):
        if column in hidden.totals:
            continue
        coefficients = [Fraction(0)] * len(unknowns)
        for row in rows:
            if counts[row][column] > 0 and (row, column) in index:
                coefficients[index[(row, column)]] = Fraction(1)
        equations.append(coefficients)
    last = columns - 1
    for row in rows:
        filled = [c for c in range(last) if counts[row][c] > 0]
        if not filled or counts[row][last] == 0:
            continue
        total = sum(Fraction(weights[c]) if weights else Fraction(1) for c in filled)
        coefficients = [Fraction(0)] * len(unknowns)
        for c in filled:
            if (row, c) in index:
                weight = Fraction(weights[c]) if weights else Fraction(1)
                coefficients[index[(row, c)]] = weight / total
        if (row, last) in index:
            coefficients[index[(row, last)]] = Fraction(-1)
        equations.append(coefficients)
    return [unknowns[i] for i in _single_entry_rows(equations)]


def _single_entry_rows(matrix: list[list[Fraction]]) -> list[int]:
    """Columns i for which the reduced row echelon form of `matrix` has a row equal to e_i."""
    rows = [list(r) for r in matrix if any(r)]
    width = len(matrix[0]) if matrix else 0
    pivot_row = 0
    for column in range(width):
        pivot = next((i for i in range(pivot_row, len(rows)) if rows[i][column] != 0), None)
        if pivot is None:
            continue
        rows[pivot_row], rows[pivot] = rows[pivot], rows[pivot_row]
        lead = rows[pivot_row][column]
        rows[pivot_row] = [value / lead for value in rows[pivot_row]]
        for i, other in enumerate(rows):
            if i != pivot_row and other[column] != 0:
                factor = other[column]
                rows[i] = [a - factor * b for a, b in zip(other, rows[pivot_row], strict=True)]
        pivot_row += 1
    found = []
    for row in rows[:pivot_row]:
        nonzero = [i for i, value in enumerate(row) if value != 0]
        if len(nonzero) == 1:
            found.append(nonzero[0])
    return sorted(found)


def letters(index: int) -> str:
    """0 -> A, 25 -> Z, 26 -> AA: spreadsheet column names, so any number of partners fits."""
    name = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        name = chr(ord("A") + remainder) + name
    return name


def pseudonyms(order: Sequence[str]) -> dict[str, str]:
    """Real name -> "Partner A", "Partner B", ... in the order given.

    The order must not be alphabetical, nor follow the files (which are usually named after the
    organisation): anyone who knows the list of partners could undo either. report.py shuffles.
    """
    return {
        name: _("Partner {letter}").format(letter=letters(index))
        for index, name in enumerate(order)
    }


def hidden_groups(counts: Sequence[int], threshold: int) -> frozenset[int]:
    """Which groups of a breakdown (by position) a page hides: every group with fewer than
    `threshold` respondents, none included; and when exactly one of the groups so hidden has
    anyone in it, the shown group with the fewest respondents too (the first such in option
    order), so that the hidden one cannot be worked out from the others and the total (an
    empty hidden group hides nothing: the page prints the total).

    A breakdown group's figures are means over its own organisations, not parts of a printed
    sum, so unlike `hide_cells` one complementary group is enough: what stays unknown is which
    of two groups holds the few respondents. The page's twin is web/breakdowns.js
    (tests/vectors/privacy/hidden-groups.json pins both)."""
    hidden = {i for i, n in enumerate(counts) if n < threshold}
    if len([i for i in hidden if counts[i] > 0]) == 1:
        shown = [i for i in range(len(counts)) if i not in hidden]
        if shown:
            hidden.add(min(shown, key=lambda i: (counts[i], i)))
    return frozenset(hidden)
