"""How soon `mkdocs serve` shows an edit: an annotation edit against a page edit (the baseline).

Run: .venv/bin/python benchmarks/serve_reload.py [ROUNDS]
Copies the project into a temporary folder, starts a real `mkdocs serve`, and alternates edits
of docs/index.md (MkDocs' own reload of a page) and of annotations/terms/elk.yml (the hook's
watch), timing each from the file write to the first response that shows the new text. Prints
medians in seconds and the annotation/page ratio.
"""

from __future__ import annotations

import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
COPY = ("docs", "annotations", "hooks", "overrides", "mkdocs.yml")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return ""


def wait_for(url: str, text: str, timeout: float = 30) -> float:
    start = time.perf_counter()
    while time.perf_counter() - start < timeout:
        if text in fetch(url):
            return time.perf_counter() - start
        time.sleep(0.02)
    raise TimeoutError(f"{text!r} never appeared at {url}")


def edit(path: Path, old: str, new: str) -> None:
    path.write_text(path.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")


def measure(rounds: int) -> tuple[float, float]:
    """Medians in seconds: (annotation edit, page edit), each from the write to the page served."""
    with tempfile.TemporaryDirectory() as folder:
        site = Path(folder)
        for name in COPY:
            (shutil.copytree if (ROOT / name).is_dir() else shutil.copy)(ROOT / name, site / name)
        port = free_port()
        base = f"http://127.0.0.1:{port}/"
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SITE_URL": base}
        server = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
            cwd=site,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            wait_for(base, "Alignment discussions, annotated", timeout=120)
            timings: dict[str, list[float]] = {"page": [], "annotation": []}
            page, term = site / "docs" / "index.md", site / "annotations" / "terms" / "elk.yml"
            for n in range(rounds):
                edit(page, "# Alignment discussions, annotated", f"# Alignment discussions, annotated {n}")
                timings["page"].append(wait_for(base, f"annotated {n}"))
                edit(page, f"annotated {n}", "annotated")
                wait_for(base, "annotated<")
                edit(term, "Short for", f"Marker{n}: short for")
                timings["annotation"].append(wait_for(base + "glossary/e/", f"Marker{n}"))
                edit(term, f"Marker{n}: short for", "Short for")
                wait_for(base + "glossary/e/", "Short for")
        finally:
            server.terminate()
            server.wait(timeout=10)
    return statistics.median(timings["annotation"]), statistics.median(timings["page"])


def main(rounds: int) -> None:
    annotation, page = measure(rounds)
    print(f"rounds: {rounds}")
    print(f"page edit (baseline):  {page:.2f} s median, from write to served")
    print(f"annotation edit:       {annotation:.2f} s median, {annotation / page:.2f}× the page edit")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 5)
