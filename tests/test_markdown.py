"""Bank Markdown: only web, mail and in-page links become links, in the pages and in the PDF."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pdf_support import RESPONSES, pdf_text, reader_of, report

from selfassess.inputs.banks import bundled_bank_files, load_questionnaire
from selfassess.pages.markdown import render_inline, render_markdown

# (Markdown, the link's target when it stays a link, else None), shared by the HTML and PDF tests
LINKS = [
    ("[the guide](https://example.org/guide)", "https://example.org/guide"),
    ("[the old guide](http://example.org/old)", "http://example.org/old"),
    ("[write to us](mailto:team@example.org)", "mailto:team@example.org"),
    ("[see below](#method)", "#method"),
    ("[the share](//fileserver/share/plan.docx)", None),
    ("[up a folder](../secrets.txt)", None),
    ("[the root](/etc/passwd)", None),
    ("[next door](notes.md)", None),
    ("[this folder](./plan.pdf)", None),
    ("[a file](file:///etc/passwd)", None),
    ("[a phone](tel:+441234567890)", None),
    ("[a share](smb://fileserver/share)", None),
]


def link_words(markdown: str) -> str:
    return markdown[1 : markdown.index("]")]


@pytest.mark.parametrize(("markdown", "target"), LINKS)
def test_only_web_mail_and_in_page_links_become_links(markdown: str, target: str | None) -> None:
    for html in (render_markdown(f"Read {markdown} now."), render_inline(f"Read {markdown}")):
        if target is None:
            assert "<a" not in html and "href" not in html, html
            assert link_words(markdown) in html  # the words stay, as text
        else:
            assert f'<a href="{target}">{link_words(markdown)}</a>' in html


def test_a_refused_link_keeps_the_formatting_of_its_words() -> None:
    assert render_inline("[**the** plan](../plan.pdf)") == "<strong>the</strong> plan"


def test_a_reference_link_to_a_file_is_text_too() -> None:
    html = render_markdown("See [the plan][p].\n\n[p]: //fileserver/plan.pdf\n")
    assert html == "<p>See the plan.</p>"


def test_the_pdf_links_only_to_web_mail_and_in_page_targets(tmp_path: Path) -> None:
    """Every case of LINKS in a principle's summary of a real scorecard PDF: its link
    annotations are exactly the safe ones, and the words of every link are in the text layer."""
    source = next(p for p in bundled_bank_files() if p.stem == "collaboration-maturity")
    summary = " ".join(f"{markdown}." for markdown, _ in LINKS)
    text = source.read_text(encoding="utf-8").replace(
        "    summary:\n      en: |\n", f"    summary:\n      en: |\n        {summary}\n", 1
    )
    bank = tmp_path / "bank.yaml"
    bank.write_text(text, encoding="utf-8")
    out = tmp_path / "scorecard.pdf"
    code, _, err = report(str(RESPONSES), "--questionnaire", str(bank), "-o", str(out), "--quiet")
    assert code == 0, err
    uris = set()
    for page in reader_of(out).pages:
        for annotation in page.get("/Annots") or []:
            action = annotation.get_object().get("/A")
            if action is not None and "/URI" in action:
                uris.add(str(action["/URI"]))
    # the bank's references, which the method page lists, link to their sources too
    sources = set(
        re.findall(r"\]\((https?://[^)\s]+)\)", " ".join(load_questionnaire(source).references))
    )
    assert uris - sources == {t for _, t in LINKS if t is not None and not t.startswith("#")}
    assert not any(u.lower().startswith("file:") for u in uris)
    words = pdf_text(out)
    for markdown, _ in LINKS:
        assert link_words(markdown) in words
