"""The words of the partnership page's earlier rounds and trends (partnership-trends.js), by key.

A sibling of page_messages.py's PARTNERSHIP_MESSAGES, kept apart so the rounds have one place
for their words; the page carries both catalogues (pages/partnership.py). Counts reuse the
partnership messages' "{count} files" and its sentences about what was read.
"""

from __future__ import annotations

from collections.abc import Mapping

from selfassess.core.i18n import N_, ngettext
from selfassess.pages.page_messages import Message

TRENDS_MESSAGES: Mapping[str, Message] = {
    "thisRound": N_("This round"),
    "roundLabelMissing": N_("Enter a name for the round"),
    "roundLabelTooLong": N_("The name may be at most 80 characters"),
    "roundLabelControl": N_("The name may not hold tabs or other control characters"),
    "roundLabelTaken": N_("There is already a round called “{label}”: choose another name"),
    "roundFilesMissing": N_("Choose the answer files of that round"),
    "roundFilesChosen": N_("Chosen: {names}"),
    "roundAdded": N_("Added the round “{label}”."),
    "roundRemoved": N_("Removed the round “{label}”."),
    "removeRound": N_("Remove the round “{label}”"),
    "roundVersions": N_("Answers for version {versions} of the questionnaire."),
    "roundsCompared": lambda n: ngettext(
        "{count} round compared, oldest first; this round is last.",
        "{count} rounds compared, oldest first; this round is last.",
        n,
    ),
    "overallRow": N_("Overall"),
    "notAskedInRound": N_("not asked in this round"),
    "notInRound": N_("not in this round"),
    "trendUp": N_("up {change}"),
    "trendDown": N_("down {change}"),
    "trendLevel": N_("level"),
    "trendNew": N_("new"),
    "rolesChanged": N_("fewer than half the same roles answered"),
    "rolesChangedNote": N_(
        "{organisation}, {round}: fewer than half of the roles who answered are the same as in "
        "{previous}, so the change may be about who answered rather than about the partnership."
    ),
    "trendChartTitle": N_("{title}: the partnership’s score in each round"),
    "trendChartText": N_("{title}: {figures}."),
    "trendFigure": N_("{round} {score}"),
}
