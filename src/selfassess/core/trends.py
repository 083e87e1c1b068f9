"""PROVISIONAL stand-in for wt18-core's core/trends.py (contract 3 and 5), so the trends page
can be written and tested before it lands; replaced by the core engineer's module on merge.

Pure: the figures of every round, from each round's scores.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from selfassess.core.display import TOLERANCE, Display
from selfassess.core.model import Questionnaire
from selfassess.core.response_model import SourcedResponse
from selfassess.core.rounding import round_half_up
from selfassess.core.scores import Scores


@dataclass(frozen=True)
class RoundScores:
    """One round: its label, the bank it was scored with, its scores and answers."""

    label: str
    bank: Questionnaire
    scores: Scores
    responses: Sequence[SourcedResponse]


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
    present: bool
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
    direction: str | None
    change: float | None
    roles_changed: bool


@dataclass(frozen=True)
class OrganisationTrend:
    name: str
    rounds: tuple[OrganisationRound, ...]


@dataclass(frozen=True)
class Trends:
    rounds: tuple[RoundSummary, ...]
    overall: tuple[OverallRound, ...]
    principles: tuple[PrincipleTrend, ...]
    organisations: tuple[OrganisationTrend, ...]


def movement(before: float | None, now: float | None, display: Display) -> float | None:
    """The change on the figures people read, or None when either is missing."""
    if before is None or now is None:
        return None
    k = 10 if display.on_scale else 1
    shown_now, shown_before = display.score(now), display.score(before)
    assert shown_now is not None and shown_before is not None
    return (round_half_up(shown_now * k) - round_half_up(shown_before * k)) / k


def _roles(round_: RoundScores, organisation: str) -> set[str]:
    return {r.role for r in round_.scores.respondents if r.organisation == organisation and r.role}


def _organisation(
    bank: Questionnaire, name: str, rounds: Sequence[RoundScores]
) -> OrganisationTrend:
    out: list[OrganisationRound] = []
    for index, round_ in enumerate(rounds):
        org = round_.scores.organisations.get(name)
        before = rounds[index - 1].scores.organisations.get(name) if index else None
        if org is None:
            out.append(OrganisationRound(False, None, None, None, False))
            continue
        if index == 0:
            out.append(OrganisationRound(True, org.overall, None, None, False))
            continue
        if before is None:
            out.append(OrganisationRound(True, org.overall, "new", None, False))
            continue
        change = movement(before.overall, org.overall, bank.display)
        direction = None
        if change is not None:
            direction = "up" if change > TOLERANCE else "down" if change < -TOLERANCE else "level"
        now_roles, old_roles = _roles(round_, name), _roles(rounds[index - 1], name)
        changed = 2 * len(now_roles & old_roles) < max(len(now_roles), len(old_roles))
        out.append(OrganisationRound(True, org.overall, direction, change, changed))
    return OrganisationTrend(name, tuple(out))


def trends(bank: Questionnaire, rounds: Sequence[RoundScores]) -> Trends:
    """Every round's figures, oldest first, the current round last."""
    principles = []
    for principle in bank.scored_principles():
        figures = []
        for round_ in rounds:
            present = any(p.id == principle.id and p.scored for p in round_.bank.principles)
            result = round_.scores.partnership.principles.get(principle.id)
            if not present or result is None:
                figures.append(PrincipleRound(False, None, None))
            else:
                figures.append(PrincipleRound(True, result.score, result.level))
        principles.append(PrincipleTrend(principle.id, tuple(figures)))
    names = sorted({n for r in rounds for n in r.scores.organisations})
    return Trends(
        rounds=tuple(
            RoundSummary(
                r.label,
                tuple(sorted({x.response.questionnaire.version or "" for x in r.responses} - {""})),
                r.scores.partnership.n_respondents,
                r.scores.partnership.n_organisations,
            )
            for r in rounds
        ),
        overall=tuple(
            OverallRound(r.scores.partnership.overall, r.scores.partnership.level) for r in rounds
        ),
        principles=tuple(principles),
        organisations=tuple(_organisation(bank, n, rounds) for n in names),
    )
