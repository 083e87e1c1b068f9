"""What the scorecard's test modules share: the example rounds, a view builder, privacy cases."""

from __future__ import annotations

from dataclasses import fields, is_dataclass
from functools import cache
from pathlib import Path

from selfassess.core.model import Questionnaire
from selfassess.core.privacy import PrivacyOptions
from selfassess.core.response_model import Respondent, Response, SourcedResponse
from selfassess.core.scores import Scores
from selfassess.core.scoring import score_all
from selfassess.inputs.paths import expand_input_paths
from selfassess.inputs.responses import LoadedResponses, bank_for_responses, load_responses
from selfassess.scorecard.build import build_scorecard
from selfassess.scorecard.heat_map import HeatMap
from selfassess.scorecard.options import ScorecardOptions
from selfassess.scorecard.views import ScorecardView


@cache
def example_round() -> Example:
    """The example partnership's current round, loaded and scored once per test run."""
    bank, loaded = load("responses")
    return bank, loaded, score_all(bank, loaded.responses)


@cache
def baseline_round() -> tuple[LoadedResponses, Scores]:
    """The example partnership's earlier round, scored against the same bank."""
    bank = example_round()[0]
    _, loaded = load("baseline", bank)
    return loaded, score_all(bank, loaded.responses)


EXAMPLES = Path(__file__).parent.parent / "examples"


Example = tuple[Questionnaire, LoadedResponses, Scores]


def load(folder: str, bank: Questionnaire | None = None) -> tuple[Questionnaire, LoadedResponses]:
    paths = expand_input_paths([str(EXAMPLES / folder)])
    bank = bank or bank_for_responses(paths).questionnaire
    return bank, load_responses(paths, bank)


def view_of(
    example: Example,
    baseline: tuple[LoadedResponses, Scores] | None = None,
    **options: object,
) -> ScorecardView:
    bank, loaded, scores = example
    return build_scorecard(
        bank,
        scores,
        loaded.responses,
        ScorecardOptions(**options),  # type: ignore[arg-type]
        baseline=baseline[1] if baseline else None,
        baseline_responses=baseline[0].responses if baseline else (),
    )


def answered_on(stamp: str | None) -> SourcedResponse:
    return SourcedResponse(
        source="x.json",
        response=Response(
            format="selfassess-response/1",
            questionnaire={"id": "t"},
            respondent=Respondent(),
            completed_at=stamp,
        ),
    )


SMALL = PrivacyOptions(min_group_size=3, min_organisation_size=3)


POLICE = "Northshire Police"  # 2 respondents in the example round


def strings(value: object) -> list[str]:
    """Every string anywhere in a view: what any template could print."""
    if isinstance(value, str):
        return [value]
    if is_dataclass(value) and not isinstance(value, type):
        return [s for f in fields(value) for s in strings(getattr(value, f.name))]
    if isinstance(value, list | tuple):
        return [s for item in value for s in strings(item)]
    return []


def printed_heat_map(table: HeatMap) -> dict[str, list[str]]:
    """The heat map's cells in words, as a tooltip or screen reader gives them: row -> cells."""
    return {row.label: [cell.said for cell in row.cells] for row in table.rows}


PSEUDONYMS = {
    "Northshire County Council": "Partner C",
    "Northshire Hospitals NHS Trust": "Partner A",
    "Northshire Community Health NHS Trust": "Partner F",
    "Northshire Police": "Partner D",
    "Northshire Schools Trust": "Partner B",
    "Northshire Voluntary Action": "Partner G",
    "Riverside Care Homes Group": "Partner E",
}


def with_comment(example: Example, text: str) -> list[SourcedResponse]:
    responses = list(example[1].responses)
    first = responses[0]
    responses[0] = first.model_copy(
        update={"response": first.response.model_copy(update={"comments": {"ca-1": text}})}
    )
    return responses
