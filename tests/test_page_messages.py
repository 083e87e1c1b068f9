"""The page scripts' words come from one catalogue (pages/page_messages.py), carried by each page
as inert JSON in its language and looked up by key (web/messages.js), never written in the scripts."""

from __future__ import annotations

import json
import re
import subprocess
from collections.abc import Iterator, Mapping
from pathlib import Path

import pytest
from browser_support import require_node

from selfassess.core.model import Questionnaire
from selfassess.inputs.banks import bundled_banks, load_questionnaire, read_bank
from selfassess.pages import translations
from selfassess.pages.answer_file_messages import ANSWER_FILE_MESSAGES, READING_MESSAGES
from selfassess.pages.form import render_form
from selfassess.pages.page_messages import (
    FORM_MESSAGES,
    PARTNERSHIP_MESSAGES,
    Message,
    page_messages,
)
from selfassess.pages.partnership import render_partnership_page
from selfassess.pages.themes import load_theme
from selfassess.pages.trends_messages import TRENDS_MESSAGES
from selfassess.pages.workshop_messages import WORKSHOP_MESSAGES

JS = Path(__file__).parent.parent / "src" / "selfassess" / "themes" / "default" / "js"
WEB = Path(__file__).parent.parent / "src" / "selfassess" / "web"
DATA = Path(__file__).parent / "data"
SCRIPTS = {"form.js": FORM_MESSAGES, "partnership.js": {**PARTNERSHIP_MESSAGES, **TRENDS_MESSAGES}}
# A page's presentational scripts share its catalogue: the results (and the partnership page's
# earlier rounds and trends) beside each page's script.
BESIDE = {
    "form.js": ["form-results.js"],
    "partnership.js": ["partnership-results.js", "partnership-trends.js"],
}


def page_source(script: str) -> str:
    """A page's presentational scripts, read together: one catalogue serves them all."""
    names = [script, *(n for n in BESIDE[script] if (JS / n).is_file())]
    return "\n".join((JS / n).read_text(encoding="utf-8") for n in names)


# The pages' file readers (selfassess.web), which share one catalogue: answer-file.js's part of
# it (ANSWER_FILE_MESSAGES) is on both pages, the rest on the partnership page.
READERS = ("answer-file.js", "python-text.js", "csv.js", "responses.js")
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
    source = page_source(script)
    catalogue = SCRIPTS[script]
    looked_up = set(re.findall(r'\bsay(?:Nodes)?\("(\w+)"', source))
    assert looked_up <= set(catalogue), looked_up - set(catalogue)
    unused = [key for key in catalogue if f'"{key}"' not in source]
    assert not unused, f"{script} never shows {unused}"


@pytest.mark.parametrize("script", list(SCRIPTS))
def test_a_script_writes_no_sentence_of_its_own(script: str) -> None:
    source = page_source(script)
    code = re.sub(r"/\*.*?\*/|//[^\n]*", "", source, flags=re.S)
    sentences = re.findall(r'"([A-Z][a-z]+ [^"]*)"', code)
    assert sentences == [], sentences


def test_the_file_readers_use_every_key_of_their_catalogue_and_no_other() -> None:
    """Why a file is refused is looked up, not written in answer-file.js, python-text.js, csv.js,
    responses.js (answer-file.js names some keys beside say(), as `expected("aText", ...)`)."""
    sources = {name: (WEB / name).read_text(encoding="utf-8") for name in READERS}
    looked_up = {k for text in sources.values() for k in re.findall(r'\bsay\("(\w+)"', text)}
    assert looked_up <= set(READING_MESSAGES), looked_up - set(READING_MESSAGES)
    named = {k for k in READING_MESSAGES if any(f'"{k}"' in text for text in sources.values())}
    assert set(READING_MESSAGES) == named, set(READING_MESSAGES) - named
    checker = sources["answer-file.js"]
    assert {k for k in ANSWER_FILE_MESSAGES if f'"{k}"' in checker} == set(ANSWER_FILE_MESSAGES)
    for name, text in sources.items():
        code = re.sub(r"/\*.*?\*/|//[^\n]*", "", text, flags=re.S)
        code = re.sub(r"'(?:[^'\\\n]|\\.)*'", "", code)  # '"' and the like
        strings = re.findall(r'"((?:[^"\\\n]|\\.)*)"', code)
        sentences = [t for t in strings if re.search(r"[a-z]+ [a-z]+ [a-z]+", t)]
        assert sentences == [], (name, sentences)
    assert not set(READING_MESSAGES) & {*FORM_MESSAGES, *PARTNERSHIP_MESSAGES}


