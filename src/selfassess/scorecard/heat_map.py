"""The scorecard's heat map: the data of an HTML table, which the template lays out.

A table, not SVG: it is read cell by cell with its headers, its text is laid out as text
(WeasyPrint places SVG text one letter at a time, so Arabic in SVG is never joined), and no width
has to be guessed. It costs WeasyPrint about what the SVG did, once the fills are CSS classes
rather than style attributes. Its orientation (a row per organisation, a column per question)
and its level colours are core/palette.py's, shared with the partnership page's heatmap.js.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from selfassess.core.display import Display
from selfassess.core.palette import BLANK_FILL, HIDDEN_FILL, level_colours
from selfassess.core.rounding import shown
from selfassess.scorecard import chart_wording
from selfassess.scorecard.chart_parts import Band, HeatRow, Hidden, Value, band_index, number_of

HIDDEN_TONE = "tone-hidden"
BLANK_TONE = "tone-none"
MAX_HEAT_COLUMNS = 12  # question columns side by side on an A4 page
PERCENT = Display()  # figures on 0-100, the default display


@dataclass(frozen=True)
class Tone:
    """A fill the heat map uses, as a CSS class: one style rule per tone, not one per cell
    (WeasyPrint parses every style attribute on its own)."""

    name: str
    colour: str


def heat_tones(band_count: int, own_counts: Sequence[int] = ()) -> list[Tone]:
    """Every tone of a heat map with `band_count` bands: the bands, hidden, no answers; then
    the bands of principles with their own number of levels (`tone_set`)."""
    own = sorted(set(own_counts) - {band_count})
    return (
        [Tone(_band_tone(i), c) for i, c in enumerate(level_colours(band_count))]
        + [Tone(HIDDEN_TONE, HIDDEN_FILL), Tone(BLANK_TONE, BLANK_FILL)]
        + [Tone(_band_tone(i, tone_set(n)), c) for n in own for i, c in enumerate(level_colours(n))]
    )


def tone_set(band_count: int) -> str:
    """The prefix of the tones of a principle with `band_count` levels of its own, whose fills
    are the ramp's for that many levels (the bank's own count has none)."""
    return f"{band_count}-"


def _band_tone(index: int, prefix: str = "") -> str:
    return f"tone-{prefix}{index}"


@dataclass(frozen=True)
class HeatCell:
    """One printed cell: its text ("62", "–" or a hidden value's mark), tone and meaning."""

    text: str
    tone: str  # a Tone's name
    said: str  # in words, for a tooltip and a screen reader: "no answers", "hidden (...)"
    summary: bool  # in a summary column or row: printed in bold


@dataclass(frozen=True)
class HeatColumn:
    label: str
    summary: bool


@dataclass(frozen=True)
class HeatMapRow:
    label: str
    cells: list[HeatCell]
    emphasis: bool

    @property
    def printed(self) -> list[str]:
        """The row's cells as printed: for the manifest."""
        return [cell.text for cell in self.cells]


@dataclass(frozen=True)
class HeatBlock:
    """As many columns as fit across a page; a wide principle gets several blocks."""

    columns: list[HeatColumn]
    rows: list[HeatMapRow]


@dataclass(frozen=True)
class KeyEntry:
    tone: str  # "" for an entry with no swatch
    text: str


@dataclass(frozen=True)
class HeatMap:
    """A heat map ready for a table: the template lays it out, it computes nothing."""

    title: str
    columns: list[HeatColumn]
    rows: list[HeatMapRow]
    key: list[KeyEntry]
    max_columns: int = MAX_HEAT_COLUMNS  # question columns side by side in one table

    @property
    def blocks(self) -> list[HeatBlock]:
        """The tables to print: question columns in runs of at most `max_columns`, the
        summary columns with the last run, every run with all the rows."""
        body = [j for j, column in enumerate(self.columns) if not column.summary]
        runs = [body[i : i + self.max_columns] for i in range(0, len(body), self.max_columns)]
        runs = runs or [[]]
        runs[-1] += [j for j, column in enumerate(self.columns) if column.summary]
        return [
            HeatBlock(
                [self.columns[j] for j in run],
                [HeatMapRow(r.label, [r.cells[j] for j in run], r.emphasis) for r in self.rows],
            )
            for run in runs
        ]


def heat_map(
    rows: Sequence[HeatRow],
    columns: Sequence[str],
    bands: Sequence[Band],
    *,
    title: str | None = None,
    emphasis_columns: int = 0,
    max_columns: int = MAX_HEAT_COLUMNS,
    display: Display = PERCENT,
    tones: str = "",
) -> HeatMap:
    """Rows (organisations) x columns (questions); every cell coloured by band, number printed.

    A table, not SVG (see the module docstring). Values are on 0-100 and printed in `display`'s
    unit, where the bands' `min`s are; `tones` is the `tone_set` of principles with their own
    number of levels. The last `emphasis_columns` columns and any `emphasis` rows are
    summaries, printed in bold. More than `max_columns` question columns are split into
    blocks, each with the row labels again.
    """
    n_cols = len(columns)
    heads = [HeatColumn(label, j >= n_cols - emphasis_columns) for j, label in enumerate(columns)]

    def cell(value: Value, j: int, emphasis: bool) -> HeatCell:
        band = band_index(bands, display.score(number_of(value)))
        if isinstance(value, Hidden):
            tone = HIDDEN_TONE
            text = value.mark
            said = value.meaning
        else:
            tone = _band_tone(band, tones) if band is not None else BLANK_TONE
            text = display.text(value)
            said = chart_wording.no_answers() if value is None else text
        return HeatCell(text, tone, said, emphasis or heads[j].summary)

    table = [
        HeatMapRow(
            row.label, [cell(v, j, row.emphasis) for j, v in enumerate(row.cells)], row.emphasis
        )
        for row in rows
    ]
    key = [
        KeyEntry(
            _band_tone(i, tones),
            chart_wording.level_key(
                band.label, display.number_text(band.min) if display.on_scale else shown(band.min)
            ),
        )
        for i, band in enumerate(bands)
    ]
    key.append(KeyEntry("", chart_wording.no_answers_key()))
    hidden = {(v.mark, v.key) for row in rows for v in row.cells if isinstance(v, Hidden)}
    key += [KeyEntry(HIDDEN_TONE, f"{mark} {meaning}") for mark, meaning in sorted(hidden)]
    return HeatMap(title or chart_wording.heat_map_title(), heads, table, key, max_columns)
