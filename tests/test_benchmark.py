"""The benchmark runs (its quick mode); its timings are for people to read, not for tests."""

import re
import subprocess
import sys

import pytest

from conftest import ROOT

pytestmark = pytest.mark.browser  # whole-site builds, and Chromium for the first paint


@pytest.mark.long
def test_the_quick_benchmark_runs_and_reports_every_figure():
    """Without --instructions, as `make test` runs it: no valgrind needed (make bench-quick counts)."""
    done = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "site_build.py"), "--quick"],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr
    rows = [line for line in done.stdout.splitlines() if line.startswith("| the site |") or line.startswith("| 3 ")]
    assert len(rows) == 2 and all(row.count("|") == 10 for row in rows)
    assert "Cost per glossary term at 3 discussion pages, 40 more terms:" in done.stdout
    assert "Instructions: not counted (run with --instructions, which needs valgrind)." in done.stdout
    assert "What a reader downloads to open the thread (gzipped):" in done.stdout
    assert re.search(
        r"Each discussion's HTML at the site \(gzipped, level 6\): alignment-postmortem-comments [\d,]+ bytes",
        done.stdout,
    )
    assert "search index" in done.stdout and "assets/annotations/annotations." in done.stdout
    assert re.search(r"first contentful paint \d+ ms annotated against \d+ ms without hooks", done.stdout)
