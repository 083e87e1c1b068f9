"""Comparing a scorecard's printed text with the text of the scorecard rebuilt from its inputs.

Pure: text in, the differences out, each named with the page it is on. Used by `verify`.
"""

from __future__ import annotations

import difflib
import html as htmllib
import re
from collections.abc import Sequence

from selfassess.report.pdf_text import DOCUMENT_PROPERTIES
from selfassess.scorecard.views import ScorecardView


def html_text(html: str) -> str:
    """The text of a page's HTML: no styles, comments or tags."""
    text = re.sub(r"(?s)<style.*?</style>|<!--.*?-->", "", html)
    return htmllib.unescape(re.sub(r"<[^>]+>", " ", text))


def letters(text: str) -> int:
    return sum(len(word) for word in text.split())


Word = tuple[str, int]  # a word and the page (from 1) it is on


def page_differences(
    printed: Sequence[str], expected: Sequence[str], furniture: Sequence[str]
) -> list[str]:
    """Where the words of `printed` pages differ from those of `expected` pages, by page.

    Pagination is no difference: each page's running headers and footers (`furniture`, the text
    of the margin boxes; page numbers as any number) are taken off its end, the rest is compared
    as one sequence of words, and a stretch that differs only in where lines broke (the same
    letters, split into other words) counts as the same.
    """
    pieces = sorted({tuple(text.split()) for text in furniture if text.split()}, key=len)[::-1]
    ours = _words(printed, pieces)
    theirs = _words(expected, pieces)
    a = [w for w, _ in ours]
    b = [w for w, _ in theirs]
    if len(a) > 2 * len(b) + 2000:  # a diff of very unequal texts costs their product
        return [f"the pages hold {len(a)} words, the scorecard rebuilt from the inputs {len(b)}"]
    problems = []
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal" or _rewrapped(a[i1:i2], b[j1:j2]):
            continue
        page = ours[min(i1, len(ours) - 1)][1] if ours else 1
        before = a[max(0, i1 - 3) : i1]
        after = a[i2 : i2 + 2]
        problems.append(
            f"page {page}: prints '{_quote(before, a[i1:i2], after)}', "
            f"the inputs give '{_quote(before, b[j1:j2], after)}'"
        )
    return problems


def _rewrapped(ours: list[str], theirs: list[str]) -> bool:
    """True when two runs of words hold the same letters split at other places, and no split
    that one has and the other lacks falls between two digits: "Riverside Care" may be
    "RiversideCare" where a line broke, but "40 60 80" is not "406 080"."""
    joined = "".join(ours)
    if joined != "".join(theirs):
        return False
    moved = _splits(ours) ^ _splits(theirs)
    return not any(joined[i - 1].isdigit() and joined[i].isdigit() for i in moved)


def _splits(words: list[str]) -> set[int]:
    """Where, in the words run together, one word ends and the next begins."""
    ends, at = set(), 0
    for word in words[:-1]:
        at += len(word)
        ends.add(at)
    return ends


