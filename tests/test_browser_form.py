"""The built form page in a real headless Chromium: answering, saving, results, export and
import, accessibility, no network, narrow screens, and parity with `selfassess score`.

The site is built with collaboration-maturity as it was at version 1.0 (a frozen copy in
tests/data), whose 30 rated questions these tests know by id and label: a bank of rated
questions only must behave exactly as it always has. Every other question type, and the
bundled banks as they are now, are tests/test_browser_form_types.py's.

Tests read the page through its contract (radio names and values, the one file input,
window.selfassessResult), and wait on conditions, never on time.
"""

from __future__ import annotations

import json
import math
import re
from pathlib import Path
from typing import Any

import pytest
from browser_support import (
    RequestLog,
    describe,
    expect_reads,
    reload_when_saved,
    require_axe,
    run_axe,
    wait_until_saved,
)
from chromium import wait_until
from test_branding import SVG_LOGO
from vector_expectations import expected_of

from selfassess.core.model import Questionnaire
from selfassess.core.scoring import score_all
from selfassess.inputs.banks import bundled_banks, load_questionnaire
from selfassess.inputs.branding import make_branding
from selfassess.inputs.response_json import parse_response_json
from selfassess.pages.form import render_form
from selfassess.pages.site import build_site
from selfassess.pages.themes import Theme, load_theme
from selfassess.report.score_formats import scores_to_json

pytestmark = pytest.mark.browser

VECTORS = Path(__file__).parent / "vectors"
BANK_ID = "collaboration-maturity"
FROZEN_BANK = Path(__file__).parent / "data" / "collaboration-maturity-1.0.yaml"


@pytest.fixture(scope="module")
def bank() -> Questionnaire:
    return load_questionnaire(FROZEN_BANK)


# Every bundled theme, and one with every branding option, must pass axe and stay offline.
THEMES = ["default", "nhs", "nhs-branded"]


@pytest.fixture
def theme_name() -> str:
    """The theme the site is built in; accessibility and network tests run in each of THEMES."""
    return "default"


def themed(name: str, folder: Path) -> Theme:
    if name != "nhs-branded":
        return load_theme(name)
    logo = folder / "logo.svg"
    logo.write_text(SVG_LOGO, encoding="utf-8")
    branding = make_branding("Northshire Health and Care Partnership", logo, "#0B6E4F")
    return load_theme("nhs").branded(branding)


@pytest.fixture(scope="module")
def built_sites(tmp_path_factory: pytest.TempPathFactory) -> Any:
    """Build the site once per module and theme (collaboration-maturity frozen at 1.0)."""
    root = tmp_path_factory.mktemp("built")
    built: dict[str, Path] = {}

    def site_for(name: str) -> Path:
        if name not in built:
            out = root / name / "site"
            out.parent.mkdir()
            others = [b.questionnaire for b in bundled_banks() if b.questionnaire.id != BANK_ID]
            frozen = load_questionnaire(FROZEN_BANK)
            build_site([frozen, *others], out, themed(name, out.parent))
            built[name] = out
        return built[name]

    return site_for


@pytest.fixture
def site_dir(built_sites: Any, theme_name: str) -> Path:
    path: Path = built_sites(theme_name)
    return path


@pytest.fixture
def form_url(site_dir: Path, requests: RequestLog) -> str:
    url = (site_dir / f"{BANK_ID}.html").as_uri()
    requests.allowed.add(url)
    return url


@pytest.fixture
def page(context: Any, form_url: str) -> Any:
    tab = context.new_page()
    errors: list[str] = []
    tab.on("pageerror", lambda error: errors.append(str(error)))
    tab.goto(form_url)
    wait_until(tab, "window.selfassessResult !== undefined")
    yield tab
    assert errors == [], errors


def question(page: Any, qid: str) -> Any:
    return page.locator(f'fieldset[data-question="{qid}"]')


def answer(page: Any, qid: str, label: str) -> None:
    """Answer as a person does: click the option's label."""
    question(page, qid).locator("label", has_text=label).click()


def checked_values(page: Any) -> dict[str, str]:
    return page.evaluate(
        "() => Object.fromEntries([...document.querySelectorAll('input[type=radio]:checked')]"
        ".map((r) => [r.name, r.value]))"
    )


def fill_everything(page: Any, bank: Questionnaire) -> None:
    labels = ["Not yet", "Starting", "Partly", "Mostly", "Fully", "Don't know"]
    for i, (_, q) in enumerate(bank.questions()):
        answer(page, q.id, labels[(i * 7) % 6])
    page.get_by_label("Organisation").fill("Northshire County Council")
    page.get_by_label("Role").fill("Director of Public Health")


