"""Every sentence the page scripts show, in one catalogue: key -> English, marked for extraction.

The scripts (form.js, partnership.js) hold keys, not English: each page carries the messages
it needs as inert JSON (`messages_json`, beside the bank's), translated when the page renders,
and web/messages.js looks a key up and fills its `{name}` placeholders. A message that depends
on a number is a function of it (an `ngettext` call, which Babel extracts); the page gets one text
per plural category of its language (CLDR's, which the browser's Intl.PluralRules picks from),
so a later language needs a catalogue, not code. Only the keys a page's scripts use go into it: the form page's script and
style have a size budget (tests/test_site.py). Why the partnership page's file readers refuse an
answer file is in the sibling answer_file_messages.py.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # Babel is imported when a page is rendered, not by every command
    from babel import Locale

from selfassess.core.i18n import N_, _, ngettext

Message = str | Callable[[int], str]  # N_("...") or, when it follows a number, n -> ngettext(...)

# The form page (form.js). What a file is refused for is in the same words as `selfassess score`.
FORM_MESSAGES: Mapping[str, Message] = {
    "progress": N_("{answered} of {total} answered"),
    "usedOther": N_("Used the answers saved for version {version}"),
    # The same words for one as for many, as the form has always said.
    "leftOut": lambda n: ngettext(
        "{count} of them did not fit this version and were left out.",
        "{count} of them did not fit this version and were left out.",
        n,
    ),
    "leftThem": N_("Left them as they are"),
    "deletedOther": N_("Deleted the other answers"),
    "yourScores": N_("Your scores"),
    "radarTitle": N_("Your scores by principle, as in the table above"),
    "dotsTitle": N_("Your scores by principle, highest first, as in the table above"),
    "dotsCaption": N_(
        "The same scores, highest first: the further right, the higher the score. The shaded "
        "bands are the levels."
    ),
    "axisPercent": N_("Score out of 100"),
    "axisScale": N_("Mean on the {scale} scale"),
    "unchanged": N_("Your answers on this page have not been changed."),
    "notJson": N_(
        "It is not a JSON file: this form loads only the .json files it saves; "
        "the partnership page reads CSV files."
    ),
    "tooBig": N_("It is {size} MB; a response file may be at most 50 MB"),
    "empty": N_("It is empty; expected a response file"),
    "utf16": N_("It is UTF-16 text, not UTF-8; save it as UTF-8"),
    "binary": N_("It is a binary file, not a response file"),
    "keyTwice": N_("refused: the key '{key}' appears twice in one object"),
    "unreadable": N_("It could not be read: {error}"),
    "problemWith": N_("There is a problem with {file}"),
    "loaded": N_("Loaded your answers from {file}"),
    "confirmStart": N_("Start again? This clears every answer and your details on this page."),
    "cleared": N_("Your answers have been cleared"),
    "hiddenNote": N_(
        "Questions that no longer apply to you are hidden; your answers to them are not exported."
    ),
}


# The partnership page (partnership.js). Counts are messages of their own ("{count} files"), put
# into sentences ("{files} read.") so each sentence is translated whole.
PARTNERSHIP_MESSAGES: Mapping[str, Message] = {
    "files": lambda n: ngettext("{count} file", "{count} files", n),
    "respondents": lambda n: ngettext("{count} respondent", "{count} respondents", n),
    "organisations": lambda n: ngettext("{count} organisation", "{count} organisations", n),
    "reading": N_("Reading {files}…"),
    "noFiles": N_("No files chosen."),
    "read": N_("{files} read."),
    "readFrom": N_("{files} read: {respondents} from {organisations}."),
    "duplicates": lambda n: ngettext(
        "{count} duplicate file counted once.", "{count} duplicate files counted once.", n
    ),
    "rejectedFiles": lambda n: ngettext("{count} file rejected.", "{count} files rejected.", n),
    "nothingToScore": N_("No answers to score yet."),
    "couldNotUse": lambda n: ngettext(
        "{count} file could not be used", "{count} files could not be used", n
    ),
    "filesRead": N_("Files read ({count})"),
    "fileRespondents": N_("{file}: {respondents}"),
    "summary": N_("From {files}: {respondents} in {organisations}."),
    "noOverall": N_(
        "No overall score: every principle needs a score, and no organisation has enough "
        "answers on {missing}."
    ),
    "overall": N_("Partnership overall score: {score} out of 100, {level}"),
    "overallOnScale": N_("Partnership overall score: {score} on the {scale} scale, {level}"),
    "weakest": N_("Weakest principle: {title} ({score})."),
    "weakestAt": N_(
        "Weakest principle: {title} ({score}); lowest there: {organisation} ({min}). A chain is "
        "only as strong as its weakest link, so this is usually the place to start."
    ),
    "noScore": N_("No score"),
    "noScoreHere": N_("no score"),
    "divergent": N_("Yes: divergent"),
    "notDivergent": N_("No"),
    "partnership": N_("Partnership"),
    "radarTitle": N_("Scores by principle: the partnership and each organisation"),
    "dotsTitle": N_("Scores by principle, highest first: the partnership and each organisation"),
    "dotsCaption": N_(
        "The partnership and each organisation by principle, highest first: the further right, "
        "the higher the score; the shaded bands are the levels. The table “Scores by "
        "organisation” below gives the same figures."
    ),
    "axisPercent": N_("Score out of 100"),
    "axisScale": N_("Mean on the {scale} scale"),
    "levelFrom": N_("{level} (from {min})"),
    "allRemoved": N_("All files removed. No files chosen."),
    # Principles asked of nobody (ask_if), small groups and counts hidden, open answers withheld.
    "cellNotAsked": N_("not asked"),
    "levelNotAsked": N_("Not asked"),
    "overallNoneAsked": N_("No overall score: no principle was asked of these respondents."),
    "fewerThan": N_("fewer than {k}"),
    "withheld": lambda n: ngettext(
        "{count} more from organisations of fewer than {k} respondents is not shown.",
        "{count} more from organisations of fewer than {k} respondents are not shown.",
        n,
    ),
}


def _locale(language: str) -> Locale:
    """The bank's language as Babel knows it; English for one it does not."""
    from babel import Locale, UnknownLocaleError

    try:
        return Locale.parse(language.replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        return Locale("en")


def _samples(locale: Locale) -> dict[str, int]:
    """A number of each plural category of the locale (CLDR), the smallest: English one 1, other 0."""
    samples: dict[str, int] = {}
    for n in range(200):
        samples.setdefault(locale.plural_form(n), n)
    return samples


def page_messages(
    catalogue: Mapping[str, Message], language: str, keys: Iterable[str] | None = None
) -> dict[str, str | dict[str, str]]:
    """The messages a page's scripts show, in the active language: text, or for a message that
    follows a number, category -> text (`one`, `other` ... as Intl.PluralRules names them).
    Under "" the plain language code whose plural rules pick among those (one the browser takes)."""
    chosen = catalogue.keys() if keys is None else keys
    locale = _locale(language)
    texts: dict[str, str | dict[str, str]] = {"": locale.language}
    for key in chosen:
        message = catalogue[key]
        if isinstance(message, str):
            texts[key] = _(message)
        else:
            texts[key] = {tag: message(n) for tag, n in _samples(locale).items()}
    return texts
