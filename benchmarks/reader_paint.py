"""How soon a reader on a phone sees the thread: first and largest contentful paint, annotated
against the same site built without the hook (the baseline), under mobile throttling.

Run: .venv/bin/python benchmarks/reader_paint.py [ROUNDS]
Builds both sites from a copy of this project, serves each gzipped (as a static host does) from a
local server, and opens the thread in Debian's Chromium through Playwright, with a fresh profile
and no cache each time, with the throttling Lighthouse applies for its mobile run in DevTools
mode: 562.5 ms round trip, 1.4745 Mbit/s down, 675 kbit/s up, the CPU 4× slower, on a 412 × 823
phone screen. Alternating the two sites, ROUNDS times; prints medians in milliseconds and the
spread of each round's difference.
"""

from __future__ import annotations

import contextlib
import functools
import gzip
import http.server
import io
import os
import statistics
import sys
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from playwright.sync_api import Browser, sync_playwright

import site_build

KBIT = 1024 / 8  # bytes per second
NETWORK = {"offline": False, "latency": 562.5, "downloadThroughput": 1474.5 * KBIT, "uploadThroughput": 675 * KBIT}
CPU_SLOWDOWN = 4
PHONE = {"viewport": {"width": 412, "height": 823}, "device_scale_factor": 1.75, "is_mobile": True, "has_touch": True}
ARGS = ["--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"]
# Both paints as the page records them: LCP is final once the page has loaded and settled.
PAINTS = """() => new Promise((done) => {
  const fcp = performance.getEntriesByName("first-contentful-paint")[0];
  new PerformanceObserver((list) => {
    const entries = list.getEntries();
    setTimeout(() => done({fcp: fcp.startTime, lcp: entries[entries.length - 1].startTime}), 500);
  }).observe({type: "largest-contentful-paint", buffered: true});
})"""


class _Gzipped(http.server.SimpleHTTPRequestHandler):
    """A static host's way: text compressed with gzip when the browser accepts it."""

    def send_head(self) -> Any:
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if not path.is_file() or "gzip" not in self.headers.get("Accept-Encoding", ""):
            return super().send_head()
        body = _compressed(path, path.stat().st_mtime_ns)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


@functools.cache
def _compressed(path: Path, modified: int) -> bytes:  # a rebuilt file is compressed anew
    return gzip.compress(path.read_bytes(), 6)


@contextlib.contextmanager
def serving(directory: Path) -> Iterator[str]:
    handler = functools.partial(_Gzipped, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()


def paints(browser: Browser, url: str) -> dict[str, float]:
    context = browser.new_context(**PHONE)
    try:
        page = context.new_page()
        cdp = context.new_cdp_session(page)
        cdp.send("Network.enable")
        cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
        cdp.send("Network.emulateNetworkConditions", NETWORK)
        cdp.send("Emulation.setCPUThrottlingRate", {"rate": CPU_SLOWDOWN})
        page.goto(url, wait_until="load", timeout=120_000)
        found: dict[str, float] = page.evaluate(PAINTS)
        return found
    finally:
        context.close()


@contextlib.contextmanager
def served_threads() -> Iterator[dict[str, str]]:
    """The site built from a copy of this project with the hook and without it, each served
    gzipped: the thread's address on each, plain first."""
    with tempfile.TemporaryDirectory() as name, contextlib.ExitStack() as stack:
        folder = Path(name)
        site_build.make_site(folder, site_build.Size("the site", 0, 0))
        urls = {}
        for variant in ("plain", "annotated"):
            site_build.run(folder, variant)
            urls[variant] = stack.enter_context(serving(folder / "site" / variant)) + site_build.THREAD + "/"
        yield urls


def measure(rounds: int) -> dict[str, Any]:
    """Medians of both paints for each site, and each round's annotated-minus-plain differences."""
    runs: dict[str, list[dict[str, float]]] = {"plain": [], "annotated": []}
    with served_threads() as urls, sync_playwright() as playwright:
        chromium = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
        browser = playwright.chromium.launch(executable_path=chromium, args=ARGS)
        for url in urls.values():  # a first visit each warms the servers' gzip caches
            paints(browser, url)
        for _ in range(rounds):
            for variant, url in urls.items():
                runs[variant].append(paints(browser, url))
        browser.close()
    medians = {v: {k: statistics.median(r[k] for r in found) for k in ("fcp", "lcp")} for v, found in runs.items()}
    spread = {
        k: (min(diffs), max(diffs))
        for k in ("fcp", "lcp")
        for diffs in [[a[k] - p[k] for p, a in zip(runs["plain"], runs["annotated"], strict=True)]]
    }
    return {"medians": medians, "spread": spread, "rounds": rounds}


def report(found: dict[str, Any]) -> str:
    medians, spread = found["medians"], found["spread"]
    parts = []
    for key, name in (("fcp", "first contentful paint"), ("lcp", "largest contentful paint")):
        plain, annotated = medians["plain"][key], medians["annotated"][key]
        low, high = spread[key]
        parts.append(
            f"{name} {annotated:.0f} ms annotated against {plain:.0f} ms without hooks, "
            f"{annotated - plain:+.0f} ms ({low:+.0f} to {high:+.0f} ms over the rounds)"
        )
    return (
        f"The thread on a throttled phone (Chromium, Lighthouse's mobile throttling, medians of "
        f"{found['rounds']} rounds): " + "; ".join(parts) + "."
    )


if __name__ == "__main__":
    print(report(measure(int(sys.argv[1]) if len(sys.argv) > 1 else 5)))