def result(page: Any) -> dict[str, Any]:
    # Through JSON: Playwright's own transfer of objects drops a key named `__proto__`.
    data: dict[str, Any] = json.loads(page.evaluate("JSON.stringify(window.selfassessResult)"))
    return data


def load_file(page: Any, path: Path) -> None:
    """Import through the page's file input and wait for the message about THIS file."""
    # Every message gets a fresh heading; mark the current one so an earlier message
    # (such as "Your answers have been cleared") is not mistaken for the import's.
    page.evaluate("document.querySelectorAll('#message h2').forEach(h => h.dataset.stale = '1')")
    page.locator("input[type=file]").set_input_files(str(path))
    page.locator("#message:not([hidden]) h2:not([data-stale])").wait_for()


def close(a: Any, b: Any, where: str = "") -> None:
    """Equal, with numbers equal to 1e-9."""
    if isinstance(b, float | int) and not isinstance(b, bool) and a is not None:
        assert isinstance(a, float | int) and math.isclose(a, b, abs_tol=1e-9), (
            f"{where}: {a} != {b}"
        )
    elif isinstance(b, dict):
        assert isinstance(a, dict) and a.keys() == b.keys(), f"{where}: {a} != {b}"
        for key in b:
            close(a[key], b[key], f"{where}.{key}")
    else:
        assert a == b, f"{where}: {a!r} != {b!r}"


# ---------------------------------------------------------------- answering and saving


def test_clicking_labels_answers_and_updates_the_count(page: Any) -> None:
    assert page.locator("#progress").text_content() == "0 of 30 answered"
    answer(page, "ca-1", "Mostly")
    answer(page, "ca-2", "Don't know")
    wait_until(page, "document.getElementById('progress').textContent === '2 of 30 answered'")
    assert checked_values(page) == {"ca-1": "4", "ca-2": ""}
    assert result(page)["answered"] == 1  # "Don't know" is answered, but does not score


def test_reloading_restores_answers_and_details(page: Any, requests: RequestLog) -> None:
    answer(page, "ca-1", "Fully")
    answer(page, "sm-3", "Starting")
    page.get_by_label("Organisation").fill("Riverside Care Homes")
    reload_when_saved(page, requests)
    wait_until(page, "window.selfassessResult && window.selfassessResult.answered === 2")
    assert checked_values(page) == {"ca-1": "5", "sm-3": "2"}
    assert page.get_by_label("Organisation").input_value() == "Riverside Care Homes"
    assert page.locator("#storage-notice").is_hidden()


def test_start_again_asks_first_and_clears_only_when_confirmed(
    page: Any, requests: RequestLog
) -> None:
    answer(page, "ca-1", "Fully")
    page.once("dialog", lambda dialog: dialog.dismiss())
    page.get_by_role("button", name="Start again").click()
    assert checked_values(page) == {"ca-1": "5"}
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Start again").click()
    wait_until(page, "window.selfassessResult.answered === 0")
    assert checked_values(page) == {}
    reload_when_saved(page, requests)
    wait_until(page, "window.selfassessResult !== undefined")
    assert checked_values(page) == {}


def test_without_storage_the_page_says_so_and_still_scores(context: Any, form_url: str) -> None:
    context.add_init_script(
        "Object.defineProperty(window, 'localStorage', {get() {"
        " throw new DOMException('blocked', 'SecurityError'); }});"
    )
    tab = context.new_page()
    tab.goto(form_url)
    wait_until(tab, "window.selfassessResult !== undefined")
    assert tab.locator("#storage-notice").is_visible()
    assert "not being saved" in tab.locator("#storage-notice").text_content()
    answer(tab, "ca-1", "Partly")
    wait_until(tab, "window.selfassessResult.answered === 1")


# ---------------------------------------------------------------- results


def test_show_my_results_brings_the_score_into_view_and_focuses_the_heading(
    page: Any, bank: Questionnaire
) -> None:
    """On a 1366x768 laptop the results' heading comes to the top of the window with the overall
    score under it, and focus moves to the heading so a screen reader announces the results."""
    page.set_viewport_size({"width": 1366, "height": 768})
    fill_everything(page, bank)
    page.get_by_role("button", name="Show my results").click()
    wait_until(page, "document.activeElement && document.activeElement.id === 'results-title'")
    heading = page.locator("#results-title").bounding_box()
    overall = page.locator("#overall").bounding_box()
    assert 0 <= heading["y"] < 100
    assert overall["y"] + overall["height"] <= 768


