"""Term matching cost per character as the glossary grows: T = 200 is the baseline.

Run: .venv/bin/python benchmarks/matcher.py
Prints CPU nanoseconds per character of discussion text (median of 9 rounds, the sizes
alternating within each round) and the ratio to the baseline measured in the same run. A flat
ratio means the cost does not grow with the term count.
"""

from __future__ import annotations

import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "hooks"))

from annotation_engine.model import Source, Term
from annotation_engine.page.match import Matcher

SOURCE = (Source("synthetic", "https://example.org"),)
TEXT = (ROOT / "sources" / "alignment-postmortem-comments.txt").read_text(encoding="utf-8") * 50


def synthetic_terms(count: int) -> list[Term]:
    rnd = random.Random(count)
    terms = [Term("elk", "ELK", "d", SOURCE, "elk.yml"), Term("interp", "interp", "d", SOURCE, "interp.yml")]
    for i in range(count):
        word = "".join(rnd.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(8))
        terms.append(Term(f"t{i}", f"{word} term{i}", "d", SOURCE, f"t{i}.yml", (f"{word}{i}",)))
    return terms


def seconds(matcher: Matcher) -> float:
    start = time.process_time()
    matcher.find(TEXT)
    return time.process_time() - start


def main() -> None:
    counts = (200, 2_000, 10_000)
    matchers = {count: Matcher(synthetic_terms(count)) for count in counts}
    runs: dict[int, list[float]] = {count: [] for count in counts}
    for _ in range(9):
        for count in counts:
            runs[count].append(seconds(matchers[count]))
    baseline = statistics.median(runs[counts[0]])
    print(f"text: {len(TEXT):,} characters")
    for count in counts:
        median = statistics.median(runs[count])
        print(f"T = {count:>6,}: {1e9 * median / len(TEXT):6.1f} ns/char, {median / baseline:.2f}× the T = 200 cost")


if __name__ == "__main__":
    main()
