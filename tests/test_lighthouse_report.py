"""The Lighthouse benchmark's report (benchmarks/lighthouse.py): medians of each site's runs, the
difference, and how many runs had their first paint held past the load. Lighthouse itself runs
only when a maintainer runs the benchmark (it comes from npm), so here it is fed runs."""

import pytest

from lighthouse import report

pytestmark = pytest.mark.unit


def run(lcp: float, tbt: float, score: float, held: bool = False) -> dict[str, float]:
    return {"fcp": lcp - 75, "lcp": lcp, "tbt": tbt, "score": score, "held": float(held)}


def test_the_report_gives_medians_differences_and_held_runs():
    runs = {
        "plain": [run(1500, 100, 99), run(1600, 140, 98), run(2000, 130, 97, held=True)],
        "annotated": [run(1550, 150, 98), run(1650, 180, 97), run(2400, 300, 90, held=True)],
    }
    text = report(runs)
    assert "medians of 3 alternating runs" in text
    assert "largest contentful paint: 1650 ms annotated, 1600 ms without hooks (+50 ms)" in text
    assert "first contentful paint: 1575 ms annotated, 1525 ms without hooks (+50 ms)" in text
    assert "total blocking time: 180 ms annotated, 130 ms without hooks (+50 ms)" in text
    assert "score: 97 annotated, 98 without hooks" in text
    assert "held past the load: 1 annotated runs, 1 without hooks" in text