def _quote(before: list[str], middle: list[str], after: list[str], most: int = 16) -> str:
    shown = middle if len(middle) <= most else [*middle[: most // 2], "...", *middle[-most // 2 :]]
    return " ".join([*before, *shown, *after])


def _words(pages: Sequence[str], pieces: Sequence[tuple[str, ...]]) -> list[Word]:
    found: list[Word] = []
    for number, text in enumerate(pages, start=1):
        words = text.split()
        for _ in range(4):  # a page has at most four running texts: two headers, two footers
            piece = next((p for p in pieces if _ends_with(words, p)), None)
            if piece is None:
                break
            words = words[: len(words) - len(piece)]
        found += [(word, number) for word in words]
    return found


def _ends_with(words: list[str], piece: tuple[str, ...]) -> bool:
    """True when `words` ends with `piece`, any number standing for any other (page numbers)."""
    if len(piece) > len(words):
        return False
    tail = words[len(words) - len(piece) :]
    return all(w == p or (w.isdigit() and p.isdigit()) for w, p in zip(tail, piece, strict=True))


def page_problems(pages: list[str], view: ScorecardView) -> list[str]:
    """The headline numbers, wherever the text layer shows them, against the inputs: used
    when the page cannot be rebuilt word for word (see `_compare_pages`).

    Every place a principle's score is printed beside its title counts (the table, and the
    weakest-link box for that principle), on every page: changing one and not the other is
    caught too, and a summary table that runs onto a second page is read whole.
    """
    text = " ".join(pages)
    problems = []
    if view.show_overall:
        overall_score = re.compile(
            r"OVERALL SCORE (\d+(?:\.\d)?|–) ?" + re.escape(view.out_of.strip()), re.IGNORECASE
        )
        if overall_score.search(text) is None:
            return ["the page: cannot find the summary's overall score in the PDF's text"]
        shown_overall = {m[1] for m in overall_score.finditer(text)}
        for number in sorted(shown_overall - {view.overall}):
            problems.append(
                f"the page shows an overall score of {number}, the inputs give {view.overall}"
            )
    for row in view.principles:
        if not row.scored:
            continue
        pattern = (
            re.escape(f"{row.number}. {row.title}")
            + r"(?: (?:WEAKEST LINK|DIVERGENT|SPLIT))* (\d+(?:\.\d)?|–) (?:"
            + "|".join(re.escape(level) for level in _levels(view))
            + ")"
        )
        shown = {m[1] for m in re.finditer(pattern, text, re.IGNORECASE)}
        if not shown:
            problems.append(f"the page: cannot find the score of principle '{row.title}'")
        for number in sorted(shown - {row.score}):
            problems.append(
                f"the page shows principle '{row.title}' at {number}, the inputs give {row.score}"
            )
    return problems


def _levels(view: ScorecardView) -> list[str]:
    """Every level label a principle's score may stand beside (its own levels included)."""
    own = {lv.label for p in view.method.principle_levels for lv in p.levels}
    return sorted({level.label for level in view.method.levels} | own | {"–"})


def viewer_differences(info: dict[str, str], expected: dict[str, str]) -> list[str]:
    """What a viewer or a screen reader shows beside the pages (pdf_text.read_pages' `info`):
    the document's properties, the first alternative text and the first bookmark that differ."""
    problems = [
        f"the document's properties: its {key.lower()} is '{info.get(key, '')[:80]}', "
        f"the inputs give '{expected.get(key, '')[:80]}'"
        for key in DOCUMENT_PROPERTIES
        if info.get(key, "") != expected.get(key, "")
    ]
    printed_alts = info.get("Alternative texts", "").split("\n")
    rebuilt_alts = expected.get("Alternative texts", "").split("\n")
    n = _first_difference(printed_alts, rebuilt_alts)
    if n is not None and n < len(printed_alts):
        was, now = printed_alts[n], (rebuilt_alts[n:] or [""])[0]
        at = _first_difference(list(was), list(now)) or 0
        start = max(0, at - 40)
        problems.append(
            f"alternative text {n + 1} (what a screen reader reads for a chart) reads "
            f"'...{was[start : at + 20]}...', the inputs give '...{now[start : at + 20]}...'"
        )
    elif n is not None:
        problems.append("an alternative text the inputs give is missing from the tag tree")
    printed_marks = info.get("Bookmarks", "").split(" | ")
    rebuilt_marks = expected.get("Bookmarks", "").split(" | ")
    n = _first_difference(printed_marks, rebuilt_marks)
    if n is not None:
        problems.append(
            f"bookmark {n + 1} (a viewer's sidebar) reads '{(printed_marks[n:] or [''])[0][:80]}', "
            f"the inputs give '{(rebuilt_marks[n:] or [''])[0][:80]}'"
        )
    return problems


def _first_difference(a: list[str], b: list[str]) -> int | None:
    """The index of the first item where `a` and `b` differ (one running out counts), or None."""
    for i, (x, y) in enumerate(zip(a, b, strict=False)):
        if x != y:
            return i
    return None if len(a) == len(b) else min(len(a), len(b))
