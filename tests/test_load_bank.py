"""A question bank is valid, or every mistake is reported with its file, line and place."""

from __future__ import annotations

from pathlib import Path

import pytest

from selfassess.core.errors import SelfassessError
from selfassess.inputs.banks import (
    bundled_bank_files,
    bundled_banks,
    load_questionnaire,
    parse_questionnaire,
)


def problems_of(text: str) -> list[str]:
    with pytest.raises(SelfassessError) as caught:
        parse_questionnaire(text, "bank.yaml")
    return [str(p) for p in caught.value.problems]


def test_starter_bank_is_valid(starter_text: str) -> None:
    bank = parse_questionnaire(starter_text, "bank.yaml")
    assert bank.id == "starter"
    assert bank.question_count == 4
    assert bank.principles[0].questions[1].reverse is True


def test_bundled_banks_are_valid_and_cover_the_five_principles() -> None:
    banks = {b.questionnaire.id: b.questionnaire for b in bundled_banks()}
    assert set(banks) == {"collaboration-maturity", "collaboration-pulse"}
    principle_ids = ["common-agenda", "shared-measures", "communication", "parity", "reciprocity"]
    for bank in banks.values():
        assert [p.id for p in bank.principles] == principle_ids
    maturity = banks["collaboration-maturity"]
    for principle in maturity.principles:
        assert 7 <= len(maturity.scored_questions(principle)) <= 10
        assert any(q.reverse for q in principle.questions)
        assert set(principle.advice) == {level.id for level in maturity.levels}
    assert banks["collaboration-pulse"].question_count == 10


