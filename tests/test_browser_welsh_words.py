"""With the Welsh page open, no English word of the interface remains (#17).

Each page of a bilingual bank is driven through the same states in English and in Welsh (the
form: fresh, answered, results shown, loaded from a file, a bad file refused; the partnership
page: empty, files loaded, a bad file among them; the landing page), and what a person meets in
each is collected: the visible text, the accessible names and descriptions given as attributes
(aria-label, title, placeholder, alt), the charts' text and the page's title. A word of the
English page's text that the Welsh page also shows in the same state is interface text left in
English, unless it is on the short ALLOWED list below, with its reason.

What is English on purpose is marked so, and left out on both pages: any element with a `lang`
other than the page's (the bank's `translations` note in English, the link to the English
page); so are the few parts LEFT_OUT names, each with its reason (literal identifiers in
<code>). Numbers, and words with a digit in them (Q1, P2, 50 MB's 50), are not words. The
bank's own texts differ by language, so they never meet; its ids (never translated), the names
the test types (an organisation), file names and what the refused file holds (its keys and
values, which a diagnostic quotes as they are) are the same on both pages and left out as data.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from browser_support import RequestLog, describe, require_axe, run_axe
from chromium import wait_until

from selfassess.inputs.banks import read_bank
from selfassess.pages.site import build_site
from selfassess.pages.themes import load_theme

pytestmark = pytest.mark.browser

# Every question type, background questions and breakdowns, sources: every part of the interface.
BANK_FILE = Path(__file__).parent / "data" / "bilingual-every-type.yaml"
BANK_ID = "pob-math"

# Words both languages' pages may show, each with its reason. Keep it short: a word here is one
# the test no longer looks for.
ALLOWED = {
    # the same word in Welsh (a Welsh page shows them as Welsh)
    "a": "Welsh 'a' (and, which)",
    "i": "Welsh 'i' (to, for)",
    "o": "Welsh 'o' (of, from)",
    "y": "Welsh 'y' (the)",
    "am": "Welsh 'am' (for, about)",
    "at": "Welsh 'at' (to, towards)",
    "dim": "Welsh 'dim' (no, none)",
    "ar": "Welsh 'ar' (on)",
    "un": "Welsh 'un' (one)",
    "hi": "Welsh 'hi' (she, it)",
    "cell": "Welsh 'cell' (a table's cell)",
    "problem": "Welsh 'problem'",
    "radar": "Welsh 'radar' (siart radar)",
    # names and formats, the same in every language
    "csv": "the file format's name",
    "json": "the file format's name",
    "pdf": "the file format's name",
    "mb": "megabytes' symbol",
    "selfassess": "the tool's name, as a command to type",
}

# The names the test types and the files it loads: data, the same on both pages.
ORGANISATIONS = ("Cyngor Sir Fynwy", "Bwrdd Iechyd Aneurin Bevan")
FILE_NAMES = ("ateb-un.json", "ateb-dau.json", "ffeil-wael.json")
# The bad file: a response file whose every answer is refused for another reason (a background
# question under answers, a value off the scale, an unknown option, an unknown question id), so
# the diagnostics under it are the page's words around the file's keys and values, quoted as the
# file spells them (answers, background, 'efallai' ...): data too.
BAD_FILE = json.dumps(
    {
        "format": "selfassess-response/2",
        "questionnaire": {"id": BANK_ID, "version": "1.0"},
        "background": {},
        "answers": {"seniority": "board", "a1": 9, "m0": "efallai", "a11": 3},
    }
)
DATA_WORDS = {
    w.lower() for text in (*ORGANISATIONS, *FILE_NAMES, BAD_FILE) for w in re.findall(r"\w+", text)
}


@functools.cache
def bank_ids(path: Path) -> set[str]:
    """The bank's ids (of questions, options, principles, levels): never translated (contract.md),
    a diagnostic names them as they are."""
    bank = read_bank(path).questionnaire
    ids = {p.id for p in bank.principles} | {level.id for level in bank.levels}
    for question in bank.all_questions():
        ids |= {question.id, *(o.id for o in question.options or [])}
    return {w.lower() for i in ids for w in re.findall(r"[^\W\d_]+", i)}


# Left out on both pages, each for its reason:
LEFT_OUT = {
    # identifiers a person types as they are: a command, a CSV file's column names
    "code": "literal identifiers",
}

COLLECT = """(leftOut) => {
  const lang = document.documentElement.lang;
  const foreign = (el) => { const own = el.closest('[lang]'); return own && own.lang !== lang; };
  const out = (el) => foreign(el) || el.closest(leftOut);
  const texts = [document.title];
  // innerText of the live page (what is shown), less what is left out
  const hidden = [...document.body.querySelectorAll('*')].filter((el) => out(el) && !out(el.parentElement));
  const was = hidden.map((el) => el.style.display);
  hidden.forEach((el) => { el.style.display = 'none'; });
  texts.push(document.body.innerText);
  hidden.forEach((el, i) => { el.style.display = was[i]; });
  for (const el of document.body.querySelectorAll('*')) {
    if (out(el)) continue;
    for (const name of ['aria-label', 'title', 'placeholder', 'alt', 'aria-valuetext']) {
      if (el.hasAttribute(name)) texts.push(el.getAttribute(name));
    }
  }
  for (const el of document.body.querySelectorAll('svg title, svg desc, svg text')) {
    if (!out(el)) texts.push(el.textContent);
  }
  return texts.join('\\n');
}"""


def words(text: str) -> set[str]:
    """The words of `text`, lower case: no numbers, nothing with a digit, no data."""
    found = {w.lower().rstrip("'’") for w in re.findall(r"[^\W\d_][\w'’]*", text)}
    return {w for w in found if not re.search(r"\d", w)} - DATA_WORDS - bank_ids(BANK_FILE)


def english_left(english: str, welsh: str) -> list[str]:
    """The English page's words the Welsh page shows too, less those allowed."""
    shared = words(english) & words(welsh)
    return sorted(w for w in shared if w.strip("'’") not in ALLOWED)


