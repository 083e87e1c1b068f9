"""The command line as pip, black and mkdocs users expect it: whole one-line summaries, examples
ending every command's help, one meaning for -q, noun groups with the old spellings still
working, documented exit codes that hold for every command, completion and --version."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from types import ModuleType

import click
import pytest
from click.shell_completion import get_completion_class
from click.testing import CliRunner

from selfassess.cli import cli

ROOT = Path(__file__).parent.parent
EXAMPLES = ROOT / "examples" / "responses"


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args), prog_name="selfassess")
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture(scope="module")
def reference() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "cli_reference", ROOT / "docs" / "cli_reference.py"
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def visible_commands(reference: ModuleType) -> list[tuple[str, ...]]:
    return list(reference.command_paths(cli))


def test_docs_cli_md_is_the_help_the_commands_print(reference: ModuleType) -> None:
    written = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    assert reference.cli_page() == written, "run `make golden` and review docs/cli.md"


def test_the_command_list_gives_each_command_a_whole_summary() -> None:
    code, out, _ = run("--help")
    assert code == 0
    commands = out.split("Commands:")[1].split("Exit codes")[0]
    assert "..." not in commands
    listed = [line.split()[0] for line in commands.strip().splitlines()]
    assert listed == [
        *("bank", "build", "completion", "report", "score", "theme", "translate", "verify")
    ]


def test_no_command_list_cuts_a_summary_short(reference: ModuleType) -> None:
    """`selfassess bank --help`, `translate --help` ...: every group's list whole too."""
    groups = [w for w in visible_commands(reference) if isinstance(command_at(w), click.Group)]
    assert groups
    for words in [(), *groups]:
        listing = run(*words, "--help")[1].split("Commands:")[1].split("Examples:")[0]
        assert "..." not in listing, (words, listing)


def command_at(words: tuple[str, ...]) -> click.Command:
    command: click.Command = cli
    for word in words:
        assert isinstance(command, click.Group)
        command = command.commands[word]
    return command


def test_every_command_ends_its_help_with_two_or_three_examples(reference: ModuleType) -> None:
    for words in visible_commands(reference):
        code, out, _ = run(*words, "--help")
        assert code == 0
        tail = out.rstrip().split("Examples:")[-1].splitlines()[1:]
        assert "Examples:" in out and 2 <= len(tail) <= 3, (words, out)
        assert all(line.strip().startswith(("selfassess ", "eval ")) for line in tail), words


def test_exit_codes_are_documented_once_and_hold_for_every_command(
    reference: ModuleType, tmp_path: Path
) -> None:
    _, out, _ = run("--help")
    assert "0  done" in out and "1  a problem with the input" in out and "2  a usage error" in out
    for words in visible_commands(reference):
        assert run(*words, "--no-such-option")[0] == 2, words
    broken = tmp_path / "broken.yaml"
    broken.write_text("id: x\n", encoding="utf-8")
    missing = str(tmp_path / "missing")
    input_problems = [
        ("bank", "validate", str(broken)),
        ("build", str(broken), "-o", str(tmp_path / "site")),
        ("score", missing),
        ("report", missing, "--html", str(tmp_path / "s.html")),
        ("verify", str(broken)),
        ("bank", "new", str(broken)),  # never overwrites
    ]
    for args in input_problems:
        assert run(*args)[0] == 1, args
    assert run("bank", "validate")[0] == 0


@pytest.mark.parametrize(
    ("old", "new"),
    [
        (("validate",), ("bank", "validate")),
        (("list",), ("bank", "list")),
        (("schema",), ("bank", "schema")),
        (("themes",), ("theme", "list")),
    ],
)
def test_the_spellings_before_the_noun_groups_still_work_unlisted(
    old: tuple[str, ...], new: tuple[str, ...]
) -> None:
    assert run(*old) == run(*new)
    assert run(*new)[0] == 0
    _, out, _ = run("--help")
    assert f"  {old[0]} " not in out.split("Commands:")[1]


def test_the_old_new_still_writes_a_starter_bank(tmp_path: Path) -> None:
    code, out, _ = run("new", str(tmp_path / "ours.yaml"))
    assert code == 0 and "selfassess bank validate" in out
    assert run("bank", "validate", str(tmp_path / "ours.yaml"))[0] == 0


def test_dash_q_means_quiet_wherever_a_command_prints_a_summary(tmp_path: Path) -> None:
    assert run("bank", "validate", "-q") == (0, "", "")
    assert run("bank", "new", "-q", str(tmp_path / "b.yaml")) == (0, "", "")
    assert run("theme", "new", "-q", str(tmp_path / "t")) == (0, "", "")
    assert run("build", "collaboration-pulse", "-q", "-o", str(tmp_path / "site")) == (0, "", "")
    po = tmp_path / "cy.po"
    assert run("translate", "export", "collaboration-pulse", "-l", "fr", "-o", str(po), "-q") == (
        0,
        "",
        "",
    )
    code, out, err = run("report", str(EXAMPLES), "-q", "--html", str(tmp_path / "s.html"))
    assert code == 0 and out == "" and "warning" not in err
    code, out, _ = run("score", str(EXAMPLES), "-q", "--format", "json")
    assert code == 0 and json.loads(out)["partnership"]["n_organisations"] == 7


def test_the_questionnaire_given_the_old_short_way_gets_a_hint() -> None:
    code, _, err = run("score", str(EXAMPLES), "-q", "collaboration-maturity")
    assert code == 2
    assert (
        "'collaboration-maturity' is a question bank, not answers: give it with "
        "--questionnaire collaboration-maturity (-q means --quiet)"
    ) in err


def test_version_names_the_file_formats_it_reads() -> None:
    code, out, _ = run("--version")
    assert code == 0 and out.startswith("selfassess ")
    assert "selfassess-response/1" in out and "selfassess-response/2" in out
    assert "selfassess-scorecard-manifest/1" in out


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_completion_prints_clicks_script_for_the_shell(shell: str) -> None:
    code, out, _ = run("completion", shell)
    complete = get_completion_class(shell)
    assert complete is not None and code == 0
    script = complete(cli, {}, "selfassess", "_SELFASSESS_COMPLETE").source()
    assert out.rstrip("\n") == script.rstrip("\n")


def test_completion_completes_the_noun_groups() -> None:
    complete = get_completion_class("bash")
    assert complete is not None
    completions = complete(cli, {}, "selfassess", "_SELFASSESS_COMPLETE").get_completions(
        ["bank"], ""
    )
    assert {c.value for c in completions} == {"list", "new", "validate", "schema"}
    assert isinstance(cli.commands["bank"], click.Group)
