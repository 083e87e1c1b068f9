"""`selfassess verify` reads every page: a changed sentence is named with its page, and a genuine
scorecard verifies however its pages break (a summary table that runs onto a second page)."""

from __future__ import annotations

import json
import re
from pathlib import Path
from types import SimpleNamespace

import pytest
from pdf_support import (
    PARTNERSHIP,
    RESPONSES,
    attachments_of,
    invoke,
    reader_of,
    report,
    struct_elements,
    with_attachments,
)
from pypdf import PdfWriter
from pypdf.generic import NameObject, TextStringObject
from shared_scorecards import Made, Scorecards

from selfassess.pages.themes import load_theme
from selfassess.report.page_comparison import page_differences
from selfassess.report.pdf import render_scorecard_pdf

SENTENCE = (
    "It is weakest at <strong>Riverside Care Homes Group</strong> (27). Partners see it very "
    "differently: their scores are 42 points apart."
)
ALTERED = (
    "It is weakest at <strong>Northshire Police</strong> (31). Partners see it very "
    "differently: their scores are 22 points apart."
)


def page_texts(pdf: Path | bytes) -> list[str]:
    return [" ".join(page.extract_text().split()) for page in reader_of(pdf).pages]


@pytest.fixture(scope="module")
def example(scorecards: Scorecards) -> Made:
    """The honest example scorecard, PDF and HTML, made once per run (read only: each test
    below writes its forgery to a file of its own)."""
    made = scorecards.example()
    assert made.code == 0, made.err
    return made


def forged_scorecard(example: Made, tmp_path: Path, genuine: str, forged: str) -> Path:
    """The example scorecard laid out again with `genuine` (once in its HTML) changed to
    `forged`, carrying the honest scorecard's attachments and manifest."""
    honest = example.pdf
    page = example.html.read_text(encoding="utf-8")
    assert page.count(genuine) == 1
    forged_pdf = render_scorecard_pdf(page.replace(genuine, forged), load_theme(None))
    forged_path = tmp_path / "forged.pdf"
    forged_path.write_bytes(with_attachments(forged_pdf, attachments_of(honest)))
    return forged_path


def test_an_altered_summary_sentence_is_named_with_its_page(example: Made, tmp_path: Path) -> None:
    """The sentence is changed on the page only: attachments and manifest are the honest ones,
    so neither the SHA-256 nor the manifest's figures can tell."""
    forged_path = forged_scorecard(example, tmp_path, SENTENCE, ALTERED)
    sentence_page = next(
        n for n, text in enumerate(page_texts(forged_path), start=1) if "(31)" in text
    )

    code, out, _ = invoke("verify", str(forged_path))

    assert code == 1
    assert out.splitlines() == [
        "not verified: 2 problem(s)",
        f"- page {sentence_page}: prints 'is weakest at Northshire Police (31). Partners see', "
        "the inputs give 'is weakest at Riverside Care Homes Group (27). Partners see'",
        f"- page {sentence_page}: prints 'their scores are 22 points apart.', "
        "the inputs give 'their scores are 42 points apart.'",
    ]


@pytest.mark.parametrize(
    ("genuine", "forged", "problem"),
    [
        (
            "<title>Partnership scorecard: ",
            "<title>Board-approved scorecard: ",
            "- the document's properties: its title is 'Board-approved scorecard: "
            f"{PARTNERSHIP}', the inputs give 'Partnership scorecard: {PARTNERSHIP}'",
        ),
        (
            f'<meta name="author" content="{PARTNERSHIP}">',
            '<meta name="author" content="Southshire ICB">',
            "- the document's properties: its author is 'Southshire ICB', the inputs give "
            f"'{PARTNERSHIP}'",
        ),
    ],
)
def test_altered_document_properties_are_named(
    genuine: str, forged: str, problem: str, example: Made, tmp_path: Path
) -> None:
    """The title a viewer shows in its title bar (PDF/UA's DisplayDocTitle) and the author
    are printed too, though on no page."""
    forged_path = forged_scorecard(example, tmp_path, genuine, forged)

    code, out, _ = invoke("verify", str(forged_path))

    assert code == 1
    assert out.splitlines() == ["not verified: 1 problem(s)", problem]


