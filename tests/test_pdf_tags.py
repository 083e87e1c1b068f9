"""pdf_tags on hand-made WeasyPrint objects: the parts a whole scorecard does not reach.

The whole path (WeasyPrint, the finisher, the checker) is in test_report_accessibility.py.
"""

from __future__ import annotations

from typing import Any

import pydyf

from selfassess.report.pdf_tags import as_artifacts, scope_header_cells


def element(role: str, parent: bytes, **extra: Any) -> pydyf.Dictionary:
    return pydyf.Dictionary({"Type": "/StructElem", "S": role, "P": parent, **extra})


def header(key: str, row: bytes) -> pydyf.Dictionary:
    return element("/TH", row, ID=pydyf.String(key), A=pydyf.Dictionary({"O": "/Table"}))


def cell(row: bytes, *keys: str) -> pydyf.Dictionary:
    headers = pydyf.Array(pydyf.String(k) for k in keys)
    return element("/TD", row, A=pydyf.Dictionary({"O": "/Table", "Headers": headers}))


def test_without_the_html_a_header_named_by_a_cell_of_its_own_row_heads_that_row() -> None:
    top, row = b"4 0 R", b"5 0 R"
    column = header("9-0-1", top)
    corner = header("9-0-0", top)  # heads the column of row headers: named by no data cell
    row_header = header("9-1-0", row)
    elements = [column, corner, row_header, cell(row, "9-1-0", "9-0-1")]
    scope_header_cells(elements, declared={})
    assert [h["A"]["Scope"] for h in (column, corner, row_header)] == ["/Column", "/Column", "/Row"]


def test_the_html_scope_decides_when_weasyprint_linked_the_cell() -> None:
    """A row of headers only: no data cell names its row header, the HTML still says "row"."""
    lonely = header("9-3-0", b"7 0 R")
    beside = header("9-3-1", b"7 0 R")
    scope_header_cells([lonely, beside], declared={id(lonely): "row", id(beside): ""})
    assert (lonely["A"]["Scope"], beside["A"]["Scope"]) == ("/Row", "/Column")


def test_a_header_without_attributes_gets_a_pdf_dictionary_not_a_python_one() -> None:
    bare = element("/TH", b"4 0 R")
    scope_header_cells([bare], declared={})
    assert isinstance(bare["A"], pydyf.Dictionary)
    assert bare["A"]["Scope"] == "/Column"


def test_only_the_named_marked_content_becomes_an_artifact() -> None:
    operations = [
        "/Span", pydyf.Dictionary({"MCID": 0}), b"BDC", b"BT", b"ET", b"EMC",
        "/Figure", pydyf.Dictionary({"MCID": 1}), b"BDC", b"/x1 Do", b"EMC",
        "/Artifact", b"BMC", b"re f", b"EMC",
    ]  # fmt: skip
    rewritten = list(as_artifacts(operations, {1}))
    assert rewritten[:6] == operations[:6]
    assert rewritten[6:] == [
        "/Artifact",
        b"BMC",
        b"/x1 Do",
        b"EMC",
        "/Artifact",
        b"BMC",
        b"re f",
        b"EMC",
    ]
