"""The scorecard's view-model: the frozen dataclasses its templates (and themes) lay out.

Design note: these are the template context a theme may rely on, so they hold only facts and
printed strings, ready to place: numbers already rounded (`shown`), labels looked up, sentences
composed by `wording`, charts drawn as SVG. The section builders (`summary`, `principles`,
`baseline`, `method`, `comments`) fill them and `build.build_scorecard` puts them together.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from selfassess.scorecard.agreed_views import AgreedView
from selfassess.scorecard.heat_map import HeatMap, Tone
from selfassess.scorecard.trend_views import TrendsView


@dataclass(frozen=True)
class LevelRef:
    """A level as the scorecard prints it: label, description and heat-map fill."""

    id: str
    label: str
    description: str
    colour: str  # the level's fill, as in the heat maps


@dataclass(frozen=True)
class OrganisationScore:
    """An organisation beside one of its printed scores."""

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
    scored: bool  # false: reported by its answers, never scored (no score, level or colour)
    group: str  # the title of its group; "" when the bank has no groups


@dataclass(frozen=True)
class GroupRow:
    """A group of principles in the summary: its own score and level, over its principles."""

    id: str
    title: str
    score: str
    level: LevelRef | None
    principles: list[PrincipleRow]


@dataclass(frozen=True)
class LowestScore:
    """One line of "Lowest scores", the plain ranked list a bank without a weakest link shows."""

    number: int
    anchor: str
    title: str
    score: str
    level: LevelRef | None


@dataclass(frozen=True)
class WeakestLink:
    """The call-out for the lowest-scoring principle: a chain is as strong as it."""

    number: int
    anchor: str
    title: str
    score: str
    level: LevelRef | None
    organisation: OrganisationScore | None
    divergent: bool
    spread: str


@dataclass(frozen=True)
class OrganisationShape:
    """One organisation's small radar (its own shape) beside the others, under its name."""

    name: str
    svg: str


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
    """One question of a principle's pages, with its disagreement when it is among the widest."""

    label: str  # "Q7"
    text_html: str
    reverse: bool
    disagreement: Disagreement | None  # set on the principle's most disagreed questions
    scored: bool = True  # a scale question: a column of the heat map


LONG_COMMENT_CHARS = 600  # about fifteen lines of a column of the comments list


@dataclass(frozen=True)
class CommentView:
    """One comment as printed: scrubbed, perhaps shortened, named only as allowed."""

    text: str
    organisation: str
    role: str | None  # only when enough people share it, and never when anonymised
    name: str | None  # only with show_names
    about: str  # "Q7", or "" for a comment on the whole principle
    shortened_note: str = ""  # "" unless only the start of a long comment is printed

    @property
    def long(self) -> bool:
        """Too long for a column: printed across the page, free to break between pages."""
        return len(self.text) > LONG_COMMENT_CHARS


@dataclass(frozen=True)
class ChoiceBar:
    """One option of a choice or multi question: how many respondents picked it."""

    label: str
    count: str  # "4", or what is said in its place when it is withheld
    hidden: bool
    bar_width: str  # "62%": the bar's share of the longest shown one (decorative); "" if hidden


@dataclass(frozen=True)
class ChoiceCounts:
    """A choice or multi question inside a principle, as a small bar chart of its counts."""

    label: str  # "Q7"
    text_html: str
    multi: bool  # respondents could tick several options
    bars: list[ChoiceBar]
    hidden_note: str  # "" unless a count is withheld


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
    choices: list[ChoiceCounts]  # the principle's choice and multi questions, counted
    next_level: LevelRef | None  # the level above its own, for "What would take us there"
    next_advice_html: str  # the principle's advice for that next level; "" when it has none
    answers: list[ChoiceCounts]  # unscored principle: how many chose each option, per question
    scale_note: str  # "Figures are means on the 1–5 scale." under `display: scale`, else ""

    @property
    def heat_map_labels(self) -> list[str]:
        """The labels of the heat map's question columns: the scale questions'."""
        return [q.label for q in self.questions if q.scored]


@dataclass(frozen=True)
class BreakdownRow:
    """One group of a breakdown (the respondents who gave one answer), or why it is withheld."""

    label: str  # the option's label
    respondents: str  # "" when the group is withheld
    figures: list[str]  # one per principle, then the overall; [] when the group is withheld
    hidden: str  # "" when shown, else what is said in place ("hidden to protect groups of ...")


