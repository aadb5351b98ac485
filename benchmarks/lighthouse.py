"""The thread in Lighthouse (mobile, simulated throttling, as PageSpeed Insights runs it), annotated
against the same site without hooks: first and largest contentful paint, total blocking time and
the performance score, medians over alternating runs.

Run: .venv/bin/python benchmarks/lighthouse.py [ROUNDS]
Needs Node.js and npm: the first run fetches Lighthouse (the version pinned below) from the npm
registry into npm's cache. Both sites are built and served as for make bench's paints
(reader_paint.served_threads), and Lighthouse drives Debian's Chromium with the same flags.

Lighthouse simulates the throttled load from one unthrottled load. When Chromium's compositor
holds back the unthrottled load's first frame (GoogleChrome/lighthouse#17148: the page has
loaded, yet its first paint is seen up to a second later), every request that finished by then
is charged to the simulated paints; "held" counts those runs, on either site.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

import reader_paint

LIGHTHOUSE = "lighthouse@12.8.2"
FLAGS = " ".join(["--headless=new", "--no-sandbox", *reader_paint.ARGS, "--disable-sync", "--disable-quic"])
KEYS = {"fcp": "firstContentfulPaint", "lcp": "largestContentfulPaint", "tbt": "totalBlockingTime"}
NAMES = {"fcp": "first contentful paint", "lcp": "largest contentful paint", "tbt": "total blocking time"}


def lighthouse(url: str, out: Path) -> dict[str, float]:
    """One Lighthouse run of `url`: the simulated figures, the score, and whether the paint was held."""
    env = {**os.environ, "CHROME_PATH": os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")}
    command = ["npx", "--yes", LIGHTHOUSE, url, "--only-categories=performance", "--output=json"]
    command += [f"--output-path={out}", f"--chrome-flags={FLAGS}", "--quiet"]
    subprocess.run(command, env=env, check=True, timeout=300)
    report = json.loads(out.read_text(encoding="utf-8"))
    metrics = report["audits"]["metrics"]["details"]["items"][0]
    found = {key: float(metrics[name]) for key, name in KEYS.items()}
    found["score"] = 100 * float(report["categories"]["performance"]["score"])
    found["held"] = float(metrics["observedFirstContentfulPaint"] > metrics["observedLoad"])
    return found


def measure(rounds: int) -> dict[str, list[dict[str, float]]]:
    runs: dict[str, list[dict[str, float]]] = {"plain": [], "annotated": []}
    with reader_paint.served_threads() as urls, tempfile.TemporaryDirectory() as reports:
        for round_ in range(rounds):
            for variant, url in urls.items():
                runs[variant].append(lighthouse(url, Path(reports) / f"{variant}-{round_}.json"))
    return runs


def report(runs: dict[str, list[dict[str, float]]]) -> str:
    median: dict[str, Any] = {v: {k: statistics.median(r[k] for r in rs) for k in rs[0]} for v, rs in runs.items()}
    plain, annotated = median["plain"], median["annotated"]
    rounds = len(runs["plain"])
    lines = [f"Lighthouse ({LIGHTHOUSE}, mobile, simulated throttling), medians of {rounds} alternating runs:"]
    for key, name in NAMES.items():
        difference = annotated[key] - plain[key]
        figures = f"{annotated[key]:.0f} ms annotated, {plain[key]:.0f} ms without hooks"
        lines.append(f"  {name}: {figures} ({difference:+.0f} ms)")
    lines.append(f"  score: {annotated['score']:.0f} annotated, {plain['score']:.0f} without hooks")
    held = {v: sum(int(r["held"]) for r in found) for v, found in runs.items()}
    lines.append(f"  first paint held past the load: {held['annotated']} annotated runs, {held['plain']} without hooks")
    for variant, found in runs.items():
        each = ", ".join(f"{r['lcp']:.0f}/{r['tbt']:.0f}/{r['score']:.0f}" for r in found)
        lines.append(f"  {variant} runs (largest paint/blocking time/score): {each}")
    return "\n".join(lines)


if __name__ == "__main__":
    print(report(measure(int(sys.argv[1]) if len(sys.argv) > 1 else 5)))