# (what to change in the starter bank, expected line, expected fragment of the message)
BROKEN = [
    pytest.param(
        ("    questions:\n", "    questons:\n"),
        33,
        "unknown key 'questons'; did you mean 'questions'?",
        id="typo-key",
    ),
    pytest.param(("id: co-1", "id: ca-1"), 49, "duplicate id 'ca-1'", id="duplicate-question-id"),
    pytest.param(
        ("- id: communication", "- id: ca-2"),
        45,
        "duplicate id 'ca-2'",
        id="principle-id-clashes-with-question",
    ),
    pytest.param(
        ("      emerging: Agree", "      emergin: Agree"),
        56,
        "advice key 'emergin' is not a level id",
        id="advice-key-not-a-level",
    ),
    pytest.param(
        ("weight: 2", "weight: 0"), 54, "greater than or equal to 0.001", id="zero-weight"
    ),
    pytest.param(
        ("weight: 2", "weight: -1"), 54, "greater than or equal to 0.001", id="negative-weight"
    ),
    pytest.param(
        ("weight: 2", "weight: 1.0e+308"), 54, "less than or equal to 1000000", id="huge-weight"
    ),
    pytest.param(("weight: 2", "weight: .inf"), 54, "finite number", id="infinite-weight"),
    pytest.param(
        ("weight: 2", "weight: 1.0e-320"),
        54,
        "greater than or equal to 0.001",
        id="subnormal-weight",
    ),
    pytest.param(
        ("{value: 5, label: Fully}", "{value: .inf, label: Fully}"),
        17,
        "a scale value must be a finite number, found inf",
        id="infinite-scale-value",
    ),
    pytest.param(
        ("{value: 5, label: Fully}", "{value: .nan, label: Fully}"),
        17,
        "a scale value must be a finite number, found nan",
        id="nan-scale-value",
    ),
    pytest.param(
        ("{value: 5, label: Fully}", "{value: 1.0e+308, label: Fully}"),
        17,
        "a scale value must lie between -1,000,000 and 1,000,000, found 1e+308",
        id="huge-scale-value",
    ),
    pytest.param(
        ("{value: 1, label: Not yet}", "{value: -" + "9" * 400 + ", label: Not yet}"),
        13,
        "found a 400-digit number",
        id="huge-integer-scale-value",
    ),
    pytest.param(
        ("title: My partnership self-assessment", 'title: "Bad \\ud800 title"'),
        5,
        "text holds a lone UTF-16 surrogate (\\ud800-\\udfff escape) (at title)",
        id="lone-surrogate-in-text",
    ),
    pytest.param(
        (
            "text: Partners describe the problem we are tackling in the same way.",
            'text: "Partners describe \\udfff the problem"',
        ),
        35,
        "lone UTF-16 surrogate (\\ud800-\\udfff escape) (at principles[0].questions[0].text)",
        id="lone-surrogate-in-a-question",
    ),
    pytest.param(
        ("estimated_minutes: 5", "estimated_minutes: " + "9" * 5000),
        None,
        "malformed YAML: a number too long to read",
        id="integer-beyond-python-digit-limit",
    ),
    pytest.param(
        ("text: Partners describe the problem we are tackling in the same way.", 'text: " "'),
        35,
        "must not be empty",
        id="blank-text",
    ),
    pytest.param(
        ("min: 60", "min: 30"),
        23,
        "levels must ascend: levels[2].min 30 is not above levels[1].min 40 (at levels[2].min)",
        id="levels-not-ascending-point-at-the-offending-min",
    ),
    pytest.param(
        ("id: embedded", "id: developing"),
        24,
        "level ids must be unique: 'developing' is also levels[1] (at levels[3].id)",
        id="duplicate-level-id-at-the-second",
    ),
    pytest.param(
        ("label: Emerging, min: 0", "label: Emerging, min: 10"),
        21,
        "first level's min must be 0, not 10 (at levels[0].min)",
        id="first-level-not-zero",
    ),
    pytest.param(("min: 80", "min: 120"), 24, "less than or equal to 100", id="level-above-100"),
    pytest.param(("levels:\n", "levels: []\nold_levels:\n"), 20, "at least 1 item", id="no-levels"),
    pytest.param(
        ("min_answered: 0.5", "min_answered: 0"), 26, "greater than 0", id="min-answered-zero"
    ),
    pytest.param(
        ("min_answered: 0.5", "min_answered: 1.5"),
        26,
        "less than or equal to 1",
        id="min-answered-above-one",
    ),
    pytest.param(
        ("{value: 2, label: Starting}", "{value: 1, label: Starting}"),
        14,
        "scale values must be distinct: 1 is also scale[0] (at scale[1].value)",
        id="duplicate-scale-value-at-the-second",
    ),
    pytest.param(
        ("{value: 4, label: Mostly}", "{value: 4, label: not yet}"),
        16,
        "scale labels must be distinct (CSV cells are matched by label): 'not yet' is also "
        "scale[0] (at scale[3].label)",
        id="duplicate-scale-label-at-the-second",
    ),
    pytest.param(
        ("{value: 4, label: Mostly}", "{value: null, label: Mostly}"),
        18,
        "at most one unscored (null) option (scale[3] is one already) (at scale[5].value)",
        id="second-null-option",
    ),
    pytest.param(("id: ca-1", "id: name"), 34, "reserved", id="reserved-question-id"),
    pytest.param(('version: "0.1"', 'version: ""'), 4, "must not be empty", id="empty-version"),
    pytest.param(("id: starter", "id: Starter Bank"), 3, "not a valid id", id="bad-bank-id"),
]


@pytest.mark.parametrize(("change", "line", "fragment"), BROKEN)
def test_each_broken_rule_is_reported_with_its_line(
    starter_text: str, change: tuple[str, str], line: int | None, fragment: str
) -> None:
    old, new = change
    assert old in starter_text
    problems = problems_of(starter_text.replace(old, new, 1))
    matching = [p for p in problems if fragment in p]
    assert matching, problems
    assert matching[0].startswith(f"bank.yaml:{line}: " if line else "bank.yaml: ")


def test_scale_with_one_numeric_value_is_refused(starter_text: str) -> None:
    lines = [
        line
        for line in starter_text.splitlines()
        if not any(f"value: {v}," in line for v in (2, 3, 4, 5))
    ]
    problems = problems_of("\n".join(lines))
    assert any("at least two distinct numeric values" in p and "(at scale)" in p for p in problems)


def test_problem_names_the_path_inside_the_document(starter_text: str) -> None:
    problems = problems_of(starter_text.replace("weight: 2", "weight: 0"))
    assert problems[0].endswith("(at principles[1].questions[1].weight)")


