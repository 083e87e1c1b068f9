"""A bank using every question type (background questions with breakdowns, choice, multi and
text questions, ask_if on choice, multi and scale answers) validates, scores, builds, reports and
verifies; and the answer files a scorecard attaches carry only what its pages may show."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from pdf_support import attachments_of, invoke

from selfassess.report.attached_copies import WITHHELD_ANSWER

CASE = Path(__file__).parent / "data" / "every-type"
BANK = str(CASE / "bank.yaml")
RESPONSES = str(CASE / "responses")


def scores() -> dict[str, Any]:
    code, out, err = invoke("score", "--questionnaire", BANK, "--format", "json", RESPONSES)
    assert code == 0, err
    result: dict[str, Any] = json.loads(out)
    return result


def test_the_bank_using_every_type_validates() -> None:
    assert invoke("validate", BANK)[0] == 0


def test_the_bank_using_every_type_builds_its_form_and_partnership_page(tmp_path: Path) -> None:
    code, _, err = invoke("build", BANK, "-o", str(tmp_path / "site"))
    assert code == 0, err
    form = (tmp_path / "site" / "every-type.html").read_text(encoding="utf-8")
    assert "About you" in form
    assert form.count("name=sector ") + form.count("name=sector>") == 3  # one radio per option
    assert "<legend>Which kind of organisation do you work for?</legend>" in form
    assert (tmp_path / "site" / "every-type-partnership.html").is_file()


def test_respondents_carry_their_background_answers_as_given() -> None:
    first = scores()["respondents"][0]
    assert first["background"] == {
        "sector": "nhs",
        "seniority": "board",
        "services": ["care", "housing"],
        "about": "I chair the board",
    }


def test_a_principle_asked_of_no_one_in_an_organisation_leaves_its_overall() -> None:
    gamma = scores()["organisations"]["Gamma Charity"]
    # has-measures "lack": neither measures question was asked, so measures does not apply
    assert gamma["principles"] == {"agenda": 0.0, "measures": None, "care": 50.0}
    assert gamma["overall"] == 25.0


def test_breakdowns_give_every_option_and_counts_of_choices() -> None:
    partnership = scores()["partnership"]
    sector = partnership["breakdowns"]["sector"]
    assert list(sector) == ["nhs", "council", "charity"]
    assert [g["n_respondents"] for g in sector.values()] == [3, 3, 1]
    assert sector["charity"]["principles"] == {"agenda": 0.0, "measures": None, "care": 50.0}
    seniority = partnership["breakdowns"]["seniority"]
    assert seniority["board"]["n_respondents"] == 1
    assert partnership["choices"] == {
        "ag-who": {"leaders": 3, "staff": 2, "residents": 2},
        "has-measures": {"have": 4, "lack": 2, "unsure": 1},
    }


@pytest.fixture(scope="module")
def scorecard(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    pdf = tmp_path_factory.mktemp("every-type") / "scorecard.pdf"
    code, _, err = invoke("report", "--questionnaire", BANK, "-o", str(pdf), RESPONSES)
    assert code == 0, err
    return pdf, err


def test_the_scorecard_of_every_type_verifies_with_the_files_it_could_not_attach(
    scorecard: tuple[Path, str],
) -> None:
    code, out, err = invoke("verify", str(scorecard[0]), "--inputs", RESPONSES)
    assert code == 0, out + err
    assert out.startswith("verified: 7 inputs")
    code, out, _ = invoke("verify", str(scorecard[0]))
    assert code == 1
    assert "3 of 7 answer files are not attached (answers about the respondent in a group" in out


def attached(scorecard: tuple[Path, str], name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(attachments_of(scorecard[0])[name])
    return data


def test_background_text_is_never_attached(scorecard: tuple[Path, str]) -> None:
    assert "I chair the board" not in b"".join(attachments_of(scorecard[0]).values()).decode()


def test_a_file_saying_who_is_in_a_hidden_group_that_the_scores_need_is_not_attached(
    scorecard: tuple[Path, str],
) -> None:
    # seniority: board (r01) and manager (r03, r04) are hidden, fewer than 3 each; ag-2 is
    # asked by seniority, so those answers cannot be cut from a copy: the files stay out.
    names = set(attachments_of(scorecard[0]))
    assert {"r01.json", "r03.json", "r04.json"} & names == set()
    assert {"r02.json", "r05.json", "r06.json", "r07.json"} <= names
    assert (
        "3 of 7 answer files not attached (they say who is in a group the scorecard hides"
        in (scorecard[1])
    )


def test_a_breakdown_answer_in_a_hidden_group_is_cut_from_the_copy(
    scorecard: tuple[Path, str],
) -> None:
    # sector: charity has one respondent (hidden), so nhs (the first of the two smallest) is
    # hidden too; council is shown. No ask_if looks at sector, so it is simply left out.
    sectors = {
        name: attached(scorecard, name)["background"].get("sector")
        for name in ("r02.json", "r05.json", "r07.json")
    }
    assert sectors == {"r02.json": None, "r05.json": "council", "r07.json": None}
    assert (
        "the answers about the respondent that the scorecard does not show removed"
        in (scorecard[1])
    )


def test_text_answers_follow_the_comments_rules(scorecard: tuple[Path, str]) -> None:
    # Gamma Charity has one respondent: fewer than privacy.min_group_size, so its comments and
    # its text answers are withheld; Beta Council's three respondents are enough.
    assert attached(scorecard, "r05.json")["answers"]["ag-open"] == "Share data earlier."
    assert attached(scorecard, "r07.json")["answers"]["ag-open"] == WITHHELD_ANSWER
