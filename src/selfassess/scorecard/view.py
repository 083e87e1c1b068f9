"""Scores -> the scorecard's view-model: every number rounded, every label looked up, charts drawn.

The scorecard templates (HTML and PDF alike) only lay this out. Pure: no files, no clock, no
randomness; the caller passes the date to print and, to anonymise, the pseudonyms.

Privacy is applied here, once, so that no template can print a hidden value by mistake: every
organisation figure a page shows goes through the principle's `_Grid`, which knows which cells
`privacy.hide_cells` withheld, and every organisation name through `_Names`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, fields
from datetime import date

from selfassess.core.errors import SelfassessError
from selfassess.core.model import Principle, Questionnaire, SourcedResponse
from selfassess.core.privacy import FEW, HiddenCells, PrivacyOptions, hide_cells
from selfassess.core.rounding import round_half_up, shown
from selfassess.core.scoring import (
    OrganisationScores,
    RespondentScores,
    Score,
    Scores,
    item_score,
    mean,
    organisation_of,
)
from selfassess.pages.bank_view import bank_view
from selfassess.scorecard.charts import (
    Band,
    HeatMap,
    HeatRow,
    Hidden,
    RadarSeries,
    Tone,
    Value,
    band_colours,
    heat_map,
    heat_tones,
    radar_chart,
)

DEFAULT_TITLE = "Partnership scorecard"
MOST_DISAGREED = 3  # questions listed per principle
GUARD_MARK = "×"
# The most of any one comment a scorecard prints: about two pages. Longer comments are cut,
# with a note, so one 10 MB comment cannot turn a report into hours of layout and 2,000 pages.
MAX_COMMENT_CHARS = 10_000


@dataclass(frozen=True)
class ScorecardOptions:
    title: str | None = None
    partnership: str | None = None
    show_names: bool = False
    date: date | None = None  # printed on the cover; the caller reads the clock
    font_family: str = "sans-serif"
    highlight: str = "#1b1b1b"  # the partnership's line on the radar
    privacy: PrivacyOptions | None = None  # None: the bank's privacy.min_group_size, real names


@dataclass(frozen=True)
class LevelRef:
    id: str
    label: str
    description: str
    colour: str  # the level's fill, as in the heat maps


@dataclass(frozen=True)
class OrganisationScore:
    name: str
    score: str


@dataclass(frozen=True)
class PrincipleRow:
    """One line of the summary table."""

    number: int
    id: str
    anchor: str
    title: str
    score: str
    level: LevelRef | None
    lowest: OrganisationScore | None  # among the organisations whose score is shown
    highest: OrganisationScore | None
    spread: str
    divergent: bool
    weakest_link: bool
    median: str  # of respondents' scores, not organisations'
    iqr: str
    split: bool
    hidden_organisations: int  # organisations whose score on it is withheld


@dataclass(frozen=True)
class WeakestLink:
    number: int
    anchor: str
    title: str
    score: str
    level: LevelRef | None
    organisation: OrganisationScore | None
    divergent: bool
    spread: str


@dataclass(frozen=True)
class Disagreement:
    """A question on which organisations' mean answers lie furthest apart."""

    label: str
    text_html: str
    spread: str
    lowest: OrganisationScore
    highest: OrganisationScore
    divergent: bool


@dataclass(frozen=True)
class QuestionRow:
    label: str  # "Q7"
    text_html: str
    reverse: bool
    disagreement: Disagreement | None  # set on the principle's most disagreed questions


@dataclass(frozen=True)
class CommentView:
    text: str
    organisation: str
    role: str | None  # only when enough people share it, and never when anonymised
    name: str | None  # only with show_names
    about: str  # "Q7", or "" for a comment on the whole principle
    shortened_note: str = ""  # "" unless only the start of a long comment is printed


@dataclass(frozen=True)
class PrincipleSection(PrincipleRow):
    """A principle's pages: its summary-table figures, and what only its section shows."""

    summary_html: str
    respondents: int  # respondents with a score on this principle
    agreement: str  # one sentence: do organisations differ, do people differ, or both?
    heat_map: HeatMap
    hidden_note: str  # "" unless cells of the heat map are withheld
    questions: list[QuestionRow]
    has_reverse: bool
    disagreements: list[Disagreement]
    advice_html: str
    comments: list[CommentView]
    comments_hidden_note: str  # "" unless comments from small groups are withheld