def test_results_show_scores_levels_weakest_radar_and_advice(
    page: Any, bank: Questionnaire
) -> None:
    fill_everything(page, bank)
    page.get_by_role("button", name="Show my results").click()
    results = page.locator("#results")
    results.wait_for()
    live = result(page)
    assert live["answered"] == 25 and live["overall"] is not None
    for principle in bank.principles:
        row = results.locator(f'tr[data-principle="{principle.id}"]')
        score = live["principles"][principle.id]
        assert row.locator('[data-slot="score"]').text_content() == str(int(score + 0.5))
        level = next(lv for lv in reversed(bank.levels) if lv.min <= score)
        assert row.locator('[data-slot="level"]').text_content() == level.label
        advice = page.locator(f"#advice-{principle.id}")
        assert advice.locator(f'[data-level="{level.id}"]').is_visible()
    assert "Overall score:" in results.locator("#overall").inner_text()
    assert results.locator("#weakest").is_visible()
    weakest = min(bank.principles, key=lambda p: live["principles"][p.id])
    assert weakest.title in results.locator("#weakest").inner_text()
    radar = results.locator("#radar svg[role=img]")
    assert radar.get_attribute("aria-labelledby")
    assert radar.locator("circle").count() == len(bank.principles)


def test_results_update_live_and_explain_a_missing_overall(page: Any) -> None:
    answer(page, "ca-1", "Fully")
    page.get_by_role("button", name="Show my results").click()
    overall = page.locator("#overall")
    overall.get_by_text("No overall score yet").wait_for()
    assert "Broad, shared measures of success" in overall.inner_text()
    row = page.locator('tr[data-principle="common-agenda"]')
    assert "answer at least 3 of its 6 questions" in row.inner_text()
    answer(page, "ca-2", "Fully")
    answer(page, "ca-3", "Not yet")
    wait_until(
        page,
        "document.querySelector('tr[data-principle=\"common-agenda\"] [data-slot=score]')"
        ".textContent === '67'",
    )
    assert "Established" in row.inner_text()


def test_the_weakest_principle_is_named_only_when_every_principle_has_a_score(
    page: Any, bank: Questionnaire
) -> None:
    weakest = page.locator("#weakest")
    first = bank.principles[0]
    for q in first.questions:
        answer(page, q.id, "Not yet")
    page.get_by_role("button", name="Show my results").click()
    page.locator("#results").wait_for()
    total = len(bank.principles)
    assert weakest.inner_text() == (
        f"Your weakest principle is named when all {total} principles have a score; "
        f"{total - 1} still have none."
    )
    for principle in bank.principles[1:]:
        for q in principle.questions:
            answer(page, q.id, "Partly")
    page.locator("#weakest [data-when=scored]").wait_for()
    low = int(result(page)["principles"][first.id] + 0.5)
    assert low < 50  # "Not yet" everywhere, a reversed item or not, against "Partly"
    assert weakest.inner_text().startswith(f"Your weakest principle: {first.title} ({low}).")
    for q in first.questions:
        answer(page, q.id, "Partly")  # every item 50, reversed or not: all principles tie
    page.locator("#weakest [data-when=tied]").wait_for()
    titles = "; ".join(p.title for p in bank.principles)
    assert weakest.inner_text().startswith(f"Your weakest principles, tied at 50: {titles}.")


def test_the_weakest_principle_waits_for_the_one_principle_left_in_the_singular(
    page: Any, bank: Questionnaire
) -> None:
    for principle in bank.principles[:-1]:
        for q in principle.questions:
            answer(page, q.id, "Partly")
    page.get_by_role("button", name="Show my results").click()
    page.locator("#results").wait_for()
    assert page.locator("#weakest").inner_text() == (
        f"Your weakest principle is named when all {len(bank.principles)} principles have a "
        "score; 1 still has none."
    )


def test_a_csv_picked_to_load_answers_points_to_the_partnership_page(
    page: Any, tmp_path: Path
) -> None:
    for name, content in [
        ("team.csv", '{"looks": "like JSON"} but named .csv'),
        ("export.txt", "organisation;ca-1\nX;4\n"),
        ("sheet.csv", "organisation,role,ca-1\nAlpha Trust,Chair,4\n"),
    ]:
        path = tmp_path / name
        path.write_text(content, encoding="utf-8")
        load_file(page, path)
        message = page.locator("#message").inner_text()
        assert "this form loads only the .json files it saves" in message
        assert "the partnership page reads CSV files" in message
        assert "Unexpected token" not in message and "not valid JSON" not in message


def test_results_once_shown_stay_shown_after_a_reload(page: Any, requests: RequestLog) -> None:
    answer(page, "ca-1", "Fully")
    page.get_by_role("button", name="Show my results").click()
    page.locator("#results").wait_for()
    reload_when_saved(page, requests)
    page.locator("#results").wait_for()
    assert page.locator('tr[data-principle="common-agenda"]').is_visible()


# ---------------------------------------------------------------- export and import