def test_every_problem_is_reported_not_only_the_first(starter_text: str) -> None:
    text = starter_text.replace("weight: 2", "weight: 0").replace("min: 60", "min: 30")
    assert len(problems_of(text)) == 2


@pytest.mark.parametrize(
    ("content", "fragment"),
    [
        pytest.param(b"", "is empty", id="empty"),
        pytest.param(b"   \n\n", "is empty", id="blank"),
        pytest.param(b"\x00\x01\x02", "binary file", id="binary"),
        pytest.param(b"\xff\xfeid: x", "not UTF-8", id="not-utf8"),
        pytest.param("id: x\n".encode("utf-16"), "is UTF-16 text", id="utf-16"),
        pytest.param(b"id: [", "malformed YAML", id="malformed"),
        pytest.param(b"- a\n- b\n", "found a list", id="list-not-mapping"),
        pytest.param(b"just text", "found text", id="scalar"),
        pytest.param(b"principles: 3\n", "missing required key", id="wrong-types"),
    ],
)
def test_unreadable_files_get_one_located_error(
    tmp_path: Path, content: bytes, fragment: str
) -> None:
    path = tmp_path / "bad.yaml"
    path.write_bytes(content)
    with pytest.raises(SelfassessError) as caught:
        load_questionnaire(path)
    assert fragment in str(caught.value)
    assert str(caught.value).startswith(str(path))


def test_missing_file_is_named(tmp_path: Path) -> None:
    with pytest.raises(SelfassessError, match="no such file"):
        load_questionnaire(tmp_path / "nope.yaml")


# ---------------------------------------------------------------- LibYAML and the pure parser


