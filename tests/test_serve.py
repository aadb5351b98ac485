"""A real `mkdocs serve`: annotation edits show up, a broken file is reported and survived."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from conftest import write_site
from factories import TERM_DEBATE, TERM_ELK
from serve_reload import fetch, free_port  # benchmarks/: one way to find a port and read a page

pytestmark = pytest.mark.build  # whole-site builds


def eventually(check: Callable[[], bool], timeout: float = 20) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(0.05)
    pytest.fail(f"still not true after {timeout} s")


class Server:
    def __init__(self, folder: Path) -> None:
        port = free_port()
        self.url = f"http://127.0.0.1:{port}/"
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
        self.process = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
            cwd=folder,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        self.log: list[str] = []
        threading.Thread(target=self._read_log, daemon=True).start()

    def _read_log(self) -> None:
        for line in self.process.stderr:
            self.log.append(line)

    def page(self, path: str) -> str:
        return fetch(self.url + path)


def watching(server: Server, page: Path) -> None:
    """Wait until the file watcher sees edits: it takes its first look at the files only once serving
    has started, and an edit before that look would go unnoticed. The page is saved unchanged (a new
    modification time), again if a look passes without noticing, until a rebuild says it saw it."""
    text, saved = page.read_text(encoding="utf-8"), 0.0

    def noticed() -> bool:
        nonlocal saved
        if time.monotonic() - saved > 1:  # the watcher looks every 0.5 s
            page.write_text(text, encoding="utf-8")
            saved = time.monotonic()
        return any("Detected file changes" in line for line in server.log)

    eventually(noticed)
    eventually(lambda: any("Reloading browsers" in line for line in server.log))


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[Server, Path]]:
    write_site(
        tmp_path,
        {"index.md": "# Home\n", "discussions/one.md": "# One\n\nELK and debate.\n"},
        {"elk.yml": TERM_ELK, "debate.yml": TERM_DEBATE},
        extra="site_url: http://127.0.0.1/\n",
    )
    server = Server(tmp_path)
    try:
        eventually(lambda: "Getting a model to report" in server.page("glossary/e/"), timeout=60)
        watching(server, tmp_path / "docs" / "index.md")
        yield server, tmp_path / "annotations" / "terms" / "elk.yml"
    finally:
        server.process.terminate()
        server.process.wait(timeout=10)


def test_an_annotation_edit_is_rebuilt_and_served(served):
    server, term = served
    term.write_text(TERM_ELK.replace("Getting a model", "Coaxing a model"), encoding="utf-8")
    eventually(lambda: "Coaxing a model to report" in server.page("glossary/e/"))
    eventually(lambda: "Coaxing a model" in server.page("discussions/one/index.popovers.html"))  # the popover too


def test_a_broken_file_is_reported_the_server_keeps_running_and_recovers(served):
    server, term = served
    term.write_text(TERM_ELK + "term: twice\n", encoding="utf-8")
    eventually(lambda: any("annotations/terms/elk.yml:8: the key 'term' appears twice" in line for line in server.log))
    assert server.process.poll() is None
    assert "debate" in server.page("discussions/one/")
    assert not any("Traceback" in line for line in server.log)
    term.write_text(TERM_ELK.replace("Getting a model", "Repaired, a model"), encoding="utf-8")
    eventually(lambda: "Repaired, a model" in server.page("glossary/e/"))
