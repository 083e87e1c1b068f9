"""The example partnership's trends page in the PDF, read through its text layer: three rounds,
a principle the first round did not ask, an organisation that joined late."""

from __future__ import annotations

import pytest
from pdf_support import BASELINE, RESPONSES, ROOT, pdf_text

from selfassess.core.scoring import score_all
from selfassess.core.trends import RoundScores
from selfassess.inputs.banks import resolve_bank
from selfassess.inputs.rounds import load_round
from selfassess.pages.themes import load_theme
from selfassess.report.pdf import render_scorecard_pdf
from selfassess.report.pipeline import render_scorecard_html
from selfassess.scorecard.build import build_scorecard
from selfassess.scorecard.options import ScorecardOptions

ROUND_1 = ROOT / "examples" / "rounds" / "2025-11"


@pytest.fixture(scope="module")
def trends_page() -> str:
    source = resolve_bank("collaboration-maturity")
    found = []
    for label, folder in (
        ("November 2025", ROUND_1),
        ("May 2026", BASELINE),
        ("November 2026", RESPONSES),
    ):
        loaded = load_round(label, [str(folder)], source, skip_invalid=False)
        scores = score_all(loaded.bank, loaded.loaded.responses)
        found.append(
            RoundScores(label, loaded.bank, scores, loaded.loaded.responses, loaded.versions)
        )
    current = found[-1]
    view = build_scorecard(
        source.questionnaire,
        current.scores,
        current.responses,
        ScorecardOptions(partnership="Northshire Health and Care Partnership"),
        rounds=found,
    )
    theme = load_theme("default")
    text = pdf_text(render_scorecard_pdf(render_scorecard_html(view, theme), theme))
    return text[text.index("Trends across rounds") :]


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
