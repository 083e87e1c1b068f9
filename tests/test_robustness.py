"""Whatever bytes or structures users feed the loaders, only our own error comes out."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from selfassess.cli import cli
from selfassess.core.errors import SelfassessError
from selfassess.core.model import Questionnaire
from selfassess.inputs.banks import parse_questionnaire, resolve_bank
from selfassess.inputs.responses import load_responses
from selfassess.pages.starter_bank import STARTER_BANK
from selfassess.pages.themes import load_theme

STARTER = STARTER_BANK.format(bank_id="starter", filename="starter.yaml")
FUZZ = settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**6), 10**6),
    st.floats(allow_nan=True),
    st.text(max_size=20),
)
json_like = st.recursive(
    scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=4), st.dictionaries(st.text(max_size=12), children, max_size=4)
    ),
    max_leaves=20,
)


def only_our_error(action: Any) -> None:
    try:
        action()
    except SelfassessError as exc:
        assert str(exc).strip(), "an error must say something"


@pytest.fixture(scope="module")
def pulse() -> Questionnaire:
    return resolve_bank("collaboration-pulse").questionnaire


@FUZZ
@given(data=st.binary(max_size=400))
def test_bank_loader_survives_arbitrary_bytes(data: bytes) -> None:
    only_our_error(lambda: parse_questionnaire(data.decode("utf-8", "replace"), "x.yaml"))


def _mutations(document: Any) -> st.SearchStrategy[Any]:
    """Replace one node of a valid document by anything, or drop it."""
    paths: list[tuple[Any, ...]] = []

    def walk(node: Any, path: tuple[Any, ...]) -> None:
        paths.append(path)
        if isinstance(node, dict):
            for key, value in node.items():
                walk(value, (*path, key))
        elif isinstance(node, list):
            for i, value in enumerate(node):
                walk(value, (*path, i))

    walk(document, ())
    return st.tuples(st.sampled_from(paths[1:]), json_like, st.booleans())


def _apply(document: Any, mutation: tuple[tuple[Any, ...], Any, bool]) -> Any:
    path, value, drop = mutation
    copy = json.loads(json.dumps(document))
    node = copy
    for part in path[:-1]:
        node = node[part]
    if drop:
        del node[path[-1]]
    else:
        node[path[-1]] = value
    return copy


STARTER_DOC = yaml.safe_load(STARTER)


@FUZZ
@given(mutation=_mutations(STARTER_DOC))
def test_bank_loader_survives_structure_aware_mutations(mutation: Any) -> None:
    text = yaml.safe_dump(_apply(STARTER_DOC, mutation), allow_unicode=True)
    only_our_error(lambda: parse_questionnaire(text, "x.yaml"))


RESPONSE_DOC = {
    "format": "selfassess-response/1",
    "questionnaire": {"id": "collaboration-pulse", "version": "2.0"},
    "respondent": {"organisation": "A", "role": "B", "name": "C"},
    "completed_at": "2026-11-28T10:15:00Z",
    "answers": {"ca-p1": 4, "ca-p2": None},
    "comments": {"ca-p1": "x"},
}


@FUZZ
@given(mutation=_mutations(RESPONSE_DOC))
def test_response_json_loader_survives_structure_aware_mutations(
    tmp_path: Path, pulse: Questionnaire, mutation: Any
) -> None:
    path = tmp_path / "r.json"
    path.write_text(json.dumps(_apply(RESPONSE_DOC, mutation)))
    only_our_error(lambda: load_responses([path], pulse))


@FUZZ
@given(data=st.binary(max_size=400), suffix=st.sampled_from([".json", ".csv"]))
def test_response_loaders_survive_arbitrary_bytes(
    tmp_path: Path, pulse: Questionnaire, data: bytes, suffix: str
) -> None:
    path = tmp_path / f"r{suffix}"
    path.write_bytes(data)
    only_our_error(lambda: load_responses([path], pulse))


@FUZZ
@given(
    rows=st.lists(st.lists(st.text(max_size=8), max_size=6), max_size=5),
    header=st.lists(
        st.sampled_from(["organisation", "role", "name", "ca-p1", "sm-p2", "x", ""]), max_size=6
    ),
)
def test_response_csv_loader_survives_arbitrary_tables(
    tmp_path: Path, pulse: Questionnaire, rows: list[list[str]], header: list[str]
) -> None:
    import csv
    import io

    out = io.StringIO()
    csv.writer(out).writerows([header, *rows])
    path = tmp_path / "r.csv"
    path.write_text(out.getvalue())
    only_our_error(lambda: load_responses([path], pulse))


@FUZZ
@given(data=st.one_of(st.binary(max_size=200), json_like.map(lambda d: yaml.safe_dump(d).encode())))
def test_theme_loader_survives_arbitrary_theme_yaml(tmp_path: Path, data: bytes) -> None:
    (tmp_path / "theme.yaml").write_bytes(data)
    only_our_error(lambda: load_theme(str(tmp_path)))


BROKEN_INPUTS: dict[str, bytes] = {
    "empty.yaml": b"",
    "binary.yaml": b"\x00\x01\x02\xff",
    "latin1.yaml": "id: caf\xe9".encode("latin-1"),
    "list.yaml": b"- 1\n- 2\n",
    "tabs.yaml": b"id:\n\t- x\n",
    "unclosed.yaml": b"id: [1, 2\n",
    "anchors.yaml": b"a: &x [*x]\n",
    "alias-bomb.yaml": (
        "a: &a [1,1,1,1,1,1,1,1,1]\n"
        + "".join(
            f"b{i}: &b{i} [{','.join([f'*b{i - 1}' if i else '*a'] * 9)}]\n" for i in range(12)
        )
        + "principles: *b11\n"
    ).encode(),
    "huge-int.yaml": b"id: x\nversion: 1\nmin_answered: 1e999\n",
    "typo.yaml": STARTER.replace("questions:", "questons:").encode(),
}


@pytest.mark.parametrize("name", sorted(BROKEN_INPUTS))
def test_validate_gives_exit_1_and_located_lines_for_broken_banks(
    tmp_path: Path, name: str
) -> None:
    path = tmp_path / name
    path.write_bytes(BROKEN_INPUTS[name])
    result = CliRunner().invoke(cli, ["validate", str(path)])
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    lines = result.stderr.strip().splitlines()
    assert lines and all(line.startswith(str(path)) for line in lines)


BROKEN_RESPONSES: dict[str, bytes] = {
    "empty.json": b"",
    "binary.json": b"\x00\x01",
    "not-json.json": b"{",
    "array.json": b"[]",
    "deep.json": b"[" * 100000 + b"]" * 100000,
    "no-format.json": b'{"answers": {}}',
    "bad-answers.json": json.dumps({**RESPONSE_DOC, "answers": [1, 2]}).encode(),
    "bad-respondent.json": json.dumps({**RESPONSE_DOC, "respondent": "me"}).encode(),
    "empty.csv": b"",
    "header-only.csv": b"organisation,ca-p1\n",
    "nul.csv": b"a\x00b",
}


@pytest.mark.parametrize("name", sorted(BROKEN_RESPONSES))
def test_score_gives_exit_1_and_one_line_for_broken_responses(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_bytes(BROKEN_RESPONSES[name])
    result = CliRunner().invoke(cli, ["score", "--questionnaire", "collaboration-pulse", str(path)])
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"error: {path}"), lines


_GOOD = json.dumps(RESPONSE_DOC)
HOSTILE_RESPONSES: dict[str, tuple[bytes, str]] = {
    "lone-surrogate.json": (
        _GOOD.replace('"name": "C"', '"name": "\\ud800"').encode(),
        "lone UTF-16 surrogate (\\ud800-\\udfff escape) (at respondent.name)",
    ),
    "surrogate-comment.json": (
        _GOOD.replace('"ca-p1": "x"', '"ca-p1": "a\\udfffb"').encode(),
        "(at comments.ca-p1)",
    ),
    "surrogate-key.json": (
        _GOOD.replace('"ca-p1": "x"', '"\\ud800": "x"').encode(),
        "lone UTF-16 surrogate",
    ),
    "long-number.json": (
        _GOOD.replace('"ca-p1": 4', '"ca-p1": ' + "9" * 5000).encode(),
        "a number 5,000 characters long",
    ),
    "infinite-number.json": (_GOOD.replace('"ca-p1": 4', '"ca-p1": 1e999').encode(), "too large"),
    "nan.json": (
        _GOOD.replace('"ca-p1": 4', '"ca-p1": NaN').encode(),
        "not JSON: NaN is not a number JSON allows",
    ),
    "list-id.json": (
        _GOOD.replace('"id": "collaboration-pulse"', '"id": ["collaboration-pulse"]').encode(),
        "questionnaire id must be text, found a list",
    ),
    "object-id.json": (
        _GOOD.replace('"id": "collaboration-pulse"', '"id": {"a": 1}').encode(),
        "questionnaire id must be text, found a mapping",
    ),
    "deep-array.json": (b"[" * 100_000 + b"]" * 100_000, "nested more than 100 levels deep"),
    "deep-comment.json": (
        _GOOD.replace(
            '"comments": {"ca-p1": "x"}', '"comments": ' + "[" * 100_000 + "]" * 100_000
        ).encode(),
        "nested more than 100 levels deep",
    ),
    "duplicate-key.json": (
        _GOOD[:-1].encode() + b', "answers": {}}',
        "the key 'answers' appears twice in one object",
    ),
    "duplicate-nested-key.json": (
        _GOOD.replace('"ca-p1": 4', '"ca-p1": 4, "ca-p1": 1').encode(),
        "the key 'ca-p1' appears twice",
    ),
}


@pytest.mark.parametrize("name", sorted(HOSTILE_RESPONSES))
@pytest.mark.parametrize("skip", [False, True], ids=["strict", "skip-invalid"])
def test_no_answer_file_crashes_score_and_each_is_one_line_naming_it(
    tmp_path: Path, name: str, skip: bool
) -> None:
    data, cause = HOSTILE_RESPONSES[name]
    hostile = tmp_path / name
    hostile.write_bytes(data)
    good = tmp_path / "good.json"
    good.write_text(_GOOD)
    args = ["score", "-f", "json", str(hostile)]  # no -q: the bank is found from the files
    result = CliRunner().invoke(cli, [*args, str(good), "--skip-invalid"] if skip else args)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    lines = result.stderr.strip().splitlines()
    prefix = "skipped" if skip else "error"
    assert lines == [f"{prefix}: {hostile}: {lines[0].split(': ', 2)[2]}"], lines
    assert cause in lines[0]
    if skip:
        assert result.exit_code == 0
        assert json.loads(result.stdout)["partnership"]["n_respondents"] == 1
    else:
        assert result.exit_code == 1 and result.stdout == ""


@pytest.mark.parametrize(
    "name", ["lone-surrogate.json", "duplicate-key.json", "long-number.json", "list-id.json"]
)
def test_no_answer_file_crashes_report_and_skip_invalid_leaves_it_out(
    tmp_path: Path, name: str
) -> None:
    data, cause = HOSTILE_RESPONSES[name]
    hostile = tmp_path / name
    hostile.write_bytes(data)
    good = tmp_path / "good.json"
    good.write_text(_GOOD)
    page = tmp_path / "s.html"
    strict = CliRunner().invoke(cli, ["report", str(hostile), "--html", str(page), "--quiet"])
    assert strict.exit_code == 1 and not page.exists()
    assert strict.stderr.strip().splitlines() == [
        f"error: {hostile}: {strict.stderr.split(': ', 2)[2].strip()}"
    ]
    assert cause in strict.stderr
    skipped = CliRunner().invoke(
        cli, ["report", str(hostile), str(good), "--html", str(page), "--quiet", "--skip-invalid"]
    )
    assert skipped.exit_code == 0, skipped.output
    assert skipped.stderr.strip().splitlines()[0].startswith(f"skipped: {hostile}: ")
    assert page.exists()


def test_a_message_quoting_a_huge_key_is_cut_short_in_the_terminal_and_the_scorecard(
    tmp_path: Path,
) -> None:
    """A 100,000-character unknown question id made a skipped-file line of 100,000 characters:
    unreadable in a terminal, and a scorecard that took minutes to lay the word out."""
    hostile = tmp_path / "long-id.json"
    hostile.write_text(_GOOD.replace('"ca-p1": 4', '"' + "k" * 100_000 + '": 4'))
    good = tmp_path / "good.json"
    good.write_text(_GOOD)
    page = tmp_path / "s.html"
    args = ["report", str(hostile), str(good), "--html", str(page), "--quiet", "--skip-invalid"]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    line = result.stderr.strip().splitlines()[0]
    assert line.startswith(f"skipped: {hostile}: unknown question id 'kkkk")
    assert "... (cut short)" in line and len(line) < len(str(hostile)) + 1_300, line[-100:]
    html = page.read_text(encoding="utf-8")
    assert "k" * 950 in html and "k" * 1_001 not in html


# ---------------------------------------------------------------- bounded work


def _aliased_text_bank(questions: int, text_chars: int) -> str:
    """A small file whose aliases repeat one long text in every question and option."""
    lines = [
        "id: aliases",
        'version: "1"',
        "title: Aliases",
        "scale: &scale",
        f'  - {{value: 1, label: &long "{"x" * text_chars}"}}',
        "  - {value: 2, label: b}",
        "levels: [{id: a, label: A, min: 0}]",
        "principles:",
        "  - id: p",
        "    title: P",
        "    questions:",
        *(f"      - {{id: q{i}, text: *long, scale: *scale}}" for i in range(questions)),
    ]
    return "\n".join(lines) + "\n"


def _many_questions_times_many_options(questions: int, options: int) -> str:
    """No aliases at all: every question repeats the bank's long scale on the page."""
    lines = [
        "id: wide",
        'version: "1"',
        "title: Wide",
        "scale:",
        *(f'  - {{value: {i}, label: "Option {i} of the scale"}}' for i in range(options)),
        "levels: [{id: a, label: A, min: 0}]",
        "principles:",
        "  - id: p",
        "    title: P",
        "    questions:",
        *(f'      - {{id: q{i}, text: "Question {i}"}}' for i in range(questions)),
    ]
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        pytest.param(
            _aliased_text_bank(60, 100_000),
            "the document expands to more than 5 MB of text, the most a file may hold "
            "(YAML aliases?)",
            id="aliases-beyond-the-file-size",
        ),
        pytest.param(
            _many_questions_times_many_options(1_000, 100),
            "the form would be about 18 MB (1,000 questions, each with every option of its "
            "scale); at most 10 MB: use fewer questions or options, or split the bank "
            "(at principles)",
            id="questions-times-options",
        ),
    ],
)
def test_validate_refuses_with_the_same_line_the_bank_that_build_would_choke_on(
    tmp_path: Path, text: str, message: str
) -> None:
    bank = tmp_path / "bank.yaml"
    bank.write_text(text)
    assert bank.stat().st_size < 200_000
    checked = CliRunner().invoke(cli, ["validate", str(bank)])
    built = CliRunner().invoke(cli, ["build", str(bank), "-o", str(tmp_path / "site")])
    assert (checked.exit_code, built.exit_code) == (1, 1)
    assert checked.stderr.splitlines()[0].split(": ", 1)[1] == message
    assert built.stderr.splitlines() == [f"error: {checked.stderr.splitlines()[0]}"]
    assert not (tmp_path / "site").exists()


