"""What browser tests share: Debian's Chromium, axe-core, node, and a request recorder.

Without /usr/bin/chromium (or axe-core from `npm ci`) the tests skip with a message, except in
CI (CI=true), where a missing tool is a failure: a green CI must mean the pages were tested.
"""

from __future__ import annotations

import json
import os
import shutil
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from chromium import CHROMIUM, launch

from selfassess.pages.answer_file_messages import READING_MESSAGES
from selfassess.pages.page_messages import page_messages
from selfassess.report.pdf import file_url_path

ROOT = Path(__file__).parent.parent
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def missing(message: str) -> None:
    """Skip on a developer's machine; fail in CI."""
    if os.environ.get("CI") == "true":
        pytest.fail(f"{message} (CI=true: these tests must run)")
    pytest.skip(message)


def require_node() -> str:
    """The node executable that runs the page scripts' own tests (tests/js/)."""
    node = shutil.which("node")
    if node is None:
        missing("node is not installed: the page scripts' tests need Node.js 18+")
    assert node is not None
    return node


def node_env(work: Path) -> dict[str, str]:
    """The environment for node running the page scripts without a page: the catalogue's English
    in SELFASSESS_MESSAGES (a file, as the page's #selfassess-messages would hold it), which
    tests/js/support.js hands to messages.js. The words live in Python only."""
    path = work / "selfassess-messages.json"
    path.write_text(json.dumps(page_messages(READING_MESSAGES, "en")), encoding="utf-8")
    # PYTHON: the node tests that ask Python for a bank or cases run this interpreter, also
    # when they run from a copy of tests/js outside the checkout (tests/test_packing.py).
    return {**os.environ, "SELFASSESS_MESSAGES": str(path), "PYTHON": sys.executable}


def require_chromium() -> None:
    if not CHROMIUM.is_file():
        missing(
            f"no Chromium at {CHROMIUM}: `apt-get install -y chromium` (make test does, as root)"
        )
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        missing("Playwright for Python is not installed: pip install -e '.[test]'")


def require_axe() -> str:
    if not AXE.is_file():
        missing(f"no {AXE.relative_to(ROOT)}: run `npm ci` (make test does)")
    return AXE.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """One headless Chromium for the whole run (tests/conftest.py loads this module as a plugin)."""
    require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = launch(playwright)
        yield chromium
        chromium.close()


@dataclass
class RequestLog:
    """Every request a page tried to make beyond loading itself; each one is aborted."""

    allowed: set[str] = field(default_factory=set)
    requests: list[str] = field(default_factory=list)
    websockets: list[str] = field(default_factory=list)

    def attach(self, context: Any) -> None:
        context.on("request", self._seen)
        context.route("**/*", self._route)
        context.route_web_socket("**/*", self._socket)

    def _seen(self, request: Any) -> None:
        if request.url not in self.allowed:
            self.requests.append(request.url)

    def _route(self, route: Any) -> None:
        if route.request.url in self.allowed:
            route.continue_()
        else:
            route.abort()

    def _socket(self, socket: Any) -> None:
        self.websockets.append(socket.url)
        socket.close()


STORAGE_PROBE = "storage-probe.html"


class StorageLost(AssertionError):
    """Chromium lost a page's localStorage save: another document of the same file:// origin
    reads an empty storage while the page held the save (see reload_when_saved). `make test`
    runs a test that fails with this once more (pytest-rerunfailures' --only-rerun), and no
    other failure."""


_SAVED = "() => JSON.stringify(Object.keys(localStorage).sort().map((k) => [k, localStorage[k]]))"


def reload_when_saved(page: Any, requests: RequestLog) -> None:
    """Reload `page` once a fresh tab of the same file:// origin reads what it saved in
    localStorage, and check that the reloaded page reads it too.

    Chromium hands a page's writes to its browser process asynchronously: under load a new tab
    opened just after a save missed it (2 of 60 tries took over 0.5 s to see it). Rarer, and not
    a delay: now and then a document reads an empty storage while the page before it held the
    save, however long one waits (about one run in five of the storage tests on two workers,
    with or without Playwright's routing). Those are the browser's; these checks name them in
    one line rather than in a 30 s wait for the page to show what it could not read.
    """
    saved = wait_until_saved(page, requests)
    page.reload()
    # The pages read the storage at start and write it only when answered: what the reloaded
    # page reads is what was saved, or the browser lost it (and not the page's script).
    expect_reads(page, saved, "after the reload")


def saved_in(page: Any) -> str:
    """The localStorage `page` reads, as JSON (keys sorted)."""
    held: str = page.evaluate(_SAVED)
    return held


def expect_reads(page: Any, saved: str, when: str) -> None:
    """`page` reads the localStorage `saved` (as saved_in gives it), or the browser lost it."""
    read = saved_in(page)
    if read != saved:
        raise StorageLost(f"{when} the page reads {read[:300]}; saved: {saved[:300]}")


def wait_until_saved(page: Any, requests: RequestLog, timeout_s: float = 5) -> str:
    """Wait until a tab opened now would read the localStorage `page` holds (see above);
    what it holds, as JSON."""
    folder = Path(file_url_path(page.url)).parent
    probe_file = folder / STORAGE_PROBE
    if not probe_file.exists():
        probe_file.write_text("<!doctype html><title>probe</title>", encoding="utf-8")
    probe_url = probe_file.as_uri()
    requests.allowed.add(probe_url)
    deadline = time.monotonic() + timeout_s
    while True:
        probe = page.context.new_page()
        try:
            probe.goto(probe_url)
            seen = saved_in(probe)
        finally:
            probe.close()
        held = saved_in(page)  # the page's own view is updated by other tabs too
        if seen == held:
            return held
        if time.monotonic() > deadline:
            raise StorageLost(
                f"a new tab did not read what the page saved within {timeout_s} s: "
                f"the page holds {held[:300]}, a new tab reads {seen[:300]}"
            )
        page.wait_for_timeout(50)


def run_axe(page: Any, axe_source: str) -> list[dict[str, Any]]:
    """axe-core's violations for the page as it is now, on the WCAG 2.2 AA tags.

    The script is evaluated through the DevTools protocol, which the page's strict
    Content-Security-Policy (rightly) does not let an injected <script> do.
    """
    page.evaluate(axe_source + "\n;0")
    result = page.evaluate(
        "async (tags) => (await axe.run(document, {runOnly: {type: 'tag', values: tags}})).violations",
        AXE_TAGS,
    )
    return [
        {"id": v["id"], "help": v["help"], "nodes": [n["target"] for n in v["nodes"]]}
        for v in result
    ]


def describe(violations: list[dict[str, Any]]) -> str:
    return json.dumps(violations, indent=2)


@pytest.fixture
def requests() -> RequestLog:
    return RequestLog()


@pytest.fixture
def context(browser: Any, requests: RequestLog) -> Iterator[Any]:
    """A fresh browser context whose every request is recorded (and anything remote refused)."""
    ctx = browser.new_context(accept_downloads=True)
    requests.attach(ctx)
    yield ctx
    ctx.close()
