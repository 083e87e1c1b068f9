"""Scores as text: the `score --format json` contract, CSV rows, and the terminal table.

`SCORE_FORMATS` is the table `selfassess score -f` chooses from (pelican's readers, datasette's
output renderers): a name and a function from bank and scores to the text printed. A new format
is one `register_score_format` call; the command line's choices are read from the table.
"""

from __future__ import annotations

import json
import re
import textwrap
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from selfassess.core.display import Display
from selfassess.core.model import Questionnaire
from selfassess.core.scores import GroupResult, PrincipleResult, Score, Scores


def scoring_settings(scores: Scores) -> dict[str, Any]:
    """`questionnaire.scoring`: the bank's four settings as applied, the display's range too."""
    settings = scores.scoring
    return {
        "aggregate": settings.aggregate,
        "display": settings.display,
        "min": scores.display.lo,
        "max": scores.display.hi,
        "overall": settings.overall,
        "weakest_link": settings.weakest_link,
    }


def _principle_json(display: Display, p: PrincipleResult) -> dict[str, Any]:
    """A principle across the partnership; an unscored one as its answer counts only."""
    score, diff = display.score, display.difference
    if not p.scored:
        return {"scored": False, "answers": p.answers}
    return {
        "score": score(p.score),
        "level": p.level,
        "min": score(p.min),
        "max": score(p.max),
        "spread": diff(p.spread),
        "divergent": p.divergent,
        "weakest_organisation": p.weakest_organisation,
        "consensus": {
            "median": score(p.consensus.median),
            "iqr": diff(p.consensus.iqr),
            "split": p.consensus.split,
        },
    }


def scores_to_json(scores: Scores) -> dict[str, Any]:
    """The JSON shape `selfassess score --format json` prints and the pages expose; every
    figure in the displayed unit (a score through `score`, a spread or IQR through `diff`)."""
    score = scores.display.score

    def principles(figures: dict[str, Score]) -> dict[str, Score]:
        return {pid: score(s) for pid, s in figures.items()}

    def groups(results: dict[str, GroupResult]) -> dict[str, Any]:
        return {gid: {"score": score(g.score), "level": g.level} for gid, g in results.items()}

    return {
        "questionnaire": {
            "id": scores.questionnaire_id,
            "version": scores.questionnaire_version,
            "scoring": scoring_settings(scores),
        },
        "respondents": [
            {
                "source": r.source,
                "organisation": r.organisation,
                "role": r.role,
                "background": r.background,
                "principles": principles(r.principles),
                "groups": groups(r.groups),
                "overall": score(r.overall),
                "level": r.level,
                "answered": r.answered,
                "total": r.total,
            }
            for r in scores.respondents
        ],
        "organisations": {
            name: {
                "n": o.n,
                "principles": principles(o.principles),
                "groups": groups(o.groups),
                "overall": score(o.overall),
                "level": o.level,
            }
            for name, o in scores.organisations.items()
        },
        "partnership": {
            "n_respondents": scores.partnership.n_respondents,
            "n_organisations": scores.partnership.n_organisations,
            "overall": score(scores.partnership.overall),
            "level": scores.partnership.level,
            "weakest_principle": scores.partnership.weakest_principle,
            "principles": {
                pid: _principle_json(scores.display, p)
                for pid, p in scores.partnership.principles.items()
            },
            "groups": groups(scores.partnership.groups),
            "breakdowns": {
                qid: {
                    oid: {
                        "n_respondents": g.n_respondents,
                        "n_organisations": g.n_organisations,
                        "overall": score(g.overall),
                        "level": g.level,
                        "principles": principles(g.principles),
                    }
                    for oid, g in breakdown.items()
                }
                for qid, breakdown in scores.partnership.breakdowns.items()
            },
            "choices": scores.partnership.choices,
        },
    }


# A spreadsheet runs a cell that starts with one of these as a formula (`=HYPERLINK(...)`,
# `+cmd|...`, `@SUM(...)`; tab and carriage return start one in some programs too).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_text(value: str | None) -> str:
    """Text from an answer file, safe in a spreadsheet cell: one that a spreadsheet would run as
    a formula gets a leading apostrophe, which keeps it as text (responses.js's textCell, the
    same rule; docs/collecting-answers.md)."""
    text = value or ""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


# A field is quoted when it holds what the csv module quotes (a comma, a double quote, a line
# break) and also a semicolon or a tab: a spreadsheet that splits cells at those (many European
# Excels open every .csv with `;`) would otherwise find a new cell inside one, and in
# `Trust;=1+1` a formula (responses.js's csvCell, the same rule; tests/vectors/spreadsheet-text.json).
QUOTED_FIELD = re.compile('[",;\t\r\n]')


def csv_field(value: object) -> str:
    """One CSV field as the tool writes it (None is empty)."""
    text = "" if value is None else str(value)
    return '"' + text.replace('"', '""') + '"' if QUOTED_FIELD.search(text) else text


def csv_rows(rows: Iterable[Sequence[object]]) -> str:
    """Rows as CSV text, every field through csv_field, each line ending in a newline."""
    return "".join(",".join(csv_field(cell) for cell in row) + "\n" for row in rows)


