"""A bank offered in English and Welsh, its pages in a real headless Chromium (#17): the answers
saved on the device follow the respondent from one language's page to the other, an answer file
from the Welsh page scores exactly as one from the English page, and every Welsh page passes axe.

The pages are read through their contract (radio names and values, element ids,
window.selfassessResult), not their words, which differ by language; tests wait on conditions.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from browser_support import RequestLog, describe, require_axe, run_axe
from chromium import wait_until
from click.testing import CliRunner

from selfassess.cli import cli
from selfassess.inputs.banks import read_bank
from selfassess.pages.site import build_site
from selfassess.pages.themes import load_theme

pytestmark = pytest.mark.browser

BANK_FILE = Path(__file__).parent / "data" / "bilingual-bank.yaml"
BANK_ID = "partneriaeth"
ANSWERS = {"p1": "4", "p2": "2", "t1": "5", "t2": ""}  # "" is "Don't know" / "Ddim yn gwybod"


@pytest.fixture(scope="module")
def site_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("bilingual") / "site"
    build_site([read_bank(BANK_FILE)], out, load_theme())
    return out


def open_page(context: Any, requests: RequestLog, path: Path, ready: str) -> Any:
    url = path.as_uri()
    requests.allowed.add(url)
    tab = context.new_page()
    errors: list[str] = []
    tab.on("pageerror", lambda error: errors.append(str(error)))
    tab.goto(url)
    wait_until(tab, ready)
    assert errors == [], errors
    return tab


def open_form(context: Any, requests: RequestLog, site_dir: Path, name: str) -> Any:
    return open_page(context, requests, site_dir / name, "window.selfassessResult !== undefined")


def answer_all(page: Any) -> None:
    for qid, value in ANSWERS.items():
        page.locator(f'input[name="{qid}"][value="{value}"]').check()
    page.locator("#organisation, [name=organisation]").first.fill("Cyngor Sir Fynwy")
    wait_until(page, "window.selfassessResult.answered === 3")


def checked(page: Any) -> dict[str, str]:
    return page.evaluate(
        "() => Object.fromEntries([...document.querySelectorAll('input[type=radio]:checked')]"
        ".map((r) => [r.name, r.value]))"
    )


def result(page: Any) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(page.evaluate("JSON.stringify(window.selfassessResult)"))
    return data


def download(page: Any, folder: Path, name: str) -> Path:
    with page.expect_download() as saved:
        page.locator("#download").click()
    path = folder / name
    saved.value.save_as(path)
    return path


def test_answers_given_on_the_english_page_are_there_on_the_welsh_page(
    context: Any, requests: RequestLog, site_dir: Path
) -> None:
    english = open_form(context, requests, site_dir, f"{BANK_ID}.html")
    answer_all(english)
    welsh = open_form(context, requests, site_dir, f"{BANK_ID}.cy.html")
    wait_until(welsh, "window.selfassessResult.answered === 3")
    assert checked(welsh) == {k: v for k, v in ANSWERS.items()}
    assert result(welsh) == result(english)


def test_an_answer_file_from_the_welsh_page_scores_as_one_from_the_english_page(
    context: Any, requests: RequestLog, site_dir: Path, tmp_path: Path
) -> None:
    english = open_form(context, requests, site_dir, f"{BANK_ID}.html")
    answer_all(english)
    english_result = result(english)
    from_english = download(english, tmp_path, "en.json")
    welsh = open_form(context, requests, site_dir, f"{BANK_ID}.cy.html")
    wait_until(welsh, "window.selfassessResult.answered === 3")
    welsh_result = result(welsh)
    from_welsh = download(welsh, tmp_path, "cy.json")
    assert json.loads(from_welsh.read_text(encoding="utf-8"))["language"] == "cy"
    assert json.loads(from_english.read_text(encoding="utf-8"))["language"] == "en"
    assert welsh_result == english_result

    def scored(path: Path) -> Any:
        run = CliRunner().invoke(
            cli, ["score", str(path), "--questionnaire", str(BANK_FILE), "--format", "json"]
        )
        assert run.exit_code == 0, run.output
        data = json.loads(run.output)
        for respondent in data["respondents"]:
            respondent.pop("source", None)
        return data

    assert scored(from_welsh) == scored(from_english)


def test_the_welsh_page_loads_a_file_downloaded_from_the_english_page(
    context: Any, requests: RequestLog, site_dir: Path, tmp_path: Path
) -> None:
    english = open_form(context, requests, site_dir, f"{BANK_ID}.html")
    answer_all(english)
    from_english = download(english, tmp_path, "en.json")
    expected = result(english)
    second = context.browser.new_context(accept_downloads=True)  # a device with nothing saved
    try:
        requests.attach(second)
        welsh = open_form(second, requests, site_dir, f"{BANK_ID}.cy.html")
        assert result(welsh)["answered"] == 0
        welsh.locator("#load-answers").set_input_files(str(from_english))
        wait_until(welsh, "window.selfassessResult.answered === 3")
        assert checked(welsh) == ANSWERS
        assert result(welsh) == expected
    finally:
        second.close()


def test_the_partnership_page_in_welsh_reads_files_from_both_languages(
    context: Any, requests: RequestLog, site_dir: Path, tmp_path: Path
) -> None:
    english = open_form(context, requests, site_dir, f"{BANK_ID}.html")
    answer_all(english)
    from_english = download(english, tmp_path, "en.json")
    data = json.loads(from_english.read_text(encoding="utf-8"))
    data["language"] = "cy"
    data["respondent"]["organisation"] = "Bwrdd Iechyd"
    from_welsh = tmp_path / "cy.json"
    from_welsh.write_text(json.dumps(data), encoding="utf-8")
    page = open_page(
        context,
        requests,
        site_dir / f"{BANK_ID}-partnership.cy.html",
        "window.selfassessResult !== undefined",
    )
    page.locator("#answer-files").set_input_files([str(from_english), str(from_welsh)])
    wait_until(page, "window.selfassessResult && window.selfassessResult.respondents.length === 2")
    assert page.locator("#rejected").is_hidden()


@pytest.mark.parametrize(
    "name",
    [f"{BANK_ID}.cy.html", "index.cy.html", f"{BANK_ID}-partnership.cy.html"],
)
def test_axe_finds_no_violations_on_the_welsh_pages(
    context: Any, requests: RequestLog, site_dir: Path, name: str
) -> None:
    page = open_page(context, requests, site_dir / name, "document.readyState === 'complete'")
    violations = run_axe(page, require_axe())
    assert violations == [], describe(violations)


def test_axe_finds_no_violations_on_the_answered_welsh_form_with_results(
    context: Any, requests: RequestLog, site_dir: Path
) -> None:
    page = open_form(context, requests, site_dir, f"{BANK_ID}.cy.html")
    answer_all(page)
    page.locator("#show-results").click()
    page.locator("#results").wait_for()
    violations = run_axe(page, require_axe())
    assert violations == [], describe(violations)