@pytest.mark.parametrize("bank", bundled_bank_files(), ids=lambda p: p.name)
def test_libyaml_and_the_pure_parser_give_the_same_data_and_lines(
    bank: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import selfassess.inputs.yaml_text as yaml_input

    text = bank.read_text(encoding="utf-8")
    assert yaml_input._compose_fast(text) is not None  # LibYAML takes valid banks
    fast_data, fast_lines = yaml_input.parse_yaml(text, str(bank))
    monkeypatch.setattr(yaml_input, "_FAST_LOADER", None)
    assert yaml_input._compose_fast(text) is None
    data, lines = yaml_input.parse_yaml(text, str(bank))
    assert fast_data == data
    assert (fast_lines.lines, fast_lines.key_lines) == (lines.lines, lines.key_lines)


@pytest.mark.parametrize(
    "text",
    ["id: [unclosed\n", "id: a\n\tbad: tab\n", "a: 1\n---\nb: 2\n", "x: \x07\n", "&a [*a]\n"],
)
def test_what_libyaml_refuses_is_reported_by_the_pure_parser(text: str) -> None:
    import selfassess.inputs.yaml_text as yaml_input

    assert yaml_input._compose_fast(text) is None or text.startswith("&a")
    with pytest.raises(SelfassessError, match=r"^bank\.yaml(:\d+)?: "):
        yaml_input.parse_yaml(text, "bank.yaml")


def _outcome(text: str) -> object:
    """What parse_questionnaire makes of a bank: the model, or every line it says."""
    try:
        return parse_questionnaire(text, "bank.yaml")
    except SelfassessError as exc:
        return [str(p) for p in exc.problems]


QUESTION_BANK = (
    "id: q\nversion: '1'\ntitle: Q\nscale: [{{value: 1, label: 'No'}}, {{value: 2, label: 'Yes'}}]\n"
    "levels: [{{id: a, label: A, min: 0}}]\nprinciples:\n  - id: p\n    title: P\n    questions:\n"
    "      - {question}\n"
)
ONE_GRAMMAR_CASES = {
    "question-mark-in-flow-text": "{id: a1, text: Do partners tell each other about changes?, weight: 1}",
    "question-mark-mid-text": "{id: a1, text: Is it? Yes it is, weight: 1}",
    "address-in-flow-text": "{id: a1, text: See http://example.org/?q=1, weight: 1}",
    "comma-in-flow-text": "{id: a1, text: Partners, then others, agree, weight: 1}",
    "quoted-question": '{id: a1, text: "Do partners tell each other about changes?", weight: 1}',
    "block-question": "id: a1\n        text: Do partners tell each other about changes?",
}


@pytest.mark.parametrize(
    "text",
    [
        *[pytest.param(p.read_text(encoding="utf-8"), id=p.name) for p in bundled_bank_files()],
        *[
            pytest.param(QUESTION_BANK.format(question=q), id=name)
            for name, q in ONE_GRAMMAR_CASES.items()
        ],
    ],
)
def test_a_bank_gets_the_same_answer_with_or_without_libyaml(
    text: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    import selfassess.inputs.yaml_text as yaml_input

    assert yaml_input._FAST_LOADER is not None, "this machine's PyYAML has LibYAML"
    with_libyaml = _outcome(text)
    monkeypatch.setattr(yaml_input, "_FAST_LOADER", None)
    assert _outcome(text) == with_libyaml


@pytest.mark.parametrize(
    ("case", "fragment"),
    [
        (
            "question-mark-in-flow-text",
            "bank.yaml:10: malformed YAML: expected ',' or '}', but got '?'; inside {...} or "
            "[...], text with a comma or a ? must be in quotes",
        ),
        (
            "comma-in-flow-text",
            "bank.yaml:10: unknown key 'then others' (allowed: id, type, text, help, weight, reverse, "
            "scale, options, breakdown, ask_if); if it is part of a text, a comma inside {...} ended that text: put the text "
            "in quotes",
        ),
    ],
)
def test_a_comma_or_question_mark_in_unquoted_flow_text_gets_a_hint_to_quote_it(
    case: str, fragment: str
) -> None:
    problems = _outcome(QUESTION_BANK.format(question=ONE_GRAMMAR_CASES[case]))
    assert isinstance(problems, list) and problems[0].startswith(fragment), problems


# ---------------------------------------------------------------- a key twice


BANK_WITH = (
    "id: q\nversion: '1'\ntitle: Q\n{extra}scale: [{{value: 1, label: 'No'}}, {{value: 2, label: "
    "'Yes'}}]\nlevels: [{{id: a, label: A, min: 0}}]\nprinciples:\n  - id: p\n    title: P\n"
    "    questions:\n      - {question}\n"
)
DUPLICATE_KEYS = {
    "a top-level key": (
        BANK_WITH.format(extra="title: R\n", question="{id: a1, text: T}"),
        "bank.yaml:4: the key 'title' appears twice in one mapping (first at line 3); "
        "YAML would keep only the last",
    ),
    "a key of a question": (
        BANK_WITH.format(extra="", question="id: a1\n        text: T\n        text: U"),
        "bank.yaml:12: the key 'text' appears twice in one mapping (first at line 11); "
        "YAML would keep only the last",
    ),
    "a key in a flow mapping": (
        BANK_WITH.format(extra="", question="{id: a1, text: T, id: a2}"),
        "bank.yaml:10: the key 'id' appears twice in one mapping (first at line 10); "
        "YAML would keep only the last",
    ),
}


@pytest.mark.parametrize("libyaml", [True, False], ids=["libyaml", "pure"])
@pytest.mark.parametrize("case", list(DUPLICATE_KEYS))
def test_a_key_given_twice_is_refused_at_its_second_line_by_either_parser(
    case: str, libyaml: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Like JSON answer files: the last value silently winning hides an edit that did nothing."""
    import selfassess.inputs.yaml_text as yaml_input

    if not libyaml:
        monkeypatch.setattr(yaml_input, "_FAST_LOADER", None)
    text, message = DUPLICATE_KEYS[case]
    with pytest.raises(SelfassessError) as caught:
        parse_questionnaire(text, "bank.yaml")
    assert [str(p) for p in caught.value.problems] == [message]


def test_a_merge_key_may_still_be_overridden_by_the_mapping_it_merges_into() -> None:
    """`<<: *defaults` then `weight: 2` is YAML's way of overriding, not a key given twice."""
    text = BANK_WITH.format(extra="", question="{<<: {id: a0, text: T}, id: a1}")
    bank = parse_questionnaire(text, "bank.yaml")
    assert bank.principles[0].questions[0].id == "a1"
