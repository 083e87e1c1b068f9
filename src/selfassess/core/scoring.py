"""Pure scoring: item -> respondent -> organisation -> partnership. No I/O, no clock.

The rules are written down in docs/scoring.md and pinned, with the JavaScript copy in
src/selfassess/web/scoring.js, by the shared cases in tests/vectors/.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from selfassess.core.asking import (
    given_answers,
    is_number,
    picked_options,
    questions_asked,
)
from selfassess.core.consensus import Consensus, score_consensus
from selfassess.core.model import (
    Answer,
    Level,
    Question,
    Questionnaire,
    Response,
    ScaleOption,
    SourcedResponse,
)

UNSPECIFIED = "Unspecified"

Score = float | None


@dataclass(frozen=True)
class RespondentScores:
    source: str
    organisation: str
    role: str | None
    name: str | None
    principles: dict[str, Score]
    overall: Score
    level: str | None
    answered: int
    total: int
    items: dict[str, float]  # question id -> item score, answered questions only
    background: dict[str, Answer] = field(default_factory=dict)  # asked and answered, as given
    not_applicable: frozenset[str] = (
        frozenset()
    )  # principles none of whose scale questions were asked
    picked: dict[str, frozenset[str]] = field(default_factory=dict)  # choice/multi in principles


@dataclass(frozen=True)
class OrganisationScores:
    name: str
    n: int
    principles: dict[str, Score]
    overall: Score
    level: str | None
    items: dict[str, float]  # question id -> mean item score over its respondents
    not_applicable: frozenset[str] = frozenset()  # applicable to none of its respondents


@dataclass(frozen=True)
class PrincipleResult:
    score: Score
    level: str | None
    min: Score
    max: Score
    spread: Score
    divergent: bool
    weakest_organisation: str | None
    consensus: Consensus


@dataclass(frozen=True)
class GroupScores:
    """The partnership's figures over the respondents who gave one answer to a breakdown
    question: their organisations' means, then the plain mean over those organisations."""

    n_respondents: int
    n_organisations: int
    overall: Score
    level: str | None
    principles: dict[str, Score]
    not_applicable: frozenset[str] = frozenset()


@dataclass(frozen=True)
class PartnershipScores:
    n_respondents: int
    n_organisations: int
    overall: Score
    level: str | None
    weakest_principle: str | None
    principles: dict[str, PrincipleResult]
    breakdowns: dict[str, dict[str, GroupScores]] = field(default_factory=dict)
    choices: dict[str, dict[str, int]] = field(default_factory=dict)
    not_applicable: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Scores:
    questionnaire_id: str
    questionnaire_version: str
    respondents: list[RespondentScores]
    organisations: dict[str, OrganisationScores]  # sorted by name
    partnership: PartnershipScores


def item_score(value: float, scale: Sequence[ScaleOption], reverse: bool = False) -> float:
    """A scale value on 0-100: its position between the scale's lowest and highest number."""
    numbers = [o.value for o in scale if o.value is not None]
    lo, hi = min(numbers), max(numbers)
    position = (value - lo) / (hi - lo) * 100
    return 100 - position if reverse else position


def weighted_mean(pairs: Iterable[tuple[float, float]]) -> Score:
    """Mean of (score, weight) pairs; None when there are none."""
    total = weight = 0.0
    for score, w in pairs:
        total += score * w
        weight += w
    return total / weight if weight else None


def mean(values: Sequence[float]) -> Score:
    return sum(values) / len(values) if values else None


def level_of(levels: Sequence[Level], score: Score) -> Level | None:
    """The level with the highest `min` at or below the unrounded score."""
    if score is None:
        return None
    found = None
    for level in levels:
        if level.min <= score:
            found = level
    return found


def level_id(levels: Sequence[Level], score: Score) -> str | None:
    level = level_of(levels, score)
    return level.id if level else None


def organisation_of(name: str | None) -> str:
    cleaned = (name or "").strip()
    return cleaned or UNSPECIFIED


