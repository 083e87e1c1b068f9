"""Every sentence the scorecard composes in Python, in one place, through the one i18n door.

Design note: the section builders (summary, principles, baseline, method, comments) work out
facts (counts, thresholds, flags, titles); the functions here turn those facts into the words a
reader sees. Each sentence goes through `_`, or `ngettext` wherever a count stands in it, so a
translation later touches a catalogue, not the builders. The English is byte for byte what the
builders used to compose inline: where today's English does not inflect a counted noun ("fewer
than 1 responses", "file(s)"), both forms of the `ngettext` pair are the same, so the page does
not change while a translator still gets the plural slot. Dates are formatted by Babel in
`dates` (re-exported here). Chart alt texts live with the charts.
"""

from __future__ import annotations

from collections.abc import Callable

from selfassess.core.i18n import _, ngettext
from selfassess.scorecard.dates import DATE_LOCALE, date_range, long_date

__all__ = ["DATE_LOCALE", "date_range", "long_date"]  # dates live in `dates`, read from here
# Printed where a figure has no value (no score, no level, no earlier round).
NO_VALUE = "–"


def default_title() -> str:
    """The cover's title when the report was given none."""
    return _("Partnership scorecard")


def partnership_label() -> str:
    """The name of the partnership's own line on the radar and row in each heat map."""
    return _("Partnership")


def score_column_label() -> str:
    """The heading of a heat map's last column, the principle score."""
    return _("Score")


def scale_note(low: str, high: str) -> str:
    """Said once under a table or chart of figures shown on the bank's scale."""
    return _("Scores are means on the {low}–{high} scale.").format(low=low, high=high)


def out_of_scale(low: str, high: str) -> str:
    """Printed after the overall score shown on the bank's scale (on 0-100 it is "/100")."""
    return _("on the {low}–{high} scale").format(low=low, high=high)


def not_scored() -> str:
    """Said in the summary beside a principle that is reported by its answers, never scored."""
    return _("Reported, not scored")


def heat_map_title(principle: str) -> str:
    """The title of one principle's heat map (its accessible name)."""
    return _("Heat map: {principle}, by organisation and question").format(principle=principle)


def radar_title() -> str:
    """The title of the summary's radar chart (its accessible name)."""
    return _("Radar chart: each principle’s score, for the partnership and each organisation")


# ---------------------------------------------------------------- withheld figures


def few_responses(threshold: int) -> str:
    """Why a cell is withheld when too few people stand behind it."""
    return ngettext("fewer than {n} responses", "fewer than {n} responses", threshold).format(
        n=threshold
    )


def hidden_because(reason: str) -> str:
    """A withheld cell's label, with its reason in brackets."""
    return _("hidden ({reason})").format(reason=reason)


def guard_label() -> str:
    """The label of a cell withheld so that another withheld value cannot be worked out."""
    return _("hidden (so that another hidden value cannot be worked out)")


def guard_description() -> str:
    """The description of a cell withheld so that another cannot be worked out."""
    return _("hidden so that another hidden value cannot be worked out")


def heat_map_hidden_note(cells: int, threshold: int, guard_mark: str, scores_hidden: bool) -> str:
    """Said under a heat map with withheld cells, so nobody mistakes them for missing data."""
    if not cells:
        return ""
    note = ngettext(
        "{cells} cell of this heat map is hidden to protect small groups: <{threshold} marks "
        "fewer than {threshold} responses, {guard} a value hidden so that another cannot be "
        "worked out from the averages.",
        "{cells} cells of this heat map are hidden to protect small groups: <{threshold} marks "
        "fewer than {threshold} responses, {guard} a value hidden so that another cannot be "
        "worked out from the averages.",
        cells,
    ).format(cells=cells, threshold=threshold, guard=guard_mark)
    if scores_hidden:
        note += " " + _(
            "Lowest, highest and spread cover only the organisations whose score is shown."
        )
    return note


def comments_hidden_note(withheld: int, min_group_size: int) -> str:
    """Said under a principle's comments when some are withheld; "" when none are."""
    if not withheld:
        return ""
    return ngettext(
        "{n} comment not shown: it comes from organisations with fewer than {size} responses.",
        "{n} comments not shown: they come from organisations with fewer than {size} responses.",
        withheld,
    ).format(n=withheld, size=min_group_size)


def radar_note(hidden_scores: int, dots: bool = False) -> str:
    """Said under the radar (or the dot plot) when some organisation's score is withheld; ""
    when none is."""
    if not hidden_scores:
        return ""
    if dots:
        return _("An organisation has no dot where its score is hidden to protect small groups.")
    return _("A line has a gap where that organisation’s score is hidden to protect small groups.")