@dataclass(frozen=True)
class Change:
    before: str
    now: str
    delta: str  # "+5", "−3", "0", or "–" when either side has no score
    direction: str  # "up", "down", "same", "none"
    arrow: str


@dataclass(frozen=True)
class PrincipleChange:
    number: int
    title: str
    change: Change
    level_before: str
    level_now: str


@dataclass(frozen=True)
class OrganisationChange:
    name: str
    change: Change
    largest_principle: str  # the principle that moved most, with its delta; "" when none did
    hidden: str = ""  # why its figures are withheld; "" when they are shown


@dataclass(frozen=True)
class BaselineView:
    respondents: int
    organisations: int
    collected: str
    overall: Change
    level_before: str
    level_now: str
    principles: list[PrincipleChange]
    organisation_changes: list[OrganisationChange]  # biggest movement first, withheld last
    moved_most: list[OrganisationChange]
    joined: list[str]
    left: list[str]


@dataclass(frozen=True)
class ScalePoint:
    label: str
    score: str


@dataclass(frozen=True)
class LevelRange:
    label: str
    range: str


@dataclass(frozen=True)
class OrganisationCount:
    name: str
    respondents: int
    answered: str  # share of questions answered, as "87%"; "hidden" for a small organisation
    baseline_respondents: int | None


@dataclass(frozen=True)
class PrivacyView:
    """The anonymity rules applied, for the method appendix."""

    min_group_size: int
    min_organisation_size: int
    anonymised: bool
    hidden_cells: int  # heat-map cells withheld, over every principle
    hidden_comments: int

    @property
    def hidden(self) -> str:
        """ "In this report 12 heat-map cells and 1 comment are hidden.", or ""."""
        parts = [
            f"{n} {what}{'s' if n != 1 else ''}"
            for n, what in ((self.hidden_cells, "heat-map cell"), (self.hidden_comments, "comment"))
            if n
        ]
        if not parts:
            return ""
        verb = (
            "is" if len(parts) == 1 and (self.hidden_cells or self.hidden_comments) == 1 else "are"
        )
        return f"In this report {' and '.join(parts)} {verb} hidden."


@dataclass(frozen=True)
class MethodView:
    scale: list[ScalePoint]
    unscored: list[str]
    own_scales: bool
    reverse_questions: int
    min_answered: str
    divergence_threshold: str
    consensus_threshold: str
    equal_principle_weights: bool
    equal_question_weights: bool
    levels: list[LevelRange]
    organisations: list[OrganisationCount]
    skipped: list[str]
    notes: list[str]
    privacy: PrivacyView


@dataclass(frozen=True)
class ScorecardView:
    title: str
    partnership: str | None
    running_header: str
    language: str
    questionnaire_title: str
    questionnaire_id: str
    questionnaire_version: str
    date: str
    collected: str
    respondents: int
    organisations: int
    overall: str
    level: LevelRef | None
    levels: list[LevelRef]
    tones: list[Tone]  # the heat maps' fills, one CSS class each
    radar_svg: str
    radar_note: str  # "" unless some organisation's line has a withheld value
    principles: list[PrincipleRow]
    summary_note: str  # "" unless organisation scores are withheld
    weakest_link: WeakestLink | None
    sections: list[PrincipleSection]
    baseline: BaselineView | None
    method: MethodView
    show_names: bool
    anonymised: bool


# ---------------------------------------------------------------- privacy, per principle


