"""Every sentence the trends page prints: directions, the roles note, action progress, statuses.

Design note: scorecard/wording.py is the scorecard's catalogue of sentences but is at the
400-line limit, so the trends page's own sentences live beside it here, each through core/i18n's
`_`/`ngettext` so the Welsh catalogue holds them. The builder (scorecard/trends.py) passes facts.
"""

from __future__ import annotations

from collections.abc import Sequence

from selfassess.core.i18n import _, ngettext

# The marks beside a direction's word: the word says it, the mark helps the eye.
ARROWS = {"up": "▲", "down": "▼", "level": "▶", "new": "★"}
STATUS_MARKS = {"planned": "○", "in-progress": "◐", "done": "✓", "dropped": "✗"}


def not_asked() -> str:
    """A principle that did not exist in a round's version of the questionnaire."""
    return _("Not asked")


def withheld() -> str:
    """An organisation figure withheld in a round to protect small groups."""
    return _("Withheld")


def direction_word(direction: str, change: str) -> str:
    """An organisation's direction since the previous round, in words: "up 5", "new"."""
    if direction == "up":
        return _("up {change}").format(change=change)
    if direction == "down":
        return _("down {change}").format(change=change)
    if direction == "level":
        return _("level")
    if direction == "new":
        return _("new")
    return ""


def roles_note() -> str:
    """Why a change may not be progress: the organisation's respondents were mostly others."""
    return _(
        "Fewer than half the same roles answered in both rounds: the change may be about who "
        "answered"
    )


def roles_note_for(organisation: str, round_label: str) -> str:
    """The roles note, naming the organisation and the round it applies to."""
    return _("{organisation}, {round}: {note}.").format(
        organisation=organisation, round=round_label, note=roles_note()
    )


def withheld_note(reason: str) -> str:
    """Under the organisations' table when some figure in it is withheld."""
    return _("Withheld: {reason}.").format(reason=reason)


def actions_done(principle: str, done: int, total: int) -> str:
    """How many of an earlier round's actions on a principle are done (dropped ones apart)."""
    return _("Actions done on {principle}: {done} of {total}").format(
        principle=principle, done=done, total=total
    )


def dropped(count: int) -> str:
    """The actions on a principle the partnership dropped, counted apart from the rest."""
    return ngettext("{count} dropped", "{count} dropped", count).format(count=count)


def score_moved(direction: str, change: str) -> str:
    """The principle's partnership score since that round: "score up 9"."""
    if direction == "up":
        return _("score up {change}").format(change=change)
    if direction == "down":
        return _("score down {change}").format(change=change)
    if direction == "level":
        return _("score level")
    return _("no score then to compare with")


def progress(actions: str, score: str) -> str:
    """The actions' count and the score's movement, as one line."""
    return _("{actions}; {score}").format(actions=actions, score=score)


def status_word(status: str) -> str:
    """An action's status as a facilitator says it."""
    words = {
        "planned": _("Planned"),
        "in-progress": _("In progress"),
        "done": _("Done"),
        "dropped": _("Dropped"),
    }
    return words[status]


def owner(organisation: str | None, role: str | None) -> str:
    """Who carries an action: role and organisation, or whichever the file gives."""
    if organisation and role:
        return _("{role}, {organisation}").format(role=role, organisation=organisation)
    return organisation or role or ""


def another_organisation() -> str:
    """An owner organisation that is not among the pseudonymised ones, when anonymised."""
    return _("another organisation")


def not_set() -> str:
    """An action with no due date yet."""
    return _("Not set")


def chart_alternative(title: str, figures: Sequence[tuple[str, str]]) -> str:
    """The line chart's text alternative: its title, then every round's figure."""
    parts = "; ".join(
        _("{round}: {figure}").format(round=label, figure=figure) for label, figure in figures
    )
    return _("{title}. {figures}.").format(title=title, figures=parts)


def chart_title(principle: str) -> str:
    """The accessible name of a principle's (or the overall's) line chart."""
    return _("Partnership score on {principle} in each round").format(principle=principle)