def summary_note(hidden_scores: int) -> str:
    """Said under the summary table when organisation scores are withheld; "" when none are."""
    if not hidden_scores:
        return ""
    return ngettext(
        "{n} organisation score is hidden to protect small groups; lowest, highest and spread "
        "cover the organisations whose score is shown.",
        "{n} organisation scores are hidden to protect small groups; lowest, highest and spread "
        "cover the organisations whose score is shown.",
        hidden_scores,
    ).format(n=hidden_scores)


def baseline_withheld_reason() -> str:
    """Why an organisation's changes since the earlier round are not printed."""
    return _("at least one of its principle scores is withheld to protect small groups")


def privacy_hidden(
    hidden_cells: int, hidden_comments: int, hidden_groups: int = 0, hidden_counts: int = 0
) -> str:
    """ "In this report 12 heat-map cells and 1 comment are hidden.", or "" when nothing is."""
    parts = []
    if hidden_cells:
        parts.append(
            ngettext("{n} heat-map cell", "{n} heat-map cells", hidden_cells).format(n=hidden_cells)
        )
    if hidden_comments:
        parts.append(
            ngettext("{n} comment", "{n} comments", hidden_comments).format(n=hidden_comments)
        )
    if hidden_groups:
        parts.append(
            ngettext("{n} group of respondents", "{n} groups of respondents", hidden_groups).format(
                n=hidden_groups
            )
        )
    if hidden_counts:
        parts.append(
            ngettext("{n} count of answers", "{n} counts of answers", hidden_counts).format(
                n=hidden_counts
            )
        )
    if len(parts) > 1:
        return _("In this report {first} and {last} are hidden.").format(
            first=", ".join(parts[:-1]), last=parts[-1]
        )
    if parts:
        total = hidden_cells or hidden_comments or hidden_groups or hidden_counts
        return ngettext(
            "In this report {what} is hidden.", "In this report {what} are hidden.", total
        ).format(what=parts[0])
    return ""


def comment_shortened(printed: int, total: int) -> str:
    """The note under a comment of which only the start is printed."""
    return _(
        "Comment shortened: the first {printed} of its {total} characters are printed; the "
        "whole comment is in the respondent’s answer file."
    ).format(printed=f"{printed:,}", total=f"{total:,}")


def files_withheld(count: int) -> str:
    """The one line listing skipped files when their names would name organisations."""
    return ngettext(
        "{n} file(s); names withheld to keep organisations anonymous",
        "{n} file(s); names withheld to keep organisations anonymous",
        count,
    ).format(n=count)


def notes_withheld(count: int) -> str:
    """The one line standing for the loaders' notes when file names are withheld."""
    return ngettext(
        "{n} note(s) on the files; withheld with the file names",
        "{n} note(s) on the files; withheld with the file names",
        count,
    ).format(n=count)


def from_baseline(line: str) -> str:
    """A skipped file or note from the earlier round, marked as such."""
    return _("{line} (baseline)").format(line=line)


# ---------------------------------------------------------------- breakdowns and counts


def not_asked() -> str:
    """Printed for a principle asked of nobody a figure stands for (tight tables)."""
    return _("n/a")


def not_asked_meaning() -> str:
    """What "n/a" stands for, in a heat map's key and its cells' text alternative."""
    return _("not asked: none of the principle’s questions were asked of them")


def group_hidden(threshold: int) -> str:
    """Said in place of a withheld group or count, whichever the reason: one wording, as official
    statistics mark primary and complementary suppression alike, so the page does not say which
    hidden group is the small one (and `verify`, rebuilding from answer files that leave hidden
    groups' answers out, reads the same words)."""
    return ngettext(
        "hidden to protect groups of fewer than {n}",
        "hidden to protect groups of fewer than {n}",
        threshold,
    ).format(n=threshold)


def chose_or_blank(unscored: str) -> str:
    """The count of respondents who chose the scale's unscored option or left a question blank."""
    return _("“{label}” or left blank").format(label=unscored)


def left_blank() -> str:
    """The count of respondents who left a question of an unscored principle blank."""
    return _("Left blank")


def overall_column_label() -> str:
    """The heading of a breakdown table's overall column."""
    return _("Overall")


def largest_gap(high: str, principle: str, points: int, low: str) -> str:
    """The widest gap between two shown groups on one principle."""
    return ngettext(
        "Respondents who answered “{high}” score {principle} {points} point higher than "
        "those who answered “{low}”.",
        "Respondents who answered “{high}” score {principle} {points} points higher than "
        "those who answered “{low}”.",
        points,
    ).format(high=high, principle=principle, points=points, low=low)