def test_download_is_a_response_file_score_reads_and_loads_back(
    page: Any, bank: Questionnaire, tmp_path: Path
) -> None:
    fill_everything(page, bank)
    wait_until(page, "window.selfassessResult.answered === 25")
    before = result(page)
    with page.expect_download() as download:
        page.get_by_role("button", name="Download my answers").click()
    name = download.value.suggested_filename
    assert name.startswith("northshire-county-council-") and name.endswith(
        "-director-of-public-health.json"
    )
    saved = tmp_path / name
    download.value.save_as(saved)
    data = json.loads(saved.read_text(encoding="utf-8"))
    assert data["format"] == "selfassess-response/2"
    assert data["questionnaire"] == {"id": BANK_ID, "version": bank.version}
    assert len(data["answers"]) == 30  # "Don't know" is exported as null
    sourced = parse_response_json(saved.read_bytes(), str(saved), bank, [])
    python = scores_to_json(score_all(bank, [sourced]))["respondents"][0]
    close(
        {k: before[k] for k in python if k != "source"},
        {k: v for k, v in python.items() if k != "source"},
    )

    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Start again").click()
    wait_until(page, "window.selfassessResult.answered === 0")
    load_file(page, saved)
    assert "Loaded your answers" in page.locator("#message").inner_text()
    close(result(page), before)
    assert page.get_by_label("Organisation").input_value() == "Northshire County Council"


COMMON_AGENDA_COMMENT = "We agree on the goals, not on who pays.\nSee the March minutes <b>."


def test_a_comment_is_saved_exported_and_loaded_back(
    page: Any, bank: Questionnaire, tmp_path: Path, requests: RequestLog
) -> None:
    title = bank.principles[0].title
    box = page.get_by_label(f"Anything to add about {title}?")
    assert box.evaluate("(el) => el.tagName") == "TEXTAREA"
    assert box.get_attribute("maxlength") == "2000"
    answer(page, "ca-1", "Mostly")
    box.fill(COMMON_AGENDA_COMMENT)
    reload_when_saved(page, requests)
    wait_until(page, "window.selfassessResult.answered === 1")
    assert page.get_by_label(f"Anything to add about {title}?").input_value() == (
        COMMON_AGENDA_COMMENT
    )
    with page.expect_download() as download:
        page.get_by_role("button", name="Download my answers").click()
    saved = tmp_path / "mine.json"
    download.value.save_as(saved)
    data = json.loads(saved.read_text(encoding="utf-8"))
    assert data["comments"] == {"common-agenda": COMMON_AGENDA_COMMENT}
    sourced = parse_response_json(saved.read_bytes(), str(saved), bank, [])
    assert sourced.response.comments == {"common-agenda": COMMON_AGENDA_COMMENT}

    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Start again").click()
    wait_until(page, "window.selfassessResult.answered === 0")
    assert page.get_by_label(f"Anything to add about {title}?").input_value() == ""
    load_file(page, saved)
    assert "Loaded your answers" in page.locator("#message").inner_text()
    assert page.get_by_label(f"Anything to add about {title}?").input_value() == (
        COMMON_AGENDA_COMMENT
    )


def test_comments_the_form_has_no_box_for_survive_a_round_trip(page: Any, tmp_path: Path) -> None:
    """A file from another tool may comment on single questions: keep those on export."""
    original = tmp_path / "other-tool.json"
    original.write_text(
        json.dumps(
            {
                "format": "selfassess-response/1",
                "questionnaire": {"id": BANK_ID},
                "answers": {"ca-1": 4},
                "comments": {"ca-1": "About question 1", "parity": "About parity"},
            }
        ),
        encoding="utf-8",
    )
    load_file(page, original)
    assert page.locator("#comment-parity").input_value() == "About parity"
    with page.expect_download() as download:
        page.get_by_role("button", name="Download my answers").click()
    saved = tmp_path / "again.json"
    download.value.save_as(saved)
    comments = json.loads(saved.read_text(encoding="utf-8"))["comments"]
    assert comments == {"ca-1": "About question 1", "parity": "About parity"}


def test_print_shows_written_comments_and_leaves_out_empty_boxes(page: Any) -> None:
    page.locator("#comment-parity").fill("Hierarchies still decide.")
    page.emulate_media(media="print")
    assert page.locator("#comment-parity").is_visible()
    assert page.locator("#comment-common-agenda").is_hidden()
    assert page.get_by_text("Saved with your answers").first.is_hidden()