@dataclass(frozen=True)
class _Names:
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
class _Grid:
    """One principle's heat map as the privacy rules allow it to be printed.

    Columns are the principle's questions, then the principle score (`SCORE`, the last).
    """

    principle: Principle
    organisations: list[OrganisationScores]  # in printed order
    hidden: HiddenCells
    marks: dict[str, Hidden]
    score_column: int = field(init=False)

    def __post_init__(self) -> None:
        self.score_column = len(self.principle.questions)

    def cell(self, organisation: OrganisationScores, column: int) -> Value:
        reason = self.hidden.reason(organisation.name, column)
        if reason is not None:
            return self.marks[reason]
        if column == self.score_column:
            return organisation.principles[self.principle.id]
        return organisation.items.get(self.principle.questions[column].id)

    def visible(self, column: int) -> list[tuple[float, OrganisationScores]]:
        return [
            (value, o)
            for o in self.organisations
            if isinstance(value := self.cell(o, column), float | int)
        ]

    def hidden_rows(self, column: int) -> int:
        return sum(self.hidden.reason(o.name, column) is not None for o in self.organisations)


def _grid_counts(principle: Principle, members: Sequence[RespondentScores]) -> list[int]:
    """How many respondents stand behind each cell of one organisation's heat-map row."""
    return [sum(q.id in m.items for m in members) for q in principle.questions] + [
        sum(m.principles[principle.id] is not None for m in members)
    ]


def _grids(
    bank: Questionnaire,
    scores: Scores,
    organisations: Sequence[OrganisationScores],
    threshold: int,
    marks: dict[str, Hidden],
) -> dict[str, _Grid]:
    members: dict[str, list[RespondentScores]] = {}
    for respondent in scores.respondents:
        members.setdefault(respondent.organisation, []).append(respondent)
    order = [o.name for o in organisations]
    grids = {}
    for principle in bank.principles:
        counts = {o.name: _grid_counts(principle, members.get(o.name, [])) for o in organisations}
        hidden = hide_cells(
            counts,
            threshold,
            fixed_totals=[len(principle.questions)],
            order=order,
            weights=[q.weight for q in principle.questions],
        )
        grids[principle.id] = _Grid(principle, list(organisations), hidden, marks)
    return grids


def _marks(threshold: int) -> dict[str, Hidden]:
    few = f"fewer than {threshold} responses"
    return {
        FEW: Hidden(f"<{threshold}", f"hidden ({few})", few),
        "guard": Hidden(
            GUARD_MARK,
            "hidden (so that another hidden value cannot be worked out)",
            "hidden so that another hidden value cannot be worked out",
        ),
    }


def _hidden_note(grid: _Grid, threshold: int) -> str:
    """Said under a heat map with withheld cells, so nobody mistakes them for missing data."""
    cells = len(grid.hidden.cells) + len(grid.hidden.totals)
    if not cells:
        return ""
    scores = grid.hidden_rows(grid.score_column)
    parts = [
        f"{cells} cell{'s' if cells != 1 else ''} of this heat map "
        f"{'are' if cells != 1 else 'is'} hidden to protect small groups: <{threshold} marks "
        f"fewer than {threshold} responses, {GUARD_MARK} a value hidden so that another "
        "cannot be worked out from the averages."
    ]
    if scores:
        parts.append(
            "Lowest, highest and spread cover only the organisations whose score is shown."
        )
    return " ".join(parts)


