"""Small groups in the scorecard PDF: hidden in place, never derivable, and organisations anonymous.

Read back from the PDF itself: the heat maps from its text layer (every printed cell, hidden
ones as "<3" or "×"), the radar from its alternative text in the tag tree.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pdf_support import (
    BASELINE,
    RESPONSES,
    ROOT,
    invoke,
    pdf_text,
    reader_of,
    report,
    struct_elements,
    xmp_packet,
)
from pypdf import PdfReader
from shared_scorecards import Scorecards

from selfassess.core.errors import SelfassessError
from selfassess.core.privacy import refuse_names_with_pseudonyms
from selfassess.core.scoring import score_all
from selfassess.inputs.paths import expand_input_paths
from selfassess.inputs.responses import bank_for_responses, load_responses
from selfassess.report.pipeline import privacy_options

ORGANISATIONS = (
    "Northshire County Council",
    "Northshire Hospitals NHS Trust",
    "Northshire Community Health NHS Trust",
    "Northshire Police",
    "Northshire Schools Trust",
    "Northshire Voluntary Action",
    "Riverside Care Homes Group",
)
POLICE_COMMENT = "Still working out where policing fits in the pathway"
HIDDEN = re.compile(r"^(<\d+|×)$")
PRINTED = re.compile(r"^(\d+|–|<\d+|×)$")  # what a heat-map cell can print
HEAT_HEADER = re.compile(r"^ORGANISATION((?: Q\d+\*?)+ Score)$")


def render(scorecards: Scorecards, *extra: str) -> tuple[PdfReader, str]:
    """The example scorecard made with `extra` (once per run): the PDF's reader and the HTML."""
    made = scorecards.example(*extra)
    assert made.code == 0, made.err
    return reader_of(made.pdf), made.html.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def default(scorecards: Scorecards) -> tuple[PdfReader, str]:
    return render(scorecards)


@pytest.fixture(scope="module")
def three(scorecards: Scorecards) -> tuple[PdfReader, str]:
    return render(scorecards, "--min-group-size", "3")


@pytest.fixture(scope="module")
def anonymous(scorecards: Scorecards) -> tuple[PdfReader, str]:
    return render(scorecards, "--anonymise-organisations", "--baseline", str(BASELINE))


def alts(reader: PdfReader) -> list[str]:
    return [str(e.get("/Alt", "")) for e in struct_elements(reader) if e["/S"] == "/Figure"]


def heat_maps(reader: PdfReader) -> list[dict[str, list[str]]]:
    """Every heat map as printed in the text layer: row label -> cells (a number, "–", or a
    hidden value's mark). A row is its label then one word per column; the last row is the
    partnership's."""
    grids = []
    lines = [line.strip() for page in reader.pages for line in page.extract_text().splitlines()]
    for index, line in enumerate(lines):
        header = HEAT_HEADER.match(line)
        if header is None:
            continue
        width = len(header[1].split())
        rows: dict[str, list[str]] = {}
        for row in lines[index + 1 :]:
            words = row.split()
            cells = words[-width:]
            assert all(PRINTED.match(c) for c in cells), f"not a heat-map row: {row!r}"
            rows[" ".join(words[:-width])] = cells
            if row.startswith("Partnership "):
                break
        grids.append(rows)
    return grids


def text_of(reader: PdfReader) -> str:
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


# ---------------------------------------------------------------- the defaults


def test_by_default_comments_from_an_organisation_of_two_are_withheld_and_say_so(
    default: tuple[PdfReader, str],
) -> None:
    reader, html = default
    text = text_of(reader)
    assert POLICE_COMMENT not in text and POLICE_COMMENT not in html
    # the police's comment and one of their answers to the open question
    assert "2 comments not shown: they come from organisations with fewer than 3 responses." in text
    assert "Chief Inspector" not in text  # no role is shared by three people


def test_by_default_every_organisation_is_shown_however_few_answered(
    default: tuple[PdfReader, str],
) -> None:
    reader, _ = default
    for grid in heat_maps(reader):
        assert not [c for row in grid.values() for c in row if HIDDEN.match(c)]
        assert "Northshire Police" in grid
    assert "Organisations’ figures are shown however few people answered for them" in (
        text_of(reader)
    )


def test_the_banks_privacy_setting_is_the_default_for_comments(tmp_path: Path) -> None:
    bundled = ROOT / "src" / "selfassess" / "questionnaires" / "collaboration-maturity.yaml"
    bank = tmp_path / "bank.yaml"
    text = bundled.read_text(encoding="utf-8")
    assert "\nprivacy:" not in text
    bank.write_text(text + "privacy:\n  min_group_size: 2\n", encoding="utf-8")
    pdf = tmp_path / "s.pdf"
    code, _, err = report(str(RESPONSES), "--questionnaire", str(bank), "-o", str(pdf), "--quiet")
    assert code == 0, err
    assert POLICE_COMMENT in pdf_text(pdf)


# ---------------------------------------------------------------- --min-group-size


def test_a_hidden_cell_says_so_in_place(three: tuple[PdfReader, str]) -> None:
    reader, html = three
    text = text_of(reader)
    assert "<3 fewer than 3 responses" in text  # the heat map's key
    assert re.search(r"\d+ cells of this heat map are hidden to protect small groups", text)
    assert "A line has a gap where that organisation’s score is hidden" in text
    assert re.search(
        r"In this report \d+ heat-map cells, 2 comments and \d+ groups of respondents are hidden",
        text,
    )
    police = [grid["Northshire Police"] for grid in heat_maps(reader)]
    assert all(cell in ("<3", "–") for row in police for cell in row)  # –: not a rating
    assert sum(cell == "<3" for row in police for cell in row) > 20
    assert "&lt;3" in html


