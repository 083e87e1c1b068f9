"""Trends over many rounds: the partnership's, each principle's and each organisation's figures
round by round, oldest first, the current round last (contract 3 of issue #18).

Design: each round was scored on its own bank (`bank_for_round`: the current bank reduced to the
questions the round's files carry, when they name another version), exactly as `score` scores
it; this module only lines the rounds up by principle id and organisation name. Figures are
unrounded, in the displayed unit (as `score --format json`); a movement is measured on the
figures people read (`movement`, which the baseline page uses too). web/trends.js is the twin,
pinned by tests/vectors/trends/. Pure: no I/O.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from selfassess.core.display import Display
from selfassess.core.model import Principle, Question, Questionnaire
from selfassess.core.response_model import SourcedResponse
from selfassess.core.rounding import round_half_up
from selfassess.core.scores import RespondentScores, Score, Scores

UP, DOWN, LEVEL, NEW = "up", "down", "level", "new"


def movement(before: Score, now: Score, display: Display) -> float | None:
    """How far a score moved between rounds on the figures people read (scores on 0-100 in,
    the movement in the displayed unit out): 43 -> 48 is 5, and on a 1-5 scale 3.4 -> 3.9 is
    0.5, so a printed change always matches the printed scores. None when either is missing."""
    if before is None or now is None:
        return None
    step = 10 if display.on_scale else 1
    shown_now, shown_before = float(display.text(now)), float(display.text(before))
    return (round_half_up(shown_now * step) - round_half_up(shown_before * step)) / step


def bank_for_round(bank: Questionnaire, carried: set[str]) -> Questionnaire:
    """The current bank as an earlier round knew it: only the principles' questions the round's
    files carry, less any question asked only after a dropped one (transitively); a principle
    left without a scale question (or without any question, if it never had one) is dropped.
    Background questions stay: answer files keep them apart from `answers`."""
    kept = {q.id for q in bank.background} | {q.id for _, q in bank.questions() if q.id in carried}
    changed = True
    while changed:  # an ask_if chain drops one link per pass
        changed = False
        for _, question in bank.questions():
            if question.id in kept and _asked_after_dropped(question, kept):
                kept.discard(question.id)
                changed = True
    principles = [
        p.model_copy(update={"questions": [q for q in p.questions if q.id in kept]})
        for p in bank.principles
    ]
    present = [
        p for p, original in zip(principles, bank.principles, strict=True) if _exists(p, original)
    ]
    return bank.model_copy(update={"principles": present})


def _asked_after_dropped(question: Question, kept: set[str]) -> bool:
    return question.ask_if is not None and question.ask_if.question not in kept


def _exists(reduced: Principle, original: Principle) -> bool:
    if any(q.is_scored for q in original.questions):
        return any(q.is_scored for q in reduced.questions)
    return bool(reduced.questions)


@dataclass(frozen=True)
class RoundScores:
    """One round scored on its own bank; `versions` None: read from the responses (JSON files'
    versions; CSV rows, sourced `file#row`, name none)."""

    label: str
    bank: Questionnaire
    scores: Scores
    responses: Sequence[SourcedResponse]
    versions: tuple[str, ...] | None = None


@dataclass(frozen=True)
class RoundSummary:
    label: str
    versions: tuple[str, ...]
    respondents: int
    organisations: int


@dataclass(frozen=True)
class OverallRound:
    score: float | None
    level: str | None


@dataclass(frozen=True)
class PrincipleRound:
    present: bool  # False: the principle did not exist in that round's bank
    score: float | None
    level: str | None


@dataclass(frozen=True)
class PrincipleTrend:
    id: str
    rounds: tuple[PrincipleRound, ...]


@dataclass(frozen=True)
class OrganisationRound:
    present: bool
    score: float | None
    direction: str | None  # up, down, level, new, or None
    change: float | None
    roles_changed: bool


@dataclass(frozen=True)
class OrganisationTrend:
    name: str
    rounds: tuple[OrganisationRound, ...]


@dataclass(frozen=True)
class Trends:
    """The figures of every round, oldest first, the current round last."""

    rounds: tuple[RoundSummary, ...]
    overall: tuple[OverallRound, ...]
    principles: tuple[PrincipleTrend, ...]
    organisations: tuple[OrganisationTrend, ...]


_CSV_ROW = re.compile(r"#[0-9]+$")


def response_versions(responses: Iterable[SourcedResponse]) -> tuple[str, ...]:
    """The distinct versions the JSON answer files name, sorted by code point."""
    versions = {
        r.response.questionnaire.version
        for r in responses
        if not _CSV_ROW.search(r.source) and r.response.questionnaire.version is not None
    }
    return tuple(sorted(v for v in versions if v is not None))


def trends(bank: Questionnaire, rounds: Sequence[RoundScores]) -> Trends:
    """Every round's figures lined up by principle id and organisation name."""
    display = bank.display
    summaries = tuple(
        RoundSummary(
            label=r.label,
            versions=r.versions if r.versions is not None else response_versions(r.responses),
            respondents=r.scores.partnership.n_respondents,
            organisations=r.scores.partnership.n_organisations,
        )
        for r in rounds
    )
    overall = tuple(
        OverallRound(display.score(r.scores.partnership.overall), r.scores.partnership.level)
        for r in rounds
    )
    principles = tuple(
        PrincipleTrend(p.id, tuple(_principle_round(r, p.id, display) for r in rounds))
        for p in bank.scored_principles()
    )
    names = sorted({name for r in rounds for name in r.scores.organisations})
    organisations = tuple(
        OrganisationTrend(name, _organisation_rounds(rounds, name, display)) for name in names
    )
    return Trends(summaries, overall, principles, organisations)