def test_a_bank_just_inside_the_bounds_validates_and_builds(tmp_path: Path) -> None:
    bank = tmp_path / "bank.yaml"
    bank.write_text(_many_questions_times_many_options(500, 20))
    assert CliRunner().invoke(cli, ["validate", str(bank)]).exit_code == 0
    built = CliRunner().invoke(cli, ["build", str(bank), "-o", str(tmp_path / "site")])
    assert built.exit_code == 0, built.output


@pytest.fixture
def fifo(tmp_path: Path) -> Path:
    import os

    path = tmp_path / "answers.json"
    os.mkfifo(path)
    return path


@pytest.mark.parametrize(
    ("args", "cause"),
    [
        (["score", "/dev/zero"], "/dev/zero: is a device, not a regular file"),
        (
            ["score", "--questionnaire", "collaboration-pulse", "{fifo}"],
            "{fifo}: is a FIFO (named pipe), not a regular file",
        ),
        (["score", "{fifo}"], "{fifo}: is a FIFO (named pipe), not a regular file"),
        (["validate", "/dev/zero"], "/dev/zero: is a device, not a regular file"),
        (
            ["build", "--logo", "/dev/zero", "-o", "{tmp}/site"],
            "/dev/zero: is a device, not a regular file",
        ),
        (
            ["report", "{fifo}", "--html", "{tmp}/s.html"],
            "{fifo}: is a FIFO (named pipe), not a regular file",
        ),
        (
            [
                "report",
                "--questionnaire",
                "collaboration-pulse",
                "/dev/zero",
                "--html",
                "{tmp}/s.html",
            ],
            "/dev/zero: is a device, not a regular file",
        ),
    ],
)
def test_inputs_that_are_not_regular_files_are_refused_before_reading(
    tmp_path: Path, fifo: Path, args: list[str], cause: str
) -> None:
    def filled(text: str) -> str:
        return text.format(fifo=fifo, tmp=tmp_path)

    result = CliRunner().invoke(cli, [filled(a) for a in args])  # a read would never return
    assert result.exit_code == 1, result.output
    assert result.stderr.strip().splitlines()[0].removeprefix("error: ") == filled(cause)


