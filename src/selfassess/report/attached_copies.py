"""The answer files as a scorecard attaches them: only what its pages may show.

Respondents' names (unless --show-names), the roles the page does not print, and the text of
the comments it withholds are taken out of the copy attached; which files belong to an
organisation too small to be shown is worked out here too (audit.py leaves those out).
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Collection

from selfassess.core.model import Questionnaire
from selfassess.core.response_model import QuestionnaireRef, Respondent, Response
from selfassess.core.scoring import organisation_of
from selfassess.inputs.response_csv import csv_delimiter, decode_csv
from selfassess.inputs.response_formats import CSV_FORMAT, format_for
from selfassess.inputs.responses import InputFile, LoadedResponses
from selfassess.scorecard.views import ScorecardView


def small_organisation_files(loaded: LoadedResponses, threshold: int) -> set[str]:
    """The files holding any answer from an organisation the scorecard hides (fewer than
    `threshold` respondents in this round)."""
    counts: dict[str, int] = {}
    for sourced in loaded.responses:
        name = organisation_of(sourced.response.respondent.organisation)
        counts[name] = counts.get(name, 0) + 1
    names = {file.name for file in loaded.files}
    small = set()
    for sourced in loaded.responses:
        if counts[organisation_of(sourced.response.respondent.organisation)] < threshold:
            # a CSV row's source is "file#row"
            small.add(
                sourced.source if sourced.source in names else sourced.source.rsplit("#", 1)[0]
            )
    return small


WITHHELD_COMMENT = "(withheld: the scorecard does not print this comment)"
WITHHELD_ANSWER = "(withheld: the scorecard does not print this answer)"


def _shown_groups(bank: Questionnaire, view: ScorecardView, earlier: bool) -> dict[str, set[str]]:
    """Per breakdown question, the options whose group the scorecard shows, read from the
    breakdown pages themselves (their rows follow the options' order), so what is attached
    is exactly what is printed. An earlier round's breakdowns are never printed."""
    printed = {b.id: b.rows for b in view.breakdowns}
    return {
        question.id: set()
        if earlier
        else {
            option.id
            # no page for the question (nothing printed): no option is shown
            for option, row in zip(
                question.options or [], printed.get(question.id, []), strict=False
            )
            if not row.hidden
        }
        for question in bank.breakdown_questions()
    }


def files_revealing_hidden_groups(
    bank: Questionnaire, loaded: LoadedResponses, view: ScorecardView, *, earlier: bool
) -> set[str]:
    """The files not to attach at all: those holding a breakdown answer in a group the page
    hides that an `ask_if` looks at. The scores need that answer (it decides what was asked),
    so it cannot be cut from the copy, and kept it would say who is in the hidden group: such
    a file goes the way of a hidden organisation's, its SHA-256 in the manifest only."""
    needed = {q.ask_if.question for q in bank.all_questions() if q.ask_if is not None}
    shown = _shown_groups(bank, view, earlier)
    names = {file.name for file in loaded.files}
    files = set()
    for sourced in loaded.responses:
        for qid in needed & set(shown):
            answer = sourced.response.background.get(qid)  # not-asked ones dropped at load
            if isinstance(answer, str) and answer not in shown[qid]:
                # a CSV row's source is "file#row"
                source = sourced.source
                files.add(source if source in names else source.rsplit("#", 1)[0])
    return files


def background_to_withhold(
    bank: Questionnaire, loaded: LoadedResponses, view: ScorecardView, *, earlier: bool
) -> dict[str, frozenset[str]]:
    """Per response (by its source), the background answers its attached copy leaves out.

    A background answer says who someone is, as a role does. The copy keeps one only where the
    scorecard shows it or the scores need it: an answer some `ask_if` looks at (the rebuilt
    scorecard must ask the same questions; a file with such an answer in a hidden group is not
    attached at all, see `files_revealing_hidden_groups`), or a breakdown answer whose group the
    page shows. The others go: answers to background questions that are neither, and breakdown
    answers in the groups the page hides (too few respondents, or hidden beside such a group)."""
    needed = {q.ask_if.question for q in bank.all_questions() if q.ask_if is not None}
    shown = _shown_groups(bank, view, earlier)
    out: dict[str, frozenset[str]] = {}
    for sourced in loaded.responses:
        drop = {
            q.id
            for q in bank.background
            if q.id not in needed
            and q.id in sourced.response.background
            # a multi answer (a list) is never a shown group: compared only when it is an id
            and not (
                isinstance(answer := sourced.response.background.get(q.id), str)
                and answer in shown.get(q.id, set())
            )
        }
        if drop:
            out[sourced.source] = frozenset(drop)
    return out


def without_background(data: bytes, name: str, drop: dict[str, frozenset[str]]) -> bytes:
    """The copy less the background answers `drop` names, by response source (`name`, or
    `name#row` for a CSV row): a JSON key removed, a CSV cell emptied."""
    if format_for(name) is CSV_FORMAT:
        return _csv_cells_emptied(data, name, drop)
    gone = drop.get(name, frozenset())
    answers = json.loads(data.decode("utf-8-sig")) if gone else None
    if not isinstance(answers, dict) or not isinstance(answers.get("background"), dict):
        return data
    answers["background"] = {k: v for k, v in answers["background"].items() if k not in gone}
    return (json.dumps(answers, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


def _csv_cells_emptied(data: bytes, name: str, drop: dict[str, frozenset[str]]) -> bytes:
    if not any(source.rsplit("#", 1)[0] == name for source in drop):
        return data
    text = decode_csv(data, name, [])
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=csv_delimiter(text)))
    filled = [row for row in rows if any(cell.strip() for cell in row)]  # as the reader counts
    header = [cell.strip() for cell in filled[0]] if filled else []
    for number, row in enumerate(filled[1:], start=1):
        for i, column in enumerate(header):
            if column in drop.get(f"{name}#{number}", ()) and i < len(row):
                row[i] = ""
    out = io.StringIO(newline="")
    csv.writer(out, lineterminator="\r\n").writerows(rows)
    return out.getvalue().encode("utf-8")


def with_text_answers_withheld(data: bytes, name: str, question_ids: Collection[str]) -> bytes:
    """An answer file with the free-text answers to `question_ids` replaced by WITHHELD_ANSWER
    (under `answers` or `background` in JSON; in a CSV, those columns' cells): free text can
    name a person, so only what the scorecard prints is attached. Keys and columns stay, so the
    scorecard rebuilt from the copy counts the same answers."""
    if not question_ids:
        return data
    if format_for(name) is CSV_FORMAT:
        return _csv_text_withheld(data, name, question_ids)
    answers = json.loads(data.decode("utf-8-sig"))
    if not isinstance(answers, dict):
        return data
    changed = False
    for key in ("answers", "background"):
        given = answers.get(key)
        if not isinstance(given, dict):
            continue
        for qid in question_ids:
            if isinstance(given.get(qid), str) and given[qid].strip():
                given[qid] = WITHHELD_ANSWER
                changed = True
    if not changed:
        return data
    return (json.dumps(answers, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


def _csv_text_withheld(data: bytes, name: str, question_ids: Collection[str]) -> bytes:
    text = decode_csv(data, name, [])
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=csv_delimiter(text)))
    if not rows:
        return data
    columns = [i for i, cell in enumerate(rows[0]) if cell.strip() in question_ids]
    changed = False
    for row in rows[1:]:
        for i in columns:
            if i < len(row) and row[i].strip():
                row[i] = WITHHELD_ANSWER
                changed = True
    if not changed:
        return data
    out = io.StringIO(newline="")
    csv.writer(out, lineterminator="\r\n").writerows(rows)
    return out.getvalue().encode("utf-8")


def with_comments_withheld(data: bytes, name: str) -> bytes:
    """An answer file with each comment's text replaced by WITHHELD_COMMENT: for comments the
    page withholds. Keys stay, so the scorecard rebuilt from it counts the same withheld
    comments; a CSV holds no comments."""
    if format_for(name) is CSV_FORMAT:
        return data
    answers = json.loads(data.decode("utf-8-sig"))
    comments = answers.get("comments") if isinstance(answers, dict) else None
    if not isinstance(comments, dict) or not any(
        isinstance(text, str) and text.strip() for text in comments.values()
    ):
        return data
    answers["comments"] = {
        key: WITHHELD_COMMENT if isinstance(text, str) and text.strip() else text
        for key, text in comments.items()
    }
    return (json.dumps(answers, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


def shown_roles(loaded: LoadedResponses, threshold: int) -> set[tuple[str, str]]:
    """The (organisation, role casefolded) pairs the page may print: those that at least
    `threshold` of the organisation's respondents gave, as the comments section counts them."""
    counts: dict[tuple[str, str], int] = {}
    for sourced in loaded.responses:
        key = _role_key(sourced.response.respondent.organisation, sourced.response.respondent.role)
        if key is not None:
            counts[key] = counts.get(key, 0) + 1
    return {key for key, count in counts.items() if count >= threshold}


def _role_key(organisation: str | None, role: str | None) -> tuple[str, str] | None:
    role = (role or "").strip()
    return (organisation_of(organisation), role.casefold()) if role else None


def role_token(tokens: dict[str, str], role: str) -> str:
    """The stand-in for a role the page does not print, the same for the same (trimmed) text in
    every file of a scorecard: the trends page's note on roles changed needs only sameness."""
    return tokens.setdefault(role.strip(), f"(withheld role {len(tokens) + 1})")


def without_names(
    file: InputFile,
    question_ids: Collection[str],
    roles: set[tuple[str, str]] | None = None,
    tokens: dict[str, str] | None = None,
) -> bytes:
    """The answer file as attached without --show-names: only what the reader uses, less the
    respondents' `name` and, when `roles` is given, each `role` the page may not print (or, with
    `tokens`, that role replaced by its stand-in: see role_token).

    JSON keeps the keys of the response model (an `email` beside the name, or a `contact` at
    the top, would otherwise ride along into the PDF); a CSV keeps its organisation, role and
    question columns. A CSV is read as the loader reads it (UTF-8 or Windows-1252, comma or
    semicolon) and attached as UTF-8 with commas, so the rebuilt scorecard reads the same
    answers."""
    if format_for(file.name) is CSV_FORMAT:
        return _csv_without_names(file, question_ids, roles, tokens)
    answers = json.loads(file.data.decode("utf-8-sig"))
    if not isinstance(answers, dict):
        return file.data
    kept = {key: value for key, value in answers.items() if key in Response.model_fields}
    for key, model, drop in (
        ("respondent", Respondent, {"name"}),
        ("questionnaire", QuestionnaireRef, set()),
    ):
        if isinstance(kept.get(key), dict):
            kept[key] = {
                k: v for k, v in kept[key].items() if k in model.model_fields and k not in drop
            }
    respondent = kept.get("respondent")
    if (
        roles is not None
        and isinstance(respondent, dict)
        and isinstance(respondent.get("role"), str)
    ):
        organisation = respondent.get("organisation")
        pair = _role_key(
            organisation if isinstance(organisation, str) else None, respondent["role"]
        )
        if pair is not None and pair not in roles:
            if tokens is None:
                del respondent["role"]
            else:
                respondent["role"] = role_token(tokens, respondent["role"])
    if kept == answers:
        return file.data
    return (json.dumps(kept, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


def _csv_without_names(
    file: InputFile,
    question_ids: Collection[str],
    roles: set[tuple[str, str]] | None,
    tokens: dict[str, str] | None,
) -> bytes:
    text = decode_csv(file.data, file.name, [])
    delimiter = csv_delimiter(text)
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    if not rows:
        return file.data
    header = [cell.strip() for cell in rows[0]]
    used = {"organisation", "role", *question_ids}
    keep = [i for i, cell in enumerate(header) if cell in used]
    changed = len(keep) < len(header)
    org = header.index("organisation") if "organisation" in header else None
    role = header.index("role") if "role" in header else None
    if roles is not None and role is not None:
        for row in rows[1:]:
            given = row[org] if org is not None and org < len(row) else None
            key = _role_key(given, row[role] if role < len(row) else "")
            if key is not None and key not in roles:
                row[role] = "" if tokens is None else role_token(tokens, row[role])
                changed = True
    if not changed and delimiter == "," and file.data == text.encode("utf-8"):
        return file.data
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerows([[row[i] for i in keep if i < len(row)] for row in rows])
    return out.getvalue().encode("utf-8")


def withheld_line(
    total: int,
    hidden: int,
    unnamed: int,
    silenced: int,
    threshold: int,
    unroled: int = 0,
    untexted: int = 0,
    unbackgrounded: int = 0,
    revealing: int = 0,
) -> str:
    """What `report` says it left out of the attachments, in one line ("" when nothing)."""
    parts = []
    if unnamed:
        parts.append(f"respondents' names removed from {unnamed} of the attached answer files")
    if unroled:
        parts.append(f"the roles the scorecard does not print removed from {unroled} of them")
    if silenced:
        parts.append(f"the comments the scorecard does not print removed from {silenced} of them")
    if untexted:
        parts.append(
            f"the free-text answers the scorecard does not print removed from {untexted} of them"
        )
    if unbackgrounded:
        parts.append(
            "the answers about the respondent that the scorecard does not show removed from "
            f"{unbackgrounded} of them"
        )
    if hidden:
        parts.append(
            f"{hidden} of {total} answer files not attached (organisations of fewer than "
            f"{threshold} respondents, which the scorecard hides; their SHA-256 is in the "
            "manifest, so verify needs them given with --inputs)"
        )
    if revealing:
        parts.append(
            f"{revealing} of {total} answer files not attached (they say who is in a group the "
            "scorecard hides, and its scores need that answer; their SHA-256 is in the "
            "manifest, so verify needs them given with --inputs)"
        )
    return "note: " + "; ".join(parts) if parts else ""
