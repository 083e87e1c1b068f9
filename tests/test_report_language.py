"""`report --language`: a scorecard in one of the bank's languages (its texts, the tool's words,
dates, the PDF's /Lang and title), answers given in any of them, and `verify` in that language."""

from __future__ import annotations

import io
import json
import re
import shutil
from datetime import date
from pathlib import Path

import pytest
from babel.dates import format_date
from babel.messages.pofile import read_po
from pdf_support import (
    attachments_of,
    invoke,
    pdf_text,
    reader_of,
    report,
    with_attachment_changed,
)

from selfassess.pages.translations import locales_folder

DATA = Path(__file__).parent / "data" / "bilingual-report"
BANK = DATA / "bank.yaml"
ANSWERS = DATA / "answers"
PARTNERSHIP = "Partneriaeth Sir Benfro"
WELSH_CATALOGUE = locales_folder() / "cy" / "LC_MESSAGES" / "messages.po"


def make(folder: Path, *extra: str, answers: Path = ANSWERS, bank: Path = BANK) -> Path:
    pdf = folder / "scorecard.pdf"
    code, _, err = report(
        str(answers),
        "--questionnaire",
        str(bank),
        "--partnership",
        PARTNERSHIP,
        "-o",
        str(pdf),
        *extra,
    )
    assert code == 0, err
    return pdf


