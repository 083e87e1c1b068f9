"""What scoring produces: plain, frozen data from a respondent up to the partnership.

Every score here is on 0-100; `Scores.display` says how it is shown (core/display.py).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from selfassess.core.consensus import Consensus
from selfassess.core.display import Display
from selfassess.core.model import Scoring
from selfassess.core.response_model import Answer

UNSPECIFIED = "Unspecified"

Score = float | None


@dataclass(frozen=True)
class GroupResult:
    """A group of principles: the weighted mean of its scored principles, and its level."""

    score: Score
    level: str | None


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
    groups: dict[str, GroupResult] = field(default_factory=dict)
    rated: dict[str, float | None] = field(default_factory=dict)  # asked, in unscored principles


@dataclass(frozen=True)
class OrganisationScores:
    name: str
    n: int
    principles: dict[str, Score]
    overall: Score
    level: str | None
    items: dict[str, float]  # question id -> mean item score over its respondents
    not_applicable: frozenset[str] = frozenset()  # applicable to none of its respondents
    groups: dict[str, GroupResult] = field(default_factory=dict)


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
    scored: bool = True
    # unscored principles only: question id -> scale value (as a key) or "null" -> respondents
    answers: dict[str, dict[str, int]] = field(default_factory=dict)


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
    groups: dict[str, GroupResult] = field(default_factory=dict)


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
    groups: dict[str, GroupResult] = field(default_factory=dict)
    # question id -> the partnership's mean item score (heat maps), aggregated as the principles
    items: dict[str, float] = field(default_factory=dict)


@dataclass(frozen=True)
class Scores:
    questionnaire_id: str
    questionnaire_version: str
    respondents: list[RespondentScores]
    organisations: dict[str, OrganisationScores]  # sorted by name
    partnership: PartnershipScores
    scoring: Scoring = field(default_factory=Scoring)  # the bank's settings, as applied
    display: Display = field(default_factory=Display)  # the unit every figure is shown in
