"""`selfassess build` of a bank offered in several languages (#17): a form, a partnership page
and a landing page in each language, named as contract.md says, each linking the others by
their own names; the bank's translations note shown whole; one-language sites unchanged."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from selfassess.cli import cli
from selfassess.core.errors import SelfassessError
from selfassess.inputs.banks import load_questionnaire, parse_bank_bytes, read_bank
from selfassess.pages.bank_view import bank_content_hash
from selfassess.pages.site import render_site
from selfassess.pages.themes import load_theme
from selfassess.pages.translations import language_name

DATA = Path(__file__).parent / "data"
BILINGUAL = DATA / "bilingual-bank.yaml"
UNICODE_BANK = DATA / "unicode-bank.yaml"
NOTE_EN = "Welsh translation: draft, not yet reviewed"
NOTE_CY = "Cyfieithiad Cymraeg: drafft, heb ei adolygu eto"


@pytest.fixture(scope="module")
def pages() -> dict[str, str]:
    return render_site([read_bank(BILINGUAL)], load_theme())


def html_tag(page: str) -> str:
    found = re.search(r"<html[^>]*>", page)
    assert found is not None
    return found.group()


def language_nav(page: str) -> str:
    found = re.search(r'<nav class="language-links"[^>]*>.*?</nav>', page, re.S)
    return found.group() if found else ""


def alternates(page: str) -> list[tuple[str, str]]:
    return re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">', page)


def test_a_bilingual_bank_builds_each_page_in_both_languages(pages: dict[str, str]) -> None:
    assert set(pages) == {
        "index.html",
        "index.cy.html",
        "partneriaeth.html",
        "partneriaeth.cy.html",
        "partneriaeth-partnership.html",
        "partneriaeth-partnership.cy.html",
    }


@pytest.mark.parametrize(
    ("name", "lang", "title"),
    [
        ("partneriaeth.html", "en", "Working together in partnership"),
        ("partneriaeth.cy.html", "cy", "Cydweithio mewn partneriaeth"),
        ("partneriaeth-partnership.cy.html", "cy", "Cydweithio mewn partneriaeth"),
        ("index.cy.html", "cy", "Cydweithio mewn partneriaeth"),
    ],
)
def test_each_page_is_in_its_language_with_its_bank_texts(
    pages: dict[str, str], name: str, lang: str, title: str
) -> None:
    assert html_tag(pages[name]) == f'<html lang="{lang}" dir="ltr">'
    assert title in pages[name]


@pytest.mark.parametrize(
    ("name", "other", "href"),
    [
        ("partneriaeth.html", "cy", "partneriaeth.cy.html"),
        ("partneriaeth.cy.html", "en", "partneriaeth.html"),
        ("partneriaeth-partnership.html", "cy", "partneriaeth-partnership.cy.html"),
        ("partneriaeth-partnership.cy.html", "en", "partneriaeth-partnership.html"),
        ("index.html", "cy", "index.cy.html"),
        ("index.cy.html", "en", "index.html"),
    ],
)
def test_each_page_links_the_other_language_by_its_own_name_with_lang_and_hreflang(
    pages: dict[str, str], name: str, other: str, href: str
) -> None:
    nav = language_nav(pages[name])
    links = re.findall(r'<a href="([^"]+)" lang="([^"]+)" hreflang="([^"]+)"[^>]*>([^<]+)</a>', nav)
    assert links == [(href, other, other, language_name(other))]
    assert re.search(r'<nav class="language-links" aria-label="[^"]+">', nav)


def test_the_head_names_the_page_in_every_language(pages: dict[str, str]) -> None:
    expected = [("en", "partneriaeth.html"), ("cy", "partneriaeth.cy.html")]
    assert alternates(pages["partneriaeth.html"]) == expected
    assert alternates(pages["partneriaeth.cy.html"]) == expected


def test_languages_are_named_in_themselves() -> None:
    assert (language_name("cy"), language_name("en")) == ("Cymraeg", "English")
    assert language_name("ar") == "العربية"


def test_a_language_babel_does_not_know_is_named_by_its_tag() -> None:
    assert language_name("zz") == "zz"


def test_the_welsh_pages_link_to_the_welsh_landing_page(pages: dict[str, str]) -> None:
    assert 'href="index.cy.html"' in pages["partneriaeth.cy.html"]
    assert 'href="partneriaeth-partnership.cy.html"' in pages["partneriaeth.cy.html"]
    assert 'href="partneriaeth.cy.html"' in pages["partneriaeth-partnership.cy.html"]


def test_the_landing_page_lists_the_bank_with_a_link_per_language(pages: dict[str, str]) -> None:
    for name in ("index.html", "index.cy.html"):
        card = re.search(r'<p class="bank-card__languages">.*?</p>', pages[name])
        assert card is not None
        assert '<a href="partneriaeth.html" lang="en" hreflang="en" dir="ltr">English</a>' in (
            card.group()
        )
        assert '<a href="partneriaeth.cy.html" lang="cy" hreflang="cy" dir="ltr">Cymraeg</a>' in (
            card.group()
        )
    assert '<h2><a href="partneriaeth.cy.html">Cydweithio' in pages["index.cy.html"]


@pytest.mark.parametrize("name", ["partneriaeth.html", "partneriaeth.cy.html", "index.cy.html"])
def test_the_translations_note_is_shown_whole_each_language_in_its_own(
    pages: dict[str, str], name: str
) -> None:
    assert f'<span lang="en">{NOTE_EN}</span>' in pages[name]
    assert f'<span lang="cy">{NOTE_CY}</span>' in pages[name]


def test_every_language_of_the_form_keys_saved_answers_alike(pages: dict[str, str]) -> None:
    key = bank_content_hash(read_bank(BILINGUAL).questionnaire)
    for name in ("partneriaeth.html", "partneriaeth.cy.html"):
        assert f'"content":"{key}"' in pages[name]


def test_a_welsh_landing_page_links_a_bank_without_welsh_to_its_own_page() -> None:
    english_only = load_questionnaire(DATA / "typed-bank.yaml")
    pages = render_site([read_bank(BILINGUAL), english_only], load_theme())
    welsh = pages["index.cy.html"]
    assert f'<li lang="{english_only.language}" dir="ltr">' in welsh
    assert f'href="{english_only.id}.html"' in welsh
    assert f"{english_only.id}.cy.html" not in str(list(pages))
    assert language_nav(pages[f"{english_only.id}.html"]) == ""
    assert 'href="index.html"' in pages[f"{english_only.id}.html"]


def test_a_site_of_one_language_banks_gets_no_language_links() -> None:
    pages = render_site([load_questionnaire(UNICODE_BANK)], load_theme())
    assert set(pages) == {"index.html", "cydweithio.html", "cydweithio-partnership.html"}
    for page in pages.values():
        assert "language-links" not in page and 'rel="alternate"' not in page


def test_a_bank_whose_forms_would_take_another_banks_partnership_pages_is_refused() -> None:
    text = BILINGUAL.read_text(encoding="utf-8").replace(
        "id: partneriaeth", "id: partneriaeth-partnership"
    )
    clash = parse_bank_bytes(text.encode(), "clash.yaml")
    with pytest.raises(SelfassessError, match=r"would overwrite the form partneriaeth-partnership"):
        render_site([read_bank(BILINGUAL), clash], load_theme())


def untranslated_bank(tmp_path: Path) -> Path:
    path = tmp_path / "draft.yaml"
    text = BILINGUAL.read_text(encoding="utf-8").replace(
        "title: {en: Trust, cy: Ymddiriedaeth}", "title: {en: Trust}"
    )
    path.write_text(text, encoding="utf-8")
    return path


def test_build_refuses_a_bank_missing_a_translation(tmp_path: Path) -> None:
    run = CliRunner().invoke(cli, ["build", str(untranslated_bank(tmp_path)), "-o", "site"])
    assert run.exit_code == 1
    assert "no 'cy' text (at principles[1].title)" in run.output


def test_build_allow_untranslated_builds_the_draft_and_warns(tmp_path: Path) -> None:
    out = tmp_path / "site"
    run = CliRunner().invoke(
        cli, ["build", str(untranslated_bank(tmp_path)), "-o", str(out), "--allow-untranslated"]
    )
    assert run.exit_code == 0, run.output
    assert "warning: " in run.output and "principles[1].title" in run.output
    welsh = (out / "partneriaeth.cy.html").read_text(encoding="utf-8")
    assert "Trust" in welsh and "Pwrpas cyffredin" in welsh
