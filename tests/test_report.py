"""`selfassess report`: the scorecard a board reads, as PDF and HTML, from the example partnership."""

from __future__ import annotations

import io
import json
import os
import shutil
import stat
import subprocess
import sys
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner
from pypdf import PdfReader

from selfassess.cli import cli
from selfassess.core.errors import SelfassessError
from selfassess.core.rounding import shown
from selfassess.core.scoring import score_all
from selfassess.inputs.paths import expand_input_paths
from selfassess.inputs.responses import bank_for_responses, load_responses
from selfassess.pages.themes import load_theme
from selfassess.report.pdf import render_scorecard_pdf, theme_url_fetcher
from selfassess.report.pipeline import ReportRequest, write_report
from selfassess.scorecard.options import ScorecardOptions

ROOT = Path(__file__).parent.parent
RESPONSES = ROOT / "examples" / "responses"
BASELINE = ROOT / "examples" / "baseline"
PARTNERSHIP = "Northshire Health and Care Partnership"
MALICIOUS = "<script>alert('x')</script> <img src=x onerror=alert(1)> see file:///etc/passwd"
HOSTILE_FILE = "northshire-county-council-2026-11-06-partnership-development-officer.json"


@dataclass(frozen=True)
class Rendered:
    pdf: Path
    html: Path

    def text(self) -> str:
        """The PDF's text layer, whitespace collapsed (headings wrap across lines)."""
        reader = PdfReader(self.pdf)
        return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)

    def html_text(self) -> str:
        return self.html.read_text(encoding="utf-8")


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, ["report", *args])
    assert "Traceback" not in result.output + result.stderr, result.output + result.stderr
    return result.exit_code, result.stdout, result.stderr


def with_hostile_comment(folder: Path) -> Path:
    """The example round copied, one respondent's comment replaced by hostile text: the
    examples a client reads hold plausible comments, the hostile ones live here."""
    copied = folder / "responses"
    shutil.copytree(RESPONSES, copied)
    target = copied / HOSTILE_FILE
    data = json.loads(target.read_text(encoding="utf-8"))
    data["comments"]["pa-5"] = MALICIOUS
    target.write_text(json.dumps(data, indent=2, ensure_ascii=False), encoding="utf-8")
    return copied


def render(folder: Path, *extra: str) -> Rendered:
    pdf, html = folder / "scorecard.pdf", folder / "scorecard.html"
    responses = with_hostile_comment(folder)
    code, _, err = run(
        str(responses), "--partnership", PARTNERSHIP, "-o", str(pdf), "--html", str(html), *extra
    )
    assert code == 0, err
    return Rendered(pdf, html)


@pytest.fixture(scope="module")
def plain(tmp_path_factory: pytest.TempPathFactory) -> Rendered:
    """The example round on its own, names hidden (the default)."""
    return render(tmp_path_factory.mktemp("plain"))


@pytest.fixture(scope="module")
def full(tmp_path_factory: pytest.TempPathFactory) -> Rendered:
    """The example round against its baseline, with --show-names."""
    return render(tmp_path_factory.mktemp("full"), "--baseline", str(BASELINE), "--show-names")


@pytest.fixture(scope="module")
def example_scores():  # type: ignore[no-untyped-def]
    paths = expand_input_paths([str(RESPONSES)])
    bank = bank_for_responses(paths).questionnaire
    loaded = load_responses(paths, bank)
    return bank, loaded, score_all(bank, loaded.responses)


def respondent_names() -> set[str]:
    paths = expand_input_paths([str(RESPONSES), str(BASELINE)])
    bank = bank_for_responses(paths).questionnaire
    names = {
        r.response.respondent.name
        for r in load_responses(paths, bank).responses
        if r.response.respondent.name
    }
    assert len(names) > 10
    return names


# ---------------------------------------------------------------- what the PDF says


def test_pdf_names_the_partnership_and_every_principle(plain: Rendered, example_scores) -> None:  # type: ignore[no-untyped-def]
    bank = example_scores[0]
    text = plain.text()
    assert PARTNERSHIP in text
    for principle in bank.principles:
        assert principle.title in text


