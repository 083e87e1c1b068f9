"""Pure scoring: item -> respondent -> organisation -> partnership. No I/O, no clock.

The rules are written down in docs/scoring.md and pinned, with the JavaScript copy in
src/selfassess/web/scoring.js, by the shared cases in tests/vectors/.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from selfassess.core.asking import (
    given_answers,
    is_number,
    picked_options,
    questions_asked,
)
from selfassess.core.consensus import score_consensus
from selfassess.core.display import reaches
from selfassess.core.model import Level, Principle, Question, Questionnaire, ScaleOption
from selfassess.core.response_model import Response, SourcedResponse
from selfassess.core.scores import (
    UNSPECIFIED,
    GroupResult,
    GroupScores,
    OrganisationScores,
    PartnershipScores,
    PrincipleResult,
    RespondentScores,
    Score,
    Scores,
)
from selfassess.core.tallies import count_answers, count_choices


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


def level_of(levels: Sequence[Level], value: Score) -> Level | None:
    """The level with the highest `min` that the unrounded value, in the displayed unit,
    reaches (to core/display.py's tolerance)."""
    if value is None:
        return None
    found = None
    for level in levels:
        if reaches(value, level.min):
            found = level
    return found


def level_id(levels: Sequence[Level], value: Score) -> str | None:
    level = level_of(levels, value)
    return level.id if level else None


def overall_level(bank: Questionnaire, score: Score) -> str | None:
    """The level of an overall or group score (0-100), read against the bank's levels."""
    return level_id(bank.levels, bank.display.score(score))


def principle_level(bank: Questionnaire, principle: Principle, score: Score) -> str | None:
    """The level of a principle's score (0-100), read against its own levels if it has them."""
    return level_id(bank.levels_of(principle), bank.display.score(score))


def organisation_of(name: str | None) -> str:
    cleaned = (name or "").strip()
    return cleaned or UNSPECIFIED


def is_divergent(bank: Questionnaire, spread: Score) -> bool:
    """Whether a spread between two scores (0-100) reaches `divergence_threshold`, compared in
    the displayed unit."""
    shown_spread = bank.display.difference(spread)
    return shown_spread is not None and reaches(shown_spread, bank.spread_threshold)


def _weighted(
    members: Sequence[Principle], principles: dict[str, Score], not_applicable: frozenset[str]
) -> Score:
    """Weighted mean over the scored, applicable principles among `members`; None when one of
    them has no score, or when there is none."""
    applicable = [p for p in members if p.scored and p.id not in not_applicable]
    if not applicable or any(principles[p.id] is None for p in applicable):
        return None
    return weighted_mean((principles[p.id] or 0.0, p.weight) for p in applicable)


def _overall(
    bank: Questionnaire, principles: dict[str, Score], not_applicable: frozenset[str]
) -> Score:
    """The principles' weighted mean, or None for a bank scored without an overall."""
    if not bank.scoring.overall:
        return None
    return _weighted(bank.principles, principles, not_applicable)


def _groups(
    bank: Questionnaire, principles: dict[str, Score], not_applicable: frozenset[str]
) -> dict[str, GroupResult]:
    results = {}
    for group in bank.groups:
        score = _weighted(bank.principles_of(group), principles, not_applicable)
        results[group.id] = GroupResult(score, overall_level(bank, score))
    return results


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
    rated: dict[str, float | None] = {}
    for principle in bank.principles:
        scale_asked = [q for q in principle.questions if q.is_scored and q.id in asked]
        if not scale_asked:
            not_applicable.add(principle.id)
        if principle.scored:
            principles[principle.id] = _principle_score(bank, scale_asked, items)
        else:
            principles[principle.id] = None
            for question in scale_asked:
                value = response.answers.get(question.id)
                rated[question.id] = (
                    float(value)
                    if isinstance(value, int | float) and not isinstance(value, bool)
                    else None
                )
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
        level=overall_level(bank, overall),
        answered=len(items),
        total=sum(1 for _, q in bank.questions() if q.is_scored and q.id in asked),
        items=items,
        background=given_answers(bank, response, bank.background, asked),
        not_applicable=frozenset(not_applicable),
        picked=picked,
        groups=_groups(bank, principles, frozenset(not_applicable)),
        rated=rated,
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
        not_applicable = _not_applicable_to_all(bank, members)
        principles = _principle_means(bank, members)
        overall = _overall(bank, principles, not_applicable)
        organisations[name] = OrganisationScores(
            name=name,
            n=len(members),
            principles=principles,
            overall=overall,
            level=overall_level(bank, overall),
            items=_item_means(bank, members),
            not_applicable=not_applicable,
            groups=_groups(bank, principles, not_applicable),
        )
    return organisations


def _principle_means(
    bank: Questionnaire, members: Sequence[RespondentScores | OrganisationScores]
) -> dict[str, Score]:
    """Each principle's plain mean over the members that have a score for it."""
    return {
        p.id: mean([s for m in members if (s := m.principles[p.id]) is not None])
        for p in bank.principles
    }


def _item_means(
    bank: Questionnaire, members: Sequence[RespondentScores | OrganisationScores]
) -> dict[str, float]:
    """Each question's plain mean item score over the members that have one."""
    items = {}
    for _, question in bank.questions():
        answered = [m.items[question.id] for m in members if question.id in m.items]
        if answered:
            items[question.id] = sum(answered) / len(answered)
    return items


def _not_applicable_to_all(
    bank: Questionnaire, members: Sequence[RespondentScores | OrganisationScores]
) -> frozenset[str]:
    """The principles applicable to no member (no organisation: to none of its respondents)."""
    return frozenset(
        p.id for p in bank.principles if all(p.id in m.not_applicable for m in members)
    )


def _by_respondent(bank: Questionnaire) -> bool:
    return bank.scoring.aggregate == "respondents"


def _principle_result(
    bank: Questionnaire,
    principle: Principle,
    organisations: dict[str, OrganisationScores],
    respondents: Sequence[RespondentScores],
) -> PrincipleResult:
    """A scored principle across the partnership: its score aggregated as the bank says, the
    organisations' spread, the weakest of them and the respondents' consensus."""
    scored = [
        (name, s)
        for name, org in organisations.items()
        if (s := org.principles[principle.id]) is not None
    ]
    values = [s for _, s in scored]
    individual = [s for r in respondents if (s := r.principles[principle.id]) is not None]
    score = mean(individual) if _by_respondent(bank) else mean(values)
    low = min(values) if values else None
    high = max(values) if values else None
    spread = high - low if high is not None and low is not None else None
    weakest = min(scored, key=lambda pair: (pair[1], pair[0]))[0] if scored else None
    return PrincipleResult(
        score=score,
        level=principle_level(bank, principle, score),
        min=low,
        max=high,
        spread=spread,
        divergent=len(scored) >= 2 and is_divergent(bank, spread),
        weakest_organisation=weakest if bank.scoring.weakest_link else None,
        consensus=score_consensus(individual, bank.consensus_threshold, bank.display),
    )


def _unscored_result(
    bank: Questionnaire, principle: Principle, respondents: Sequence[RespondentScores]
) -> PrincipleResult:
    return PrincipleResult(
        score=None,
        level=None,
        min=None,
        max=None,
        spread=None,
        divergent=False,
        weakest_organisation=None,
        consensus=score_consensus([], bank.consensus_threshold, bank.display),
        scored=False,
        answers=count_answers(bank, principle, [r.rated for r in respondents]),
    )


def score_partnership(
    bank: Questionnaire,
    organisations: dict[str, OrganisationScores],
    respondents: Sequence[RespondentScores],
) -> PartnershipScores:
    """Every organisation weighs the same, however many people answered for it (or, with
    `aggregate: respondents`, every respondent)."""
    results = {
        p.id: _principle_result(bank, p, organisations, respondents)
        if p.scored
        else _unscored_result(bank, p, respondents)
        for p in bank.principles
    }
    principle_scores = {pid: r.score for pid, r in results.items()}
    not_applicable = _not_applicable_to_all(bank, list(organisations.values()))
    overall = _overall(bank, principle_scores, not_applicable)
    ranked = [
        (s, index)
        for index, p in enumerate(bank.principles)
        if p.scored and (s := principle_scores[p.id]) is not None
    ]
    weakest_principle = (
        bank.principles[min(ranked)[1]].id if ranked and bank.scoring.weakest_link else None
    )
    members: Sequence[RespondentScores | OrganisationScores] = (
        respondents if _by_respondent(bank) else list(organisations.values())
    )
    return PartnershipScores(
        n_respondents=len(respondents),
        n_organisations=len(organisations),
        overall=overall,
        level=overall_level(bank, overall),
        weakest_principle=weakest_principle,
        principles=results,
        breakdowns=score_breakdowns(bank, respondents),
        choices=count_choices(bank, [r.picked for r in respondents]),
        not_applicable=not_applicable,
        groups=_groups(bank, principle_scores, not_applicable),
        items=_item_means(bank, members),
    )


def score_group(bank: Questionnaire, members: Sequence[RespondentScores]) -> GroupScores:
    """The partnership's figures over some of its respondents: each organisation's mean over
    its members in the group, then the plain mean over the organisations that have any (or,
    with `aggregate: respondents`, the plain mean over the members)."""
    organisations = score_organisations(bank, members)
    principles = _principle_means(
        bank, members if _by_respondent(bank) else list(organisations.values())
    )
    not_applicable = _not_applicable_to_all(bank, list(organisations.values()))
    overall = _overall(bank, principles, not_applicable)
    return GroupScores(
        n_respondents=len(members),
        n_organisations=len(organisations),
        overall=overall,
        level=overall_level(bank, overall),
        principles=principles,
        not_applicable=not_applicable,
        groups=_groups(bank, principles, not_applicable),
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


def score_all(bank: Questionnaire, responses: Sequence[SourcedResponse]) -> Scores:
    respondents = [score_respondent(bank, r) for r in responses]
    organisations = score_organisations(bank, respondents)
    return Scores(
        questionnaire_id=bank.id,
        questionnaire_version=bank.version,
        respondents=respondents,
        organisations=organisations,
        partnership=score_partnership(bank, organisations, respondents),
        scoring=bank.scoring,
        display=bank.display,
    )
