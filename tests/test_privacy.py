"""Hiding small groups: which cells go, and proof that what is left cannot bring them back."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from fractions import Fraction

from hypothesis import given, settings
from hypothesis import strategies as st

from selfassess.core.privacy import FEW, GUARD, HiddenCells, hide_cells, letters, pseudonyms

# ---------------------------------------------------------------- an attacker with algebra


def derivable(counts: Mapping[str, Sequence[int]], hidden: HiddenCells) -> list[tuple[str, int]]:
    """Hidden cells a reader could compute exactly from everything the scorecard prints.

    The reader knows every shown cell, every column's printed mean (the partnership row) unless
    it is hidden, and, at worst, that a row's last cell is the mean of its others (true when all
    of an organisation's respondents answered every question). Each of these is a linear
    equation in the hidden cells; a hidden cell is derivable when its unit vector lies in the
    span of the equations (Gaussian elimination over fractions).
    """
    unknowns = [cell for cell in sorted(hidden.cells)]
    index = {cell: i for i, cell in enumerate(unknowns)}
    equations: list[list[Fraction]] = []
    columns = max(len(c) for c in counts.values())
    for column in range(columns):
        if column in hidden.totals:
            continue
        members = [row for row in counts if counts[row][column] > 0]
        equations.append(_equation([(row, column) for row in members], index, len(unknowns)))
    for row, cells in counts.items():
        filled = [c for c in range(columns - 1) if cells[c] > 0]
        if not filled or cells[columns - 1] == 0:
            continue
        coefficients = [Fraction(0)] * len(unknowns)
        for c in filled:
            if (row, c) in index:
                coefficients[index[(row, c)]] += Fraction(1, len(filled))
        if (row, columns - 1) in index:
            coefficients[index[(row, columns - 1)]] -= 1
        equations.append(coefficients)
    rank = _rank(equations)
    found = []
    for cell, i in index.items():
        unit = [Fraction(int(j == i)) for j in range(len(unknowns))]
        if _rank([*equations, unit]) == rank:
            found.append(cell)
    return found


def _equation(
    cells: list[tuple[str, int]], index: dict[tuple[str, int], int], size: int
) -> list[Fraction]:
    coefficients = [Fraction(0)] * size
    for cell in cells:
        if cell in index:
            coefficients[index[cell]] = Fraction(1)
    return coefficients


def _rank(matrix: list[list[Fraction]]) -> int:
    rows = [list(r) for r in matrix if any(r)]
    rank = 0
    width = len(rows[0]) if rows else 0
    for column in range(width):
        pivot = next((i for i in range(rank, len(rows)) if rows[i][column] != 0), None)
        if pivot is None:
            continue
        rows[rank], rows[pivot] = rows[pivot], rows[rank]
        for i in range(len(rows)):
            if i != rank and rows[i][column] != 0:
                factor = rows[i][column] / rows[rank][column]
                rows[i] = [a - factor * b for a, b in zip(rows[i], rows[rank], strict=True)]
        rank += 1
    return rank


# ---------------------------------------------------------------- which cells are hidden


def test_nothing_is_hidden_when_every_cell_has_enough_people() -> None:
    hidden = hide_cells({"A": [3, 4, 5], "B": [6, 3, 3]}, 3)
    assert hidden.cells == {} and hidden.totals == set()


def test_a_threshold_of_one_hides_nothing() -> None:
    assert hide_cells({"A": [1, 0, 1], "B": [1, 1, 1]}, 1).cells == {}


def test_an_empty_cell_is_not_a_small_group() -> None:
    assert hide_cells({"A": [0, 5], "B": [4, 5], "C": [4, 5]}, 3).cells == {}


def test_a_small_organisation_is_hidden_with_the_next_smallest_beside_it() -> None:
    """Alone, the small row is one subtraction away from the partnership's means."""
    hidden = hide_cells({"Big": [9, 9, 9], "Mid": [4, 4, 4], "Small": [2, 2, 2]}, 3)
    assert {cell: why for cell, why in hidden.cells.items() if cell[0] == "Small"} == {
        ("Small", 0): FEW,
        ("Small", 1): FEW,
        ("Small", 2): FEW,
    }
    assert {cell for cell, why in hidden.cells.items() if why == GUARD} == {
        ("Mid", 0),
        ("Mid", 1),
        ("Mid", 2),
    }
    assert derivable({"Big": [9, 9, 9], "Mid": [4, 4, 4], "Small": [2, 2, 2]}, hidden) == []