BAD_FILES = {
    "not JSON": ("{ this is not json", "It is not a JSON file"),
    "a spreadsheet": ("organisation,ca-1\nX,4\n", "the partnership page reads CSV files"),
    "another questionnaire": (
        '{"format": "selfassess-response/1", "questionnaire": {"id": "collaboration-pulse"}, "answers": {}}',
        "answers questionnaire 'collaboration-pulse'",
    ),
    "another format": ('{"format": "survey/2", "answers": {}}', "wrong format"),
    "a key given twice": (
        '{"format": "selfassess-response/1", "questionnaire": {"id": "collaboration-maturity"},'
        ' "answers": {"ca-1": 4, "ca-2": 3, "ca-1": 2}}',
        "refused: the key 'ca-1' appears twice in one object",
    ),
    "an unknown question": (
        '{"format": "selfassess-response/1", "questionnaire": {"id": "collaboration-maturity"}, "answers": {"ca-99": 3}}',
        "unknown question id 'ca-99'",
    ),
    "a value off the scale": (
        '{"format": "selfassess-response/1", "questionnaire": {"id": "collaboration-maturity"}, "answers": {"ca-1": 9}}',
        "9 is not on the scale of ca-1",
    ),
    "a number in quotes": (
        '{"format": "selfassess-response/1", "questionnaire": {"id": "collaboration-maturity"}, "answers": {"ca-1": "4"}}',
        "expected a number from the scale or null",
    ),
}


@pytest.mark.parametrize("what", list(BAD_FILES))
def test_a_bad_file_gets_a_clear_message_and_changes_nothing(
    page: Any, tmp_path: Path, what: str
) -> None:
    content, reason = BAD_FILES[what]
    answer(page, "ca-1", "Mostly")
    page.get_by_label("Organisation").fill("Alpha Trust")
    wait_until(page, "window.selfassessResult.answered === 1")
    bad = tmp_path / "answers.json"
    bad.write_text(content, encoding="utf-8")
    load_file(page, bad)
    message = page.locator("#message")
    assert message.get_attribute("role") == "alert"
    assert "There is a problem with answers.json" in message.inner_text()
    assert reason in message.inner_text()
    assert "have not been changed" in message.inner_text()
    assert checked_values(page) == {"ca-1": "4"}
    assert page.get_by_label("Organisation").input_value() == "Alpha Trust"
    assert page.evaluate("document.activeElement.id") == "message"


# What the form says first about a file that is not a response file at all: the cause the CLI
# gives (files.check_text_bytes, read_file_bytes), not a JSON parser's complaint.
NOT_RESPONSE_FILES = {
    "empty": (b"", "It is empty; expected a response file"),
    "blank": (b" \r\n\t", "It is empty; expected a response file"),
    "a picture": (
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
        "It is a binary file, not a response file",
    ),
    "UTF-16": ('{"answers": {}}'.encode("utf-16"), "It is UTF-16 text, not UTF-8"),
}


@pytest.mark.parametrize("what", NOT_RESPONSE_FILES)
def test_a_file_that_is_no_response_file_is_named_for_what_it_is(
    page: Any, tmp_path: Path, what: str
) -> None:
    content, reason = NOT_RESPONSE_FILES[what]
    answer(page, "ca-1", "Mostly")
    bad = tmp_path / "answers.json"
    bad.write_bytes(content)
    load_file(page, bad)
    message = page.locator("#message").inner_text()
    assert reason in message
    assert "not a JSON file" not in message
    assert checked_values(page) == {"ca-1": "4"}


def test_a_file_over_the_limit_is_refused_in_the_clis_words_unread(
    context: Any, page: Any, tmp_path: Path
) -> None:
    big = tmp_path / "everything.json"
    with open(big, "wb") as handle:
        handle.truncate(51 * 1024 * 1024)  # sparse: takes no disk space
    load_file(page, big)
    assert (
        "It is 54 MB; a response file may be at most 50 MB" in page.locator("#message").inner_text()
    )


# ---------------------------------------------------------------- accessibility and the network


@pytest.mark.parametrize("theme_name", THEMES)
def test_axe_finds_no_violations_on_the_fresh_page(page: Any) -> None:
    violations = run_axe(page, require_axe())
    assert violations == [], describe(violations)


@pytest.mark.parametrize("theme_name", THEMES)
def test_axe_finds_no_violations_with_results_and_a_message_shown(
    page: Any, bank: Questionnaire, tmp_path: Path
) -> None:
    axe = require_axe()
    fill_everything(page, bank)
    page.get_by_role("button", name="Show my results").click()
    page.locator("#radar svg").wait_for()
    bad = tmp_path / "bad.json"
    bad.write_text("[]", encoding="utf-8")
    load_file(page, bad)
    violations = run_axe(page, axe)
    assert violations == [], describe(violations)


@pytest.mark.parametrize("theme_name", THEMES)
def test_the_landing_page_passes_axe(context: Any, site_dir: Path, requests: RequestLog) -> None:
    url = (site_dir / "index.html").as_uri()
    requests.allowed.add(url)
    tab = context.new_page()
    tab.goto(url)
    violations = run_axe(tab, require_axe())
    assert violations == [], describe(violations)
    assert requests.requests == []