def write_bank(path: Path, titles: list[str]) -> Path:
    lines = [
        "id: paging",
        'version: "1"',
        "title: Pages that break",
        "scale: [{value: 1, label: Not yet}, {value: 3, label: Partly}, {value: 5, label: Fully}]",
        "levels: [{id: low, label: Low, min: 0}, {id: high, label: High, min: 50}]",
        "principles:",
    ]
    for p, title in enumerate(titles):
        lines += [f"  - id: p{p}", f"    title: {json.dumps(title)}", "    questions:"]
        lines += [f"      - {{id: q{p}-{i}, text: 'Statement {i} of {p}'}}" for i in range(2)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def write_answers(folder: Path, titles: list[str], organisations: list[str]) -> Path:
    folder.mkdir()
    for o, organisation in enumerate(organisations):
        for r in range(2):
            response = {
                "format": "selfassess-response/1",
                "questionnaire": {"id": "paging", "version": "1"},
                "respondent": {"organisation": organisation, "role": "Director"},
                "answers": {
                    f"q{p}-{i}": [1, 3, 5][(o + r + p + i) % 3]
                    for p in range(len(titles))
                    for i in range(2)
                },
            }
            (folder / f"o{o}-r{r}.json").write_text(json.dumps(response), encoding="utf-8")
    return folder


LONG_TITLE = (
    "Sharing the data, the decisions, the budgets and the credit for what the partnership "
    "achieves, openly and on time, with every partner at the table, large or small, number {}"
)
ORGANISATIONS = ["North County Council", "South Health Trust", "West Police", "East Schools"]
UNBREAKABLE = "TheNorthshireandRiversideCommunityInterestCompanyForIntegratedCareLimited2026"

PAGINATIONS = {
    "20 principles": ([f"Principle number {p}" for p in range(20)], ORGANISATIONS),
    "six long principle titles": ([LONG_TITLE.format(p) for p in range(6)], ORGANISATIONS),
    "one long unbreakable organisation name": (
        [f"Principle number {p}" for p in range(10)],  # the most a radar draws
        [*ORGANISATIONS, UNBREAKABLE],
    ),
}


@pytest.mark.parametrize("case", list(PAGINATIONS))
def test_a_genuine_scorecard_verifies_however_its_summary_paginates(
    case: str, tmp_path: Path
) -> None:
    titles, organisations = PAGINATIONS[case]
    bank = write_bank(tmp_path / "paging.yaml", titles)
    answers = write_answers(tmp_path / "answers", titles, organisations)
    pdf = tmp_path / "scorecard.pdf"
    code, _, err = report(str(answers), "--questionnaire", str(bank), "-o", str(pdf), "--quiet")
    assert code == 0, err
    pages = page_texts(pdf)
    summary = next(n for n, text in enumerate(pages) if "OVERALL SCORE" in text)
    number = len(titles)
    last_row = re.compile(rf"{number}\. {re.escape(titles[-1])}(?: [A-Z ]+)? \d+ (?:Low|High)")
    # the case is real: the summary's last row is not on the page with the overall score
    assert not last_row.search(pages[summary])

    code, out, _ = invoke("verify", str(pdf))

    assert code == 0, out
    assert out.startswith("verified: ")


def test_pagination_furniture_and_line_breaks_are_not_differences() -> None:
    furniture = ["Partnership X", "Summary", "Scorecard", "Page 2 of 3", "Page 3 of 3"]
    printed = [
        "Summary OVERALL SCORE 49/100 Developing Partnership X Summary Scorecard Page 2 of 3",
        "Riverside Care Homes Group (19). Partnership X Summary Scorecard Page 3 of 3",
    ]
    moved = [
        "Summary OVERALL SCORE 49/100 Developing Riverside Care Homes "
        "Partnership X Summary Scorecard Page 2 of 4",
        "Group (19). Partnership X Summary Scorecard Page 3 of 4",
    ]
    rewrapped = ["Summary OVERALL SCORE 49/100 Developing RiversideCare Homes Group (19)."]
    assert page_differences(printed, moved, furniture) == []
    assert page_differences(printed, rewrapped, furniture) == []
    assert page_differences(printed, ["Summary OVERALL SCORE 51/100 Developing"], furniture)[
        0
    ].startswith("page 1: prints 'Summary OVERALL SCORE 49/100 Developing")
    padded = ["word " * 5000]
    assert page_differences(padded, printed, furniture) == [
        "the pages hold 5000 words, the scorecard rebuilt from the inputs 10"
    ]


UNICODE_BANK = Path(__file__).parent / "data" / "unicode-bank.yaml"


@pytest.mark.parametrize("variant", ["pdf/ua-1", "pdf/a-3b", "none"])
def test_a_genuine_scorecard_of_the_unicode_bank_verifies_in_every_pdf_variant(
    variant: str, tmp_path: Path
) -> None:
    """Arabic, Polish and emoji in subset fonts that pypdf strings together differently in a
    tagged and an untagged PDF: verify lays the scorecard out again as the report did."""
    answers = tmp_path / "answers"
    answers.mkdir()
    for o, organisation in enumerate(["Cyngor Môn", "جمعية الرعاية", "Szpital Łódź 🏥"]):
        for r in range(3):
            response = {
                "format": "selfassess-response/1",
                "questionnaire": {"id": "cydweithio", "version": "1"},
                "respondent": {"organisation": organisation, "role": "Cyfarwyddwr"},
                "answers": {q: (o + r + i) % 5 + 1 for i, q in enumerate(["a1", "a2", "p1"])},
            }
            (answers / f"o{o}-r{r}.json").write_text(json.dumps(response), encoding="utf-8")
    pdf = tmp_path / "scorecard.pdf"
    code, _, err = report(
        str(answers),
        "--questionnaire",
        str(UNICODE_BANK),
        "-o",
        str(pdf),
        "--pdf-variant",
        variant,
        "--quiet",
    )
    assert code == 0, err

    code, out, _ = invoke("verify", str(pdf))

    assert code == 0, out
    assert out.splitlines()[1].startswith("every figure, name, level and sentence on the ")


@pytest.mark.parametrize(
    ("printed", "rebuilt"),
    [
        ("Police 40 60 80 Score 60", "Police 406 080 Score 60"),  # heat-map cells run together
        ("weakest at Riverside (1 9). 47 points", "weakest at Riverside (19). 47 points"),
        ("OVERALL SCORE 5 3/100", "OVERALL SCORE 53/100"),
        ("scores are 4 7 points apart", "scores are 47 points apart"),
    ],
)
def test_figures_split_or_run_together_are_differences_not_line_breaks(
    printed: str, rebuilt: str
) -> None:
    """The same characters split at other places count as a line break only where no figure
    changes: a split that one side has and the other lacks between two digits is a difference."""
    assert page_differences([printed], [rebuilt], []) != []
    assert page_differences([rebuilt], [printed], []) != []


def test_a_scorecard_made_with_a_theme_folder_says_what_was_not_compared(tmp_path: Path) -> None:
    """verify never loads a folder named in the file it was handed: it checks the headline
    scores and says that the rest of the text was not compared."""
    code, _, err = invoke("theme", "new", str(tmp_path / "ours"))
    assert code == 0, err
    pdf = tmp_path / "scorecard.pdf"
    code, _, err = report(str(RESPONSES), "--theme", str(tmp_path / "ours"), "-o", str(pdf))
    assert code == 0, err
    code, out, _ = invoke("verify", str(pdf))
    assert code == 0
    assert out.splitlines()[1] == (
        "the pages were compared for the overall and principle scores only: "
        "the theme 'ours' is not a bundled theme"
    )


def test_a_branded_scorecard_with_names_verifies_every_page(tmp_path: Path) -> None:
    pdf = tmp_path / "scorecard.pdf"
    code, _, err = report(
        str(RESPONSES),
        *("--theme", "nhs", "--brand-name", "Northshire ICB", "--title", "Board scorecard"),
        *("--show-names", "--partnership", PARTNERSHIP, "-o", str(pdf)),
    )
    assert code == 0, err
    code, out, _ = invoke("verify", str(pdf))
    assert code == 0, out
    assert out.splitlines()[1].startswith("every figure, name, level and sentence on the ")


def test_an_altered_bookmark_is_named(example: Made, tmp_path: Path) -> None:
    """A viewer's sidebar lists the bookmarks: they are printed text too, though on no page."""
    writer = PdfWriter(clone_from=reader_of(example.pdf))
    outlines = writer._root_object["/Outlines"].get_object()
    first = outlines["/First"].get_object()
    shown = str(first["/Title"])
    first[NameObject("/Title")] = TextStringObject("Approved by every partner")
    forged = tmp_path / "forged.pdf"
    with forged.open("wb") as out:
        writer.write(out)

    code, out_text, _ = invoke("verify", str(forged))

    assert code == 1
    assert out_text.splitlines() == [
        "not verified: 1 problem(s)",
        "- bookmark 1 (a viewer's sidebar) reads 'Approved by every partner', "
        f"the inputs give '{shown}'",
    ]


def test_an_altered_alternative_text_is_named(example: Made, tmp_path: Path) -> None:
    """The radar's alternative text gives every score to a screen reader: changing a figure
    there and nowhere else misleads exactly the readers who cannot see the chart."""
    writer = PdfWriter(clone_from=reader_of(example.pdf))
    tree = SimpleNamespace(trailer={"/Root": writer._root_object})
    radar = next(e for e in struct_elements(tree) if "/Alt" in e)  # type: ignore[arg-type]
    genuine = str(radar["/Alt"])
    altered = genuine.replace("Putting hierarchies aside 27", "Putting hierarchies aside 72")
    assert altered != genuine
    radar[NameObject("/Alt")] = TextStringObject(altered)
    forged = tmp_path / "forged.pdf"
    with forged.open("wb") as out:
        writer.write(out)

    code, out_text, _ = invoke("verify", str(forged))

    assert code == 1
    lines = out_text.splitlines()
    assert lines[0] == "not verified: 1 problem(s)"
    assert re.fullmatch(
        r"- alternative text 1 \(what a screen reader reads for a chart\) reads "
        r"'\.\.\..*Putting hierarchies aside 72, .*\.\.\.', "
        r"the inputs give '\.\.\..*Putting hierarchies aside 27, .*\.\.\.'",
        lines[1],
    )
    assert len(lines) == 2