def _overall(
    bank: Questionnaire, principles: dict[str, Score], not_applicable: frozenset[str]
) -> Score:
    """Weighted mean over the applicable principles; None when one of them has no score, or
    when none is applicable."""
    applicable = [p for p in bank.principles if p.id not in not_applicable]
    if not applicable or any(principles[p.id] is None for p in applicable):
        return None
    return weighted_mean((principles[p.id] or 0.0, p.weight) for p in applicable)


def _items(bank: Questionnaire, response: Response, asked: frozenset[str]) -> dict[str, float]:
    items: dict[str, float] = {}
    for _, question in bank.questions():
        value = response.answers.get(question.id)
        if question.is_scored and question.id in asked and is_number(value):
            assert isinstance(value, int | float)
            items[question.id] = item_score(value, bank.scale_of(question), question.reverse)
    return items


def _principle_score(
    bank: Questionnaire, asked: Sequence[Question], items: dict[str, float]
) -> Score:
    """Weighted mean of the answered items among the asked scale questions; None when fewer
    than `min_answered` of them were answered."""
    answered = [q for q in asked if q.id in items]
    if not answered or len(answered) / len(asked) < bank.min_answered:
        return None
    return weighted_mean((items[q.id], q.weight) for q in answered)


def score_respondent(bank: Questionnaire, sourced: SourcedResponse) -> RespondentScores:
    response = sourced.response
    asked = questions_asked(bank, response)
    items = _items(bank, response, asked)
    principles: dict[str, Score] = {}
    not_applicable: set[str] = set()
    for principle in bank.principles:
        scale_asked = [q for q in principle.questions if q.is_scored and q.id in asked]
        if not scale_asked:
            not_applicable.add(principle.id)
        principles[principle.id] = _principle_score(bank, scale_asked, items)
    overall = _overall(bank, principles, frozenset(not_applicable))
    picked = {
        q.id: picked_options(q, response.answers.get(q.id))
        for _, q in bank.questions()
        if q.id in asked and q.type in ("choice", "multi")
    }
    return RespondentScores(
        source=sourced.source,
        organisation=organisation_of(response.respondent.organisation),
        role=(response.respondent.role or "").strip() or None,
        name=(response.respondent.name or "").strip() or None,
        principles=principles,
        overall=overall,
        level=level_id(bank.levels, overall),
        answered=len(items),
        total=sum(1 for _, q in bank.questions() if q.is_scored and q.id in asked),
        items=items,
        background=given_answers(bank, response, bank.background, asked),
        not_applicable=frozenset(not_applicable),
        picked=picked,
    )


def score_organisations(
    bank: Questionnaire, respondents: Sequence[RespondentScores]
) -> dict[str, OrganisationScores]:
    """Each organisation: the plain mean of its own respondents; sorted by name."""
    groups: dict[str, list[RespondentScores]] = {}
    for respondent in respondents:
        groups.setdefault(respondent.organisation, []).append(respondent)
    organisations = {}
    for name in sorted(groups):
        members = groups[name]
        not_applicable = frozenset(
            p.id for p in bank.principles if all(p.id in m.not_applicable for m in members)
        )
        principles = {
            p.id: mean([s for m in members if (s := m.principles[p.id]) is not None])
            for p in bank.principles
        }
        items = {}
        for _, question in bank.questions():
            answered = [m.items[question.id] for m in members if question.id in m.items]
            if answered:
                items[question.id] = sum(answered) / len(answered)
        overall = _overall(bank, principles, not_applicable)
        organisations[name] = OrganisationScores(
            name=name,
            n=len(members),
            principles=principles,
            overall=overall,
            level=level_id(bank.levels, overall),
            items=items,
            not_applicable=not_applicable,
        )
    return organisations


def _not_applicable_to_all(
    bank: Questionnaire, organisations: dict[str, OrganisationScores]
) -> frozenset[str]:
    """The principles that no organisation had applicable to any of its respondents."""
    return frozenset(
        p.id
        for p in bank.principles
        if all(p.id in o.not_applicable for o in organisations.values())
    )


