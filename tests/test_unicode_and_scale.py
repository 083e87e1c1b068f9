"""Welsh, Polish, Arabic and emoji text, a 200-question bank and a 5,000-character comment."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from selfassess.cli import cli
from selfassess.inputs.banks import load_questionnaire, read_bank
from selfassess.pages.bank_view import text_direction
from selfassess.pages.form import render_form
from selfassess.pages.site import render_site
from selfassess.pages.themes import load_theme

DATA = Path(__file__).parent / "data"
UNICODE_BANK = DATA / "unicode-bank.yaml"
ORGANISATIONS = [
    "Cyngor Sir Ynys Môn",
    "Szpital Wojewódzki w Łodzi",
    "جمعية الرعاية الخيرية",
    "Care Homes 🏠 Ltd",
]


def run(*args: str) -> str:
    result = CliRunner().invoke(cli, list(args))
    assert result.exit_code == 0, result.output
    return result.stdout


def write_responses(
    folder: Path, bank_id: str, answers: dict[str, int | None], comment: str = "", step: int = 1
) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for i, organisation in enumerate(ORGANISATIONS):
        response = {
            "format": "selfassess-response/1",
            "questionnaire": {"id": bank_id, "version": "1"},
            "respondent": {"organisation": organisation, "role": "Cyfarwyddwr · Dyrektor"},
            "answers": {
                q: (v if v is None else (v + i * step) % 5 + 1) for q, v in answers.items()
            },
            "comments": {"agenda": comment} if comment else {},
        }
        (folder / f"r{i}.json").write_text(
            json.dumps(response, ensure_ascii=False), encoding="utf-8"
        )
    return folder


def pdf_text(path: Path) -> str:
    """The PDF's text layer, as poppler's pdftotext reads it (pypdf garbles some subset fonts)."""
    if shutil.which("pdftotext") is None:
        pytest.skip("needs poppler-utils (pdftotext); make test installs it where it can")
    return subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


@pytest.mark.parametrize(
    ("language", "direction"),
    [
        ("en", "ltr"),
        ("cy", "ltr"),
        ("pl", "ltr"),
        ("ar", "rtl"),
        ("ar-EG", "rtl"),
        ("he", "rtl"),
        ("fa", "rtl"),
    ],
)
def test_pages_in_right_to_left_languages_are_laid_out_right_to_left(
    language: str, direction: str
) -> None:
    assert text_direction(language) == direction


def test_form_shows_welsh_polish_arabic_and_emoji_text_as_written() -> None:
    bank = load_questionnaire(UNICODE_BANK)
    html = render_form(bank, load_theme())
    for text in [
        "Cydweithio mewn partneriaeth 🤝",
        "zażółć gęślą jaźń",
        "الشركاء يتبادلون المعلومات بانتظام",
        "Każdy partner ma głos 🗳️",
        "ŵ ŷ",
    ]:
        assert text in html
    assert '<html lang="cy" dir="ltr">' in html


def test_an_arabic_bank_gets_a_right_to_left_page(tmp_path: Path) -> None:
    arabic = tmp_path / "ar.yaml"
    arabic.write_text(
        UNICODE_BANK.read_text(encoding="utf-8").replace("language: cy", "language: ar"),
        encoding="utf-8",
    )
    html = render_form(load_questionnaire(arabic), load_theme())
    assert '<html lang="ar" dir="rtl">' in html


def test_an_arabic_banks_scorecard_is_laid_out_right_to_left(tmp_path: Path) -> None:
    arabic = tmp_path / "ar.yaml"
    arabic.write_text(
        UNICODE_BANK.read_text(encoding="utf-8").replace("language: cy", "language: ar"),
        encoding="utf-8",
    )
    responses = write_responses(tmp_path / "responses", "cydweithio", {"a1": 3, "p1": 2})
    html = tmp_path / "s.html"
    run("report", str(responses), "--questionnaire", str(arabic), "--html", str(html), "--quiet")
    assert '<html lang="ar" dir="rtl">' in html.read_text(encoding="utf-8")


ENGLISH_AND_ARABIC = """
id: sharaka
version: "1"
language: en
languages: [en, ar]
title: {en: Partnership, ar: الشراكة}
scale:
  - {value: 1, label: {en: Not yet, ar: ليس بعد}}
  - {value: 5, label: {en: Fully, ar: بالكامل}}
levels:
  - {id: low, label: {en: Early, ar: مبكر}, min: 0}
principles:
  - id: trust
    title: {en: Trust, ar: الثقة}
    questions:
      - {id: t1, text: {en: Partners share information., ar: الشركاء يتبادلون المعلومات بانتظام}}