@pytest.mark.parametrize("skip", [False, True], ids=["strict", "skip-invalid"])
def test_a_folder_names_the_answer_files_in_it_that_are_not_regular_files(
    tmp_path: Path, skip: bool
) -> None:
    """A FIFO or a looping link named *.json in a folder of answers was left out in silence:
    one of the partnership's files missing from the count with no word said."""
    folder = tmp_path / "answers"
    folder.mkdir()
    (folder / "good.json").write_text(_GOOD)
    os.mkfifo(folder / "pipe.json")
    (folder / "loop.json").symlink_to(folder / "loop.json")
    (folder / "older").mkdir()  # a sub-folder is not an answer file: still passed over
    args = ["score", "-f", "json", str(folder), *(["--skip-invalid"] if skip else [])]
    result = CliRunner().invoke(cli, args)
    lines = result.stderr.strip().splitlines()
    prefix = "skipped" if skip else "error"
    assert lines == [
        f"{prefix}: {folder / 'loop.json'}: cannot be read: Too many levels of symbolic links",
        f"{prefix}: {folder / 'pipe.json'}: is a FIFO (named pipe), not a regular file",
    ]
    if skip:
        assert result.exit_code == 0
        assert json.loads(result.stdout)["partnership"]["n_respondents"] == 1
    else:
        assert result.exit_code == 1 and result.stdout == ""
