"""Every word of the "What we agreed" section: levels not agreed, the sentence where the
partners' level and the survey's differ, the action plan's statuses and dates.

Beside wording.py (which holds the rest of the scorecard's sentences and is full): facts in,
sentences out, each through core/i18n so the catalogue, not this code, decides the words.
"""

from __future__ import annotations

from collections.abc import Sequence

from selfassess.core.i18n import N_, _, ngettext

# The four statuses of an action, as the action plan prints them (words, not colour alone).
STATUS_WORDS = {
    "planned": N_("Planned"),
    "in-progress": N_("In progress"),
    "done": N_("Done"),
    "dropped": N_("Dropped"),
}
# Small counts of levels as words ("two levels above"); larger ones stay figures.
COUNT_WORDS = {2: N_("two"), 3: N_("three"), 4: N_("four"), 5: N_("five")}


def not_agreed() -> str:
    """Beside a principle the partners discussed without agreeing a level."""
    return _("Not agreed")


def not_discussed() -> str:
    """Beside a principle the workshop file does not mention."""
    return _("Not discussed")


def no_survey_level() -> str:
    """Beside a principle the survey gave no score (nobody answered enough of it)."""
    return _("No score")


def not_set() -> str:
    """In the action plan, for an action with no date yet."""
    return _("Not set")


def another_organisation() -> str:
    """An owner the anonymised scorecard has no pseudonym for (it took no part in the survey)."""
    return _("another organisation")


def status_words(status: str) -> str:
    """An action's status as the plan prints it."""
    return _(STATUS_WORDS[status])


def level_difference(agreed: str, survey: str, steps: int) -> str:
    """Where the partners' level is more than one level from the survey's: which way, how far."""
    count = _(COUNT_WORDS[abs(steps)]) if abs(steps) in COUNT_WORDS else str(abs(steps))
    if steps > 0:
        text = _(
            "The partners agreed {agreed}, {count} levels above what the survey shows ({survey})."
        )
    else:
        text = _(
            "The partners agreed {agreed}, {count} levels below what the survey shows ({survey})."
        )
    return text.format(agreed=agreed, count=count, survey=survey)


def took_part(names: Sequence[str], others: int) -> str:
    """Who took part in the workshop, as the file lists them ("" when it does not)."""
    shown = list(names)
    if others:
        shown.append(
            ngettext("{count} other organisation", "{count} other organisations", others).format(
                count=others
            )
        )
    if not shown:
        return ""
    if len(shown) == 1:
        listed = shown[0]
    else:
        listed = _("{names} and {last}").format(names=", ".join(shown[:-1]), last=shown[-1])
    return _("Taking part: {names}.").format(names=listed)
