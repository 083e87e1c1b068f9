"""Why an answer file is refused, as the pages' file readers say it: key -> English.

answer-file.js, python-text.js, csv.js and responses.js (selfassess.web) say what `selfassess
score` says, in the same words as the readers of selfassess.inputs print. They hold keys, not
English, and look them up with web/messages.js like the theme's scripts do (page_messages.py,
whose `page_messages` puts them into a page, translated). They live beside page_messages.py, not
in it, to keep both files small. Both pages carry ANSWER_FILE_MESSAGES (answer-file.js checks
one answer file against the bank, on the form page too); only the partnership page carries the
rest. Words are translated; what the file or the bank holds (a key such as 'questionnaire' or
"format", an id, a value, Python's repr of one, null, True) never: the script quotes it, or the
message does, as the command line quotes it ("format": "{format}").
"""

from __future__ import annotations

from collections.abc import Mapping

from selfassess.core.i18n import N_
from selfassess.pages.page_messages import Message

# answer-file.js: one answer file against the bank (answer_values.py's and load.py's words), on
# both pages. Kept short: the form page's size budget counts them. `{what}` and `{found}` are
# filled with the phrases below them (what was expected, what the file holds instead).
ANSWER_FILE_MESSAGES: Mapping[str, Message] = {
    "emptyChoice": N_("{label} (empty)"),
    "badJson": N_("not JSON: {error}"),
    "noObject": N_("not a response file: expected a JSON object"),
    "wrongFormat": N_("wrong format {found}; expected '{format}'"),
    "noFormat": N_('not a response file: no "format": "{format}"'),
    "missingKey": N_("missing required key {key}"),
    "expected": N_("expected {what}, found {found}"),
    "anIdVersion": N_("an object with id and version"),
    "anObject": N_("an object"),
    "ofAnswers": N_("an object of answers"),
    "ofComments": N_("an object of comments"),
    "aText": N_("text"),
    "textOrNull": N_("text or null"),
    "scaleOrNull": N_("a number from the scale or null"),
    "optionOrNull": N_("one option id of {question} or null"),
    "optionList": N_("a list of option ids of {question}"),
    "aNumber": N_("a number"),
    "textValue": N_("text {value}"),
    "aList": N_("a list"),
    "listHolding": N_("a list holding {found}"),
    "aMapping": N_("a mapping"),
    "offScale": N_("{value} is not on the scale of {question} ({scale})"),
    "noOption": N_("{value} is not an option of {question}"),
    "options": N_("{problem} (options: {options})"),
    "didYouMean": N_("{problem}; did you mean {close}?"),
    "tickedTwice": N_("{value} is ticked twice in {question}"),
    "isPrinciple": N_("{question} is a principle question: its answer belongs under answers"),
    "isBackground": N_("{question} is a background question: its answer belongs under background"),
    "unknownId": N_("unknown question id {question} for {bank}"),
    "unknownBgId": N_("unknown background question id {question} for {bank}"),
    "noBgAnswers": N_('a {old} file has no background answers; write "format": "{format}"'),
    "otherBank": N_("answers questionnaire {found}, not {bank}"),
    "otherVersion": N_("answers version {version} of {bank}; scoring it with version {current}"),
    "strayComments": N_("comments on unknown ids ignored: {ids}"),
}

# python-text.js, csv.js, responses.js: reading answer files, on the partnership page only
# (answer-file.js's words with them, as those readers check each file with it).
READING_MESSAGES: Mapping[str, Message] = {
    **ANSWER_FILE_MESSAGES,
    "problemAt": N_("{problem} (at {path})"),
    "cutShort": N_("{text}... (cut short)"),
    "notCsv": N_("not CSV: {error}"),
    "fieldLimit": N_("field larger than field limit ({limit})"),
    "newlineInField": N_(
        "new-line character seen in unquoted field - do you need to open the file with newline=''?"
    ),
    "csvEmpty": N_("is empty; expected a header row and one row per respondent"),
    "noQuestionIds": N_("header names none of {bank}'s question ids (found: {found})"),
    "columnTwice": N_("column {column} appears twice in the header"),
    "columnsIgnored": N_("{file}: columns that match no question ignored: {columns}"),
    "rowCell": N_("row {row}, column {column}: {problem}"),
    "notOnScaleCell": N_("{value} is neither a value nor a label of the scale ({scale})"),
    "notAnOption": N_(
        "{value} is neither an id nor a label of the options of {question} ({options})"
    ),
    "notAsked": N_(
        "{source}: answer to {question} ignored: not asked of this respondent "
        "(it is asked when {condition})"
    ),
    "conditionIs": N_("{question} is {values}"),
    "conditionIncludes": N_("{question} includes {values}"),
    "orLast": N_("{values} or {last}"),
    "noRespondents": N_("has a header but no respondents"),
    "readAs1252": N_(
        "{file}: is not UTF-8 text (bad byte at offset {offset}), so it was read as Windows-1252, "
        'as Excel\'s "CSV (Comma delimited)" saves it; check accented names, '
        'or save it as "CSV UTF-8" instead'
    ),
    "notUtf8": N_("is not UTF-8 text (bad byte at offset {offset})"),
    "theDocument": N_("(the document)"),
    "surrogate": N_("refused: text holds a lone UTF-16 surrogate (\\ud800-\\udfff escape)"),
    "keyRepeated": N_("refused: the key {key} appears twice in one object"),
    "longNumber": N_(
        "refused: a number {length} characters long ({start}...); "
        "numbers may be at most {max} characters"
    ),
    "hugeNumber": N_("refused: the number {number} is too large"),
    "deep": N_("refused: nested more than {depth} levels deep"),
    "tooLarge": N_("is {size} MB; a response file may be at most 50 MB"),
    "fileEmpty": N_("is empty; expected a response file"),
    "fileUtf16": N_(
        'is UTF-16 text, not UTF-8; save it as UTF-8 (in Excel: "CSV UTF-8 (Comma delimited)")'
    ),
    "fileBinary": N_("is a binary file, not a response file"),
    "notAnswerFile": N_("is not a JSON or CSV answer file"),
    "cannotRead": N_("cannot be read"),
    "sameContent": N_("{file}: same content as {other}; counted once"),
    "sameRespondent": N_(
        "{sources}: the same respondent ({organisation}, {role}, the same name) answers {count} "
        "times, and every answer is counted; if one is from an earlier round, give that round "
        "with `selfassess report --baseline`"
    ),
    "noRole": N_("no role"),
}