def largest_gap_on_scale(high: str, principle: str, points: str, low: str) -> str:
    """The widest gap between two shown groups on one principle, on the bank's scale."""
    return _(
        "Respondents who answered “{high}” score {principle} {points} higher than those who "
        "answered “{low}”."
    ).format(high=high, principle=principle, points=points, low=low)


def breakdown_hidden_note(hidden: int, threshold: int) -> str:
    """Said under a breakdown table with withheld groups; "" when none are."""
    if not hidden:
        return ""
    return ngettext(
        "{n} group is hidden: a group of fewer than {k} respondents is not shown, and when only "
        "one would be hidden, the next smallest is hidden with it so that it cannot be worked "
        "out from the others.",
        "{n} groups are hidden: a group of fewer than {k} respondents is not shown, and when "
        "only one would be hidden, the next smallest is hidden with it so that it cannot be "
        "worked out from the others.",
        hidden,
    ).format(n=hidden, k=threshold)


def counts_hidden_note(hidden: int, threshold: int) -> str:
    """Said under a chart of counts with withheld counts; "" when none are."""
    if not hidden:
        return ""
    return ngettext(
        "{n} count is hidden: a count of fewer than {k} respondents is not shown, and when only "
        "one would be hidden, the next smallest is hidden with it.",
        "{n} counts are hidden: a count of fewer than {k} respondents is not shown, and when "
        "only one would be hidden, the next smallest is hidden with it.",
        hidden,
    ).format(n=hidden, k=threshold)


# ---------------------------------------------------------------- principles and method


def agreement_sentence(
    divergent: bool,
    split: bool,
    organisations: int,
    respondents: int,
    threshold: float | str,
    *,
    shown: int | None = None,
    divergent_questions: int = 0,
) -> str:
    """What the spread between organisations and the spread between people say together.

    `organisations` scored the principle; `shown` of them have their score printed (all,
    unless small groups are hidden); `divergent_questions` listed below are marked divergent."""
    if respondents == 0:
        return ""
    far = _(
        "at least a third of respondents are more than {threshold} points from the median"
    ).format(threshold=threshold if isinstance(threshold, str) else f"{threshold:g}")
    people = (
        _("people are split: {far}.").format(far=far)
        if split
        else _("most respondents sit near the median.")
    )
    if organisations < 2:
        return _(
            "Only one organisation scored this principle, so there is no spread between "
            "organisations; {people}"
        ).format(people=people)
    if (organisations if shown is None else shown) < 2:
        return _(
            "Too few organisations’ scores are shown to compare organisations; {people}"
        ).format(people=people)
    if divergent and split:
        return _(
            "Organisations see this principle differently, and so do people: {far}. "
            "Worth a conversation before any action plan."
        ).format(far=far)
    if divergent:
        return _(
            "Organisations see this principle differently, while most respondents sit near the "
            "median: the gap lies between organisations more than between people."
        )
    apart = ngettext(
        "far apart on {n} question marked divergent below",
        "far apart on {n} questions marked divergent below",
        divergent_questions,
    ).format(n=divergent_questions)
    if split:
        said = _(
            "Organisations’ averages are close, but people are split: {far}. "
            "The averages hide a disagreement that runs through organisations."
        ).format(far=far)
        if divergent_questions:
            said += " " + _("Organisations are also {apart}.").format(apart=apart)
        return said
    if divergent_questions:
        return _(
            "Organisations are close on this principle as a whole, but {apart}: "
            "the average evens out their differences on those."
        ).format(apart=apart)
    return _("Organisations’ averages are close and most respondents sit near the median.")


def level_range(
    starts: list[float], index: int, number: Callable[[float], str] | None = None
) -> str:
    """The scores a level covers, for the method appendix: "40 to under 60" (`number` writes
    a level's start in the displayed unit: "3.0" on a 1-5 scale)."""
    number = number or _general
    if len(starts) == 1:
        return _("every score")
    if index == 0:
        return _("below {next}").format(next=number(starts[1]))
    if index == len(starts) - 1:
        return _("{start} and above").format(start=number(starts[index]))
    return _("{start} to under {next}").format(
        start=number(starts[index]), next=number(starts[index + 1])
    )


def _general(value: float) -> str:
    return f"{value:g}"


def answered_hidden() -> str:
    """Printed instead of a small organisation's share of questions answered."""
    return _("hidden")


def principle_movement(title: str, delta: str) -> str:
    """The principle an organisation moved most on, with its delta: "Shared purpose +5"."""
    return _("{title} {delta}").format(title=title, delta=delta)
