"""The Workshop view's words: web/workshop.js and the theme's partnership-workshop.js look every
sentence up by key (pages/workshop_messages.py), and why a workshop file is refused is said in the
English of the command line's reader (the fixtures of tests/vectors/workshop/ pin it word for word
in tests/js/workshop.test.js)."""

from __future__ import annotations

import re
from pathlib import Path

from selfassess.pages.answer_file_messages import READING_MESSAGES
from selfassess.pages.page_messages import PARTNERSHIP_MESSAGES
from selfassess.pages.workshop_messages import (
    WORKSHOP_MESSAGES,
    WORKSHOP_PAGE_MESSAGES,
    WORKSHOP_READING_MESSAGES,
)

SRC = Path(__file__).parent.parent / "src" / "selfassess"
SCRIPTS = {
    "web/workshop.js": WORKSHOP_READING_MESSAGES,
    "themes/default/js/partnership-workshop.js": WORKSHOP_PAGE_MESSAGES,
}


def source(name: str) -> str:
    return (SRC / name).read_text(encoding="utf-8")


def test_each_workshop_script_shows_every_key_of_its_own_catalogue() -> None:
    for name, catalogue in SCRIPTS.items():
        text = source(name)
        unused = [key for key in catalogue if f'"{key}"' not in text]
        assert not unused, f"{name} never shows {unused}"


def test_the_workshop_scripts_look_up_only_keys_the_partnership_page_carries() -> None:
    carried = {*PARTNERSHIP_MESSAGES, *READING_MESSAGES, *WORKSHOP_MESSAGES}
    for name in SCRIPTS:
        looked_up = set(re.findall(r'\bsay\("(\w+)"', source(name)))
        assert looked_up <= carried, (name, looked_up - carried)


def test_the_workshop_keys_are_new_and_say_nothing_twice() -> None:
    assert not set(WORKSHOP_MESSAGES) & {*PARTNERSHIP_MESSAGES, *READING_MESSAGES}
    texts = [t for t in WORKSHOP_MESSAGES.values() if isinstance(t, str)]
    assert len(texts) == len(set(texts))


def test_the_workshop_scripts_write_no_sentence_of_their_own() -> None:
    for name in SCRIPTS:
        code = re.sub(r"/\*.*?\*/|//[^\n]*", "", source(name), flags=re.S)
        code = re.sub(r"'(?:[^'\\\n]|\\.)*'", "", code)
        strings = re.findall(r'"((?:[^"\\\n]|\\.)*)"', code)
        sentences = [t for t in strings if re.search(r"[a-z]+ [a-z]+ [a-z]+", t)]
        assert sentences == [], (name, sentences)
