"""PROVISIONAL stand-in for wt18-core's core/workshop.py (contract 1 and 5): only the record's
dataclasses, so the trends page can be written before it lands; replaced by theirs on merge.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

WORKSHOP_FORMAT = "selfassess-workshop/1"
STATUSES = ("planned", "in-progress", "done", "dropped")


@dataclass(frozen=True)
class Owner:
    """Who carries an action: an organisation, a role, or both."""

    organisation: str | None
    role: str | None


@dataclass(frozen=True)
class Action:
    """One thing the partnership decided to do, and how far it has gone."""

    id: str
    text: str
    owner: Owner
    due: datetime.date | None  # None: not set yet
    status: str  # one of STATUSES
    update: str = ""


@dataclass(frozen=True)
class PrincipleAgreement:
    """What the partners agreed on one principle; `agreed_level` None: they did not agree."""

    id: str
    agreed_level: str | None
    note: str = ""
    actions: tuple[Action, ...] = ()


@dataclass(frozen=True)
class WorkshopRecord:
    """A checked workshop file; `principles` in the file's order, only those discussed."""

    questionnaire_id: str
    questionnaire_version: str
    round_label: str
    round_date: datetime.date
    organisations: tuple[str, ...]
    principles: tuple[PrincipleAgreement, ...]

    def agreement(self, principle_id: str) -> PrincipleAgreement | None:
        """The record of one principle, or None when it was not discussed."""
        return next((p for p in self.principles if p.id == principle_id), None)
