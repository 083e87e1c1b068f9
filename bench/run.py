"""`make bench`: how fast and how big selfassess is on this machine, as one Markdown table.

Generates seeded synthetic partnerships (10 organisations), times the commands as separate
processes (median of --runs), measures pages, and writes bench/RESULTS.md.
"""

from __future__ import annotations

import argparse
import cProfile
import gzip
import json
import os
import platform
import pstats
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
from chromium import CHROMIUM, launch, wait_until  # noqa: E402 - tests/ is on the path only from here
from twenty_principles import rows as twenty_principle_rows  # noqa: E402 - bench/, beside this

BIN = Path(sys.executable).parent
SELFASSESS = str(BIN / "selfassess")
SIZES = (10, 100, 1_000, 10_000)
REPORT_SIZES = (10, 100, 1_000)
ORGANISATIONS = 10


TARGETS = """## Targets (from the issues)

build under 1 s; a form page's script + style under 51 KB (39 KB before #16; tests/test_site.py says why), in every language, and the rest of it (markup and the
bank data, a separate JSON block listed apart) under 14 KB (10.7 KB before #17: longer Welsh words, the diagnostics translated, language links) + 1.3 KB a principle + 250 bytes a
question + 60 bytes an option beyond the bank's own words (about 50 KB for the 30-question bank
of version 1, whose whole page was under 80 KB before question types); score 10,000 files well
under 10 s; report 100 respondents under 4 s and 1,000 under 8 s, peak RSS under 300 MB; the
aggregator shows 200 files in under 1 s. A bank of 20 principles (issue #16): its scorecard's
summary on one or two pages, and `verify` passing on it (the 20-principle rows: 100 seeded
respondents in 10 organisations of uneven size answering tests/data/twenty-factors; run alone
with `.venv/bin/python bench/twenty_principles.py`, which rewrites only its rows).

## Where the report's time goes

Nearly all of it is WeasyPrint (the share row): about 0.55 s to import it, then laying out and
drawing 14 to 16 A4 pages. Our own code (starting Python and our modules, loading, scoring, the
view-model, the HTML) is about 0.6 s at 100 respondents. What took the 100-respondent report
from a median of 4.5 s to under 4 s, each found by profiling (pyinstrument, cProfile, and
valgrind's instruction counts where wall times were too noisy to compare):

- the method appendix's two columns fill one after the other instead of being balanced, which
  WeasyPrint does by laying the text out again and again (0.5 to 0.8 s);
- WeasyPrint is imported without ctypes' find_library, which ran ldconfig and gcc for library
  names that are not file names (0.15 to 0.25 s);
- YAML is parsed by LibYAML, the pure-Python parser only reporting errors (0.05 s, every command).

One change is to the measuring, not to selfassess: the benchmark now compiles the modules before
timing, as installing the wheel does (this editable install, under PYTHONDONTWRITEBYTECODE,
compiled every module on every run: about 0.04 s).

The heat maps became HTML tables (for screen readers and joined Arabic) at about the SVG's cost:
valgrind counts 10.7 G instructions for the whole PDF with tables against 10.4 G with SVG, once
the tables' fills are CSS classes (as style attributes, which WeasyPrint parses one by one, they
cost 0.75 G more).

The same work varies by 20 to 35 % in wall time on this shared virtual machine, from run to run
and from one minute to the next (the range beside each report figure; the speed-check row times
the same pure-Python loop at the start and the end: from 0.30 to 0.56 s seen here). Three full
runs on the same code gave 3.73 s, 4.03 s and 3.42 s (this table) for the 100-respondent report,
the 4.03 s in a moment when `score` on 10,000 files was 37 % slower too; single runs in quiet
moments take 2.3-2.9 s. Rendering in a second process started early, so that importing WeasyPrint overlaps
loading and scoring, was tried and measured: no faster here (the two processes share two
virtual CPUs, and the worker must import part of selfassess too), so it was not kept.
The 1,000-respondent report is longer (24 pages: 200 comments) and embeds 1,000 answer files.

The 20-principle rows were measured on the issue #16 core before the scorecard's dot plot and
shorter summary were merged (26 pages: a radar of 20 spokes, then a page or more per principle),
at load averages near 10 on the 2 cores: the walls then vary threefold from run to run, so these
rows also give the CPU seconds of one run (user + system), 5.2 s for the report and 8.0 s for
verify. About 40 % of verify's time (under cProfile) is pypdf reading the text of the 26 pages,
once from the scorecard and once from the rebuilt one.
"""


