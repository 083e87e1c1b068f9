"""The page scripts' words come from one catalogue (pages/page_messages.py), carried by each page
as inert JSON in its language and looked up by key (js/messages.js), never written in the scripts."""

from __future__ import annotations

import gettext
import json
import re
import subprocess
from collections.abc import Mapping
from pathlib import Path

import pytest
from browser_support import require_node

from selfassess.core.i18n import use_translations
from selfassess.core.model import Questionnaire
from selfassess.inputs.banks import bundled_banks
from selfassess.pages.form import render_form
from selfassess.pages.page_messages import (
    FORM_MESSAGES,
    PARTNERSHIP_MESSAGES,
    Message,
    page_messages,
)
from selfassess.pages.partnership import render_partnership_page
from selfassess.pages.themes import load_theme

JS = Path(__file__).parent.parent / "src" / "selfassess" / "themes" / "default" / "js"
SCRIPTS = {"form.js": FORM_MESSAGES, "partnership.js": PARTNERSHIP_MESSAGES}
MESSAGES_DATA = re.compile(
    r'<script type="application/json" id="selfassess-messages">(.*?)</script>'
)


@pytest.fixture(scope="module")
def bank() -> Questionnaire:
    return next(
        b.questionnaire for b in bundled_banks() if b.questionnaire.id == "collaboration-pulse"
    )


@pytest.mark.parametrize("script", list(SCRIPTS))
def test_a_script_uses_every_key_of_its_catalogue_and_no_other(script: str) -> None:
    """Only the keys a script uses go into its page (the form page has a size budget)."""
    source = (JS / script).read_text(encoding="utf-8")
    catalogue = SCRIPTS[script]
    looked_up = set(re.findall(r'\bsay(?:Nodes)?\("(\w+)"', source))
    assert looked_up <= set(catalogue), looked_up - set(catalogue)
    unused = [key for key in catalogue if f'"{key}"' not in source]
    assert not unused, f"{script} never shows {unused}"


@pytest.mark.parametrize("script", list(SCRIPTS))
def test_a_script_writes_no_sentence_of_its_own(script: str) -> None:
    source = (JS / script).read_text(encoding="utf-8")
    code = re.sub(r"/\*.*?\*/|//[^\n]*", "", source, flags=re.S)
    sentences = re.findall(r'"([A-Z][a-z]+ [^"]*)"', code)
    assert sentences == [], sentences


def _page_data(html: str) -> dict[str, object]:
    found = MESSAGES_DATA.search(html)
    assert found, "no messages in the page"
    data: dict[str, object] = json.loads(found.group(1))
    return data


@pytest.mark.parametrize(
    ("render", "catalogue"),
    [(render_form, FORM_MESSAGES), (render_partnership_page, PARTNERSHIP_MESSAGES)],
)
def test_each_page_carries_its_messages_as_inert_json(
    bank: Questionnaire, render: object, catalogue: Mapping[str, Message]
) -> None:
    html = render(bank, load_theme())  # type: ignore[operator]
    data = _page_data(html)
    assert set(data) == {"", *catalogue}
    assert data[""] == "en"
    assert data["noFiles" if "noFiles" in data else "cleared"] in (
        "No files chosen.",
        "Your answers have been cleared",
    )


def _shout(message: str) -> str:
    """The message in capitals but for its placeholders (`%(count)s`, `{count}`) and markup."""
    pieces = re.split(r"(%\(\w+\)s|\{\w+\}|<[^>]*>)", message)
    return "".join(p if i % 2 else p.upper() for i, p in enumerate(pieces))


class _Shouting(gettext.NullTranslations):
    """A stand-in translation: every message in capitals, so a translated one shows."""

    def gettext(self, message: str) -> str:
        return _shout(message)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return _shout(singular if n == 1 else plural)


def test_the_messages_are_in_the_language_active_when_the_page_renders(
    bank: Questionnaire,
) -> None:
    with use_translations(_Shouting()):
        html = render_form(bank, load_theme())
    data = _page_data(html)
    assert data["cleared"] == "YOUR ANSWERS HAVE BEEN CLEARED"
    assert data["leftOut"] == {
        "one": "{count} OF THEM DID NOT FIT THIS VERSION AND WERE LEFT OUT.",
        "other": "{count} OF THEM DID NOT FIT THIS VERSION AND WERE LEFT OUT.",
    }
    assert ">SHOW MY RESULTS</button>" in html  # the template's {% trans %} too


@pytest.mark.parametrize(
    ("language", "categories"),
    [
        ("en", {"one", "other"}),
        ("ar", {"zero", "one", "two", "few", "many", "other"}),
        ("cy-GB", {"zero", "one", "two", "few", "many", "other"}),
        ("qqq", {"one", "other"}),  # not a language Babel knows: English rules
    ],
)
def test_a_counted_message_has_a_text_for_each_plural_category_of_the_language(
    language: str, categories: set[str]
) -> None:
    data = page_messages(PARTNERSHIP_MESSAGES, language, ["files"])
    assert set(data["files"]) == categories
    assert data[""] == ("en" if language == "qqq" else language[:2])


LOOKUP = """
const vm = require("vm");
const [source, data, lang] = process.argv.slice(2);
const page = { textContent: data };
const context = { Intl, JSON, Object, document: {
  getElementById: (id) => (id === "selfassess-messages" ? page : null),
  documentElement: { lang } } };
context.globalThis = context;
vm.runInNewContext(source, context);
const say = context.SelfassessMessages;
console.log(JSON.stringify([
  say("noFiles"),
  say("files", { count: 1 }), say("files", { count: 3 }),
  say("readFrom", { files: "2 files", respondents: "{count}", organisations: "x" }),
  say("no-such-key"),
  say("overall"),
]));
"""


def test_the_page_helper_fills_placeholders_and_picks_the_plural_form(tmp_path: Path) -> None:
    node = require_node()
    data = json.dumps(page_messages(PARTNERSHIP_MESSAGES, "en"))
    source = (JS / "messages.js").read_text(encoding="utf-8")
    script = tmp_path / "lookup.js"
    script.write_text(LOOKUP, encoding="utf-8")
    run = subprocess.run(
        [node, str(script), source, data, "en"], capture_output=True, text=True, check=True
    )
    assert json.loads(run.stdout) == [
        "No files chosen.",
        "1 file",
        "3 files",
        "2 files read: {count} from x.",  # a value is never filled in again
        "no-such-key",
        "Partnership overall score: {score} out of 100, {level}",  # left for sayNodes
    ]