def build_scorecard(
    bank: Questionnaire,
    scores: Scores,
    responses: Sequence[SourcedResponse],
    options: ScorecardOptions,
    *,
    baseline: Scores | None = None,
    baseline_responses: Sequence[SourcedResponse] = (),
    skipped: Sequence[str] = (),
    notes: Sequence[str] = (),
) -> ScorecardView:
    """Everything the scorecard shows, ready to lay out."""
    privacy = options.privacy or PrivacyOptions(min_group_size=bank.privacy.min_group_size)
    if privacy.anonymised and options.show_names:
        raise SelfassessError.at(
            "--show-names",
            "cannot be combined with --anonymise-organisations: names identify organisations",
        )
    names = _Names(dict(privacy.pseudonyms) if privacy.pseudonyms is not None else None)
    bv = bank_view(bank)
    levels = {
        lv.id: LevelRef(lv.id, lv.label, lv.description, colour)
        for lv, colour in zip(bv.levels, band_colours(len(bv.levels)), strict=True)
    }
    p = scores.partnership
    # Printed in the order of the names people read: pseudonyms must not follow real names.
    organisations = sorted(scores.organisations.values(), key=lambda o: names(o.name))
    question_labels = {q.id: f"Q{q.number}" for pv in bv.principles for q in pv.questions}
    question_html = {q.id: q.text_html for pv in bv.principles for q in pv.questions}
    threshold = privacy.min_organisation_size
    marks = _marks(threshold)
    grids = _grids(bank, scores, organisations, threshold, marks)

    def level(level_id: str | None) -> LevelRef | None:
        return levels.get(level_id) if level_id else None

    def extreme(grid: _Grid, lowest: bool) -> OrganisationScore | None:
        scored = [(s, names(o.name)) for s, o in grid.visible(grid.score_column)]
        if not scored:
            return None
        # Ties go to the first name alphabetically, as the weakest organisation's do.
        s, name = min(scored) if lowest else min(scored, key=lambda pair: (-pair[0], pair[1]))
        return OrganisationScore(name, shown(s))

    rows = []
    sections = []
    comments, comments_hidden = _comments_by_principle(
        bank, responses, scores, question_labels, options.show_names, privacy, names
    )
    bands = [Band(lv.min, lv.label) for lv in bank.levels]
    for principle, pv in zip(bank.principles, bv.principles, strict=True):
        r = p.principles[principle.id]
        grid = grids[principle.id]
        anchor = f"principle-{principle.id}"
        weakest = principle.id == p.weakest_principle
        lowest = extreme(grid, lowest=True)
        highest = extreme(grid, lowest=False)
        # Spread and divergence over what is printed: a hidden lowest score must not be one
        # subtraction away from the highest.
        visible_scores = [s for s, _ in grid.visible(grid.score_column)]
        spread = max(visible_scores) - min(visible_scores) if visible_scores else None
        divergent = len(visible_scores) >= 2 and (spread or 0) >= bank.divergence_threshold
        row = PrincipleRow(
            number=pv.number,
            id=principle.id,
            anchor=anchor,
            title=principle.title,
            score=shown(r.score),
            level=level(r.level),
            lowest=lowest,
            highest=highest,
            spread=shown(spread),
            divergent=divergent,
            weakest_link=weakest,
            median=shown(r.consensus.median),
            iqr=shown(r.consensus.iqr),
            split=r.consensus.split,
            hidden_organisations=grid.hidden_rows(grid.score_column),
        )
        rows.append(row)
        disagreements = _disagreements(bank, grid, names, question_labels, question_html)
        disagreement_of = {d.label: d for d in disagreements}
        questions = [
            QuestionRow(
                question_labels[q.id],
                q.text_html,
                q.reverse,
                disagreement_of.get(question_labels[q.id]),
            )
            for q in pv.questions
        ]
        columns = range(grid.score_column + 1)
        heat_rows = [
            HeatRow(names(o.name), [grid.cell(o, j) for j in columns]) for o in organisations
        ]
        heat_rows.append(
            HeatRow(
                "Partnership",
                [
                    marks["guard"]
                    if j in grid.hidden.totals
                    else _question_mean(organisations, q.id)
                    for j, q in enumerate(principle.questions)
                ]
                + [r.score],
                emphasis=True,
            )
        )
        heat = heat_map(
            heat_rows,
            [q.label + ("*" if q.reverse else "") for q in questions] + ["Score"],
            bands,
            title=f"Heat map: {principle.title}, by organisation and question",
            emphasis_columns=1,
        )
        withheld = comments_hidden.get(principle.id, 0)
        sections.append(
            PrincipleSection(
                **{f.name: getattr(row, f.name) for f in fields(row)},
                summary_html=pv.summary_html,
                respondents=r.consensus.n,
                agreement=agreement_sentence(
                    divergent,
                    r.consensus.split,
                    sum(o.principles[principle.id] is not None for o in organisations),
                    r.consensus.n,
                    bank.consensus,
                    shown=len(visible_scores),
                ),
                heat_map=heat,
                hidden_note=_hidden_note(grid, threshold),
                questions=questions,
                has_reverse=any(q.reverse for q in questions),
                disagreements=disagreements,
                advice_html=pv.advice_html.get(r.level or "", ""),
                comments=comments.get(principle.id, []),
                comments_hidden_note=(
                    f"{withheld} comment{'s' if withheld != 1 else ''} not shown: "
                    f"{'they come' if withheld != 1 else 'it comes'} from organisations with "
                    f"fewer than {privacy.min_group_size} responses."
                    if withheld
                    else ""
                ),
            )
        )

    weakest_link = None
    if p.weakest_principle is not None:
        row = next(row for row in rows if row.id == p.weakest_principle)
        weakest_link = WeakestLink(
            number=row.number,
            anchor=row.anchor,
            title=row.title,
            score=row.score,
            level=row.level,
            organisation=row.lowest,
            divergent=row.divergent,
            spread=row.spread,
        )

    axes = [f"{pv.number}. {pv.title}" for pv in bv.principles]
    radar_series = [
        RadarSeries(
            names(o.name),
            [grids[pr.id].cell(o, grids[pr.id].score_column) for pr in bank.principles],
        )
        for o in organisations
    ]
    radar = radar_chart(
        axes,
        radar_series,
        partnership=RadarSeries(
            "Partnership", [p.principles[pr.id].score for pr in bank.principles]
        ),
        rings=sorted({*(lv.min for lv in bank.levels if lv.min > 0), 100.0}),
        title="Radar chart: each principle's score, for the partnership and each organisation",
        id_prefix="radar",
        font_family=options.font_family,
        highlight=options.highlight,
    )
    hidden_scores = sum(row.hidden_organisations for row in rows)
    title = options.title or DEFAULT_TITLE
    return ScorecardView(
        title=title,
        partnership=options.partnership,
        running_header=options.partnership or title,
        language=bank.language,
        questionnaire_title=bank.title,
        questionnaire_id=bank.id,
        questionnaire_version=bank.version,
        date=long_date(options.date) if options.date else "",
        collected=collection_period(responses),
        respondents=p.n_respondents,
        organisations=p.n_organisations,
        overall=shown(p.overall),
        level=level(p.level),
        levels=list(levels.values()),
        tones=heat_tones(len(bank.levels)),
        radar_svg=radar,
        radar_note=(
            "A line has a gap where that organisation's score is hidden to protect small groups."
            if hidden_scores
            else ""
        ),
        principles=rows,
        summary_note=(
            f"{hidden_scores} organisation score{'s are' if hidden_scores != 1 else ' is'} "
            "hidden to protect small groups; lowest, highest and spread cover the organisations "
            "whose score is shown."
            if hidden_scores
            else ""
        ),
        weakest_link=weakest_link,
        sections=sections,
        baseline=(
            _baseline_view(
                bank,
                scores,
                baseline,
                baseline_responses,
                names,
                hidden=_hidden_scores(grids)
                | _hidden_scores(
                    _grids(
                        bank,
                        baseline,
                        sorted(baseline.organisations.values(), key=lambda o: names(o.name)),
                        threshold,
                        marks,
                    )
                ),
                reason="at least one of its principle scores is withheld to protect small groups",
            )
            if baseline is not None
            else None
        ),
        method=_method_view(
            bank,
            scores,
            baseline,
            skipped,
            notes,
            names,
            PrivacyView(
                min_group_size=privacy.min_group_size,
                min_organisation_size=threshold,
                anonymised=privacy.anonymised,
                hidden_cells=sum(
                    len(g.hidden.cells) + len(g.hidden.totals) for g in grids.values()
                ),
                hidden_comments=sum(comments_hidden.values()),
            ),
        ),
        show_names=options.show_names,
        anonymised=privacy.anonymised,
    )