@pytest.fixture(scope="module")
def welsh(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make(tmp_path_factory.mktemp("welsh"), "--language", "cy", "--quiet")


@pytest.fixture(scope="module")
def english(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make(tmp_path_factory.mktemp("english"), "--quiet")


def html_of(folder: Path, *extra: str, answers: Path = ANSWERS, bank: Path = BANK) -> str:
    page = folder / "scorecard.html"
    code, _, err = report(
        str(answers), "--questionnaire", str(bank), "--html", str(page), "--quiet", *extra
    )
    assert code == 0, err
    return page.read_text(encoding="utf-8")


def manifest_of(pdf: Path | bytes) -> dict[str, object]:
    data: dict[str, object] = json.loads(attachments_of(pdf)["manifest.json"])
    return data


def test_a_welsh_scorecard_prints_the_banks_welsh_texts(welsh: Path) -> None:
    text = pdf_text(welsh)
    for welsh_text in ("Gwiriad partneriaeth", "Agenda gyffredin", "Mesurau a rennir"):
        assert welsh_text in text
    assert "Ymddiriedaeth rhwng partneriaid" in text
    assert "A common agenda" not in text and "Shared measures" not in text


def test_without_language_the_scorecard_is_in_the_banks_default_language(english: Path) -> None:
    text = pdf_text(english)
    assert "Partnership check" in text and "A common agenda" in text
    assert "Agenda gyffredin" not in text
    assert reader_of(english).trailer["/Root"]["/Lang"] == "en"


def test_a_welsh_scorecard_is_tagged_cy_in_the_pdf_and_the_page(
    welsh: Path, tmp_path: Path
) -> None:
    assert reader_of(welsh).trailer["/Root"]["/Lang"] == "cy"
    assert '<html lang="cy" dir="ltr">' in html_of(tmp_path, "--language", "cy")


def test_a_welsh_scorecard_prints_its_dates_in_welsh(welsh: Path) -> None:
    text = pdf_text(welsh)
    assert "9 Tachwedd 2026" in text  # the last answer's day, in the collection period
    assert format_date(date.today(), "d MMMM y", locale="cy") in text  # the report date
    assert "November" not in text


def test_the_welsh_title_is_the_pdfs_title(welsh: Path) -> None:
    title = reader_of(welsh).metadata.title
    assert title is not None and title.endswith(f": {PARTNERSHIP}")
    assert title.startswith(_welsh("Partnership scorecard"))


def _welsh(msgid: str) -> str:
    """The Welsh catalogue's text for `msgid` (read here, not hard-coded)."""
    catalogue = read_po(io.BytesIO(WELSH_CATALOGUE.read_bytes()), locale="cy")
    message = catalogue.get(msgid)
    assert message is not None and message.string, f"the Welsh catalogue misses {msgid!r}"
    return str(message.string)


@pytest.mark.parametrize("heading", ["Contents", "Summary", "How the scores are calculated"])
def test_a_welsh_scorecard_has_the_welsh_catalogues_headings(welsh: Path, heading: str) -> None:
    text = pdf_text(welsh)
    assert _welsh(heading) in text
    assert heading not in text


def test_a_welsh_scorecard_numbers_its_pages_and_questions_in_welsh(welsh: Path) -> None:
    pages = len(reader_of(welsh).pages)
    text = pdf_text(welsh)
    assert _welsh("Page {page} of {pages}").format(page=2, pages=pages) in text
    assert f"Page 2 of {pages}" not in text
    assert _welsh("Q%(number)s") % {"number": 1} in text and "Q1" not in text


# Words of an English scorecard a Welsh one may print too: Welsh words spelt as English ones
# ("yn agos at y canolrif", "un partner mawr", "mae'r band wedi'i liwio", "a" for "and") and
# the abbreviation it keeps.
SPELT_ALIKE = {"a", "A", "at", "band", "partner", "IQR"}


def _words(text: str) -> set[str]:
    return set(re.findall(r"[^\W\d_][\w'’-]*", text))


def test_no_english_word_of_the_interface_remains_on_a_welsh_scorecard(
    welsh: Path, english: Path
) -> None:
    names = {PARTNERSHIP, "bilingual-report"} | {
        json.loads(path.read_text(encoding="utf-8"))["respondent"]["organisation"]
        for path in ANSWERS.glob("*.json")
    }
    left = _words(pdf_text(english)) & _words(pdf_text(welsh))
    assert left - _words(" ".join(names)) - SPELT_ALIKE == set()


def test_a_welsh_scorecard_verifies(welsh: Path) -> None:
    code, out, _ = invoke("verify", str(welsh))
    assert code == 0, out
    assert out.startswith("verified: 4 inputs, bank bilingual-report 1.0, scores match\n")
    assert "every figure, name, level and sentence on the" in out


def test_the_manifest_records_the_scorecards_language(welsh: Path, english: Path) -> None:
    assert manifest_of(welsh)["language"] == "cy"
    assert manifest_of(english)["language"] == "en"


def test_a_scorecard_whose_manifest_names_no_language_verifies_in_the_default(
    english: Path, tmp_path: Path
) -> None:
    """Scorecards made before languages carry no `language`: the bank's default stands."""
    manifest = manifest_of(english)
    del manifest["language"]
    older = tmp_path / "older.pdf"
    older.write_bytes(with_attachment_changed(english, "manifest.json", _json(manifest)))
    code, out, _ = invoke("verify", str(older))
    assert code == 0, out


@pytest.mark.parametrize("language", ["fr", "../../../etc", "__proto__", "x" * 5000])
def test_a_manifest_language_the_bank_does_not_offer_is_one_line_not_a_traceback(
    welsh: Path, tmp_path: Path, language: str
) -> None:
    manifest = manifest_of(welsh)
    manifest["language"] = language
    changed = tmp_path / "changed.pdf"
    changed.write_bytes(with_attachment_changed(welsh, "manifest.json", _json(manifest)))
    code, out, _ = invoke("verify", str(changed))
    assert code == 1
    said = [line for line in out.splitlines() if "the scorecard's language" in line]
    assert len(said) == 1 and said[0].endswith("questionnaire is offered in (only en, cy)")
    assert len(said[0]) < 200


def test_a_manifest_language_that_is_not_text_is_named(welsh: Path, tmp_path: Path) -> None:
    manifest = manifest_of(welsh)
    manifest["language"] = ["cy"]
    changed = tmp_path / "changed.pdf"
    changed.write_bytes(with_attachment_changed(welsh, "manifest.json", _json(manifest)))
    code, out, _ = invoke("verify", str(changed))
    assert code == 1
    assert "- language should be text, not a list" in out.splitlines()


def _json(data: object) -> bytes:
    return json.dumps(data, indent=2, ensure_ascii=False).encode("utf-8")


def test_a_language_the_bank_does_not_offer_is_refused_before_any_answer_is_read(
    tmp_path: Path,
) -> None:
    answers = tmp_path / "answers"
    shutil.copytree(ANSWERS, answers)
    (answers / "broken.json").write_text("{ not json", encoding="utf-8")
    pdf = tmp_path / "scorecard.pdf"
    code, _, err = report(
        str(answers), "--questionnaire", str(BANK), "--language", "fr", "-o", str(pdf)
    )
    assert code == 1
    assert err.strip() == f"error: {BANK}: is not offered in 'fr' (only en, cy)"
    assert not pdf.exists()


def _answers_in(folder: Path, language: str | None) -> Path:
    """The round's answer files, each marked as given on `language`'s page (None: unmarked)."""
    folder.mkdir()
    for path in sorted(ANSWERS.glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        data.pop("language")
        if language is not None:
            data["language"] = language
        (folder / path.name).write_text(json.dumps(data), encoding="utf-8")
    return folder


def test_answer_files_from_either_language_make_the_same_scorecard(tmp_path: Path) -> None:
    mixed = html_of(tmp_path, "--language", "cy")  # two files from each page
    for language in ("en", "cy", None):
        answers = _answers_in(tmp_path / f"all-{language}", language)
        assert html_of(tmp_path, "--language", "cy", answers=answers) == mixed


def _scores(answers: Path, bank: Path = BANK) -> dict[str, object]:
    """`score -f json` of a round, without the files' paths."""
    code, out, err = invoke("score", str(answers), "--questionnaire", str(bank), "-f", "json")
    assert code == 0, err
    scores: dict[str, object] = json.loads(out)
    for respondent in scores["respondents"]:  # type: ignore[attr-defined]
        respondent.pop("source")
    return scores


def test_answer_files_from_either_language_score_identically(tmp_path: Path) -> None:
    english = _scores(_answers_in(tmp_path / "en", "en"))
    assert _scores(_answers_in(tmp_path / "cy", "cy")) == english
    assert _scores(ANSWERS) == english  # the round as given: two files from each page


def _draft_bank(folder: Path) -> Path:
    """The bank with one Welsh text not yet written: a draft translation."""
    draft = folder / "draft.yaml"
    text = BANK.read_text(encoding="utf-8")
    draft.write_text(
        text.replace(
            "title: {en: Trust between partners, cy: Ymddiriedaeth rhwng partneriaid}",
            "title: {en: Trust between partners}",
        ),
        encoding="utf-8",
    )
    return draft


def test_a_draft_translation_is_refused_without_allow_untranslated(tmp_path: Path) -> None:
    draft = _draft_bank(tmp_path)
    code, _, err = report(
        str(ANSWERS),
        "--questionnaire",
        str(draft),
        "--html",
        str(tmp_path / "s.html"),
        "--language",
        "cy",
    )
    assert code == 1
    assert "no 'cy' text (at principles[1].title)" in err
    assert not (tmp_path / "s.html").exists()


def test_allow_untranslated_reports_a_draft_with_the_default_text_standing_in(
    tmp_path: Path,
) -> None:
    draft = _draft_bank(tmp_path)
    code, out, err = report(
        str(ANSWERS),
        *("--questionnaire", str(draft), "-o", str(tmp_path / "s.pdf"), "--language", "cy"),
        "--allow-untranslated",
    )
    assert code == 0, err
    assert f"warning: {draft}:" in err and "no 'cy' text (at principles[1].title)" in err
    text = pdf_text(tmp_path / "s.pdf")
    assert "Trust between partners" in text and "Agenda gyffredin" in text
    code, out, _ = invoke("verify", str(tmp_path / "s.pdf"))
    assert code == 0, out


def test_score_reads_a_draft_translation_without_a_flag(tmp_path: Path) -> None:
    assert _scores(ANSWERS, _draft_bank(tmp_path)) == _scores(ANSWERS)


@pytest.mark.parametrize("language", ["cy", "../../etc", "\x1b[31m"])
def test_a_bank_in_one_language_is_offered_in_that_language_only(
    tmp_path: Path, language: str
) -> None:
    page, bank = tmp_path / "s.html", DATA.parent / "typed-bank.yaml"
    code, _, err = report(
        str(ANSWERS), "--questionnaire", str(bank), "--html", str(page), "--language", language
    )
    assert code == 1 and not page.exists()
    assert err.startswith(f"error: {bank}: is not offered in '")
    assert err.endswith("(only en)\n") and "\x1b" not in err


def test_the_default_language_named_is_the_scorecard_without_language(tmp_path: Path) -> None:
    (tmp_path / "named").mkdir()
    assert html_of(tmp_path / "named", "--language", "en") == html_of(tmp_path)


def test_a_welsh_scorecard_of_answers_giving_english_labels_verifies(tmp_path: Path) -> None:
    """The example round holds a survey tool's CSV that gives the scale's English labels
    ("Partly"): verify reads answers as report does, in the bank's default language."""
    examples = Path(__file__).parent.parent / "examples" / "responses"
    assert "Partly" in (examples / "schools-survey-export.csv").read_text(encoding="utf-8")
    pdf = tmp_path / "scorecard.pdf"
    code, _, err = report(str(examples), "--language", "cy", "-o", str(pdf), "--quiet")
    assert code == 0, err
    code, out, _ = invoke("verify", str(pdf))
    assert code == 0, out
