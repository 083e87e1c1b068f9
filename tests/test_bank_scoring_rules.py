"""The rules `validate` enforces on how a bank is scored and shown (issue #16): `display: scale`
and the scales, levels and thresholds in the displayed unit, groups, principles' own levels
and advice, unscored principles, the `scoring:` keys. Each broken rule is one line naming the
file, the line and the path, through `selfassess validate` and through `load_questionnaire`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from pydantic import BaseModel

from selfassess.cli import cli
from selfassess.core.errors import SelfassessError
from selfassess.core.model import Group, Principle, Questionnaire, Scoring
from selfassess.inputs.banks import load_questionnaire

# Line numbers in the expectations below count from the first line of BANK (line 1: `id:`).
BANK = """\
id: rules
version: "1.0"
title: Rules
scoring: {aggregate: respondents, display: scale, overall: false, weakest_link: false}
scale:
  - {value: 1, label: "Not yet"}
  - {value: 3, label: "Partly"}
  - {value: 5, label: "Fully"}
  - {value: null, label: "Don't know"}
levels:
  - {id: concern, label: Concern, min: 1}
  - {id: borderline, label: Borderline, min: 3}
  - {id: strength, label: Strength, min: 4}
divergence_threshold: 1
consensus: 0.5
groups:
  - {id: people, title: People}
  - {id: process, title: Process}
principles:
  - id: trust
    title: Trust
    group: people
    questions:
      - {id: q1, text: One}
      - {id: q2, text: Two}
    advice: {concern: Talk first., borderline: Agree one step.}
  - id: roles
    title: Roles
    group: process
    levels:
      - {id: unclear, label: Unclear, min: 1}
      - {id: clear, label: Clear, min: 3.5}
    questions:
      - {id: q3, text: Three}
    advice: {unclear: Write them down.}
  - id: context
    title: Context
    group: process
    scored: false
    questions:
      - {id: q4, text: Four}
