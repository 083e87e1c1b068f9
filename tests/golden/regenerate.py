"""Render the golden outputs and, run as a script (`make golden`), write them beside this file.

Design note. Three files show a reviewer what a change does to what people read: the printed
figures of the example partnership's scorecard (read back from the PDF's manifest, so they are
the figures the PDF really carries), its HTML scorecard, and the form page `selfassess build`
writes for the bundled bank. Everything is rendered through the command line in-process
(click's CliRunner): the commands are the stable surface while the library moves underneath.

The HTML is normalised so that it neither varies between runs nor hides a change in review:
- today's date (the scorecard's date) becomes `DATE`, the tool's version `VERSION`, the
  working folder `WORK`, the hashes in the Content-Security-Policy `sha256-HASH` (they follow
  the scripts, which are left out, see below);
- one tag or one run of text per line, whitespace inside text collapsed (so a change in the
  spacing between inline elements is not pinned; a change of any word, figure or attribute is);
- the bank data the form carries (`<script type="application/json">`) is pretty-printed JSON,
  CSS one rule or declaration per line;
- the code of inline scripts is left out: it is reviewed as source in src/ and pinned by
  tests/js, tests/vectors and the browser tests, and its minified text would swamp the diff.
"""

from __future__ import annotations

import io
import json
import re
import sys
import tempfile
from collections.abc import Iterator
from datetime import date
from pathlib import Path

from click.testing import CliRunner
from pypdf import PdfReader

from selfassess import __version__
from selfassess.cli import cli

GOLDEN = Path(__file__).parent
ROOT = GOLDEN.parent.parent
PARTNERSHIP = "Northshire Health and Care Partnership"
FORM_PAGE = "collaboration-maturity.html"  # the bundled bank the example answers
NAMES = ("printed-figures.json", "scorecard.html", "form.html")
SCRIPT_ELIDED = "(script code left out: reviewed as source, pinned by the JS and browser tests)"

_TAG = re.compile(r"<!--.*?-->|<(?:\"[^\"]*\"|'[^']*'|[^'\">])*>", re.DOTALL)
_RAW_TEXT = re.compile(r"<(script|style)\b[^>]*>", re.IGNORECASE)
_CSP_HASH = re.compile(r"sha256-[A-Za-z0-9+/]+=*")
_CSS_BREAK = re.compile(r"\"(?:\\.|[^\"\\])*\"|'(?:\\.|[^'\\])*'|([{};])")


def run(*args: str) -> None:
    """One selfassess command in this process; its output is shown if it fails."""
    result = CliRunner().invoke(cli, list(args))
    if result.exit_code != 0:
        raise RuntimeError(f"selfassess {' '.join(args)} failed:\n{result.output}")


def render_outputs(work: Path, today: date | None = None) -> dict[str, str]:
    """The three golden files' text, rendered into the scratch folder `work`."""
    pdf, html, site = work / "scorecard.pdf", work / "scorecard.html", work / "site"
    examples = ROOT / "examples"
    run(
        "report", str(examples / "responses"), "--baseline", str(examples / "baseline"),
        "--partnership", PARTNERSHIP, "-o", str(pdf), "--html", str(html), "--quiet",
    )  # fmt: skip
    run("build", "-o", str(site))
    when = today or date.today()
    return {
        "printed-figures.json": printed_figures(pdf.read_bytes()),
        "scorecard.html": normalised_html(html.read_text(encoding="utf-8"), when, work),
        "form.html": normalised_html((site / FORM_PAGE).read_text(encoding="utf-8"), when, work),
    }


def printed_figures(pdf: bytes) -> str:
    """The manifest's printed figures, as JSON in the manifest's own order."""
    (manifest,) = PdfReader(io.BytesIO(pdf)).attachments["manifest.json"]
    figures = json.loads(manifest)["printed"]
    return json.dumps(figures, indent=2, ensure_ascii=False) + "\n"


def normalised_html(text: str, today: date, work: Path) -> str:
    """One tag or text per line, with what varies between runs replaced by a placeholder."""
    for shown in (
        f"{today.day} {today:%B %Y}",
        f"{today:%d %B %Y}",
        f"{today:%B} {today.day}, {today.year}",
        today.isoformat(),
    ):
        text = text.replace(shown, "DATE")
    text = text.replace(f"selfassess {__version__}", "selfassess VERSION")
    text = text.replace(str(work.resolve()), "WORK").replace(str(work), "WORK")
    text = _CSP_HASH.sub("sha256-HASH", text)
    return "\n".join(_lines(text)) + "\n"


def _lines(text: str) -> Iterator[str]:
    position = 0
    while (raw := _RAW_TEXT.search(text, position)) is not None:
        yield from _markup_lines(text[position : raw.start()])
        yield raw.group()
        end = text.lower().index(f"</{raw.group(1).lower()}", raw.end())
        yield from _raw_text_lines(raw.group(), text[raw.end() : end])
        position = end
    yield from _markup_lines(text[position:])


def _markup_lines(markup: str) -> Iterator[str]:
    position = 0
    for tag in _TAG.finditer(markup):
        yield from _text_line(markup[position : tag.start()])
        yield " ".join(tag.group().split()) if not tag.group().startswith("<!--") else tag.group()
        position = tag.end()
    yield from _text_line(markup[position:])


def _text_line(text: str) -> Iterator[str]:
    if words := " ".join(text.split()):
        yield words


def _raw_text_lines(opening: str, body: str) -> Iterator[str]:
    if not body.strip():
        return
    if opening.lower().startswith("<style"):
        broken = _CSS_BREAK.sub(lambda m: m.group(1) + "\n" if m.group(1) else m.group(), body)
        yield from (line.strip() for line in broken.splitlines() if line.strip())
    elif "json" in opening.lower():
        yield from json.dumps(json.loads(body), indent=2, ensure_ascii=False).splitlines()
    else:
        yield SCRIPT_ELIDED


def main() -> None:
    """`make golden`: write the three files; git diff then shows what changed for a reader."""
    with tempfile.TemporaryDirectory(prefix="selfassess-golden-") as scratch:
        outputs = render_outputs(Path(scratch))
    for name, text in outputs.items():
        (GOLDEN / name).write_text(text, encoding="utf-8")
        print(f"wrote {(GOLDEN / name).relative_to(ROOT)}", file=sys.stderr)


if __name__ == "__main__":
    main()