@pytest.fixture(scope="module")
def site_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("welsh-words") / "site"
    build_site([read_bank(BANK_FILE)], out, load_theme())
    return out


@pytest.fixture(scope="module")
def answer_files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Two partners' answer files and one that is not an answer file at all."""
    folder = tmp_path_factory.mktemp("files")
    answers = [
        {"a1": 4, "a2": 3, "a3": ["staff"], "a4": "Mwy o amser.", "m0": "yes", "m1": 4, "m2": 5},
        {"a1": 1, "a2": None, "a3": [], "m0": "no", "h1": 2},
    ]
    background = [
        {"seniority": "board", "sector": "council", "services": ["housing"]},
        {"seniority": "frontline", "sector": "nhs", "services": ["care"], "about": "Nyrs."},
    ]
    files = {}
    for name, organisation, given, about in zip(
        FILE_NAMES, ORGANISATIONS, answers, background, strict=False
    ):
        data = {
            "format": "selfassess-response/2",
            "questionnaire": {"id": BANK_ID, "version": "1.0"},
            "respondent": {"organisation": organisation, "role": None, "name": None},
            "background": about,
            "answers": given,
            "comments": {"agenda": "Cyfarfod bob mis."},
        }
        files[name] = folder / name
        files[name].write_text(json.dumps(data), encoding="utf-8")
    files[FILE_NAMES[2]] = folder / FILE_NAMES[2]
    files[FILE_NAMES[2]].write_text(BAD_FILE, encoding="utf-8")
    return files


Step = Callable[[Any], None]


def open_in(browser: Any, requests: RequestLog, path: Path) -> tuple[Any, Any, list[str]]:
    """The page in a fresh context (nothing saved on the device), its script errors recorded."""
    context = browser.new_context(accept_downloads=True)
    requests.attach(context)
    requests.allowed.add(path.as_uri())
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(path.as_uri())
    wait_until(page, "document.readyState === 'complete'")
    return context, page, errors


def states_of(
    browser: Any, requests: RequestLog, path: Path, steps: list[tuple[str, Step]]
) -> dict[str, str]:
    """The page's text after each step, in order."""
    context, page, errors = open_in(browser, requests, path)
    try:
        seen = {}
        for state, step in steps:
            step(page)
            seen[state] = page.evaluate(COLLECT, ", ".join(LEFT_OUT))
        assert errors == [], errors
        return seen
    finally:
        context.close()


def compare(
    browser: Any, requests: RequestLog, site_dir: Path, stem: str, steps: list[tuple[str, Step]]
) -> None:
    english = states_of(browser, requests, site_dir / f"{stem}.html", steps)
    welsh = states_of(browser, requests, site_dir / f"{stem}.cy.html", steps)
    left = {state: english_left(english[state], welsh[state]) for state in english}
    listed = [f"{state}: {', '.join(found)}" for state, found in left.items() if found]
    assert not listed, "English words on the Welsh page:\n" + "\n".join(listed)


