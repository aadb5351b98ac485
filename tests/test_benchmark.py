"""The benchmark runs (its quick mode); its timings are for people to read, not for tests."""

import subprocess
import sys

import pytest

from conftest import ROOT

pytestmark = pytest.mark.build  # whole-site builds


def test_the_quick_benchmark_runs_and_reports_every_column():
    done = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "site_build.py"), "--quick"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    rows = [line for line in done.stdout.splitlines() if line.startswith("| 2 × 10 ") or line.startswith("| 4 × 40 ")]
    assert len(rows) == 4  # printed as measured, then in the final table
    assert all(row.count("|") == 9 for row in rows)
    assert "JS + CSS added per page:" in done.stdout
