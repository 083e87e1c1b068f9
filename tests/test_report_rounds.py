"""`report --round LABEL=PATH` (repeated), `--round-workshop LABEL=FILE` and `--workshop FILE`:
usage errors before any file is read (exit 2), each round's notes marked with its label, the
trends page and "What we agreed" in one scorecard that `verify` rebuilds, and attachment names
that an untrusted label cannot steer."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pdf_support import BASELINE, RESPONSES, ROOT, attachments_of, invoke, pdf_text, report

from selfassess.report.attached_files import label_prefix
from selfassess.report.request import options_as_given

FIRST = ROOT / "examples" / "rounds" / "2025-11"
WORKSHOPS = ROOT / "examples" / "workshops"
MAY_WORKSHOP = WORKSHOPS / "2026-05-workshop.json"
NOV_WORKSHOP = WORKSHOPS / "2026-11-workshop.json"


def usage(*args: str) -> str:
    """The message of a usage error (exit 2) of `report` with these options."""
    code, _, err = report(str(RESPONSES), "--html", "never-written.html", *args)
    assert code == 2, err
    assert not Path("never-written.html").exists()
    return err


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (
            ["--round", f"May 2026={BASELINE}", "--round-workshop", f"June={MAY_WORKSHOP}"],
            "--round-workshop: 'June' is not the label of a round given with --round "
            "(labels given: 'May 2026')",
        ),
        (
            ["--round-workshop", f"June={MAY_WORKSHOP}"],
            "(labels given: none)",
        ),
        (
            ["--round", f"May 2026={BASELINE}", "--baseline", str(BASELINE)],
            "--baseline: cannot be given with --round",
        ),
        (
            [
                "--round",
                f"May={BASELINE}",
                "--round-workshop",
                f"May={MAY_WORKSHOP}",
                "--round-workshop",
                f"May={MAY_WORKSHOP}",
            ],
            "--round-workshop: 'May' is given twice: one workshop file per round",
        ),
        (["--round", str(BASELINE)], "--round: "),  # no LABEL=
        (["--round", f"  ={BASELINE}"], "the label before '=' must not be blank"),
        (["--round-workshop", "no-equals-sign"], "--round-workshop: "),
    ],
)
def test_round_options_that_do_not_fit_together_are_usage_errors(
    args: list[str], said: str
) -> None:
    assert said in usage(*args)


@pytest.mark.parametrize(
    ("label", "prefix"),
    [
        ("May 2026", "may-2026-"),
        ("../../etc/passwd", "etc-passwd-"),
        ("Tachwedd ’25", "tachwedd-25-"),
        ("“ ”\u202e", "round-3-"),  # nothing plain left: the round's number
        ("x" * 80, "x" * 40 + "-"),
    ],
)
def test_an_earlier_rounds_attachments_are_named_from_its_label_in_plain_characters(
    label: str, prefix: str
) -> None:
    assert label_prefix(label, 3) == prefix


@pytest.fixture(scope="module")
def three_rounds(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """The example partnership's three rounds with both workshop files: the demo scorecard."""
    pdf = tmp_path_factory.mktemp("rounds") / "scorecard.pdf"
    code, _, err = report(
        str(RESPONSES),
        "--round",
        f"November 2025={FIRST}",
        "--round",
        f"May 2026={BASELINE}",
        "--round-workshop",
        f"May 2026={MAY_WORKSHOP}",
        "--workshop",
        str(NOV_WORKSHOP),
        "-o",
        str(pdf),
        "-q",
    )
    assert code == 0, err
    return pdf, err


def test_each_earlier_rounds_notes_are_marked_with_its_label(
    three_rounds: tuple[Path, str],
) -> None:
    lines = three_rounds[1].splitlines()
    first = [line for line in lines if line.startswith(f"warning: {FIRST}")]
    assert first and all(line.endswith("(round 'November 2025')") for line in first)
    may = [line for line in lines if line.startswith(f"warning: {BASELINE}")]
    assert may and all(line.endswith("(round 'May 2026')") for line in may)
    # the May workshop names version 1.0, as the May answer files do: no warning for it
    assert not [line for line in lines if str(MAY_WORKSHOP) in line]


def test_the_manifest_lists_the_rounds_in_order_and_attaches_each_under_its_label(
    three_rounds: tuple[Path, str],
) -> None:
    files = attachments_of(three_rounds[0])
    manifest = json.loads(files["manifest.json"])
    assert manifest["rounds"] == [
        {"round": "round-1", "label": "November 2025"},
        {"round": "round-2", "label": "May 2026"},
    ]
    rounds = {entry["round"] for entry in manifest["inputs"]}
    assert rounds == {"responses", "round-1", "round-2"}
    may = [
        e["attachment"] for e in manifest["inputs"] if e["round"] == "round-2" and e["attachment"]
    ]
    assert may and all(name.startswith("may-2026-") for name in may)
    assert [(w["round"], w["attachment"]) for w in manifest["workshops"]] == [
        ("responses", "workshop-2026-11-workshop.json"),
        ("round-2", "workshop-2026-05-workshop.json"),
    ]


def test_the_scorecard_shows_the_trends_and_what_was_agreed(
    three_rounds: tuple[Path, str],
) -> None:
    text = pdf_text(three_rounds[0])
    assert "November 2025" in text and "What we agreed November 2026" in text
    assert text.index("What we agreed November 2026") > text.index("May 2026")


def test_verify_rebuilds_every_round_and_workshop_file(three_rounds: tuple[Path, str]) -> None:
    code, out, _ = invoke("verify", str(three_rounds[0]))
    assert code == 0, out
    assert "every figure, name, level and sentence on the" in out


def test_the_new_options_are_recorded_in_the_manifest_only_when_given() -> None:
    given = {"files": ("a",), "workshop": None, "rounds": (), "round_workshops": ()}
    assert options_as_given(given, False) == {"files": ["a"]}  # as before #18


def test_anonymised_the_round_and_workshop_paths_are_withheld_from_the_manifest() -> None:
    given = {
        "files": ("a",),
        "workshop": Path("riverside/w.json"),
        "rounds": ("May=riverside/", "May=harbour/"),
        "round_workshops": ("May=riverside/may.json",),
    }
    recorded = options_as_given(given, True)
    assert recorded["workshop"] == "1 argument, withheld"
    assert recorded["rounds"] == "2 argument(s), withheld"
    assert recorded["round_workshops"] == "1 argument(s), withheld"
    assert options_as_given(given, False)["rounds"] == ["May=riverside/", "May=harbour/"]


def test_this_rounds_workshop_labelled_as_an_earlier_round_is_warned_about(tmp_path: Path) -> None:
    """An earlier round's workshop file given as this round's (its label is that round's): the
    scorecard is written, the user and the scorecard's notes are told, once."""
    html = tmp_path / "s.html"
    warning = (
        f"{MAY_WORKSHOP}: its round is labelled 'May 2026', as an earlier round is: the trends "
        "would show two rounds of that name (is this the workshop file of this round?)"
    )
    args = ["--round", f"May 2026={BASELINE}", "--html", str(html), "--workshop"]
    code, _, err = report(str(RESPONSES), *args, str(MAY_WORKSHOP))
    assert code == 0, err
    assert err.count(warning) == 1
    assert "as an earlier round is: the trends would show two rounds" in html.read_text("utf-8")
    code, _, err = report(str(RESPONSES), *args, str(NOV_WORKSHOP))  # this round's own file
    assert code == 0, err
    assert "as an earlier round is" not in err