def form_steps(files: dict[str, Path]) -> list[tuple[str, Step]]:
    def fresh(page: Any) -> None:
        wait_until(page, "window.selfassessResult !== undefined")

    def answered(page: Any) -> None:
        for qid, value in [("seniority", "board"), ("services", "housing"), ("a3", "staff")]:
            page.locator(f'input[name="{qid}"][value="{value}"]').check()
        page.locator("select[name=sector]").select_option("council")
        page.locator("textarea[name=about]").fill("Nyrs.")
        for qid, value in [("a1", "4"), ("a2", "3"), ("m0", "yes"), ("m1", "4"), ("m2", "5")]:
            page.locator(f'input[name="{qid}"][value="{value}"]').check()
        page.locator("input[name=h1][value='2']").check()
        page.locator("textarea[name=a4]").fill("Mwy o amser.")
        page.locator("[name=organisation]").fill(ORGANISATIONS[0])
        page.locator('textarea[data-comment="agenda"]').fill("Cyfarfod bob mis.")
        wait_until(page, "window.selfassessResult.answered === 5")

    def results(page: Any) -> None:
        page.locator("#show-results").click()
        page.locator("#results").wait_for()

    def loaded(page: Any) -> None:
        page.locator("#load-answers").set_input_files(str(files[FILE_NAMES[1]]))
        wait_until(page, "window.selfassessResult.answered === 1")
        page.locator("#message:not([hidden])").wait_for()

    def refused(page: Any) -> None:
        page.evaluate("document.querySelectorAll('#message h2').forEach(h => h.dataset.old = 1)")
        page.locator("#load-answers").set_input_files(str(files[FILE_NAMES[2]]))
        page.locator("#message:not([hidden]) h2:not([data-old])").wait_for()

    return [
        ("fresh", fresh),
        ("answered", answered),
        ("results shown", results),
        ("loaded from a file", loaded),
        ("a bad file refused", refused),
    ]


def partnership_steps(files: dict[str, Path]) -> list[tuple[str, Step]]:
    def empty(page: Any) -> None:
        wait_until(page, "window.selfassessResult !== undefined")

    def loaded(page: Any) -> None:
        page.locator("#answer-files").set_input_files([str(files[n]) for n in FILE_NAMES[:2]])
        wait_until(page, "window.selfassessResult && window.selfassessResult.respondents.length")

    def earlier_round(page: Any) -> None:
        """An earlier round (#18), its form's errors shown first, then the trends."""
        page.locator("#add-round").click()
        page.locator("#round-save").click()
        page.locator("#round-label-error:not([hidden])").wait_for()
        page.locator("#round-label").fill("2025")
        page.locator("#round-files").set_input_files(str(files[FILE_NAMES[0]]))
        wait_until(page, "document.getElementById('round-files-chosen').textContent !== ''")
        page.locator("#round-save").click()
        wait_until(page, "window.selfassessTrends !== null")

    def refused(page: Any) -> None:
        page.locator("#answer-files").set_input_files(str(files[FILE_NAMES[2]]))
        page.locator("#rejected:not([hidden])").wait_for()

    def workshop(page: Any) -> None:
        """The Workshop view with an action and the error summary of a download refused."""
        page.locator("#show-workshop").click()
        page.locator("[data-ws-add]").first.click()
        page.locator("#ws-download").click()
        page.locator("#ws-problems:not([hidden])").wait_for()

    return [
        ("empty", empty),
        ("files loaded", loaded),
        ("an earlier round added", earlier_round),
        ("a bad file among them", refused),
        ("the workshop view", workshop),
    ]


def test_no_english_word_of_the_interface_remains_on_the_welsh_form(
    browser: Any, requests: RequestLog, site_dir: Path, answer_files: dict[str, Path]
) -> None:
    compare(browser, requests, site_dir, BANK_ID, form_steps(answer_files))


def test_no_english_word_of_the_interface_remains_on_the_welsh_partnership_page(
    browser: Any, requests: RequestLog, site_dir: Path, answer_files: dict[str, Path]
) -> None:
    steps = partnership_steps(answer_files)
    compare(browser, requests, site_dir, f"{BANK_ID}-partnership", steps)


def test_no_english_word_of_the_interface_remains_on_the_welsh_landing_page(
    browser: Any, requests: RequestLog, site_dir: Path
) -> None:
    compare(browser, requests, site_dir, "index", [("fresh", lambda page: None)])


def test_the_comparison_finds_an_english_word_left_on_a_welsh_page() -> None:
    english = "Show my results\nDownload my answers"
    welsh = "Dangos fy nghanlyniadau\nLawrlwytho fy atebion\nDownload"
    assert english_left(english, welsh) == ["download"]


@pytest.mark.parametrize(
    ("stem", "last"), [(BANK_ID, "results shown"), (f"{BANK_ID}-partnership", "files loaded")]
)
def test_axe_finds_no_violations_on_the_welsh_pages_with_every_part_shown(
    browser: Any,
    requests: RequestLog,
    site_dir: Path,
    answer_files: dict[str, Path],
    stem: str,
    last: str,
) -> None:
    steps = form_steps(answer_files) if stem == BANK_ID else partnership_steps(answer_files)
    context, page, errors = open_in(browser, requests, site_dir / f"{stem}.cy.html")
    try:
        for state, step in steps:
            step(page)
            if state == last:
                break
        violations = run_axe(page, require_axe())
        assert violations == [], describe(violations)
        assert errors == [], errors
    finally:
        context.close()