def test_pdf_summary_shows_the_overall_score_and_level_from_the_scoring_engine(
    plain: Rendered,
    example_scores,  # type: ignore[no-untyped-def]
) -> None:
    bank, _, scores = example_scores
    label = next(lv.label for lv in bank.levels if lv.id == scores.partnership.level)
    summary = " ".join(PdfReader(plain.pdf).pages[1].extract_text().split())
    assert f"OVERALL SCORE {shown(scores.partnership.overall)}/100 {label}" in summary
    assert f"Overall {shown(scores.partnership.overall)} {label}" in summary


def test_pdf_summary_shows_each_principles_median_and_iqr_beside_the_spread(
    plain: Rendered, example_scores
) -> None:  # type: ignore[no-untyped-def]
    bank, _, scores = example_scores
    summary = " ".join(PdfReader(plain.pdf).pages[1].extract_text().split())
    assert "SPREAD MEDIAN (IQR)" in summary
    for principle in bank.principles:
        r = scores.partnership.principles[principle.id]
        c = r.consensus
        assert f"{shown(r.spread)} {shown(c.median)} ({shown(c.iqr)})" in summary, principle.id
    assert "Spread is between organisations" in summary
    assert "Median (IQR) is between people" in summary


def test_pdf_principle_pages_compare_organisations_with_people(plain: Rendered) -> None:
    text = plain.text()
    assert "SPREAD BETWEEN ORGANISATIONS 42 points DIVERGENT" in text
    assert "BETWEEN RESPONDENTS 26 scored it: median 50, middle half within 26 points" in text
    assert "the gap lies between organisations more than between people" in text