@dataclass(frozen=True)
class BreakdownView:
    """A page of scores by the answers to one background question (`breakdown: true`)."""

    id: str  # the question's id
    anchor: str
    title_html: str  # the question as asked
    columns: list[str]  # the principles' titles, then the overall's heading
    rows: list[BreakdownRow]  # one per option, in the bank's order
    gap: str  # the largest gap between two shown groups on one principle; "" when none
    not_asked: bool  # some figure is "n/a": a principle asked of nobody in that group
    hidden_note: str  # "" unless a group is withheld
    has_overall: bool = True  # the last column is the overall (not under `overall: false`)


@dataclass(frozen=True)
class Change:
    """A movement between rounds, on the whole numbers people read."""

    before: str
    now: str
    delta: str  # "+5", "−3", "0", or "–" when either side has no score
    direction: str  # "up", "down", "same", "none"
    arrow: str


@dataclass(frozen=True)
class PrincipleChange:
    """One principle's partnership score then and now."""

    number: int
    title: str
    change: Change
    level_before: str
    level_now: str


@dataclass(frozen=True)
class OrganisationChange:
    """One organisation's overall score then and now, or why it is withheld."""

    name: str
    change: Change
    largest_principle: str  # the principle that moved most, with its delta; "" when none did
    hidden: str = ""  # why its figures are withheld; "" when they are shown


@dataclass(frozen=True)
class BaselineView:
    """The changes since the earlier round (the baseline)."""

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
    """An answer option and the score it counts as, for the method appendix."""

    label: str
    score: str


@dataclass(frozen=True)
class LevelRange:
    """A level and the scores it covers, for the method appendix."""

    label: str
    range: str
    description: str = ""


@dataclass(frozen=True)
class PrincipleLevels:
    """A principle with levels of its own, and their ranges, for the method appendix."""

    title: str
    levels: list[LevelRange]


@dataclass(frozen=True)
class OrganisationCount:
    """An organisation's respondents in each round, for the method appendix."""

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
    hidden: str = ""  # "In this report 12 heat-map cells and 1 comment are hidden.", or ""


@dataclass(frozen=True)
class MethodView:
    """The method appendix: how the figures were worked out, and what was left out."""

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
    references_html: list[str]  # the bank's sources, rendered from Markdown
    conditional: bool  # some questions are asked only of some respondents (ask_if)
    groups_counted: bool  # breakdown groups or counts of answers are printed (and may be hidden)
    by_respondent: bool = False  # `aggregate: respondents`: every respondent counts the same
    scale_range: str = ""  # "1–5" under `display: scale`, "" on 0-100
    scale_low: str = ""  # the scale's lowest and highest values, under `display: scale`
    scale_high: str = ""
    overall: bool = True  # the bank has an overall score
    weakest_link: bool = True  # the bank names a weakest link
    principle_levels: list[PrincipleLevels] = field(default_factory=list)
    unscored_principles: list[str] = field(default_factory=list)  # titles, reported only
    groups: bool = False  # principles are grouped, and groups have scores


@dataclass(frozen=True)
class ScorecardView:
    """Everything the scorecard shows, ready to lay out: the context of its templates."""

    title: str
    partnership: str | None
    running_header: str
    language: str  # the language of its texts and words: the page's lang, the PDF's /Lang
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
    radar_svg: str  # the summary's chart: the radar, or the dot plot (`chart_kind`)
    radar_note: str  # "" unless some organisation's line has a withheld value
    principles: list[PrincipleRow]
    summary_note: str  # "" unless organisation scores are withheld
    weakest_link: WeakestLink | None
    sections: list[PrincipleSection]
    breakdowns: list[BreakdownView]
    baseline: BaselineView | None
    method: MethodView
    show_names: bool
    anonymised: bool
    show_overall: bool = True  # false under `overall: false`: no overall box, row or column
    out_of: str = "/100"  # after the overall score: "/100", or " on the 1–5 scale"
    scale_note: str = ""  # "Figures are means on the 1–5 scale." under `display: scale`
    groups: list[GroupRow] = field(default_factory=list)  # the summary's rows, when grouped
    lowest_scores: list[LowestScore] = field(default_factory=list)  # without a weakest link
    chart_kind: str = "radar"  # "radar" for 3 to 10 scored principles, else "dots"
    direction: str = "ltr"  # the page's dir: "rtl" for a language written right to left
    shapes: list[OrganisationShape] = field(default_factory=list)  # small radars, one per org
    trends: TrendsView | None = None  # the trends page: with two rounds or more (`--round`)
    agreed: AgreedView | None = None  # "What we agreed": with a workshop file (report --workshop)