def _page_data(html: str) -> dict[str, object]:
    found = MESSAGES_DATA.search(html)
    assert found, "no messages in the page"
    data: dict[str, object] = json.loads(found.group(1))
    return data


@pytest.mark.parametrize(
    ("render", "catalogue"),
    [
        (render_form, {**FORM_MESSAGES, **ANSWER_FILE_MESSAGES}),
        (
            render_partnership_page,
            {**PARTNERSHIP_MESSAGES, **READING_MESSAGES, **TRENDS_MESSAGES, **WORKSHOP_MESSAGES},
        ),
    ],
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


WELSH = """\
msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\\n"
"Plural-Forms: nplurals=2; plural=(n != 1);\\n"

msgid "Show my results"
msgstr "Dangos fy nghanlyniadau"

msgid "Your answers have been cleared"
msgstr "Mae eich atebion wedi'u clirio"

msgid "{count} file"
msgid_plural "{count} files"
msgstr[0] "{count} ffeil"
msgstr[1] "{count} o ffeiliau"
"""


@pytest.fixture
def welsh(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Questionnaire]:
    """A Welsh catalogue in a stand-in locales folder, and a bank in Welsh."""
    folder = tmp_path / "locales" / "cy" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    (folder / "messages.po").write_text(WELSH, encoding="utf-8")
    monkeypatch.setattr(translations, "locales_folder", lambda: tmp_path / "locales")
    translations.translations_for.cache_clear()
    yield load_questionnaire(DATA / "unicode-bank.yaml")
    translations.translations_for.cache_clear()


def test_a_page_speaks_its_banks_language_where_selfassess_has_its_catalogue(
    welsh: Questionnaire,
) -> None:
    assert welsh.language == "cy"
    form = render_form(welsh, load_theme())
    assert ">Dangos fy nghanlyniadau</button>" in form  # the template's {% trans %}
    assert _page_data(form)["cleared"] == "Mae eich atebion wedi'u clirio"  # the script's
    assert _page_data(form)["progress"] == "{answered} of {total} answered"  # untranslated: English
    files = _page_data(render_partnership_page(welsh, load_theme()))["files"]
    assert isinstance(files, dict) and files["one"] == "{count} ffeil"
    assert files["other"] == "{count} o ffeiliau"


def test_a_language_without_a_catalogue_stays_english(welsh: Questionnaire) -> None:
    english = next(b.questionnaire for b in bundled_banks() if b.questionnaire.language == "en")
    assert ">Show my results</button>" in render_form(english, load_theme())


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
    source = (WEB / "messages.js").read_text(encoding="utf-8")
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


def test_both_welsh_pages_carry_why_an_answer_file_is_refused_in_welsh() -> None:
    """answer-file.js's words (ANSWER_FILE_MESSAGES) are on the form page too, in its language."""
    welsh = read_bank(DATA / "bilingual-bank.yaml").in_language("cy")
    for render in (render_form, render_partnership_page):
        data = _page_data(render(welsh, load_theme()))
        assert set(ANSWER_FILE_MESSAGES) <= set(data)
        assert data["expected"] == "roedd disgwyl {what}, cafwyd {found}"
        assert data["didYouMean"] == "{problem}; oeddech chi'n golygu {close}?"