# ---------------------------------------------------------------- pieces


def _hidden_scores(grids: dict[str, _Grid]) -> set[str]:
    """Organisations with any principle score withheld: their overall would give it away."""
    return {
        row
        for grid in grids.values()
        for (row, column) in grid.hidden.cells
        if column == grid.score_column
    }


def _question_mean(organisations: Sequence[OrganisationScores], question_id: str) -> Score:
    """The partnership's view of one question: every organisation's mean counts the same."""
    return mean([s for o in organisations if (s := o.items.get(question_id)) is not None])


def _disagreements(
    bank: Questionnaire,
    grid: _Grid,
    names: _Names,
    labels: dict[str, str],
    text_html: dict[str, str],
) -> list[Disagreement]:
    """The questions whose printed organisation means lie furthest apart."""
    found = []
    for order, question in enumerate(grid.principle.questions):
        scored = [(s, names(o.name)) for s, o in grid.visible(order)]
        if len(scored) < 2:
            continue
        low = min(scored)
        high = min(scored, key=lambda pair: (-pair[0], pair[1]))
        spread = high[0] - low[0]
        if spread <= 0:
            continue
        found.append((-spread, order, question.id, low, high, spread))
    found.sort()
    return [
        Disagreement(
            label=labels[qid],
            text_html=text_html[qid],
            spread=shown(spread),
            lowest=OrganisationScore(low[1], shown(low[0])),
            highest=OrganisationScore(high[1], shown(high[0])),
            divergent=spread >= bank.divergence_threshold,
        )
        for _, _, qid, low, high, spread in found[:MOST_DISAGREED]
    ]


