"""Respondents' comments as the scorecard prints them: grouped, scrubbed, shortened, withheld.

Design note: answers to text questions inside a principle are printed with its comments, under
the same rules. A comment from an organisation with fewer than `min_group_size` respondents is
withheld and counted (the page says how many, through `wording`); a role is printed only when
at least that many of the organisation's respondents gave it, and never when organisations are
anonymised (a role such as "Headteacher" names the sector). Real names are scrubbed before any
cut, so no cut can expose half a name.
"""

from __future__ import annotations

from collections.abc import Sequence

from selfassess.core.response_model import Response, SourcedResponse
from selfassess.core.scoring import organisation_of
from selfassess.scorecard import wording
from selfassess.scorecard.context import BuildContext
from selfassess.scorecard.views import CommentView

# The most of any one comment a scorecard prints: about two pages. Longer comments are cut,
# with a note, so one 10 MB comment cannot turn a report into hours of layout and 2,000 pages.
MAX_COMMENT_CHARS = 10_000


def comments_by_principle(
    ctx: BuildContext, responses: Sequence[SourcedResponse], show_names: bool
) -> tuple[dict[str, list[CommentView]], dict[str, int]]:
    """Comments grouped under their principle, in question order, then by organisation; and
    how many each principle withholds."""
    bank, privacy = ctx.bank, ctx.privacy
    principle_of = {q.id: pr.id for pr, q in bank.questions()}
    principle_of.update({pr.id: pr.id for pr in bank.principles})
    order = {pr.id: i for i, pr in enumerate(bank.principles)}
    order.update({q.id: len(bank.principles) + i for i, (_, q) in enumerate(bank.questions())})
    sizes = {name: o.n for name, o in ctx.scores.organisations.items()}
    roles = _role_counts(ctx)
    text_questions = [q.id for _, q in bank.questions() if q.type == "text"]
    keyed = []
    withheld: dict[str, int] = {}
    for sourced in responses:
        respondent = sourced.response.respondent
        organisation = organisation_of(respondent.organisation)
        role = (respondent.role or "").strip() or None
        name = (respondent.name or "").strip() or None
        for key, text in _said(sourced.response, text_questions):
            if key not in principle_of or not text.strip():
                continue
            principle_id = principle_of[key]
            if sizes.get(organisation, 0) < privacy.min_group_size:
                withheld[principle_id] = withheld.get(principle_id, 0) + 1
                continue
            role_shown = (
                role
                if role is not None
                and not privacy.anonymised
                and roles.get((organisation, role.casefold()), 0) >= privacy.min_group_size
                else None
            )
            printed, shortened_note = shortened(ctx.names.scrub(text.strip()))
            comment = CommentView(
                text=printed,
                shortened_note=shortened_note,
                organisation=ctx.names(organisation),
                role=role_shown,
                name=name if show_names else None,
                about=ctx.question_labels.get(key, ""),
            )
            keyed.append(
                ((order[principle_id], order[key], comment.organisation), principle_id, comment)
            )
    keyed.sort(key=lambda item: item[0])
    grouped: dict[str, list[CommentView]] = {}
    for _, principle_id, comment in keyed:
        grouped.setdefault(principle_id, []).append(comment)
    return grouped, withheld


def _said(response: Response, text_questions: list[str]) -> list[tuple[str, str]]:
    """A respondent's comments, then their answers to text questions inside principles: both
    are their own words, printed under the same rules."""
    answers = [
        (qid, answer)
        for qid in text_questions
        if isinstance(answer := response.answers.get(qid), str)
    ]
    return [*response.comments.items(), *answers]


def _role_counts(ctx: BuildContext) -> dict[tuple[str, str], int]:
    """How many respondents of each organisation gave each role (compared without case)."""
    roles: dict[tuple[str, str], int] = {}
    for r in ctx.scores.respondents:
        if r.role:
            group = (r.organisation, r.role.casefold())
            roles[group] = roles.get(group, 0) + 1
    return roles


def shortened(text: str) -> tuple[str, str]:
    """At most `MAX_COMMENT_CHARS` of a comment (cut at a space near the end where there is
    one), and the note saying so."""
    if len(text) <= MAX_COMMENT_CHARS:
        return text, ""
    space = text.rfind(" ", MAX_COMMENT_CHARS - 200, MAX_COMMENT_CHARS)
    head = text[: space if space > 0 else MAX_COMMENT_CHARS].rstrip()
    return f"{head} …", wording.comment_shortened(len(head), len(text))
