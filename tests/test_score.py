"""The scoring rules, one behaviour per test, plus properties that must hold for any input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from selfassess.cli import cli
from selfassess.core.consensus import score_consensus
from selfassess.core.model import Questionnaire, ScaleOption
from selfassess.core.response_model import Response, SourcedResponse
from selfassess.core.rounding import round_half_up
from selfassess.core.scores import UNSPECIFIED
from selfassess.core.scoring import item_score, level_id, score_all
from selfassess.inputs.banks import parse_questionnaire, resolve_bank

BANK = """
id: t
version: "1"
title: T
scale:
  - {value: 1, label: Not yet}
  - {value: 2, label: Starting}
  - {value: 3, label: Partly}
  - {value: 4, label: Mostly}
  - {value: 5, label: Fully}
  - {value: null, label: Don't know}
levels:
  - {id: low, label: Low, min: 0}
  - {id: mid, label: Mid, min: 40}
  - {id: high, label: High, min: 80}
min_answered: 0.5
divergence_threshold: 25
principles:
  - id: p1
    title: P1
    questions:
      - {id: a, text: A}
      - {id: b, text: B, reverse: true}
  - id: p2
    title: P2
    weight: 3
    questions:
      - {id: c, text: C, weight: 3}
      - {id: d, text: D, scale: [{value: 0, label: "No"}, {value: 10, label: "Yes"}]}
"""


@pytest.fixture(scope="module")
def bank() -> Questionnaire:
    return parse_questionnaire(BANK, "t.yaml")


def response(
    org: str | None, answers: dict[str, float | None], source: str = "x.json"
) -> SourcedResponse:
    return SourcedResponse(
        source=source,
        response=Response.model_validate(
            {
                "format": "selfassess-response/1",
                "questionnaire": {"id": "t", "version": "1"},
                "respondent": {"organisation": org},
                "answers": answers,
            }
        ),
    )


FIVE = [ScaleOption(value=v, label=str(v)) for v in (1, 2, 3, 4, 5)]


@pytest.mark.parametrize(
    ("value", "reverse", "expected"),
    [(1, False, 0), (5, False, 100), (2, False, 25), (5, True, 0), (4, True, 25)],
)
def test_item_score_places_value_between_lowest_and_highest(
    value: int, reverse: bool, expected: float
) -> None:
    assert item_score(value, FIVE, reverse) == expected


def test_reverse_item_scores_low_when_fully_agreed(bank: Questionnaire) -> None:
    scores = score_all(bank, [response("A", {"a": 5, "b": 5})])
    assert scores.respondents[0].items == {"a": 100.0, "b": 0.0}


def test_question_scale_overrides_the_bank_scale(bank: Questionnaire) -> None:
    scores = score_all(bank, [response("A", {"c": 1, "d": 10})])
    assert scores.respondents[0].items["d"] == 100.0


def test_principle_score_is_weighted_over_answered_questions(bank: Questionnaire) -> None:
    scores = score_all(bank, [response("A", {"c": 5, "d": 0})])  # c=100 (w3), d=0 (w1)
    assert scores.respondents[0].principles["p2"] == 75.0


def test_principle_is_null_below_min_answered(bank: Questionnaire) -> None:
    # 1 of 2 answered is exactly 0.5: enough. 0 of 2 is not.
    scores = score_all(bank, [response("A", {"a": 5, "b": None})])
    assert scores.respondents[0].principles == {"p1": 100.0, "p2": None}
    assert scores.respondents[0].overall is None
    assert scores.respondents[0].level is None


def test_overall_weights_principles(bank: Questionnaire) -> None:
    scores = score_all(bank, [response("A", {"a": 5, "b": 1, "c": 1, "d": 0})])
    # p1 = 100 (w1), p2 = 0 (w3)
    assert scores.respondents[0].overall == 25.0


def test_dont_know_is_unanswered(bank: Questionnaire) -> None:
    scores = score_all(bank, [response("A", {"a": None, "b": 1, "c": 5})])
    assert scores.respondents[0].answered == 2
    assert scores.respondents[0].total == 4


def test_every_organisation_weighs_the_same_however_many_answered(bank: Questionnaire) -> None:
    big = [response("Big", {"a": 5, "b": 1, "c": 5, "d": 10}) for _ in range(9)]
    small = [response("Small", {"a": 1, "b": 5, "c": 1, "d": 0})]
    scores = score_all(bank, big + small)
    assert scores.partnership.principles["p1"].score == 50.0
    assert scores.partnership.overall == 50.0
    assert scores.organisations["Big"].n == 9


def test_blank_and_missing_organisations_group_as_unspecified(bank: Questionnaire) -> None:
    scores = score_all(
        bank, [response(None, {"a": 1}), response("  ", {"a": 1}), response(" A ", {"a": 1})]
    )
    assert list(scores.organisations) == ["A", UNSPECIFIED]
    assert scores.organisations[UNSPECIFIED].n == 2


def test_divergence_is_flagged_at_exactly_the_threshold(bank: Questionnaire) -> None:
    # item scores 0..100 in steps of 25: orgs at 50 and 75 differ by exactly 25
    scores = score_all(bank, [response("A", {"a": 3, "b": 3}), response("B", {"a": 4, "b": 2})])
    result = scores.partnership.principles["p1"]
    assert result.spread == 25.0
    assert result.divergent is True


def test_one_organisation_is_never_divergent(bank: Questionnaire) -> None:
    scores = score_all(bank, [response("A", {"a": 1, "b": 5}), response("A", {"a": 5, "b": 1})])
    assert scores.partnership.principles["p1"].divergent is False


def test_weakest_organisation_ties_break_alphabetically(bank: Questionnaire) -> None:
    scores = score_all(
        bank, [response("Zeta", {"a": 1, "b": 5}), response("Alpha", {"a": 1, "b": 5})]
    )
    assert scores.partnership.principles["p1"].weakest_organisation == "Alpha"


def test_weakest_principle_ties_break_in_bank_order(bank: Questionnaire) -> None:
    scores = score_all(bank, [response("A", {"a": 3, "b": 3, "c": 3, "d": 5})])
    assert scores.partnership.weakest_principle == "p1"


@pytest.mark.parametrize(
    ("score", "expected"),
    [
        (0, "low"),
        (39.999, "low"),
        (40, "mid"),
        (79.9, "mid"),
        (80, "high"),
        (100, "high"),
        (None, None),
    ],
)
def test_level_is_decided_on_the_unrounded_score(
    bank: Questionnaire, score: float | None, expected: str | None
) -> None:
    assert level_id(bank.levels, score) == expected


@pytest.mark.parametrize(
    ("score", "shown"), [(62.5, 63), (62.4999, 62), (0.5, 1), (99.5, 100), (2.5, 3)]
)
def test_scores_round_half_up_for_people(score: float, shown: int) -> None:
    assert round_half_up(score) == shown


def test_consensus_is_split_when_a_third_sit_far_from_the_median() -> None:
    assert score_consensus([50, 50, 50, 90, 10, 50], 25).split is True  # 2 of 6 far
    assert score_consensus([50, 50, 50, 90, 50, 50], 25).split is False  # 1 of 6


def test_consensus_reports_median_and_interquartile_range() -> None:
    consensus = score_consensus([0, 25, 50, 75, 100], 25)
    assert consensus.median == 50
    assert consensus.iqr == 50


# ------------------------------------------------------------------ properties

answer = st.one_of(st.none(), st.sampled_from([1, 2, 3, 4, 5]))
answers = st.fixed_dictionaries(
    {"a": answer, "b": answer, "c": answer, "d": st.one_of(st.none(), st.sampled_from([0, 10]))}
)
respondent = st.tuples(st.sampled_from(["A", "B", "C", " ", None]), answers)
partnership = st.lists(respondent, min_size=1, max_size=12)


def _scored(
    bank: Questionnaire, people: list[tuple[str | None, dict[str, float | None]]]
) -> list[float | None]:
    scores = score_all(bank, [response(org, a, f"{i}.json") for i, (org, a) in enumerate(people)])
    out = [scores.partnership.overall]
    out += [r.score for r in scores.partnership.principles.values()]
    for org in scores.organisations.values():
        out += [org.overall, *org.principles.values()]
    return out


def _close(x: list[float | None], y: list[float | None]) -> bool:
    return all(
        (a is None and b is None) or (a is not None and b is not None and abs(a - b) < 1e-9)
        for a, b in zip(x, y, strict=True)
    )


@settings(max_examples=150, deadline=None)
@given(people=partnership)
def test_scores_are_always_between_0_and_100_or_null(bank: Questionnaire, people: list) -> None:  # type: ignore[type-arg]
    for value in _scored(bank, people):
        assert value is None or 0 <= value <= 100


@settings(max_examples=150, deadline=None)
@given(people=partnership, data=st.data())
def test_permuting_respondents_changes_nothing(
    bank: Questionnaire, people: list, data: st.DataObject
) -> None:  # type: ignore[type-arg]
    shuffled = data.draw(st.permutations(people))
    assert _close(_scored(bank, people), _scored(bank, list(shuffled)))


@settings(max_examples=150, deadline=None)
@given(people=partnership, org=st.sampled_from(["A", "B", "C"]))
def test_duplicating_every_respondent_of_an_organisation_changes_nothing(
    bank: Questionnaire, people: list, org: str
) -> None:  # type: ignore[type-arg]
    doubled = people + [p for p in people if p[0] == org]
    assert _close(_scored(bank, people), _scored(bank, doubled))


def test_csv_and_table_give_figures_on_the_scale_for_a_bank_shown_on_its_scale() -> None:
    """`display: scale` changes what every format writes, not only the JSON: the CSV's figures
    are the JSON's, and the table says the unit once and has no Overall row when the bank has
    none (tests/data/twenty-factors: 1-5 scale, no overall)."""
    folder = Path(__file__).parent / "data" / "twenty-factors"
    args = ["score", "--questionnaire", str(folder / "bank.yaml"), str(folder / "responses")]
    runner = CliRunner()
    json_out = json.loads(runner.invoke(cli, [*args, "--format", "json"]).stdout)
    csv_out = runner.invoke(cli, [*args, "--format", "csv"]).stdout.splitlines()
    header, first = csv_out[0].split(","), csv_out[1].split(",")
    figure = json_out["respondents"][0]["principles"]["factor-01"]
    assert float(first[header.index("factor-01")]) == pytest.approx(figure, abs=1e-12)
    assert 1 <= figure <= 5
    table = runner.invoke(cli, args).stdout
    assert "Figures are means on the 1-5 scale." in table
    assert "\nOverall" not in table


def test_the_score_table_numbers_principles_and_names_them_whole(tmp_path: Path) -> None:
    """Organisations' columns are P1, P2 ... keyed by the numbered principle table above them,
    long titles wrap instead of being cut, and one of anything is singular."""
    examples = Path(__file__).parent.parent / "examples" / "responses"
    result = CliRunner().invoke(cli, ["score", str(examples)])
    assert result.exit_code == 0, result.output
    table = result.stdout.splitlines()
    assert table[0].endswith(": 26 respondents, 7 organisations")
    assert table[3].startswith("P1  Shared understanding and a common agenda ")
    header = next(line for line in table if line.startswith("Organisation"))
    assert header.split()[2:] == ["P1", "P2", "P3", "P4", "P5", "Overall"]
    one = sorted(examples.glob("*.json"))[0]
    single = CliRunner().invoke(cli, ["score", str(one)]).stdout.splitlines()[0]
    assert single.endswith(": 1 respondent, 1 organisation")
    bank = resolve_bank("collaboration-maturity").questionnaire  # in English, one language
    data = bank.model_dump(mode="json", exclude_unset=True, exclude={"languages", "translations"})
    long = "Shared understanding of a problem that no partner could ever solve alone"
    data["principles"][0]["title"] = long
    bank_file = tmp_path / "long.yaml"
    bank_file.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    wrapped = CliRunner().invoke(cli, ["score", str(examples), "--questionnaire", str(bank_file)])
    assert wrapped.stdout.splitlines()[3:5] == [
        "P1  Shared understanding of a problem that no   " + table[3][48:],
        "    partner could ever solve alone",
    ]
