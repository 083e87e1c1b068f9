"""The Workshop view's words (web/workshop.js, themes' partnership-workshop.js): key -> English.

Why a workshop file is refused is said in the words `selfassess` prints (inputs/workshop.py,
core/workshop_checks.py), word for word in English, so that a facilitator reads the same line in
the page and at the terminal (tests/vectors/workshop/ pins both); a word the answer files' readers
already say ("expected {what}, found {found}", "an object", a did-you-mean) is their key, from
answer_file_messages.py. Beside them, the view's own sentences. Both go into the partnership page
only, translated like every page message (page_messages.py); what a file holds is never
translated. A sibling of page_messages.py to keep that file small.
"""

from __future__ import annotations

from collections.abc import Mapping

from selfassess.core.i18n import N_
from selfassess.pages.page_messages import Message

# web/workshop.js: a workshop file against the bank, in core/workshop_checks.py's words.
WORKSHOP_READING_MESSAGES: Mapping[str, Message] = {
    "wsNotObject": N_("not a workshop file: expected a JSON object"),
    "wsNoFormat": N_('not a workshop file: no "format": "{format}"'),
    "wsOtherBank": N_("the workshop is for questionnaire {found}, not '{bank}'"),
    "wsUnknownKey": N_("unknown key {key}"),
    "wsAllowed": N_("{problem} (allowed: {keys})"),
    "wsMissing": N_("missing required key"),
    "wsEmpty": N_("must not be empty"),
    "wsBlank": N_("must not be blank"),
    "wsTooLong": N_("is {length} characters long; at most {most}"),
    "wsDate": N_("a date (YYYY-MM-DD)"),
    "wsDateOrNull": N_("a date (YYYY-MM-DD) or null"),
    "wsNotDate": N_("{value} is not a date (expected YYYY-MM-DD, a real day)"),
    "wsTooManyOrganisations": N_("{count} organisations; at most {most}"),
    "wsTooManyActions": N_("{count} actions; at most {most}"),
    "wsNotPrinciple": N_("{value} is not a principle of the bank"),
    "wsPrinciples": N_("{problem} (principles: {ids})"),
    "wsUnscored": N_("'{title}' is not scored, so it has no agreed level"),
    "wsListedTwice": N_("{value} is listed twice (also at {place})"),
    "wsLevelOrNull": N_("a level id or null"),
    "wsLevelOneOf": N_("expected one of: {ids}, or null"),
    "wsNotLevel": N_("{value} is not a level of '{title}'"),
    "wsWith": N_("{problem} ({expected})"),
    "wsActionTwice": N_("the action id {value} is used twice (also at {place})"),
    "wsOwner": N_("needs an organisation or a role (or both)"),
    "wsStatusOneOf": N_("expected one of: {ids}"),
    "wsNotStatus": N_("{value} is not a status"),
    "wsVersion": N_("answers version {version} of the bank; this is {current}"),
    "wsNotJson": N_("not JSON; a workshop file is the JSON text the partnership page saves"),
    "wsTooLarge": N_("is {size} MB; a workshop file may be at most 1 MB"),
    "wsUtf16": N_("is UTF-16 text, not UTF-8; save it as UTF-8"),
    "wsBinary": N_("is a binary file, not a workshop file"),
    "wsFileEmpty": N_("is empty; expected a workshop file"),
}

# partnership-workshop.js: the view's own sentences (its labels are in the template).
WORKSHOP_PAGE_MESSAGES: Mapping[str, Message] = {
    "wsPrincipleOf": N_("Principle {number} of {total}"),
    "wsSpread": N_("{lowest} to {highest}; spread {spread}"),
    "wsThereIsAProblem": N_("There is a problem"),
    "wsAction": N_("Action {id}"),
    "wsActionAdded": N_("Action {id} added."),
    "wsActionRemoved": N_("Action {id} removed."),
    "wsProblemAt": N_("{field}: {problem}"),
    "wsConfirmClear": N_(
        "Clear the workshop record on this page? Download the workshop file first to keep it."
    ),
    "wsCleared": N_("The workshop record on this page has been cleared."),
    "wsConfirmLoad": N_("Replace what is recorded on this page with {file}?"),
    "wsLoaded": N_("Loaded the workshop record from {file}."),
    "wsNotLoaded": N_("{file} was not loaded; what is recorded on this page is unchanged."),
    "wsDownloaded": N_("Downloaded {file}."),
    "wsNotSaved": N_(
        "This browser does not keep the record on this device: download it to keep it."
    ),
}

WORKSHOP_MESSAGES: Mapping[str, Message] = {**WORKSHOP_READING_MESSAGES, **WORKSHOP_PAGE_MESSAGES}
