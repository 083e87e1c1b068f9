"""`selfassess verify` covers every breakdown figure: a scorecard of a bank using every question
type verifies, and a group's figure changed on its page or in the manifest is named.

Its seniority groups Senior manager and Other (one respondent each) are hidden, and h-2 is asked
by seniority: those two files would say who is in a hidden group, so they are not attached and
verify is given the original answer files (--inputs), matched by SHA-256."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pdf_support import attachments_of, invoke, pdf_text, report, with_attachments

from selfassess.pages.themes import load_theme
from selfassess.report.pdf import render_scorecard_pdf

BREAKDOWNS = Path(__file__).parent / "data" / "breakdowns"
RESPONSES = str(BREAKDOWNS / "responses")
PARTNERSHIP = "Northshire Partnership"
BOARD_ROW = (
    '<tr><th scope="row">Board or executive</th><td class="num">4</td><td class="num">90</td>'
)


@pytest.fixture(scope="module")
def honest(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """The breakdowns bank's scorecard as a PDF, and its HTML."""
    folder = tmp_path_factory.mktemp("breakdowns")
    pdf, html = folder / "scorecard.pdf", folder / "scorecard.html"
    code, _, err = report(
        "--questionnaire",
        str(BREAKDOWNS / "bank.yaml"),
        str(BREAKDOWNS / "responses"),
        "--partnership",
        PARTNERSHIP,
        "-o",
        str(pdf),
        "--html",
        str(html),
        "--quiet",
    )
    assert code == 0, err
    return pdf, html.read_text(encoding="utf-8")


def test_a_scorecard_with_breakdowns_counts_and_text_answers_verifies_every_page(
    honest: tuple[Path, str],
) -> None:
    code, out, _ = invoke("verify", str(honest[0]), "--inputs", RESPONSES)
    assert code == 0, out
    assert out.splitlines()[0] == "verified: 11 inputs, bank breakdowns 1.0, scores match"
    assert "matches the scorecard rebuilt from the inputs" in out.splitlines()[1]


def test_without_the_inputs_the_two_files_of_the_hidden_seniority_groups_are_missed(
    honest: tuple[Path, str],
) -> None:
    code, out, _ = invoke("verify", str(honest[0]))
    assert code == 1
    assert out.startswith(
        "not verified: 2 of 11 answer files are not attached (answers about the respondent in a "
        "group the scorecard hides"
    )
    assert set(attachments_of(honest[0])).isdisjoint(
        {"07-northshire-council.json", "11-northshire-voluntary-action.json"}
    )


def test_the_breakdown_page_shows_its_hidden_group_in_the_text_layer(
    honest: tuple[Path, str],
) -> None:
    text = " ".join(pdf_text(honest[0]).split())
    assert (
        "Senior manager hidden to protect groups of fewer than 3 Frontline practitioner 4 21 n/a 21"
        in (text)
    )
    assert "answered “Board or executive” score Putting hierarchies aside 69 points higher" in text


def test_a_breakdown_figure_changed_on_its_page_is_named(
    honest: tuple[Path, str], tmp_path: Path
) -> None:
    """Attachments and manifest are the honest ones: only reading the page can tell."""
    pdf, html = honest
    assert html.count(BOARD_ROW) == 1
    forged = render_scorecard_pdf(
        html.replace(BOARD_ROW, BOARD_ROW[:-7] + "95</td>"), load_theme(None)
    )
    path = tmp_path / "forged.pdf"
    path.write_bytes(with_attachments(forged, attachments_of(pdf)))
    code, out, _ = invoke("verify", str(path), "--inputs", RESPONSES)
    assert code == 1
    assert [line for line in out.splitlines() if line.startswith("- ")] == [
        "- page 5: prints 'or executive 4 95 73 81', the inputs give 'or executive 4 90 73 81'"
    ]


def test_a_breakdown_figure_changed_in_the_manifest_is_named(
    honest: tuple[Path, str], tmp_path: Path
) -> None:
    files = attachments_of(honest[0])
    manifest = json.loads(files["manifest.json"])
    manifest["printed"]["partnership"]["breakdowns"]["seniority"]["Board or executive"][
        "measures"
    ] = "80"
    files["manifest.json"] = json.dumps(manifest).encode()
    changed = tmp_path / "changed.pdf"
    changed.write_bytes(with_attachments(honest[0], files))
    code, out, _ = invoke("verify", str(changed), "--inputs", RESPONSES)
    assert code == 1
    assert out.splitlines()[1:] == [
        "- breakdowns, seniority, Board or executive, measures: printed 80, the inputs give 73"
    ]


def test_a_hidden_group_given_figures_in_the_manifest_is_named(
    honest: tuple[Path, str], tmp_path: Path
) -> None:
    files = attachments_of(honest[0])
    manifest = json.loads(files["manifest.json"])
    manifest["printed"]["partnership"]["breakdowns"]["sector"]["Voluntary sector"] = {
        "respondents": "2"
    }
    files["manifest.json"] = json.dumps(manifest).encode()
    changed = tmp_path / "changed.pdf"
    changed.write_bytes(with_attachments(honest[0], files))
    code, out, _ = invoke("verify", str(changed), "--inputs", RESPONSES)
    assert code == 1
    assert "- breakdowns, sector, Voluntary sector, respondents: printed 2, the inputs give" in (
        out
    )


def test_a_multi_answer_about_the_respondent_is_left_out_of_the_attached_copies(
    honest: tuple[Path, str],
) -> None:
    """`services` (multi, shown nowhere, needed by no ask_if): the report once failed on it."""
    copies = {
        name: json.loads(data)
        for name, data in attachments_of(honest[0]).items()
        if name.endswith("-northshire-nhs-trust.json")
    }
    assert len(copies) == 5
    assert all("services" not in copy["background"] for copy in copies.values())