"""


def validate(tmp_path: Path, text: str) -> tuple[int, list[str]]:
    """`selfassess validate` on the text as bank.yaml: its exit code and its error lines."""
    path = tmp_path / "bank.yaml"
    path.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(cli, ["validate", str(path)])
    assert "Traceback" not in result.output + result.stderr
    prefix = f"{path}:"
    lines = result.stderr.strip().splitlines()
    assert all(line.startswith(prefix) for line in lines), lines
    return result.exit_code, [line.removeprefix(prefix) for line in lines]


def loaded_problems(tmp_path: Path, text: str) -> list[str]:
    """The problems `load_questionnaire` raises for the text, each as line: message (at path)."""
    path = tmp_path / "loaded.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(SelfassessError) as caught:
        load_questionnaire(path)
    return [str(p).removeprefix(f"{path}:") for p in caught.value.problems]


def changed(old: str, new: str, text: str = BANK) -> str:
    assert text.count(old) == 1, old
    return text.replace(old, new)


def test_the_example_bank_of_these_rules_is_valid(tmp_path: Path) -> None:
    code, lines = validate(tmp_path, BANK)
    assert (code, lines) == (0, [])
    bank = load_questionnaire(tmp_path / "bank.yaml")
    assert [p.id for p in bank.scored_principles()] == ["trust", "roles"]
    assert (bank.display.lo, bank.display.hi) == (1.0, 5.0)


# Each case breaks one rule of the Validation paragraph; the lines the CLI prints.
BROKEN = {
    "display scale names the first question whose scale does not span the bank's": (
        changed(
            "      - {id: q3, text: Three}\n",
            "      - id: q3\n        text: Three\n"
            '        scale: [{value: 0, label: "No"}, {value: 1, label: "Yes"}]\n',
        ),
        [
            "36: display: scale shows figures on the bank's 1-5 scale, but question 'q3' is "
            "answered on 0-1; give it a scale from 1 to 5 or use display: percent "
            "(at principles[1].questions[0].scale)"
        ],
    ),
    "a question whose scale stops short of the bank's highest value is named": (
        changed(
            "      - {id: q2, text: Two}\n",
            "      - id: q2\n        text: Two\n"
            "        scale: [{value: 1, label: Low}, {value: 4, label: High}]\n",
        ),
        [
            "27: display: scale shows figures on the bank's 1-5 scale, but question 'q2' is "
            "answered on 1-4; give it a scale from 1 to 5 or use display: percent "
            "(at principles[0].questions[1].scale)"
        ],
    ),
    "display scale names only the first of several questions off the bank's scale": (
        changed(
            "      - {id: q2, text: Two}\n",
            "      - id: q2\n        text: Two\n"
            "        scale: [{value: 2, label: Low}, {value: 5, label: High}]\n",
        ).replace(
            "      - {id: q3, text: Three}\n",
            "      - id: q3\n        text: Three\n"
            '        scale: [{value: 0, label: "No"}, {value: 1, label: "Yes"}]\n',
        ),
        [
            "27: display: scale shows figures on the bank's 1-5 scale, but question 'q2' is "
            "answered on 2-5; give it a scale from 1 to 5 or use display: percent "
            "(at principles[0].questions[1].scale)"
        ],
    ),
    "on the scale the first level's min is the scale's lowest value": (
        changed("label: Concern, min: 1}", "label: Concern, min: 0}"),
        ["11: the first level's min must be 1, not 0 (at levels[0].min)"],
    ),
    "on the scale a level's min lies within the scale, not on 0-100": (
        changed("label: Strength, min: 4}", "label: Strength, min: 80}"),
        [
            "13: a level's min must lie within the 1-5 scale (display: scale): greater than or "
            "equal to 1 and less than or equal to 5, not 80 (at levels[2].min)"
        ],
    ),
    "a principle's own levels follow the same rules on the scale": (
        changed("label: Clear, min: 3.5}", "label: Clear, min: 6}"),
        [
            "32: a level's min must lie within the 1-5 scale (display: scale): greater than or "
            "equal to 1 and less than or equal to 5, not 6 (at principles[1].levels[1].min)"
        ],
    ),
    "a principle's own first level starts at the scale's lowest value": (
        changed("label: Unclear, min: 1}", "label: Unclear, min: 2}"),
        ["31: the first level's min must be 1, not 2 (at principles[1].levels[0].min)"],
    ),
    "divergence_threshold is in scale units: 25 is more than the 1-5 range": (
        changed("divergence_threshold: 1\n", "divergence_threshold: 25\n"),
        [
            "14: divergence_threshold 25 is more than the whole range of the 1-5 scale "
            "(display: scale) (4) (at divergence_threshold)"
        ],
    ),
    "consensus is in scale units: 10 is more than the 1-5 range": (
        changed("consensus: 0.5\n", "consensus: 10\n"),
        [
            "15: consensus 10 is more than the whole range of the 1-5 scale "
            "(display: scale) (4) (at consensus)"
        ],
    ),
    "group names an existing group, with the bank's groups listed": (
        changed("    group: people\n", "    group: pepole\n"),
        [
            "22: group 'pepole' is not a group of this bank (groups: people, process) "
            "(at principles[0].group)",
            "17: group 'people' holds no principle; name it in one (at groups[0].id)",
        ],
    ),
    "every principle names a group when the bank has groups": (
        changed("    title: Trust\n    group: people\n", "    title: Trust\n"),
        [
            "20: principle 'trust' needs a group: when the bank has groups, every principle "
            "names one (people, process) (at principles[0].group)",
            "17: group 'people' holds no principle; name it in one (at groups[0].id)",
        ],
    ),
    "a principle naming a group in a bank without groups is refused": (
        changed("groups:\n  - {id: people, title: People}\n  - {id: process, title: Process}\n", "")
        .replace("    group: people\n", "")
        .replace("    group: process\n    levels", "    levels")
        .replace("    group: process\n", "    group: process\n", 1),
        [
            "33: group 'process' is not a group of this bank (the bank has no groups) "
            "(at principles[2].group)"
        ],
    ),
    "every group holds at least one principle": (
        changed(
            "  - {id: process, title: Process}\n",
            "  - {id: process, title: Process}\n  - {id: purpose, title: Purpose}\n",
        ),
        ["19: group 'purpose' holds no principle; name it in one (at groups[2].id)"],
    ),
    "group ids are unique": (
        changed("{id: process, title: Process}", "{id: people, title: Process}"),
        [
            "18: group ids must be unique: 'people' is also groups[0] (at groups[1].id)",
            "29: group 'process' is not a group of this bank (groups: people, people) "
            "(at principles[1].group)",
            "38: group 'process' is not a group of this bank (groups: people, people) "
            "(at principles[2].group)",
        ],
    ),
    "advice of a principle with its own levels is keyed by those levels": (
        changed("advice: {unclear: Write them down.}", "advice: {concern: Write them down.}"),
        [
            "35: advice key 'concern' is not a level id (its own levels: unclear, clear) "
            "(at principles[1].advice.concern)"
        ],
    ),
    "advice of a principle without own levels is keyed by the bank's levels": (
        changed("advice: {concern: Talk first.", "advice: {unclear: Talk first."),
        [
            "26: advice key 'unclear' is not a level id (levels: concern, borderline, strength) "
            "(at principles[0].advice.unclear)"
        ],
    ),
    "at least one principle is scored": (
        changed("    group: people\n", "    group: people\n    scored: false\n").replace(
            "    group: process\n    levels", "    group: process\n    scored: false\n    levels"
        ),
        ["19: at least one principle must be scored (all say scored: false) (at principles)"],
    ),
    "an unknown key under scoring suggests the near miss": (
        changed("overall: false, weakest_link", "overal: false, weakest_link"),
        ["4: unknown key 'overal'; did you mean 'overall'? (at scoring.overal)"],
    ),
    "an unknown key under scoring without a near miss lists the allowed keys": (
        changed("weakest_link: false}", "weakest_link: false, total: none}"),
        [
            "4: unknown key 'total' (allowed: aggregate, display, overall, weakest_link) "
            "(at scoring.total)"
        ],
    ),
    "a misspelt key of a principle (levles) suggests levels": (
        changed("    levels:\n      - {id: unclear", "    levles:\n      - {id: unclear"),
        ["30: unknown key 'levles'; did you mean 'levels'? (at principles[1].levles)"],
    ),
    "a misspelt top-level groups key suggests groups": (
        changed("groups:\n", "group:\n"),
        [
            "16: unknown key 'group'; did you mean 'groups'? (at group)",
        ],
    ),
}


@pytest.mark.parametrize("case", list(BROKEN))
def test_validate_reports_each_broken_rule_at_its_line_and_path(tmp_path: Path, case: str) -> None:
    text, expected = BROKEN[case]
    code, lines = validate(tmp_path, text)
    assert code == 1
    assert lines == expected


@pytest.mark.parametrize("case", list(BROKEN))
def test_load_questionnaire_raises_the_same_located_problems(tmp_path: Path, case: str) -> None:
    text, expected = BROKEN[case]
    assert loaded_problems(tmp_path, text) == expected


HOSTILE = {
    "scoring as a list": (
        ("scoring: {aggregate", "scoring: [aggregate"),
        ("weakest_link: false}\n", "weakest_link: false]\n"),
        ["4: expected a mapping (key: value), found a list (at scoring)"],
    ),
    "scoring as null": (
        (
            "scoring: {aggregate: respondents, display: scale, overall: false, "
            "weakest_link: false}\n",
            "scoring:\n",
        ),
        None,
        ["4: expected a mapping (key: value), found nothing (null) (at scoring)"],
    ),
    "display in capitals": (
        ("display: scale", "display: Scale"),
        None,
        ["4: must be 'percent' or 'scale', found 'Scale' (at scoring.display)"],
    ),
    "aggregate as a number": (
        ("aggregate: respondents", "aggregate: 5"),
        None,
        ["4: must be 'organisations' or 'respondents', found 5 (at scoring.aggregate)"],
    ),
    "overall neither true nor false": (
        ("overall: false", "overall: maybe"),
        None,
        [
            "4: must be a valid boolean, unable to interpret input, found 'maybe' "
            "(at scoring.overall)"
        ],
    ),
    "scored neither true nor false": (
        ("    scored: false\n", "    scored: perhaps\n"),
        None,
        [
            "39: must be a valid boolean, unable to interpret input, found 'perhaps' "
            "(at principles[2].scored)"
        ],
    ),
    "a group id written as __proto__": (
        ("{id: people, title: People}", "{id: __proto__, title: People}"),
        None,
        [
            "17: '__proto__' is not a valid id (expected to match ^[A-Za-z0-9][A-Za-z0-9_.-]*$) "
            "(at groups[0].id)"
        ],
    ),
    "groups as a mapping": (
        (
            "groups:\n  - {id: people, title: People}\n  - {id: process, title: Process}\n",
            "groups: {people: People}\n",
        ),
        None,
        ["16: expected a list, found a mapping (at groups)"],
    ),
    "an empty list of a principle's own levels": (
        ("    levels:\n      - {id: unclear, label: Unclear, min: 1}\n", "    levels: []\n"),
        ("      - {id: clear, label: Clear, min: 3.5}\n", ""),
        ["30: list should have at least 1 item after validation, not 0 (at principles[1].levels)"],
    ),
    "a threshold that is not a number": (
        ("consensus: 0.5\n", "consensus: .nan\n"),
        None,
        ["15: must be a finite number, found nan (at consensus)"],
    ),
    "a negative divergence threshold": (
        ("divergence_threshold: 1\n", "divergence_threshold: -1\n"),
        None,
        ["14: must be greater than or equal to 0, found -1 (at divergence_threshold)"],
    ),
    "an infinite level min": (
        ("label: Strength, min: 4}", "label: Strength, min: .inf}"),
        None,
        ["13: must be a finite number, found inf (at levels[2].min)"],
    ),
    "an unknown key in a group": (
        ("{id: people, title: People}", "{id: people, title: People, colour: red}"),
        None,
        ["17: unknown key 'colour' (allowed: id, title, summary) (at groups[0].colour)"],
    ),
}


@pytest.mark.parametrize("case", list(HOSTILE))
def test_hostile_values_are_one_located_line_never_a_traceback(tmp_path: Path, case: str) -> None:
    first, second, expected = HOSTILE[case]
    text = changed(*first)
    if second is not None:
        text = changed(*second, text=text)
    code, lines = validate(tmp_path, text)
    assert (code, lines) == (1, expected)


def test_hostile_but_valid_ids_name_groups_like_any_other(tmp_path: Path) -> None:
    text = BANK
    for old, new in (("people", "constructor"), ("process", "toString")):
        text = text.replace(f"id: {old},", f"id: {new},").replace(
            f"group: {old}\n", f"group: {new}\n"
        )
    code, lines = validate(tmp_path, text)
    assert (code, lines) == (0, [])
    bank = load_questionnaire(tmp_path / "bank.yaml")
    assert [g.id for g in bank.groups] == ["constructor", "toString"]
    assert [p.id for p in bank.principles_of(bank.groups[1])] == ["roles", "context"]


def test_percent_display_keeps_levels_and_thresholds_on_0_to_100(tmp_path: Path) -> None:
    text = changed("display: scale", "display: percent")
    code, lines = validate(tmp_path, text)
    assert code == 1
    assert lines[0] == "11: the first level's min must be 0, not 1 (at levels[0].min)"
    percent = (
        text.replace("min: 1}", "min: 0}")
        .replace("min: 3}", "min: 50}")
        .replace("min: 4}", "min: 75}")
        .replace("min: 3.5}", "min: 60}")
    )
    assert validate(tmp_path, percent) == (0, [])
    assert validate(tmp_path, changed("consensus: 0.5\n", "consensus: 101\n", percent)) == (
        1,
        ["15: consensus 101 is more than the whole range of the 0-100 score (100) (at consensus)"],
    )


def test_percent_display_accepts_questions_on_other_scales(tmp_path: Path) -> None:
    """Only `display: scale` needs one scale: PSAT's sections on different scales use percent."""
    percent = (
        changed("display: scale", "display: percent")
        .replace("min: 1}", "min: 0}")
        .replace("min: 3}", "min: 50}")
        .replace("min: 4}", "min: 75}")
        .replace("min: 3.5}", "min: 60}")
        .replace("divergence_threshold: 1\n", "")
        .replace("consensus: 0.5\n", "")
    )
    other = changed(
        "      - {id: q3, text: Three}\n",
        "      - id: q3\n        text: Three\n"
        '        scale: [{value: 0, label: "No"}, {value: 1, label: "Yes"}]\n',
        percent,
    )
    assert validate(tmp_path, other) == (0, [])