def _reference_work() -> int:
    total = 0
    for i in range(4_000_000):
        total += i * i % 7
    return total


def speed_check() -> float:
    """Seconds for a fixed pure-Python loop (median of 3): the same work on every run, so a run
    made in a slow moment of a shared machine shows itself."""
    walls = []
    for _ in range(3):
        started = time.perf_counter()
        _reference_work()
        walls.append(time.perf_counter() - started)
    return statistics.median(walls)


def machine() -> str:
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = ""
    try:
        kb = int(Path("/proc/meminfo").read_text().split()[1])
        memory = f", {kb / 1024 / 1024:.0f} GiB RAM"
    except (OSError, ValueError, IndexError):
        pass
    import weasyprint  # only to name its version in the header

    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    return (
        f"{cpu}, {os.cpu_count()} cores{memory}; {platform.platform()}; "
        f"Python {platform.python_version()}; WeasyPrint {weasyprint.__version__}; "
        f"load average at the end {load} (the machine is shared: other work inflates wall times)"
    )


def _answer(rng: random.Random, bank: Any, question: Any, tendency: float) -> Any:
    """One seeded answer of the question's own type (a scale value near the organisation's
    tendency, an option, some options, a short text)."""
    if question.type == "choice":
        return rng.choice(question.option_ids())
    if question.type == "multi":
        ids = question.option_ids()
        return rng.sample(ids, rng.randint(0, len(ids)))
    if question.type == "text":
        return "We meet, but decisions are made elsewhere." if rng.random() < 0.3 else None
    numbers = sorted(o.value for o in bank.scale_of(question) if o.value is not None)
    position = min(len(numbers) - 1, max(0, round(rng.gauss(tendency, 0.9)) - 1))
    return numbers[-1 - position] if question.reverse else numbers[position]


def generate(folder: Path, respondents: int, seed: int = 2026) -> Path:
    """Seeded answers (format 2, every question type) for the bundled collaboration-maturity
    bank, 10 organisations; only the questions asked of each respondent are answered."""
    from selfassess.core.asking import questions_asked
    from selfassess.core.response_model import Response
    from selfassess.inputs.banks import resolve_bank

    bank = resolve_bank("collaboration-maturity").questionnaire
    rng = random.Random(seed + respondents)
    target = folder / f"responses-{respondents}"
    target.mkdir(parents=True, exist_ok=True)
    tendency = {o: rng.uniform(1.8, 4.2) for o in range(ORGANISATIONS)}
    for i in range(respondents):
        org = i % ORGANISATIONS
        background = {q.id: _answer(rng, bank, q, tendency[org]) for q in bank.background}
        answers = {
            q.id: None if rng.random() < 0.03 else _answer(rng, bank, q, tendency[org])
            for _, q in bank.questions()
        }
        response: dict[str, Any] = {
            "format": "selfassess-response/2",
            "questionnaire": {"id": bank.id, "version": bank.version},
            "respondent": {
                "organisation": f"Partner organisation {org + 1}",
                "role": f"Role {i % 7}",
            },
            "completed_at": "2026-11-28T10:00:00Z",
            "background": background,
            "answers": answers,
            "comments": {"common-agenda": "We meet, but decisions are made elsewhere."}
            if i % 5 == 0
            else {},
        }
        asked = questions_asked(bank, Response.model_validate(response))
        response["answers"] = {k: v for k, v in answers.items() if k in asked}
        response["background"] = {k: v for k, v in background.items() if k in asked}
        (target / f"r{i:05d}.json").write_text(json.dumps(response))
    return target


SPREADS: dict[str, str] = {}  # command line -> "fastest-slowest" of its runs