def test_one_unanswered_question_hides_a_second_cell_in_its_row_and_its_column() -> None:
    counts = {"A": [5, 2, 5, 5], "B": [5, 5, 5, 5], "C": [6, 6, 6, 6]}
    hidden = hide_cells(counts, 3)
    assert hidden.cells[("A", 1)] == FEW
    in_column = [row for row, column in hidden.cells if column == 1]
    in_row = [column for row, column in hidden.cells if row == "A"]
    assert len(in_column) >= 2 and len(in_row) >= 2
    assert derivable(counts, hidden) == []


def test_hidden_cells_of_a_column_must_stand_for_enough_people_together() -> None:
    """Two organisations of one person each: their combined mean would still be two people."""
    counts = {"A": [1, 1], "B": [1, 1], "C": [7, 7], "D": [8, 8]}
    hidden = hide_cells(counts, 3)
    for column in (0, 1):
        rows = [row for row, c in hidden.cells if c == column]
        assert sum(counts[row][column] for row in rows) >= 3


def test_a_column_with_nothing_left_to_hide_hides_its_mean_unless_it_must_be_printed() -> None:
    counts = {"A": [2, 2], "B": [0, 9]}
    hidden = hide_cells(counts, 3, fixed_totals=[1])
    assert hidden.cells[("A", 0)] == FEW
    assert 0 in hidden.totals  # A alone answered question 0: the mean is A's value
    assert 1 not in hidden.totals  # the partnership's own score is always printed


def test_ties_are_broken_in_the_order_given() -> None:
    counts = {"A": [2], "B": [5], "C": [5]}
    assert ("C", 0) in hide_cells(counts, 3, order=["A", "C", "B"]).cells
    assert ("B", 0) in hide_cells(counts, 3, order=["A", "B", "C"]).cells


grids = st.integers(min_value=2, max_value=6).flatmap(
    lambda columns: st.dictionaries(
        st.sampled_from("ABCDEFGH"),
        st.lists(st.integers(min_value=0, max_value=7), min_size=columns, max_size=columns),
        min_size=1,
        max_size=7,
    )
)


@settings(max_examples=200, deadline=None)
@given(counts=grids, threshold=st.integers(min_value=2, max_value=5))
def test_no_hidden_cell_can_be_worked_out_from_what_is_printed(
    counts: dict[str, list[int]], threshold: int
) -> None:
    columns = len(next(iter(counts.values())))
    score = columns - 1
    hidden = hide_cells(counts, threshold, fixed_totals=[score])
    for row, cells in counts.items():
        for column, n in enumerate(cells):
            if 0 < n < threshold:
                assert hidden.cells[(row, column)] == FEW
    scored = [row for row in counts if counts[row][score] > 0]
    if len(scored) == 1 and (scored[0], score) in hidden.cells:
        return  # one organisation: the partnership's own printed score is its score
    assert derivable(counts, hidden) == []


def test_rows_of_different_lengths_cannot_be_combined_to_solve_a_cell() -> None:
    """Each printed mean has two hidden terms here, yet together they pinned D's score."""
    counts = {"B": [0, 0, 1, 1, 1], "C": [0, 1, 0, 1, 1], "D": [0, 1, 1, 1, 1]}
    hidden = hide_cells(counts, 2, fixed_totals=[4])
    assert derivable(counts, hidden) == []
    assert hidden.totals  # a partnership mean per question goes, not the partnership's score
    assert 4 not in hidden.totals


# ---------------------------------------------------------------- pseudonyms


def test_letters_run_like_spreadsheet_columns() -> None:
    assert [letters(i) for i in (0, 1, 25, 26, 27, 51, 52, 701, 702)] == [
        "A",
        "B",
        "Z",
        "AA",
        "AB",
        "AZ",
        "BA",
        "ZZ",
        "AAA",
    ]


def test_pseudonyms_follow_the_order_given_not_the_names() -> None:
    assert pseudonyms(["Police", "Council", "Schools"]) == {
        "Police": "Partner A",
        "Council": "Partner B",
        "Schools": "Partner C",
    }