def test_a_hidden_cell_cannot_be_derived_from_the_means_printed_beside_it(
    three: tuple[PdfReader, str],
) -> None:
    """The partnership row is the plain mean of the organisations' cells: with exactly one
    hidden term in a column, it would give that term away; likewise a row and its score."""
    reader, _ = three
    grids = heat_maps(reader)
    assert len(grids) == 5
    for grid in grids:
        partnership = grid.pop("Partnership")
        for column, total in enumerate(partnership):
            terms = [row[column] for row in grid.values() if row[column] != "–"]
            if not HIDDEN.match(total):
                assert sum(bool(HIDDEN.match(t)) for t in terms) != 1
        for row in grid.values():
            assert sum(bool(HIDDEN.match(c)) for c in row) != 1


def test_hidden_organisations_are_never_named_as_lowest_highest_or_weakest(
    three: tuple[PdfReader, str],
) -> None:
    reader, _ = three
    summary = " ".join(reader.pages[1].extract_text().split())
    table = summary.split("PRINCIPLE SCORE LEVEL", 1)[1].split("Every organisation counts", 1)[0]
    assert "Northshire County Council" in table
    assert "Northshire Police" not in table
    assert "It is weakest at Riverside Care Homes Group (27)" in summary


# ---------------------------------------------------------------- --anonymise-organisations


def test_no_organisation_is_named_anywhere_when_anonymised(
    anonymous: tuple[PdfReader, str],
) -> None:
    reader, html = anonymous
    places = {
        "text": text_of(reader),
        "html": html,
        "alt text": " ".join(alts(reader)),
        "xmp": xmp_packet(reader),
        "info": str(reader.metadata),
        "outline": str(reader.outline),
    }
    for where, text in places.items():
        for name in ORGANISATIONS:
            assert name.casefold() not in text.casefold(), (name, where)
        assert "riverside" not in text.casefold(), where  # nor in a role or a file name
    assert "Partner A" in places["text"] and "Partner G" in places["text"]
    assert "Partner H" not in places["text"]  # seven partners, seven letters


def test_an_anonymised_partner_keeps_its_letter_on_every_page(
    anonymous: tuple[PdfReader, str],
) -> None:
    """The radar's values for each partner are the scores its heat-map rows print."""
    reader, _ = anonymous
    radar = alts(reader)[0]
    for index, grid in enumerate(heat_maps(reader), start=1):
        for label, row in grid.items():
            if label == "Partnership":
                continue
            assert re.match(r"Partner [A-G]$", label)
            line = re.search(rf"{label}: (.*?)(;|\.$)", radar)
            assert line is not None
            value = re.search(rf"(?:^|, ){index}\. .+? (\d+)(?=, {index + 1}\. |$)", line[1])
            assert value is not None and value[1] == row[-1], (label, index)
    weakest = re.search(r"It is weakest at (Partner [A-G]) \((\d+)\)", text_of(reader))
    assert weakest is not None
    assert heat_maps(reader)[3][weakest[1]][-1] == weakest[2]  # principle 4's score column


def test_pseudonyms_are_dealt_in_the_shuffled_order_not_alphabetically() -> None:
    paths = expand_input_paths([str(RESPONSES)])
    bank = bank_for_responses(paths).questionnaire
    scores = score_all(bank, load_responses(paths, bank).responses)
    options = privacy_options(bank, None, True, [scores], shuffle=lambda names: names.reverse())
    assert options.pseudonyms is not None
    assert options.pseudonyms["Riverside Care Homes Group"] == "Partner A"
    assert options.pseudonyms["Northshire Community Health NHS Trust"] == "Partner G"
    assert (options.min_group_size, options.min_organisation_size) == (3, 1)
    chosen = privacy_options(bank, 4, False, [scores])
    assert (chosen.min_group_size, chosen.min_organisation_size, chosen.pseudonyms) == (4, 4, None)


# ---------------------------------------------------------------- bad options


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--show-names", "--anonymise-organisations"], "cannot be combined"),
        (["--min-group-size", "0"], "0 is not in the range x>=1"),
        (["--min-group-size", "three"], "'three' is not a valid integer"),
    ],
)
def test_bad_privacy_options_are_usage_errors(
    tmp_path: Path, args: list[str], message: str
) -> None:
    code, _, err = invoke("report", str(RESPONSES), "-o", str(tmp_path / "s.pdf"), *args)
    assert code == 2
    assert message in err
    assert not (tmp_path / "s.pdf").exists()


def test_names_with_pseudonyms_are_refused_by_one_rule_in_one_wording(tmp_path: Path) -> None:
    refuse_names_with_pseudonyms(True, False)
    refuse_names_with_pseudonyms(False, True)
    with pytest.raises(SelfassessError) as refused:
        refuse_names_with_pseudonyms(True, True)
    code, _, err = invoke(
        "report",
        str(RESPONSES),
        "--html",
        str(tmp_path / "s.html"),
        "--show-names",
        "--anonymise-organisations",
    )
    assert code == 2
    assert f"Error: {refused.value}" in err
