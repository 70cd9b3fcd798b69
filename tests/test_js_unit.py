"""The web UI's pure logic (tests/js/unit/*.test.mjs: formatting, citations, export
addresses), run by Node's built-in test runner: no browser, no npm package. Every test in
those files must run and pass."""

from __future__ import annotations

import re
import shutil
import subprocess

from server.settings import ROOT

UNIT = ROOT / "tests" / "js" / "unit"


def test_the_node_unit_tests_pass():
    node = shutil.which("node")
    assert node is not None, "node is not installed: the JS unit tests need Node 20+"
    files = sorted(UNIT.glob("*.test.mjs"))
    declared = sum(len(re.findall(r"^test\(", f.read_text("utf-8"), re.M)) for f in files)
    assert files and declared > 0, f"no tests in {UNIT}"
    done = subprocess.run(
        # web/*.js are ES modules in a folder whose package.json (npm's, for the vendored
        # assets) does not say so: Node detects it, and need not warn about it.
        [node, "--disable-warning=MODULE_TYPELESS_PACKAGE_JSON", "--test-reporter=tap"]
        + ["--test", *map(str, files)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    counts = dict(re.findall(r"^# (pass|fail|cancelled|skipped|todo) (\d+)$", done.stdout, re.M))
    assert done.returncode == 0 and counts.get("fail") == "0", done.stdout + done.stderr
    # Every declared test ran and passed: none skipped, none left out.
    assert counts == {
        "pass": str(declared),
        "fail": "0",
        "cancelled": "0",
        "skipped": "0",
        "todo": "0",
    }
    assert "Warning" not in done.stderr, done.stderr