def test_a_split_principle_is_flagged_in_the_pdf(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Vector 19: a third of respondents far from the median on p, nobody on q."""
    monkeypatch.chdir(ROOT / "tests" / "vectors" / "19-consensus")
    pdf = tmp_path / "s.pdf"
    code, _, err = run("responses", "--questionnaire", "bank.yaml", "-o", str(pdf), "--quiet")
    assert code == 0, err
    text = Rendered(pdf, tmp_path / "none.html").text()
    assert "6 scored it: median 50, middle half within 19 points SPLIT" in text
    assert "6 scored it: median 50, middle half within 0 points" in text
    assert "and so do people: at least a third of respondents are more than 25 points" in text


def test_pdf_calls_out_the_weakest_link_and_its_weakest_organisation(plain: Rendered) -> None:
    text = plain.text()
    assert "THE WEAKEST LINK 4. Putting hierarchies aside 42" in text
    assert "It is weakest at Riverside Care Homes Group (27)" in text


def test_pdf_is_a4_with_numbered_pages(plain: Rendered) -> None:
    reader = PdfReader(plain.pdf)
    pages = len(reader.pages)
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)  # A4 in points
    assert pages >= 8
    assert f"Page 2 of {pages}" in reader.pages[1].extract_text()


def test_pdf_carries_its_title_and_author_in_the_metadata(plain: Rendered) -> None:
    metadata = PdfReader(plain.pdf).metadata
    assert metadata is not None
    assert metadata.title == f"Partnership scorecard: {PARTNERSHIP}"
    assert metadata.author == PARTNERSHIP


def test_method_appendix_explains_the_rules_and_counts_respondents(plain: Rendered) -> None:
    text = plain.text()
    assert "How the scores are calculated" in text
    assert "Every organisation counts the same" in text
    assert "Northshire Police 2" in text  # respondents per organisation
    assert "None: every file given was read." in text


# ---------------------------------------------------------------- names, baseline


def test_respondent_names_appear_nowhere_without_show_names(plain: Rendered) -> None:
    text, html = plain.text(), plain.html_text()
    for name in respondent_names():
        assert name not in text
        assert name not in html


def test_respondent_names_appear_with_their_comments_with_show_names(full: Rendered) -> None:
    assert "Martin Hollis" in full.text()
    assert "Martin Hollis" in full.html_text()
    # Police's two respondents are fewer than the bank's privacy.min_group_size: no comment.
    assert "Steve Carrick" not in full.text()


def test_baseline_section_appears_only_with_baseline(plain: Rendered, full: Rendered) -> None:
    assert "Change since the baseline" not in plain.text()
    assert "Change since the baseline" not in plain.html_text()
    text = full.text()
    assert "Change since the baseline" in text
    assert "Which organisations moved most" in text
    assert "New since the baseline: Northshire Police." in text


# ---------------------------------------------------------------- hostile input stays inert


class TagCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def test_malicious_comment_is_escaped_text_in_the_html(plain: Rendered) -> None:
    html = plain.html_text()
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;" in html
    collector = TagCollector()
    collector.feed(html)
    tags = [tag for tag, _ in collector.tags]
    assert "script" not in tags
    assert "img" not in tags
    assert not any("onerror" in attrs for _, attrs in collector.tags)


def test_scorecard_html_is_standalone_and_forbids_scripts(plain: Rendered) -> None:
    collector = TagCollector()
    collector.feed(plain.html_text())
    assert not [attrs for tag, attrs in collector.tags if tag == "link"]
    assert not [attrs for tag, attrs in collector.tags if tag in ("img", "script", "iframe")]
    csp = [a for t, a in collector.tags if t == "meta" and a.get("http-equiv")]
    assert csp and "default-src 'none'" in (csp[0].get("content") or "")


def only_the_audit_trail(reader: PdfReader) -> None:
    """The PDF embeds what its manifest lists (questionnaire, answers) and nothing else."""
    files = {name: data[0] for name, data in reader.attachments.items()}
    manifest = json.loads(files["manifest.json"])
    listed = {"manifest.json", manifest["questionnaire"]["attachment"]}
    listed |= {entry["attachment"] for entry in manifest["inputs"] if entry["attachment"]}
    assert set(files) == listed
    assert not [name for name, data in files.items() if b"root:x:0:0" in data]


def test_malicious_comment_is_plain_text_in_the_pdf_and_embeds_nothing(plain: Rendered) -> None:
    reader = PdfReader(plain.pdf)
    assert MALICIOUS in plain.text()
    only_the_audit_trail(reader)
    assert b"root:x:0:0" not in plain.pdf.read_bytes()


@pytest.mark.parametrize(
    "url",
    [
        "http://example.com/logo.png",
        "https://example.com/style.css",
        "ftp://example.com/x",
        "file:///etc/passwd",
        "file://otherhost/etc/passwd",
    ],
)
def test_url_fetcher_refuses_anything_but_the_themes_own_files(url: str) -> None:
    fetcher = theme_url_fetcher(load_theme(None).folders())
    with pytest.raises(ValueError, match="refused"):
        fetcher.fetch(url)


def test_url_fetcher_serves_theme_files_and_data_urls() -> None:
    theme = load_theme(None)
    fetcher = theme_url_fetcher(theme.folders())
    css = theme.find_file("css/scorecard.css")
    assert b"@page" in fetcher.fetch(css.resolve().as_uri()).read()
    assert fetcher.fetch("data:text/plain,hello").read() == b"hello"


def test_url_fetcher_refuses_a_symlink_out_of_the_theme(tmp_path: Path) -> None:
    theme = tmp_path / "theme"
    theme.mkdir()
    secret = tmp_path / "secret.txt"
    secret.write_text("secret")
    (theme / "logo.svg").symlink_to(secret)
    fetcher = theme_url_fetcher([theme])
    with pytest.raises(ValueError, match="refused"):
        fetcher.fetch((theme / "logo.svg").as_uri())


def test_a_page_that_tries_to_pull_in_local_or_remote_files_embeds_nothing() -> None:
    hostile = (
        "<html><head><link rel='attachment' href='file:///etc/passwd'>"
        "<link rel='stylesheet' href='http://127.0.0.1:9/x.css'></head>"
        "<body><p>hello</p><img src='file:///etc/passwd'><img src='http://127.0.0.1:9/x.png'>"
        "</body></html>"
    )
    pdf = render_scorecard_pdf(hostile, load_theme(None))
    assert not PdfReader(io.BytesIO(pdf)).attachments
    assert b"root:x:0:0" not in pdf


def test_a_bank_that_tries_to_pull_in_files_embeds_nothing(tmp_path: Path) -> None:
    bundled = ROOT / "src" / "selfassess" / "questionnaires" / "collaboration-maturity.yaml"
    hostile = (
        "![passwd](file:///etc/passwd) [link](file:///etc/passwd) "
        "<link rel='attachment' href='file:///etc/passwd'> <img src='http://127.0.0.1:9/x.png'>"
    )
    bank = tmp_path / "bank.yaml"
    bank.write_text(
        bundled.read_text(encoding="utf-8").replace(
            "        Partners agree what problem they are trying to solve,",
            f"        {hostile} Partners agree what problem they are trying to solve,",
            1,
        ),
        encoding="utf-8",
    )
    pdf, html = tmp_path / "s.pdf", tmp_path / "s.html"
    code, _, err = run(
        str(RESPONSES), "--questionnaire", str(bank), "-o", str(pdf), "--html", str(html)
    )
    assert code == 0, err
    page = html.read_text(encoding="utf-8")
    assert "&lt;link rel=" in page  # the bank's text arrived, as text
    collector = TagCollector()
    collector.feed(page)
    assert not [t for t, _ in collector.tags if t in ("img", "link")]
    assert not [a for t, a in collector.tags if t == "a" and "file:" in (a.get("href") or "")]
    only_the_audit_trail(PdfReader(pdf))
    assert b"root:x:0:0" not in pdf.read_bytes()


# ---------------------------------------------------------------- writing safely


def request_for(
    tmp_path: Path, pdf: str | None = "scorecard.pdf", html: Path | None = None
) -> ReportRequest:
    paths = expand_input_paths([str(RESPONSES)])
    bank = bank_for_responses(paths).questionnaire
    outputs = {"pdf": tmp_path / pdf} if pdf is not None else {}
    outputs |= {"html": html} if html is not None else {}
    return ReportRequest(
        bank=bank,
        responses=load_responses(paths, bank),
        options=ScorecardOptions(partnership=PARTNERSHIP),
        outputs=outputs,
    )


@pytest.mark.parametrize("failure", [RuntimeError("layout broke"), KeyboardInterrupt()])
def test_a_render_that_fails_keeps_the_earlier_scorecard(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, failure: BaseException
) -> None:
    old = tmp_path / "scorecard.pdf"
    old.write_bytes(b"%PDF- the scorecard from last month")

    def broken(*args: object, **kwargs: object) -> bytes:
        raise failure

    monkeypatch.setattr("selfassess.report.outputs.render_scorecard_pdf", broken)
    with pytest.raises(type(failure)):
        write_report(request_for(tmp_path, html=tmp_path / "scorecard.html"))
    assert old.read_bytes() == b"%PDF- the scorecard from last month"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["scorecard.pdf"]  # no temp, no html


def test_a_failing_write_keeps_the_earlier_scorecard(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    old = tmp_path / "scorecard.pdf"
    old.write_bytes(b"%PDF- old")

    def no_space(*args: object, **kwargs: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("selfassess.pages.writing.os.fsync", no_space)
    monkeypatch.setattr(
        "selfassess.report.outputs.render_scorecard_pdf", lambda *a, **k: b"%PDF- new and long"
    )
    with pytest.raises(SelfassessError, match=r"scorecard\.pdf: cannot be written: No space left"):
        write_report(request_for(tmp_path))  # one line for the user, not a traceback
    assert old.read_bytes() == b"%PDF- old"
    assert [p.name for p in tmp_path.iterdir()] == ["scorecard.pdf"]


def test_a_new_scorecard_is_readable_as_the_umask_allows(tmp_path: Path) -> None:
    html = tmp_path / "s.html"
    old = os.umask(0o022)
    try:
        write_report(request_for(tmp_path, pdf=None, html=html))
    finally:
        os.umask(old)
    assert stat.S_IMODE(html.stat().st_mode) == 0o644


def test_rewriting_a_scorecard_keeps_its_permissions(tmp_path: Path) -> None:
    html = tmp_path / "s.html"
    html.write_text("old")
    html.chmod(0o640)
    write_report(request_for(tmp_path, pdf=None, html=html))
    assert stat.S_IMODE(html.stat().st_mode) == 0o640
    assert html.read_text(encoding="utf-8") != "old"


def test_html_alone_needs_no_pdf(tmp_path: Path) -> None:
    html = tmp_path / "only.html"
    code, out, _ = run(str(RESPONSES), "--html", str(html))
    assert code == 0
    assert out == f"wrote {html}\n"
    assert "Partnership scorecard" in html.read_text(encoding="utf-8")
    assert not list(tmp_path.glob("*.pdf"))


def test_quiet_prints_nothing_and_progress_never_goes_to_a_pipe(tmp_path: Path) -> None:
    code, out, err = run(str(RESPONSES), "--html", str(tmp_path / "s.html"), "--quiet")
    assert code == 0
    assert out == "" and err == ""


def test_progress_is_reported_while_loading_and_rendering_for_a_person_watching(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("selfassess.cli.shows_progress", lambda quiet: True)
    code, _, err = run(str(RESPONSES), "--html", str(tmp_path / "s.html"))
    assert code == 0
    assert "Loading answers" in err
    assert "Drawing charts" in err


VECTORS = sorted(p for p in (ROOT / "tests" / "vectors").iterdir() if (p / "bank.yaml").is_file())


@pytest.mark.parametrize("case", VECTORS, ids=[p.name for p in VECTORS])
def test_every_shared_scoring_case_renders_a_scorecard(
    case: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Odd partnerships too: one organisation, nothing answered, a principle nobody scored."""
    monkeypatch.chdir(case)
    html = tmp_path / "s.html"
    code, _, err = run("responses", "--questionnaire", "bank.yaml", "--html", str(html), "--quiet")
    assert code == 0, err
    assert "How the scores are calculated" in html.read_text(encoding="utf-8")


def test_baseline_accepts_files_and_repeats(tmp_path: Path) -> None:
    files = sorted(BASELINE.glob("*.json"))
    args = [a for f in files for a in ("--baseline", str(f))]
    html = tmp_path / "s.html"
    code, _, err = run(str(RESPONSES), "--html", str(html), *args)
    assert code == 0, err
    assert "The baseline round had 20 respondents" in html.read_text(encoding="utf-8")


# ---------------------------------------------------------------- bad input: one line, no traceback


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["missing.json", "--questionnaire", "collaboration-maturity", "--html", "{tmp}/s.html"],
            "missing.json: no such file",
        ),
        ([str(RESPONSES), "-o", "{tmp}/no/such/folder/s.pdf"], "does not exist"),
        ([str(RESPONSES), "-o", "{tmp}"], "is a folder"),
        ([str(RESPONSES), "--html", "{tmp}/s.html", "--theme", "nonesuch"], "no such theme"),
        ([str(RESPONSES), "--html", "{tmp}/s.html", "--baseline", "{tmp}"], "no *.json or *.csv"),
        (
            [str(RESPONSES), "--html", "{tmp}/s.html", "--questionnaire", "collaboration-pulse"],
            "not 'collaboration-pulse'",
        ),
    ],
)
def test_bad_input_is_a_located_error_not_a_traceback(
    tmp_path: Path, args: list[str], message: str
) -> None:
    code, _, err = run(*[a.replace("{tmp}", str(tmp_path)) for a in args])
    assert code == 1
    assert err.startswith("error: ")
    assert message in err