def timed(args: list[str], runs: int) -> tuple[float, int]:
    """Median wall seconds and the largest peak RSS (KB) over `runs` separate processes."""
    walls: list[float] = []
    peaks: list[int] = []
    for _ in range(runs):
        started = time.perf_counter()
        result = subprocess.run(
            ["/usr/bin/time", "-f", "%M", *args], capture_output=True, text=True, check=False
        )
        walls.append(time.perf_counter() - started)
        if result.returncode != 0:
            raise SystemExit(f"failed: {' '.join(args)}\n{result.stderr[-2000:]}")
        peaks.append(int(result.stderr.strip().splitlines()[-1]))
    SPREADS[" ".join(args)] = f"{min(walls):.2f}-{max(walls):.2f} s"
    return statistics.median(walls), max(peaks)


def page_sizes(html_path: Path) -> tuple[int, int, int, int]:
    """Raw bytes, gzipped bytes, inline script + style, and the embedded bank data (JSON)."""
    raw = html_path.read_bytes()
    text = raw.decode("utf-8")
    code = data = 0
    for m in re.finditer(r"<(script|style)([^>]*)>(.*?)</(?:script|style)>", text, re.S):
        size = len(m.group(3).encode())
        if "application/json" in m.group(2):
            data += size
        else:
            code += size
    return len(raw), len(gzip.compress(raw, 9)), code, data


def weasyprint_share(args: list[str]) -> float | None:
    """Share of an in-process `report` run spent rendering the PDF: WeasyPrint's import,
    layout and PDF writing (report/pdf.py render_scorecard_pdf); the rest is our code."""
    from selfassess.cli import cli

    profiler = cProfile.Profile()
    started = time.perf_counter()
    profiler.enable()
    try:
        cli.main(args=args, prog_name="selfassess", standalone_mode=False)
    finally:
        profiler.disable()
    total = time.perf_counter() - started
    stats = pstats.Stats(profiler).stats  # type: ignore[attr-defined]
    pdf = [
        entry[3]
        for (file, _, name), entry in stats.items()
        if name == "render_scorecard_pdf" and file.endswith(("report/pdf.py", "report\\pdf.py"))
    ]
    return pdf[0] / total if pdf and total else None