"""


def test_a_bank_in_english_and_arabic_gets_an_arabic_page_right_to_left_linking_english(
    tmp_path: Path,
) -> None:
    bank = tmp_path / "sharaka.yaml"
    bank.write_text(ENGLISH_AND_ARABIC, encoding="utf-8")
    pages = render_site([read_bank(bank)], load_theme())
    arabic, english = pages["sharaka.ar.html"], pages["sharaka.html"]
    assert '<html lang="ar" dir="rtl">' in arabic
    assert '<html lang="en" dir="ltr">' in english
    assert '<a href="sharaka.html" lang="en" hreflang="en" dir="ltr">English</a>' in arabic
    assert '<a href="sharaka.ar.html" lang="ar" hreflang="ar" dir="rtl">العربية</a>' in english
    assert '<html lang="ar" dir="rtl">' in pages["sharaka-partnership.ar.html"]
    assert '<html lang="ar" dir="rtl">' in pages["index.ar.html"]


def test_typed_names_and_comments_take_their_own_direction() -> None:
    html = render_form(load_questionnaire(UNICODE_BANK), load_theme())
    assert re.search(
        r'<input[^>]*name="organisation"[^>]*dir="auto"|<input[^>]*dir="auto"[^>]*name="organisation"',
        html,
    )
    assert re.search(r'<textarea[^>]*dir="auto"', html)


def test_scores_and_scorecard_keep_every_script(tmp_path: Path) -> None:
    responses = write_responses(
        tmp_path / "responses",
        "cydweithio",
        {"a1": 0, "a2": 4, "p1": 2},
        "Rydym yn cytuno ar y nodau ŵ — نحن نتفق 🤝",
    )
    scores = json.loads(
        run("score", "--questionnaire", str(UNICODE_BANK), "-f", "json", str(responses))
    )
    assert sorted(scores["organisations"]) == sorted(ORGANISATIONS)
    pdf, html = tmp_path / "s.pdf", tmp_path / "s.html"
    run(
        "report",
        str(responses),
        "--questionnaire",
        str(UNICODE_BANK),
        "-o",
        str(pdf),
        "--html",
        str(html),
        "--partnership",
        "Partneriaeth Gogledd Cymru",
        "--min-group-size",  # one respondent per organisation: show their comments too
        "1",
        "--quiet",
    )
    text = pdf_text(pdf)
    for fragment in [
        "Partneriaeth Gogledd Cymru",
        "Cyngor Sir Ynys Môn",
        "Łodzi",
        "zażółć gęślą jaźń",
        "Care Homes 🏠 Ltd",
        "Rydym yn cytuno ar y nodau ŵ",
    ]:
        assert fragment in text, fragment
    # Arabic comes out of the text layer in logical order, letters joined: search by words
    assert "الخيرية" in text and "المساواة" in text
    page = html.read_text(encoding="utf-8")
    assert all(name in page for name in ORGANISATIONS)


def bank_of_200_questions(path: Path) -> Path:
    lines = [
        "id: big",
        'version: "1"',
        "title: Two hundred questions",
        "scale: [{value: 1, label: Not yet}, {value: 3, label: Partly}, {value: 5, label: Fully}, {value: null, label: Don't know}]",
        "levels: [{id: low, label: Low, min: 0}, {id: high, label: High, min: 50}]",
        "principles:",
    ]
    for p in range(5):
        lines += [f"  - id: p{p}", f"    title: Principle {p}", "    questions:"]
        lines += [
            f"      - {{id: q{p}-{i}, text: 'Statement {i} of principle {p}'}}" for i in range(40)
        ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_a_bank_of_200_questions_validates_builds_scores_and_reports(tmp_path: Path) -> None:
    bank = bank_of_200_questions(tmp_path / "big.yaml")
    assert "ok" in run("validate", str(bank))
    run("build", str(bank), "-o", str(tmp_path / "site"))
    page = (tmp_path / "site" / "big.html").read_text(encoding="utf-8")
    assert page.count("type=radio") == 200 * 4  # three scale points and "Don't know"
    answers: dict[str, int | None] = {
        f"q{p}-{i}": 2 * ((p + i) % 3) for p in range(5) for i in range(40)
    }
    responses = write_responses(tmp_path / "responses", "big", answers, step=0)
    scores = json.loads(run("score", "--questionnaire", str(bank), "-f", "json", str(responses)))
    assert scores["partnership"]["n_respondents"] == 4
    assert scores["respondents"][0]["total"] == 200
    pdf = tmp_path / "s.pdf"
    run("report", str(responses), "--questionnaire", str(bank), "-o", str(pdf), "--quiet")
    pdf_text(pdf)  # skips without poppler
    # 40 questions a principle: each heat map in four tables of at most 12 columns, all of
    # them on the page, the principle's score in the last.
    layout = subprocess.run(
        ["pdftotext", "-layout", "-enc", "UTF-8", str(pdf), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    headers = [
        line.split() for line in layout.splitlines() if re.match(r"\s*ORGANISATION +Q", line)
    ]
    assert len(headers) == 5 * 4
    assert headers[:4] == [
        ["ORGANISATION", *(f"Q{i}" for i in range(1, 13))],
        ["ORGANISATION", *(f"Q{i}" for i in range(13, 25))],
        ["ORGANISATION", *(f"Q{i}" for i in range(25, 37))],
        ["ORGANISATION", "Q37", "Q38", "Q39", "Q40", "Score"],
    ]


def test_a_5000_character_comment_wraps_inside_the_pdf_page(tmp_path: Path) -> None:
    words = " ".join(f"word{i}" for i in range(700))[:4000]
    unbroken = "https://example.org/" + "x" * 980  # one token with nowhere to break
    comment = words + " " + unbroken
    assert len(comment) >= 5000
    responses = write_responses(
        tmp_path / "responses", "cydweithio", {"a1": 0, "a2": 4, "p1": 2}, comment
    )
    pdf = tmp_path / "s.pdf"
    run(
        "report",
        *(str(responses), "--questionnaire", str(UNICODE_BANK), "-o", str(pdf), "--quiet"),
        *("--min-group-size", "1"),  # one respondent per organisation: show the comment
    )
    text = pdf_text(pdf)
    flat = re.sub(r"\s+", "", text)
    assert re.sub(r"\s+", "", words) in flat and "x" * 980 in flat  # nothing cut off
    longest = max(len(line) for line in text.splitlines())
    assert longest < 160, f"a line of {longest} characters ran off the page"