def test_a_broken_response_file_names_the_file(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("{not json")
    code, _, err = run(str(RESPONSES), str(bad), "--html", str(tmp_path / "s.html"))
    assert code == 1
    assert err.strip().splitlines() == [
        f"error: {bad}:1: not JSON: Expecting property name enclosed in double quotes"
    ]


def test_skip_invalid_lists_the_skipped_file_in_the_appendix(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("{not json")
    html = tmp_path / "s.html"
    code, _, err = run(str(RESPONSES), str(bad), "--html", str(html), "--skip-invalid")
    assert code == 0
    assert f"skipped: {bad}" in err
    page = html.read_text(encoding="utf-8")
    assert "<li>bad.json:1: not JSON" in page  # the scorecard names no folder of the machine
    assert str(tmp_path) not in page


def test_no_output_named_is_a_usage_error() -> None:
    code, _, err = run(str(RESPONSES))
    assert code == 2
    assert "give -o FILE.pdf, --html FILE.html, or both" in err


def test_a_broken_theme_template_is_a_located_error(tmp_path: Path) -> None:
    theme = tmp_path / "mytheme"
    (theme / "templates" / "scorecard").mkdir(parents=True)
    (theme / "theme.yaml").write_text("name: mine\nparent: default\n")
    (theme / "templates" / "scorecard" / "cover.html.j2").write_text("<h1>{{ view.titel }}</h1>\n")
    code, _, err = run(str(RESPONSES), "--html", str(tmp_path / "s.html"), "--theme", str(theme))
    assert code == 1
    assert "cover.html.j2:1: template error:" in err
    assert "titel" in err


def test_the_library_refuses_a_request_with_no_output(tmp_path: Path) -> None:
    with pytest.raises(SelfassessError, match="nothing to write"):
        write_report(request_for(tmp_path, pdf=None))


# ---------------------------------------------------------------- cost


def test_weasyprint_is_imported_by_report_only(tmp_path: Path) -> None:
    """`score` and `build` must start fast: WeasyPrint costs most of a second to import (and
    pypdf, which only `verify` needs, a little more)."""
    code = (
        "import sys\n"
        "from click.testing import CliRunner\n"
        "from selfassess.cli import cli\n"
        f"for args in (['score', {str(RESPONSES)!r}], ['build', '-o', {str(tmp_path / 'site')!r}]):\n"
        "    result = CliRunner().invoke(cli, args)\n"
        "    assert result.exit_code == 0, result.output\n"
        "print('weasyprint' in sys.modules or 'pypdf' in sys.modules)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == "False"


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="needs poppler-utils")
def test_summary_page_converts_to_an_image(plain: Rendered, tmp_path: Path) -> None:
    subprocess.run(
        ["pdftoppm", "-r", "40", "-f", "2", "-l", "2", "-png", str(plain.pdf), str(tmp_path / "p")],
        check=True,
    )
    (png,) = tmp_path.glob("p*.png")
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert png.stat().st_size > 10_000  # a page with charts, not a blank one


# ---------------------------------------------------------------- bounded work


def test_a_one_megabyte_comment_prints_its_start_and_a_note_in_both_pdf_and_html(
    tmp_path: Path,
) -> None:
    answers = tmp_path / "answers"
    shutil.copytree(RESPONSES, answers)
    council = answers / "northshire-county-council-2026-11-03-head-of-adult-social-care.json"
    data = json.loads(council.read_text(encoding="utf-8"))
    words = "Decisions stall when budgets tighten and nobody owns the follow up. "
    data["comments"]["ca-1"] = (words * (1_048_576 // len(words) + 1))[:1_048_575] + "."
    council.write_text(json.dumps(data), encoding="utf-8")
    pdf, html = tmp_path / "s.pdf", tmp_path / "s.html"
    code, _, err = run(str(answers), "-o", str(pdf), "--html", str(html), "--quiet")
    assert code == 0, err
    note = "characters are printed; the whole comment is in the respondent’s answer file."
    text = Rendered(pdf, html).text()
    assert "Comment shortened: the first" in text and "of its 1,048,576" in text and note in text
    assert note in html.read_text(encoding="utf-8")
    assert len(PdfReader(pdf).pages) < 30  # uncut, the comment alone filled 189 pages
    assert data["comments"]["ca-1"] in json.dumps(
        json.loads(PdfReader(pdf).attachments[council.name][0])
    )
