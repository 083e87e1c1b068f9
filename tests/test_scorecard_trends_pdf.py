"""The demo scorecard's trends page (`make demo`'s three rounds and May's workshop file), read
through the PDF's text layer: a principle the first round did not ask, an organisation that
joined late, a roles note, and what became of May's actions."""

from __future__ import annotations

from pathlib import Path

import pytest
from pdf_support import BASELINE, PARTNERSHIP, RESPONSES, ROOT, pdf_text, report

ROUND_1 = ROOT / "examples" / "rounds" / "2025-11"
WORKSHOPS = ROOT / "examples" / "workshops"


@pytest.fixture(scope="module")
def trends_page(tmp_path_factory: pytest.TempPathFactory) -> str:
    pdf = Path(tmp_path_factory.mktemp("trends")) / "scorecard.pdf"
    code, _, err = report(
        str(RESPONSES),
        "--round",
        f"November 2025={ROUND_1}",
        "--round",
        f"May 2026={BASELINE}",
        "--round-workshop",
        f"May 2026={WORKSHOPS / '2026-05-workshop.json'}",
        "--workshop",
        str(WORKSHOPS / "2026-11-workshop.json"),
        "--partnership",
        PARTNERSHIP,
        "-q",
        "-o",
        str(pdf),
    )
    assert code == 0, err
    text = pdf_text(pdf)
    return text[text.index("Trends across rounds") : text.index("What we agreed November 2026")]


def test_the_rounds_are_listed_oldest_first_with_the_version_each_answered(
    trends_page: str,
) -> None:
    assert "November 2025 14 5 0.9 May 2026 20 6 1.0 November 2026 (this round) 26 7 2.0" in (
        trends_page
    )


def test_reciprocity_was_not_asked_in_the_first_round_and_is_not_zero(trends_page: str) -> None:
    reciprocity = trends_page[trends_page.index("5. Altruism and reciprocity") :]
    table = reciprocity[: reciprocity.index("Changes are the difference")]
    assert "November 2025 Not asked May 2026 41" in table


def test_the_police_joined_in_the_last_round_and_are_new(trends_page: str) -> None:
    police = trends_page[trends_page.index("Northshire Police") :]
    assert police.split("Northshire Schools Trust")[0].split() == [
        "Northshire",
        "Police",
        "–",
        "–",
        "48",
        "★",
        "new",
    ]


def test_a_note_says_where_fewer_than_half_the_same_roles_answered(trends_page: str) -> None:
    assert (
        "Riverside Care Homes Group, May 2026: Fewer than half the same roles answered in both "
        "rounds: the change may be about who answered."
    ) in trends_page


def test_mays_actions_stand_beside_each_principles_change_since(trends_page: str) -> None:
    assert "What happened to the actions of May 2026" in trends_page
    assert (
        "Actions done on Broad, shared measures of success: 1 of 2; score up 2 (1 dropped)"
        in trends_page
    )
    assert "Actions done on Altruism and reciprocity: 0 of 1; score up 10" in trends_page
