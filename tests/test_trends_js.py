"""trends.js, the partnership page's trends, agrees with the trends vectors: `node --test`.

Node cannot read the YAML banks, so tests/trends_js_cases.py turns every case of
tests/vectors/trends/ into JSON (the bank as the page carries it, each round's files as bytes)
and hands it over in SELFASSESS_TRENDS_CASES; the node test reads the files through
responses.js, as the page does, and compares trends() with expected.json within 1e-9.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from browser_support import node_env, require_node
from trends_js_cases import trends_cases

ROOT = Path(__file__).parent.parent


def test_trends_js_gives_every_trends_vector_and_passes_its_node_tests(tmp_path: Path) -> None:
    cases = trends_cases()
    assert cases, "no trends vectors found"
    cases_file = tmp_path / "trends-cases.json"
    cases_file.write_text(json.dumps(cases), encoding="utf-8")
    result = subprocess.run(
        [require_node(), "--test", str(ROOT / "tests" / "js" / "trends.test.js")],
        env={**node_env(tmp_path), "SELFASSESS_TRENDS_CASES": str(cases_file)},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout[-6000:] + result.stderr[-2000:]
    assert "# fail 0" in result.stdout
    assert f"# pass {len(cases) + 7}" in result.stdout