def _comments_by_principle(
    bank: Questionnaire,
    responses: Sequence[SourcedResponse],
    scores: Scores,
    labels: dict[str, str],
    show_names: bool,
    privacy: PrivacyOptions,
    names: _Names,
) -> tuple[dict[str, list[CommentView]], dict[str, int]]:
    """Comments grouped under their principle, in question order, then by organisation.

    A comment from an organisation with fewer than `min_group_size` respondents is withheld
    (counted, so the page can say so); a role is printed only when at least that many of the
    organisation's respondents gave it, and never when organisations are anonymised (a role
    such as "Headteacher" names the sector).
    """
    principle_of = {q.id: pr.id for pr, q in bank.questions()}
    principle_of.update({pr.id: pr.id for pr in bank.principles})
    order = {pr.id: i for i, pr in enumerate(bank.principles)}
    order.update({q.id: len(bank.principles) + i for i, (_, q) in enumerate(bank.questions())})
    sizes = {name: o.n for name, o in scores.organisations.items()}
    roles: dict[tuple[str, str], int] = {}
    for r in scores.respondents:
        if r.role:
            group = (r.organisation, r.role.casefold())
            roles[group] = roles.get(group, 0) + 1
    keyed = []
    withheld: dict[str, int] = {}
    for sourced in responses:
        respondent = sourced.response.respondent
        organisation = organisation_of(respondent.organisation)
        role = (respondent.role or "").strip() or None
        name = (respondent.name or "").strip() or None
        for key, text in sourced.response.comments.items():
            if key not in principle_of or not text.strip():
                continue
            principle_id = principle_of[key]
            if sizes.get(organisation, 0) < privacy.min_group_size:
                withheld[principle_id] = withheld.get(principle_id, 0) + 1
                continue
            role_shown = (
                role
                if role is not None
                and not privacy.anonymised
                and roles.get((organisation, role.casefold()), 0) >= privacy.min_group_size
                else None
            )
            printed, shortened_note = _shortened(names.scrub(text.strip()))
            comment = CommentView(
                text=printed,
                shortened_note=shortened_note,
                organisation=names(organisation),
                role=role_shown,
                name=name if show_names else None,
                about=labels.get(key, ""),
            )
            keyed.append(
                ((order[principle_id], order[key], comment.organisation), principle_id, comment)
            )
    keyed.sort(key=lambda item: item[0])
    grouped: dict[str, list[CommentView]] = {}
    for _, principle_id, comment in keyed:
        grouped.setdefault(principle_id, []).append(comment)
    return grouped, withheld


def _shortened(text: str) -> tuple[str, str]:
    """At most `MAX_COMMENT_CHARS` of a comment (cut at a space near the end where there is
    one), and the note saying so; scrubbed first, so no cut can expose half a real name."""
    if len(text) <= MAX_COMMENT_CHARS:
        return text, ""
    space = text.rfind(" ", MAX_COMMENT_CHARS - 200, MAX_COMMENT_CHARS)
    head = text[: space if space > 0 else MAX_COMMENT_CHARS].rstrip()
    return f"{head} …", (
        f"Comment shortened: the first {len(head):,} of its {len(text):,} characters are "
        "printed; the whole comment is in the respondent's answer file."
    )


