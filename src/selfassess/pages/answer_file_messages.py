"""Why an answer file is refused, as the partnership page's file readers say it: key -> English.

python-text.js, csv.js and responses.js (selfassess.web) say what `selfassess score` says, in the
same words as the readers of selfassess.inputs print. They hold keys, not English, and look them
up with web/messages.js like the theme's scripts do (page_messages.py, whose `page_messages` puts
them into a page, translated). They live beside page_messages.py, not in it, to keep both files
small, and only the partnership page carries them. A value quoted in a message (a key, a cell)
is Python's repr, made by the script, never translated. scoring.js's own refusals (it also runs
in the form page, whose size budget they do not fit) still hold their English.
"""

from __future__ import annotations

from collections.abc import Mapping

from selfassess.core.i18n import N_
from selfassess.pages.page_messages import Message

# python-text.js, csv.js, responses.js: reading answer files, on the partnership page only.
READING_MESSAGES: Mapping[str, Message] = {
    "emptyChoice": N_("{label} (empty)"),
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