@pytest.mark.parametrize("theme_name", THEMES)
def test_the_page_makes_no_network_request_through_a_whole_session(
    page: Any, bank: Questionnaire, requests: RequestLog, tmp_path: Path
) -> None:
    fill_everything(page, bank)
    page.get_by_role("button", name="Show my results").click()
    with page.expect_download() as download:
        page.get_by_role("button", name="Download my answers").click()
    saved = tmp_path / "mine.json"
    download.value.save_as(saved)
    load_file(page, saved)
    reload_when_saved(page, requests)
    wait_until(page, "window.selfassessResult.answered === 25")
    page.emulate_media(media="print")
    assert [r for r in requests.requests if not r.startswith("blob:")] == []
    assert requests.websockets == []


@pytest.mark.parametrize("theme_name", ["nhs-branded"])
def test_a_branded_page_shows_its_logo_and_name_and_still_loads_nothing(
    page: Any, requests: RequestLog
) -> None:
    header = page.locator("header.site-header")
    assert "Northshire Health and Care Partnership" in header.inner_text()
    logo = header.locator("img")
    assert logo.get_attribute("alt") == ""
    assert logo.evaluate("(img) => img.complete && img.naturalWidth > 0")  # the CSP let it in
    colour = page.evaluate(
        "getComputedStyle(document.querySelector('.site-header')).backgroundColor"
    )
    assert colour == "rgb(11, 110, 79)"  # --primary-colour #0B6E4F
    assert requests.requests == []


@pytest.mark.parametrize("theme_name", THEMES)
def test_keyboard_alone_can_answer_a_question(page: Any) -> None:
    question(page, "ca-1").locator("input").first.focus()
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    wait_until(page, "window.selfassessResult.answered === 1")
    assert checked_values(page) == {"ca-1": "3"}
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline == "solid"  # focus is visible


@pytest.mark.parametrize("theme_name", THEMES)
@pytest.mark.parametrize("width", [320, 640])
def test_narrow_screens_and_zoom_need_no_sideways_scrolling(
    browser: Any,
    form_url: str,
    bank: Questionnaire,
    width: int,
) -> None:
    """A 1280-pixel window zoomed to 400 % (WCAG's reflow case) or 200 % is a 320- or
    640-pixel viewport at a device scale of 4 or 2: what Chromium's own zoom gives the page."""
    ctx = browser.new_context(
        viewport={"width": width, "height": 800}, device_scale_factor=1280 // width
    )
    try:
        tab = ctx.new_page()
        tab.goto(form_url)
        fill_everything(tab, bank)
        tab.get_by_role("button", name="Show my results").click()
        tab.locator("#radar svg").wait_for()
        assert tab.evaluate("document.documentElement.scrollWidth") <= width
    finally:
        ctx.close()


def test_without_javascript_the_questions_are_readable_and_controls_hidden(
    browser: Any,
    form_url: str,
) -> None:
    ctx = browser.new_context(java_script_enabled=False)
    try:
        tab = ctx.new_page()
        tab.goto(form_url)
        assert "Scoring needs JavaScript" in tab.locator("body").inner_text()
        assert tab.locator("fieldset.question").first.is_visible()
        assert (
            tab.get_by_role("button", name="Show my results").count() == 0
            or tab.locator(".actions").is_hidden()
        )
        assert tab.locator("#results").is_hidden()
    finally:
        ctx.close()


# ---------------------------------------------------------------- parity with `selfassess score`


def vector_cases() -> list[Path]:
    return sorted(p for p in VECTORS.iterdir() if (p / "expected.json").is_file())


@pytest.mark.parametrize("case", vector_cases(), ids=lambda p: p.name)
def test_the_page_scores_every_vector_response_as_python_does(
    context: Any, requests: RequestLog, case: Path, tmp_path: Path
) -> None:
    bank = load_questionnaire(case / "bank.yaml")
    page_file = tmp_path / f"{bank.id}.html"
    page_file.write_text(render_form(bank, load_theme()), encoding="utf-8")
    requests.allowed.add(page_file.as_uri())
    expected = expected_of(case)
    by_source = {r["source"]: r for r in expected["respondents"]}
    files = sorted((case / "responses").glob("*.json"))
    if not files:
        pytest.skip(f"{case.name} has only CSV responses, which the form does not import")
    tab = context.new_page()
    tab.goto(page_file.as_uri())
    wait_until(tab, "window.selfassessResult !== undefined")
    for response in files:
        load_file(tab, response)
        assert "Loaded your answers" in tab.locator("#message").inner_text(), tab.locator(
            "#message"
        ).inner_text()
        want = by_source[f"responses/{response.name}"]
        got = result(tab)
        for key in ("principles", "overall", "level", "answered", "total"):
            close(got[key], want[key], f"{case.name}/{response.name}: {key}")
    assert requests.requests == []