def agreement_sentence(
    divergent: bool,
    split: bool,
    organisations: int,
    respondents: int,
    threshold: float,
    *,
    shown: int | None = None,
) -> str:
    """What the spread between organisations and the spread between people say together.

    `organisations` scored the principle; `shown` of them have their score printed (all,
    unless small groups are hidden).
    """
    if respondents == 0:
        return ""
    far = f"at least a third of respondents are more than {threshold:g} points from the median"
    people = f"people are split: {far}." if split else "most respondents sit near the median."
    if organisations < 2:
        return f"Only one organisation scored this principle, so there is no spread between organisations; {people}"
    if (organisations if shown is None else shown) < 2:
        return f"Too few organisations' scores are shown to compare organisations; {people}"
    if divergent and split:
        return (
            f"Organisations see this principle differently, and so do people: {far}. "
            "Worth a conversation before any action plan."
        )
    if divergent:
        return (
            "Organisations see this principle differently, while most respondents sit near the "
            "median: the gap lies between organisations more than between people."
        )
    if split:
        return (
            f"Organisations' averages are close, but people are split: {far}. "
            "The averages hide a disagreement that runs through organisations."
        )
    return "Organisations' averages are close and most respondents sit near the median."


def change(before: Score, now: Score) -> Change:
    """A movement between rounds, on the whole numbers people read (so 43 -> 48 is +5)."""
    if before is None or now is None:
        return Change(shown(before), shown(now), "–", "none", "")
    delta = round_half_up(now) - round_half_up(before)
    if delta > 0:
        return Change(shown(before), shown(now), f"+{delta}", "up", "▲")
    if delta < 0:
        return Change(shown(before), shown(now), f"−{-delta}", "down", "▼")
    return Change(shown(before), shown(now), "0", "same", "▶")


def _delta_size(c: Change) -> int:
    return abs(int(c.delta.replace("−", "-"))) if c.direction != "none" else -1


def _baseline_view(
    bank: Questionnaire,
    scores: Scores,
    baseline: Scores,
    baseline_responses: Sequence[SourcedResponse],
    names: _Names,
    *,
    hidden: set[str],
    reason: str,
) -> BaselineView:
    labels = {lv.id: lv.label for lv in bank.levels}
    now, before = scores.partnership, baseline.partnership
    principles = [
        PrincipleChange(
            number=index,
            title=pr.title,
            change=change(before.principles[pr.id].score, now.principles[pr.id].score),
            level_before=labels.get(before.principles[pr.id].level or "", "–"),
            level_now=labels.get(now.principles[pr.id].level or "", "–"),
        )
        for index, pr in enumerate(bank.principles, start=1)
    ]
    movements = []
    withheld = []
    for name, org in scores.organisations.items():
        earlier = baseline.organisations.get(name)
        if earlier is None:
            continue
        if name in hidden:
            # Its overall and its changes would give away the principle score withheld.
            nothing = Change("–", "–", "–", "none", "")
            withheld.append(OrganisationChange(names(name), nothing, "", hidden=reason))
            continue
        per_principle = [
            (pr.title, change(earlier.principles[pr.id], org.principles[pr.id]))
            for pr in bank.principles
        ]
        moved = [(t, c) for t, c in per_principle if c.direction in ("up", "down")]
        largest = max(moved, key=lambda tc: _delta_size(tc[1]), default=None)
        movements.append(
            OrganisationChange(
                name=names(name),
                change=change(earlier.overall, org.overall),
                largest_principle=f"{largest[0]} {largest[1].delta}" if largest else "",
            )
        )
    movements.sort(key=lambda m: (-_delta_size(m.change), m.name))
    withheld.sort(key=lambda m: m.name)
    return BaselineView(
        respondents=before.n_respondents,
        organisations=before.n_organisations,
        collected=collection_period(baseline_responses),
        overall=change(before.overall, now.overall),
        level_before=labels.get(before.level or "", "–"),
        level_now=labels.get(now.level or "", "–"),
        principles=principles,
        organisation_changes=movements + withheld,
        moved_most=[m for m in movements if m.change.direction in ("up", "down")][:2],
        joined=sorted(names(n) for n in set(scores.organisations) - set(baseline.organisations)),
        left=sorted(names(n) for n in set(baseline.organisations) - set(scores.organisations)),
    )