def score_partnership(
    bank: Questionnaire,
    organisations: dict[str, OrganisationScores],
    respondents: Sequence[RespondentScores],
) -> PartnershipScores:
    """Every organisation weighs the same, however many people answered for it."""
    results: dict[str, PrincipleResult] = {}
    for principle in bank.principles:
        scored = [
            (name, s)
            for name, org in organisations.items()
            if (s := org.principles[principle.id]) is not None
        ]
        values = [s for _, s in scored]
        score = mean(values)
        low = min(values) if values else None
        high = max(values) if values else None
        spread = high - low if high is not None and low is not None else None
        weakest = min(scored, key=lambda pair: (pair[1], pair[0]))[0] if scored else None
        individual = [s for r in respondents if (s := r.principles[principle.id]) is not None]
        results[principle.id] = PrincipleResult(
            score=score,
            level=level_id(bank.levels, score),
            min=low,
            max=high,
            spread=spread,
            divergent=len(scored) >= 2
            and spread is not None
            and spread >= bank.divergence_threshold,
            weakest_organisation=weakest,
            consensus=score_consensus(individual, bank.consensus),
        )
    principle_scores = {pid: r.score for pid, r in results.items()}
    not_applicable = _not_applicable_to_all(bank, organisations)
    overall = _overall(bank, principle_scores, not_applicable)
    ranked = [
        (s, index)
        for index, p in enumerate(bank.principles)
        if (s := principle_scores[p.id]) is not None
    ]
    weakest_principle = bank.principles[min(ranked)[1]].id if ranked else None
    return PartnershipScores(
        n_respondents=len(respondents),
        n_organisations=len(organisations),
        overall=overall,
        level=level_id(bank.levels, overall),
        weakest_principle=weakest_principle,
        principles=results,
        breakdowns=score_breakdowns(bank, respondents),
        choices=count_choices(bank, respondents),
        not_applicable=not_applicable,
    )


def score_group(bank: Questionnaire, members: Sequence[RespondentScores]) -> GroupScores:
    """The partnership's figures over some of its respondents: each organisation's mean over
    its members in the group, then the plain mean over the organisations that have any."""
    organisations = score_organisations(bank, members)
    principles = {
        p.id: mean([s for o in organisations.values() if (s := o.principles[p.id]) is not None])
        for p in bank.principles
    }
    not_applicable = _not_applicable_to_all(bank, organisations)
    overall = _overall(bank, principles, not_applicable)
    return GroupScores(
        n_respondents=len(members),
        n_organisations=len(organisations),
        overall=overall,
        level=level_id(bank.levels, overall),
        principles=principles,
        not_applicable=not_applicable,
    )


def score_breakdowns(
    bank: Questionnaire, respondents: Sequence[RespondentScores]
) -> dict[str, dict[str, GroupScores]]:
    """For each breakdown question, each option's group: the respondents who chose it
    (respondents who did not answer the question are in no group)."""
    return {
        question.id: {
            option.id: score_group(
                bank, [r for r in respondents if r.background.get(question.id) == option.id]
            )
            for option in question.options or []
        }
        for question in bank.breakdown_questions()
    }


def count_choices(
    bank: Questionnaire, respondents: Sequence[RespondentScores]
) -> dict[str, dict[str, int]]:
    """For each choice or multi question inside the principles, how many respondents picked
    each option (every option listed)."""
    return {
        question.id: {
            option.id: sum(1 for r in respondents if option.id in r.picked.get(question.id, ()))
            for option in question.options or []
        }
        for _, question in bank.questions()
        if question.type in ("choice", "multi")
    }


def score_all(bank: Questionnaire, responses: Sequence[SourcedResponse]) -> Scores:
    respondents = [score_respondent(bank, r) for r in responses]
    organisations = score_organisations(bank, respondents)
    return Scores(
        questionnaire_id=bank.id,
        questionnaire_version=bank.version,
        respondents=respondents,
        organisations=organisations,
        partnership=score_partnership(bank, organisations, respondents),
    )