# ---------------------------------------------------------------- hostile ids

HOSTILE = VECTORS / "22-hostile-names"


@pytest.fixture
def hostile_page(context: Any, requests: RequestLog, tmp_path: Path) -> Any:
    """The form of the bank whose ids are JavaScript's own property names."""
    path = tmp_path / "vec-hostile.html"
    path.write_text(
        render_form(load_questionnaire(HOSTILE / "bank.yaml"), load_theme("default")),
        encoding="utf-8",
    )
    requests.allowed.add(path.as_uri())
    tab = context.new_page()
    errors: list[str] = []
    tab.on("pageerror", lambda error: errors.append(str(error)))
    tab.goto(path.as_uri())
    wait_until(tab, "window.selfassessResult !== undefined")
    yield tab
    assert errors == [], errors


def test_ids_that_are_javascripts_own_names_are_only_data_in_the_form(
    hostile_page: Any, requests: RequestLog
) -> None:
    page = hostile_page
    boxes = page.locator("textarea[data-comment]")
    assert boxes.count() == 2
    assert [boxes.nth(i).input_value() for i in range(2)] == ["", ""]
    for qid, label in [("constructor", "Fully"), ("hasOwnProperty", "Not yet")]:
        answer(page, qid, label)
    answered(page, 2)
    assert result(page)["principles"] == {"toString": 50, "valueOf": None}
    reload_when_saved(page, requests)  # the saved answers, with no comments, are put back
    answered(page, 2)
    assert [boxes.nth(i).input_value() for i in range(2)] == ["", ""]
    load_file(page, HOSTILE / "responses" / "r01.json")
    assert "Loaded your answers" in page.locator("#message").inner_text()
    assert [boxes.nth(i).input_value() for i in range(2)] == [
        "A comment on toString.",
        "A comment on valueOf.",
    ]
    assert page.get_by_label("Organisation").input_value() == "__proto__"
    assert result(page)["organisation"] == "__proto__"
    assert result(page)["principles"] == {"toString": 0, "valueOf": 50}


# ---------------------------------------------------------------- saved answers and their questionnaire

BASIC = VECTORS / "01-basic" / "bank.yaml"


def answered(page: Any, count: int) -> None:
    """Wait for the answered count through a locator: a page's CSP refuses the string a
    wait_for_function polls with, once the condition is not true at the first look."""
    page.locator("#progress", has_text=re.compile(f"^{count} of ")).wait_for()


@pytest.fixture
def twin_forms(context: Any, requests: RequestLog, tmp_path: Path) -> Any:
    """Two forms whose banks share id and version but not a question's text, from file://."""
    text = BASIC.read_text(encoding="utf-8")
    twin = tmp_path / "twin.yaml"
    twin.write_text(text.replace("text: Statement a1.", "text: Another statement."), "utf-8")
    urls = []
    for name, bank_file in [("first.html", BASIC), ("second.html", twin)]:
        path = tmp_path / name
        path.write_text(render_form(load_questionnaire(bank_file), load_theme("default")), "utf-8")
        requests.allowed.add(path.as_uri())
        urls.append(path.as_uri())
    errors: list[str] = []
    opened: list[Any] = []

    def open_form(which: int) -> Any:
        saved = ""
        for earlier in opened:  # what the tabs before saved is there for the new one to read
            saved = wait_until_saved(earlier, requests)
        tab = context.new_page()
        tab.on("pageerror", lambda error: errors.append(str(error)))
        tab.goto(urls[which])
        if opened:  # a form writes only when answered: it reads what the others saved
            expect_reads(tab, saved, "opened in a new tab")
        opened.append(tab)
        return tab

    yield open_form
    assert errors == [], errors


def test_two_banks_with_one_id_and_version_keep_their_own_saved_answers(
    twin_forms: Any, requests: RequestLog
) -> None:
    first = twin_forms(0)
    answer(first, "a1", "Fully")
    first.get_by_label("Organisation").fill("Alpha Trust")
    second = twin_forms(1)
    assert checked_values(second) == {}
    assert second.get_by_label("Organisation").input_value() == ""
    offer = second.locator("#other-answers")
    assert offer.is_visible() and "version 1.0" in offer.inner_text()
    answer(second, "a1", "Not yet")
    second.get_by_label("Organisation").fill("Beta Council")
    reload_when_saved(first, requests)
    answered(first, 1)
    assert checked_values(first) == {"a1": "5"}
    assert first.get_by_label("Organisation").input_value() == "Alpha Trust"


