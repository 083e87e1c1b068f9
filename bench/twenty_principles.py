"""The 20-principle report case of `make bench` (issue #16): tests/data/twenty-factors (20
factors in 6 groups, means on the 1-5 scale, every respondent counting the same) answered by
100 seeded respondents in 10 organisations of uneven size; `report` and `verify` timed, the
scorecard's pages counted.

Alone: .venv/bin/python bench/twenty_principles.py [--runs N] rewrites only its rows of
bench/RESULTS.md (the rest of the table is left as the last `make bench` wrote it).
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import shutil
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BANK = ROOT / "tests" / "data" / "twenty-factors" / "bank.yaml"
RESPONDENTS = 100
ORGANISATIONS = 10
LABEL = "20 principles"


def generate(folder: Path, respondents: int = RESPONDENTS, seed: int = 2016) -> Path:
    """Seeded answers to the twenty-factors bank: organisation k has about k times as many
    respondents as the first (uneven, as real partnerships are), each with its own tendency."""
    from selfassess.inputs.banks import load_questionnaire

    bank = load_questionnaire(BANK)
    rng = random.Random(seed)
    target = folder / "twenty-factors"
    target.mkdir(parents=True, exist_ok=True)
    sizes = [k + 1 for k in range(ORGANISATIONS)]
    owners = rng.choices(range(ORGANISATIONS), weights=sizes, k=respondents)
    tendency = {o: rng.uniform(1.8, 4.6) for o in range(ORGANISATIONS)}
    for i, org in enumerate(owners):
        answers = {
            q.id: min(5, max(1, round(rng.gauss(tendency[org], 0.9))))
            for _, q in bank.questions()
            if rng.random() >= 0.03
        }
        response = {
            "format": "selfassess-response/2",
            "questionnaire": {"id": bank.id, "version": bank.version},
            "respondent": {"organisation": f"Partner organisation {org + 1}", "role": "Member"},
            "completed_at": "2026-11-28T10:00:00Z",
            "answers": answers,
        }
        (target / f"r{i:05d}.json").write_text(json.dumps(response), encoding="utf-8")
    return target


def page_count(pdf: Path) -> int:
    from pypdf import PdfReader

    return len(PdfReader(str(pdf)).pages)


Timer = Callable[[list[str], int], tuple[float, int]]


def cpu_timed(timed: Timer, command: list[str], runs: int) -> tuple[float, int, float]:
    """run.py's median wall and peak RSS, and the mean CPU seconds (user + system) of a run:
    the figure a busy shared machine does not inflate."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    wall, peak = timed(command, runs)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, peak, cpu / runs


def rows(
    work: Path, runs: int, timed: Timer, spreads: dict[str, str], selfassess: str
) -> list[tuple[str, str]]:
    """The report and verify rows of the 20-principle case, timed by run.py's `timed`."""
    answers = generate(work)
    pdf = work / "scorecard-20-principles.pdf"
    report = [
        selfassess,
        "report",
        "--questionnaire",
        str(BANK),
        str(answers),
        "-o",
        str(pdf),
        "--quiet",
    ]
    wall, peak, cpu = cpu_timed(timed, report, runs)
    found = [
        (
            f"report: {LABEL}, {RESPONDENTS} respondents (wall, runs' range, CPU, peak RSS, pages)",
            f"{wall:.2f} s ({spreads[' '.join(report)]}), CPU {cpu:.2f} s, {peak / 1024:.0f} MB, "
            f"{page_count(pdf)} pages",
        )
    ]
    verify = [selfassess, "verify", str(pdf)]
    wall, peak, cpu = cpu_timed(timed, verify, runs)
    found.append(
        (
            f"verify: {LABEL}, {RESPONDENTS} respondents (wall, runs' range, CPU, peak RSS)",
            f"{wall:.2f} s ({spreads[' '.join(verify)]}), CPU {cpu:.2f} s, {peak / 1024:.0f} MB",
        )
    )
    return found


def replace_rows(results: Path, new: list[tuple[str, str]]) -> None:
    """Put the case's rows into RESULTS.md's table: in place of rows with the same label, or
    before the speed check row."""
    text = results.read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if f": {LABEL}, " not in line]
    at = next(i for i, line in enumerate(lines) if line.startswith("| speed check"))
    lines[at:at] = [f"| {label} | {value} |" for label, value in new]
    results.write_text("\n".join(lines) + "\n", encoding="utf-8")


def main() -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    import run

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5, help="runs per figure (median)")
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "RESULTS.md")
    options = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="selfassess-bench-20-"))
    try:
        found = rows(work, max(options.runs, 1), run.timed, run.SPREADS, run.SELFASSESS)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    for label, value in found:
        print(f"{label:<62} {value}")
    replace_rows(options.out, found)
    print(f"\nwrote its rows into {options.out}")


if __name__ == "__main__":
    main()
