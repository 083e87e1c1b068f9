"""Pure scoring: item -> respondent -> organisation -> partnership. No I/O, no clock.

The rules are written down in docs/scoring.md and pinned, with the JavaScript copy in
src/selfassess/web/scoring.js, by the shared cases in tests/vectors/.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from selfassess.core.model import Level, Question, Questionnaire, ScaleOption, SourcedResponse
from selfassess.core.question_types import is_scored

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


@dataclass(frozen=True)
class OrganisationScores:
    name: str
    n: int
    principles: dict[str, Score]
    overall: Score
    level: str | None
    items: dict[str, float]  # question id -> mean item score over its respondents


@dataclass(frozen=True)
class Consensus:
    """How far respondents (not organisations) agree on a principle."""

    n: int
    median: Score
    iqr: Score
    split: bool


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
class PartnershipScores:
    n_respondents: int
    n_organisations: int
    overall: Score
    level: str | None
    weakest_principle: str | None
    principles: dict[str, PrincipleResult]


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


def _overall(bank: Questionnaire, principles: dict[str, Score]) -> Score:
    if any(principles[p.id] is None for p in bank.principles):
        return None
    return weighted_mean((principles[p.id] or 0.0, p.weight) for p in bank.principles)


def _items(bank: Questionnaire, answers: dict[str, float | None]) -> dict[str, float]:
    items: dict[str, float] = {}
    for _, question in bank.questions():
        value = answers.get(question.id)
        if value is not None and is_scored(question.type):
            items[question.id] = item_score(value, bank.scale_of(question), question.reverse)
    return items


def _principle_score(
    bank: Questionnaire, questions: Sequence[Question], items: dict[str, float]
) -> Score:
    scored = [q for q in questions if is_scored(q.type)]
    answered = [q for q in scored if q.id in items]
    if not answered or len(answered) / len(scored) < bank.min_answered:
        return None
    return weighted_mean((items[q.id], q.weight) for q in answered)


def score_respondent(bank: Questionnaire, sourced: SourcedResponse) -> RespondentScores:
    response = sourced.response
    items = _items(bank, response.answers)
    principles = {p.id: _principle_score(bank, p.questions, items) for p in bank.principles}
    overall = _overall(bank, principles)
    role = (response.respondent.role or "").strip() or None
    return RespondentScores(
        source=sourced.source,
        organisation=organisation_of(response.respondent.organisation),
        role=role,
        name=(response.respondent.name or "").strip() or None,
        principles=principles,
        overall=overall,
        level=level_id(bank.levels, overall),
        answered=len(items),
        total=sum(1 for _, q in bank.questions() if is_scored(q.type)),
        items=items,
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
        principles = {
            p.id: mean([s for m in members if (s := m.principles[p.id]) is not None])
            for p in bank.principles
        }
        items = {}
        for _, question in bank.questions():
            answered = [m.items[question.id] for m in members if question.id in m.items]
            if answered:
                items[question.id] = sum(answered) / len(answered)
        overall = _overall(bank, principles)
        organisations[name] = OrganisationScores(
            name=name,
            n=len(members),
            principles=principles,
            overall=overall,
            level=level_id(bank.levels, overall),
            items=items,
        )
    return organisations


def median(values: Sequence[float]) -> Score:
    ordered = sorted(values)
    n = len(ordered)
    if n == 0:
        return None
    middle = n // 2
    return ordered[middle] if n % 2 else (ordered[middle - 1] + ordered[middle]) / 2


def quantile(ordered: Sequence[float], q: float) -> float:
    """Linear interpolation between closest ranks (numpy's default, Excel's QUARTILE.INC)."""
    position = (len(ordered) - 1) * q
    below = int(position)
    above = min(below + 1, len(ordered) - 1)
    return ordered[below] + (ordered[above] - ordered[below]) * (position - below)


def score_consensus(values: Sequence[float], threshold: float) -> Consensus:
    """Median and IQR of respondents' scores; `split` when a third or more sit far from it."""
    if not values:
        return Consensus(n=0, median=None, iqr=None, split=False)
    ordered = sorted(values)
    middle = median(ordered) or 0.0
    far = sum(1 for v in ordered if abs(v - middle) > threshold)
    return Consensus(
        n=len(ordered),
        median=middle,
        iqr=quantile(ordered, 0.75) - quantile(ordered, 0.25),
        split=far * 3 >= len(ordered) and far > 0,
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
    overall = _overall(bank, principle_scores)
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
    )


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