def _method_view(
    bank: Questionnaire,
    scores: Scores,
    baseline: Scores | None,
    skipped: Sequence[str],
    notes: Sequence[str],
    names: _Names,
    privacy: PrivacyView,
) -> MethodView:
    scale = [
        ScalePoint(o.label, shown(item_score(o.value, bank.scale)))
        for o in bank.scale
        if o.value is not None
    ]
    starts = [lv.min for lv in bank.levels]
    levels = []
    for i, lv in enumerate(bank.levels):
        if len(starts) == 1:
            text = "every score"
        elif i == 0:
            text = f"below {starts[1]:g}"
        elif i == len(starts) - 1:
            text = f"{lv.min:g} and above"
        else:
            text = f"{lv.min:g} to under {starts[i + 1]:g}"
        levels.append(LevelRange(lv.label, text))
    by_organisation: dict[str, list[float]] = {}
    for r in scores.respondents:
        by_organisation.setdefault(r.organisation, []).append(
            r.answered / r.total if r.total else 0
        )

    def answered(name: str, n: int) -> str:
        shares = by_organisation.get(name)
        if not shares:
            return "–"
        if n < privacy.min_organisation_size:
            return "hidden"
        return f"{round_half_up(100 * sum(shares) / len(shares))}%"

    counts = sorted(
        (
            OrganisationCount(
                name=names(name),
                respondents=org.n,
                answered=answered(name, org.n),
                baseline_respondents=(
                    baseline.organisations[name].n
                    if baseline is not None and name in baseline.organisations
                    else None
                ),
            )
            for name, org in scores.organisations.items()
        ),
        key=lambda count: count.name,
    )
    if privacy.anonymised:
        # File names usually name the organisation (the form saves them that way).
        skipped = [f"{len(skipped)} file(s); names withheld to keep organisations anonymous"] * (
            1 if skipped else 0
        )
        notes = [f"{len(notes)} note(s) on the files; withheld with the file names"] * (
            1 if notes else 0
        )
    questions = [q for _, q in bank.questions()]
    return MethodView(
        scale=scale,
        unscored=[o.label for o in bank.scale if o.value is None],
        own_scales=any(q.scale is not None for q in questions),
        reverse_questions=sum(q.reverse for q in questions),
        min_answered=f"{round_half_up(bank.min_answered * 100)}%",
        divergence_threshold=f"{bank.divergence_threshold:g}",
        consensus_threshold=f"{bank.consensus:g}",
        equal_principle_weights=len({pr.weight for pr in bank.principles}) == 1,
        equal_question_weights=len({q.weight for q in questions}) == 1,
        levels=levels,
        organisations=counts,
        skipped=list(skipped),
        notes=list(notes),
        privacy=privacy,
    )


MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def long_date(day: date) -> str:
    """29 November 2026: the way a British report prints a date, whatever the locale."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def collection_period(responses: Sequence[SourcedResponse]) -> str:
    """When the answers were given, from the files' completed_at dates; "" when none say."""
    days = []
    for sourced in responses:
        stamp = sourced.response.completed_at or ""
        match = re.match(r"(\d{4})-(\d{2})-(\d{2})", stamp)
        if match:
            try:
                days.append(date(int(match[1]), int(match[2]), int(match[3])))
            except ValueError:
                continue
    if not days:
        return ""
    first, last = min(days), max(days)
    if first == last:
        return long_date(first)
    if (first.year, first.month) == (last.year, last.month):
        return f"{first.day} to {long_date(last)}"
    if first.year == last.year:
        return f"{first.day} {MONTHS[first.month - 1]} to {long_date(last)}"
    return f"{long_date(first)} to {long_date(last)}"