def test_a_twin_banks_answers_are_offered_as_another_questionnaires_and_survive_being_used(
    twin_forms: Any,
    requests: RequestLog,
) -> None:
    first = twin_forms(0)
    answer(first, "a1", "Fully")
    first.get_by_label("Organisation").fill("Alpha Trust")
    second = twin_forms(1)
    offer = second.locator("#other-answers")
    offer.wait_for()
    assert "another questionnaire with the same id and version" in offer.inner_text()
    assert "another version" not in offer.inner_text()
    assert second.get_by_role("button", name="Delete them").is_hidden()
    second.get_by_role("button", name="Use those answers").click()
    answered(second, 1)
    assert checked_values(second) == {"a1": "5"}
    offer.wait_for(state="hidden")
    reload_when_saved(second, requests)
    answered(second, 1)
    assert offer.is_hidden()
    reload_when_saved(first, requests)
    answered(first, 1)
    assert checked_values(first) == {"a1": "5"}
    assert first.get_by_label("Organisation").input_value() == "Alpha Trust"


def test_a_twin_banks_answers_can_be_left_alone_and_are_not_offered_again(
    twin_forms: Any,
    requests: RequestLog,
) -> None:
    first = twin_forms(0)
    answer(first, "a1", "Fully")
    second = twin_forms(1)
    second.locator("#other-answers").wait_for()
    second.get_by_role("button", name="Leave them").click()
    second.locator("#other-answers").wait_for(state="hidden")
    assert checked_values(second) == {}
    reload_when_saved(second, requests)
    answered(second, 0)
    assert second.locator("#other-answers").is_hidden()
    reload_when_saved(first, requests)
    answered(first, 1)
    assert checked_values(first) == {"a1": "5"}


OLD_SAVE = {
    "response": {
        "format": "selfassess-response/1",
        "questionnaire": {"id": "vec-basic", "version": "0.9"},
        "respondent": {"organisation": "Old Trust", "role": None, "name": None},
        "answers": {"a1": 4, "gone": 3, "m1": 9},
        "comments": {"agenda": "From before."},
    },
    "resultsShown": False,
}


def test_answers_saved_for_an_earlier_version_are_offered_not_applied_and_can_be_used(
    twin_forms: Any,
    requests: RequestLog,
) -> None:
    page = twin_forms(0)
    # The key an earlier version (or the form before content keys) saved under.
    page.evaluate(
        "(v) => localStorage.setItem('selfassess:vec-basic:0.9', v)", json.dumps(OLD_SAVE)
    )
    reload_when_saved(page, requests)
    offer = page.locator("#other-answers")
    offer.wait_for(state="visible", timeout=10_000)  # the script offers them once it has run
    assert "version 0.9" in offer.inner_text()
    assert checked_values(page) == {}
    assert page.get_by_label("Organisation").input_value() == ""
    page.get_by_role("button", name="Use those answers").click()
    answered(page, 1)
    assert checked_values(page) == {"a1": "4"}
    assert page.get_by_label("Organisation").input_value() == "Old Trust"
    assert "2 of them did not fit" in page.locator("#message").inner_text()
    assert offer.is_hidden()
    assert page.evaluate("localStorage.getItem('selfassess:vec-basic:0.9')") is None
    reload_when_saved(page, requests)
    answered(page, 1)
    assert page.get_by_label("Organisation").input_value() == "Old Trust"


def test_answers_saved_before_content_keys_under_this_version_move_here_when_used(
    twin_forms: Any,
    requests: RequestLog,
) -> None:
    page = twin_forms(0)
    old = json.loads(json.dumps(OLD_SAVE))
    old["response"]["questionnaire"]["version"] = "1.0"
    page.evaluate("(v) => localStorage.setItem('selfassess:vec-basic:1.0', v)", json.dumps(old))
    reload_when_saved(page, requests)
    offer = page.locator("#other-answers")
    offer.wait_for()
    assert "another version of this questionnaire" in offer.inner_text()
    assert page.get_by_role("button", name="Delete them").is_visible()
    page.get_by_role("button", name="Use those answers").click()
    answered(page, 1)
    assert page.evaluate("localStorage.getItem('selfassess:vec-basic:1.0')") is None


def test_answers_saved_for_an_earlier_version_can_be_deleted_unused(
    twin_forms: Any, requests: RequestLog
) -> None:
    page = twin_forms(0)
    answer(page, "m2", "Partly")
    page.evaluate(
        "(v) => localStorage.setItem('selfassess:vec-basic:0.9', v)", json.dumps(OLD_SAVE)
    )
    reload_when_saved(page, requests)
    page.locator("#other-answers").wait_for()
    page.get_by_role("button", name="Delete them").click()
    page.locator("#other-answers").wait_for(state="hidden")
    assert page.evaluate("localStorage.getItem('selfassess:vec-basic:0.9')") is None
    assert checked_values(page) == {"m2": "3"}