def test_scale_display_leaves_unscored_principles_on_their_own_scale(tmp_path: Path) -> None:
    """An unscored principle is reported as counts of each answer, never on the bank's scale,
    so a yes/no section may sit beside 1-5 ones under `display: scale`."""
    yes_no = changed(
        "      - {id: q4, text: Four}\n",
        "      - id: q4\n        text: Four\n"
        '        scale: [{value: 0, label: "No"}, {value: 1, label: "Yes"}]\n',
    )
    assert validate(tmp_path, yes_no) == (0, [])


def test_the_schema_describes_the_scoring_keys_groups_and_principle_settings() -> None:
    result = CliRunner().invoke(cli, ["schema"])
    schema = json.loads(result.stdout)
    assert {"scoring", "groups"} <= set(schema["properties"])
    definitions = schema["$defs"]
    assert set(definitions["Scoring"]["properties"]) == {
        "aggregate",
        "display",
        "overall",
        "weakest_link",
    }
    assert definitions["Scoring"]["properties"]["display"]["enum"] == ["percent", "scale"]
    assert definitions["Scoring"]["additionalProperties"] is False
    assert set(definitions["Group"]["required"]) == {"id", "title"}
    assert {"group", "scored", "levels"} <= set(definitions["Principle"]["properties"])


@pytest.mark.parametrize("model", [Questionnaire, Principle, Scoring, Group])
def test_the_bank_format_reference_names_every_key(model: type[BaseModel]) -> None:
    """docs/authoring.md's tables cannot fall behind the model."""
    reference = (Path(__file__).parent.parent / "docs" / "authoring.md").read_text("utf-8")
    for key in model.model_fields:
        assert f"`{key}`" in reference or f"`{key}." in reference, key