def _principle_round(round_: RoundScores, principle_id: str, display: Display) -> PrincipleRound:
    if not any(p.id == principle_id and p.scored for p in round_.bank.principles):
        return PrincipleRound(False, None, None)
    result = round_.scores.partnership.principles[principle_id]
    return PrincipleRound(True, display.score(result.score), result.level)


def roles_of(respondents: Iterable[RespondentScores], organisation: str) -> frozenset[str]:
    """The distinct roles an organisation's respondents gave, trimmed, blanks left out."""
    roles = (r.role.strip() for r in respondents if r.organisation == organisation and r.role)
    return frozenset(role for role in roles if role)


def roles_changed(before: frozenset[str], now: frozenset[str]) -> bool:
    """Fewer than half the same roles: a change may be about who answered."""
    return 2 * len(before & now) < max(len(before), len(now))


def _organisation_rounds(
    rounds: Sequence[RoundScores], name: str, display: Display
) -> tuple[OrganisationRound, ...]:
    out: list[OrganisationRound] = []
    for index, round_ in enumerate(rounds):
        org = round_.scores.organisations.get(name)
        if org is None:
            out.append(OrganisationRound(False, None, None, None, False))
            continue
        score = display.score(org.overall)
        earlier = rounds[index - 1].scores if index > 0 else None
        was = earlier.organisations.get(name) if earlier is not None else None
        if earlier is None:
            out.append(OrganisationRound(True, score, None, None, False))
            continue
        if was is None:
            out.append(OrganisationRound(True, score, NEW, None, False))
            continue
        moved = movement(was.overall, org.overall, display)
        direction = None if moved is None else UP if moved > 0 else DOWN if moved < 0 else LEVEL
        changed = roles_changed(
            roles_of(earlier.respondents, name), roles_of(round_.scores.respondents, name)
        )
        out.append(OrganisationRound(True, score, direction, moved, changed))
    return tuple(out)


def trends_json(found: Trends) -> dict[str, Any]:
    """The trends as `window.selfassessTrends` and the vectors hold them (contract 3)."""
    return {
        "rounds": [
            {
                "label": r.label,
                "versions": list(r.versions),
                "respondents": r.respondents,
                "organisations": r.organisations,
            }
            for r in found.rounds
        ],
        "overall": [{"score": o.score, "level": o.level} for o in found.overall],
        "principles": [
            {
                "id": p.id,
                "rounds": [
                    {"present": r.present, "score": r.score, "level": r.level} for r in p.rounds
                ],
            }
            for p in found.principles
        ],
        "organisations": [
            {
                "name": o.name,
                "rounds": [
                    {
                        "present": r.present,
                        "score": r.score,
                        "direction": r.direction,
                        "change": r.change,
                        "roles_changed": r.roles_changed,
                    }
                    for r in o.rounds
                ],
            }
            for o in found.organisations
        ],
    }
