"""One style of quotes in the interface text the tool prints: typographic (’ “ ”), never a
straight ' or " in prose, so that the form page, the partnership page and the scorecard do not
mix the two. Markup inside a message (`<a href="...">`) is not prose; nor is a value an error
message quotes as the command line prints it (`the key 'x' appears twice`), nor the answer-file
messages that repeat the command line's and Python's own (answer_file_messages.py)."""

from __future__ import annotations

import re
from pathlib import Path

from babel.messages.pofile import read_po

ROOT = Path(__file__).parent.parent
POT = ROOT / "src" / "selfassess" / "locales" / "messages.pot"
# The command line's messages, repeated word for word by the page that reads answer files.
COMMAND_LINE_TWINS = {
    "src/selfassess/pages/answer_file_messages.py",
    "src/selfassess/pages/workshop_messages.py",  # the workshop file reader's, word for word
}
TAG = re.compile(r"<[^>]*>")
QUOTED_VALUE = re.compile(r"'\{\w+\}'")  # a value quoted as the command line quotes it


def interface_messages() -> list[tuple[str, list[str]]]:
    """Every interface message (each plural form on its own) and where it is used."""
    with POT.open("rb") as file:
        catalogue = read_po(file)
    found = []
    for message in catalogue:
        if not message.id:
            continue
        places = [place for place, _ in message.locations]
        if all(place in COMMAND_LINE_TWINS for place in places):
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        found += [(text, places) for text in ids]
    return found


def prose(message: str) -> str:
    """The words a reader sees: no markup, no quoted values."""
    return QUOTED_VALUE.sub("", TAG.sub(" ", message))


def test_the_interface_text_uses_typographic_quotes_only() -> None:
    straight = [
        (message, places)
        for message, places in interface_messages()
        if "'" in prose(message) or '"' in prose(message)
    ]
    assert straight == []


def test_the_form_and_scorecard_say_apostrophes_typographically() -> None:
    """Spot checks of the pages' messages, the form's and the scorecard's, as the reader sees them."""
    messages = {message for message, _ in interface_messages()}
    assert "The partnership’s results" in messages
    assert "Organisations’ figures are shown however few people answered for them." in messages
    assert any("“Don’t know”" in message for message in messages)


def test_the_check_sees_a_straight_apostrophe_but_not_markup_or_a_quoted_value() -> None:
    assert "'" in prose("The partnership's results")
    assert (
        prose('Open the <a href="%(href)s">partnership page</a>') == "Open the  partnership page "
    )
    assert "'" not in prose("refused: the key '{key}' appears twice in one object")