def browser_timings(site: Path, responses: Path) -> list[tuple[str, str]]:
    """Navigation -> results in headless Chromium: the form, and the aggregator with 200 files."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return [("browser timings", "skipped: playwright not installed")]
    if not CHROMIUM.exists():
        return [("browser timings", f"skipped: {CHROMIUM} missing")]
    rows = []
    with sync_playwright() as p:
        browser = launch(p)
        page = browser.new_page()
        form = site / "collaboration-maturity.html"
        one = sorted(responses.glob("*.json"))[0]
        walls = []
        for _ in range(3):
            started = time.perf_counter()
            page.goto(form.as_uri())
            page.set_input_files("input[type=file]", str(one))
            wait_until(page, "window.selfassessResult && window.selfassessResult.answered > 0")
            walls.append(time.perf_counter() - started)
        rows.append(
            (
                "form: navigation to results (import one answer file)",
                f"{statistics.median(walls) * 1000:.0f} ms",
            )
        )
        aggregator = site / "collaboration-maturity-partnership.html"
        if aggregator.exists():
            files = [str(f) for f in sorted(responses.glob("*.json"))[:200]]
            walls = []
            for _ in range(3):
                started = time.perf_counter()
                page.goto(aggregator.as_uri())
                page.set_input_files("input[type=file]", files)
                wait_until(
                    page,
                    "window.selfassessResult && window.selfassessResult.partnership && "
                    f"window.selfassessResult.partnership.n_respondents === {len(files)}",
                )
                walls.append(time.perf_counter() - started)
            rows.append(
                (
                    f"aggregator: navigation to results ({len(files)} files)",
                    f"{statistics.median(walls) * 1000:.0f} ms",
                )
            )
        else:
            rows.append(("aggregator", "skipped: page not built"))
        browser.close()
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5, help="runs per figure (median)")
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "RESULTS.md")
    options = parser.parse_args()
    runs = max(options.runs, 1)
    work = Path(tempfile.mkdtemp(prefix="selfassess-bench-"))
    rows: list[tuple[str, str]] = []

    def row(label: str, value: str) -> None:
        rows.append((label, value))
        print(f"{label:<62} {value}", flush=True)

    # As a wheel install would have done: compiled modules. An editable install under
    # PYTHONDONTWRITEBYTECODE (set on CI machines) would compile every module on every run.
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "src")], check=True)
    before = speed_check()
    try:
        data = {n: generate(work, n) for n in SIZES}
        site = work / "site"
        wall, peak = timed([SELFASSESS, "build", "-o", str(site)], runs)
        row("build: bundled banks (wall, peak RSS)", f"{wall:.2f} s, {peak / 1024:.0f} MB")
        for page in sorted(site.glob("*.html")):
            raw, zipped, code, bank_data = page_sizes(page)
            row(
                f"page {page.name}: raw / gzipped / script+style / bank data",
                f"{raw / 1000:.1f} / {zipped / 1000:.1f} / {code / 1000:.1f} ({code / raw:.0%}) / {bank_data / 1000:.1f} kB",
            )
        for n, folder in data.items():
            wall, peak = timed([SELFASSESS, "score", str(folder), "-f", "json"], runs)
            row(
                f"score: {n:,} respondents (wall, files/s, peak RSS)",
                f"{wall:.2f} s, {n / wall:,.0f}/s, {peak / 1024:.0f} MB",
            )
        for n in REPORT_SIZES:
            out = work / f"scorecard-{n}.pdf"
            command = [SELFASSESS, "report", str(data[n]), "-o", str(out), "--quiet"]
            wall, peak = timed(command, runs)
            row(
                f"report: {n:,} respondents (wall, runs' range, peak RSS)",
                f"{wall:.2f} s ({SPREADS[' '.join(command)]}), {peak / 1024:.0f} MB",
            )
        for n in REPORT_SIZES:  # the scorecards just written: verify lays each out again
            command = [SELFASSESS, "verify", str(work / f"scorecard-{n}.pdf")]
            wall, peak = timed(command, runs)
            row(
                f"verify: {n:,} respondents (wall, runs' range, peak RSS)",
                f"{wall:.2f} s ({SPREADS[' '.join(command)]}), {peak / 1024:.0f} MB",
            )
        for label, value in twenty_principle_rows(work, runs, timed, SPREADS, SELFASSESS):
            row(label, value)
        share = weasyprint_share(
            ["report", str(data[100]), "-o", str(work / "profiled.pdf"), "--quiet"]
        )
        row(
            "report: share of time in WeasyPrint (import + layout + PDF), 100",
            "n/a" if share is None else f"{share:.0%} (our code {1 - share:.0%}; under cProfile)",
        )
        for label, value in browser_timings(site, data[1_000]):
            row(label, value)
        row(
            "speed check: a fixed pure-Python loop, at the start / at the end",
            f"{before:.2f} / {speed_check():.2f} s",
        )
    finally:
        shutil.rmtree(work, ignore_errors=True)

    table = "\n".join(f"| {label} | {value} |" for label, value in rows)
    from selfassess.inputs.banks import resolve_bank

    bundled = resolve_bank("collaboration-maturity").questionnaire
    options.out.write_text(
        "# Benchmark results\n\n"
        f"Machine: {machine()}.  \n"
        f"Median of {runs} runs, each command a separate process (modules compiled first, as a "
        "wheel install does); synthetic, seeded partnerships "
        f"of {ORGANISATIONS} organisations answering collaboration-maturity {bundled.version} "
        f"({bundled.question_count} questions and {len(bundled.background)} about the "
        "respondent, every type, only those asked).  \n"
        f"Written by `make bench` on {time.strftime('%Y-%m-%d')}.\n\n"
        "| what | figure |\n|---|---|\n" + table + "\n\n" + TARGETS,
        encoding="utf-8",
    )
    print(f"\nwrote {options.out}")


if __name__ == "__main__":
    main()