def scores_to_csv(bank: Questionnaire, scores: Scores) -> str:
    """One row per respondent, unrounded principle scores, for spreadsheets; text that came from
    the answer files (source, organisation, role) goes through spreadsheet_text."""
    pids = [p.id for p in bank.principles]
    score = scores.display.score
    rows: list[Sequence[object]] = [
        ["source", "organisation", "role", *pids, "overall", "level", "answered", "total"]
    ]
    for r in scores.respondents:
        rows.append(
            [
                spreadsheet_text(r.source),
                spreadsheet_text(r.organisation),
                spreadsheet_text(r.role),
                *("" if r.principles[p] is None else repr(score(r.principles[p])) for p in pids),
                "" if r.overall is None else repr(score(r.overall)),
                r.level or "",
                r.answered,
                r.total,
            ]
        )
    return csv_rows(rows)


def _count(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


TITLE_WIDTH = 44  # principle titles wrap within it; every column after it stays aligned


def scores_to_table(bank: Questionnaire, scores: Scores) -> str:
    """A readable terminal summary: the partnership per principle (and group), then each
    organisation; figures in the displayed unit, the unit named once. Principles are numbered
    (P1, P2 ...) so that the organisations' columns can name them whole, by number."""
    p, display = scores.partnership, scores.display
    shown, spread_shown = display.text, display.difference_text
    lines = [
        f"{bank.title} ({bank.id} {bank.version}): "
        f"{_count(p.n_respondents, 'respondent', 'respondents')}, "
        f"{_count(p.n_organisations, 'organisation', 'organisations')}",
    ]
    if display.on_scale:
        lines.append(f"Figures are means on the {display.lo:g}-{display.hi:g} scale.")
    lines += [
        "",
        f"{'':<4}{'Principle':<{TITLE_WIDTH}} {'Score':>5}  {'Level':<12} {'Min':>4} {'Max':>4} "
        f"{'Spread':>6}",
    ]
    numbers = {pr.id: f"P{i}" for i, pr in enumerate(bank.principles, start=1)}
    for principle in bank.principles:
        r = p.principles[principle.id]
        title = textwrap.wrap(principle.title, TITLE_WIDTH) or [""]
        if not r.scored:
            figures = f"{'':>5}  not scored (answers counted)"
        else:
            labels = {level.id: level.label for level in bank.levels_of(principle)}
            mark = "  ! divergent" if r.divergent else ""
            weakest = "  <- weakest link" if principle.id == p.weakest_principle else ""
            figures = (
                f"{shown(r.score):>5}  {labels.get(r.level or '', '–'):<12} "
                f"{shown(r.min):>4} {shown(r.max):>4} {spread_shown(r.spread):>6}{mark}{weakest}"
            )
        lines.append(f"{numbers[principle.id]:<4}{title[0]:<{TITLE_WIDTH}} {figures}")
        lines += [f"{'':<4}{more}" for more in title[1:]]
    labels = {level.id: level.label for level in bank.levels}
    for group in bank.groups:
        g = p.groups[group.id]
        for i, part in enumerate(textwrap.wrap(f"Group: {group.title}", TITLE_WIDTH)):
            level = f" {shown(g.score):>5}  {labels.get(g.level or '', '–'):<12}" if not i else ""
            lines.append(f"{'':<4}{part:<{TITLE_WIDTH}}{level}".rstrip())
    if bank.scoring.overall:
        lines.append(
            f"{'':<4}{'Overall':<{TITLE_WIDTH}} {shown(p.overall):>5}  "
            f"{labels.get(p.level or '', '–'):<12}".rstrip()
        )
    scored = bank.scored_principles()
    overall_header = f" {'Overall':>7}" if bank.scoring.overall else ""
    lines += [
        "",
        f"{'Organisation':<40} {'n':>3}  "
        + " ".join(f"{numbers[pr.id]:>5}" for pr in scored)
        + overall_header,
    ]
    for name, org in scores.organisations.items():
        cells = " ".join(f"{shown(org.principles[pr.id]):>5}" for pr in scored)
        overall = f" {shown(org.overall):>7}" if bank.scoring.overall else ""
        lines.append(f"{name[:40]:<40} {org.n:>3}  {cells}{overall}")
    return "\n".join(line.rstrip() for line in lines) + "\n"


ScoreFormat = Callable[[Questionnaire, Scores], str]  # the text printed, ending in a newline


def scores_as_json_text(bank: Questionnaire, scores: Scores) -> str:
    """`score -f json`: the JSON contract, indented, non-ASCII kept as written."""
    return json.dumps(scores_to_json(scores), indent=2, ensure_ascii=False) + "\n"


# The first entry is the default. Order is the order `--help` lists them in.
SCORE_FORMATS: dict[str, ScoreFormat] = {
    "table": scores_to_table,
    "json": scores_as_json_text,
    "csv": scores_to_csv,
}
DEFAULT_SCORE_FORMAT = "table"


def register_score_format(name: str, render: ScoreFormat) -> None:
    """Add (or replace) a `score -f NAME` format: the one place a new format is declared."""
    SCORE_FORMATS[name] = render


def format_scores(name: str, bank: Questionnaire, scores: Scores) -> str:
    """The scores as the named format prints them."""
    return SCORE_FORMATS[name](bank, scores)
