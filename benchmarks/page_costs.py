"""What annotation costs on one discussion page, part by part: the figures behind the Performance page.

Run: .venv/bin/python benchmarks/page_costs.py
On the thread's text, as a discussion without notes (like the copies `make bench` adds), prints:
the matcher on every text node; the linker, with and without the count of jargon candidates; Material's search
parser on the converted page; and what a reader
downloads to open the thread, and its popovers file, fetched after it. Timings are the best of
several runs, in ms of wall time.
"""

from __future__ import annotations

import copy
import gzip
import os
import sys
import tempfile
import timeit
import xml.etree.ElementTree as etree
from collections.abc import Callable
from pathlib import Path

from markdown import Markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

import site_build

sys.path.insert(0, str(site_build.ROOT / "hooks"))
from annotation_engine.page.link import TermLinker
from annotation_engine.page.state import PageContext, PageState
from mkdocs_adapter.options import engine_for

PAGE = "discussions/copy-000.md"  # a discussion without notes


def best(run: Callable[[], object], number: int = 50) -> float:
    """Milliseconds per call, the best of 5 repeats."""
    return min(timeit.repeat(run, number=number, repeat=5)) / number * 1000


class _Keep(Treeprocessor):
    """Keeps a copy of the page's tree as the linker will get it."""

    def __init__(self, md: Markdown, trees: list[etree.Element]) -> None:
        super().__init__(md)
        self.trees = trees

    def run(self, root: etree.Element) -> None:
        self.trees.append(copy.deepcopy(root))


class _KeepExtension(Extension):
    def __init__(self, trees: list[etree.Element]) -> None:
        super().__init__()
        self.trees = trees

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 (Python-Markdown's name)
        md.treeprocessors.register(_Keep(md, self.trees), "keep", 6.1)  # just before the linker


def main() -> None:
    from material.plugins.search.plugin import Parser
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    os.environ["NO_MKDOCS_2_WARNING"] = "1"
    config = load_config(str(site_build.ROOT / "mkdocs.yml"))
    engine = engine_for(config, print)
    source = (site_build.ROOT / "docs" / f"{site_build.THREAD}.md").read_text(encoding="utf-8")
    pages = engine.pages({PAGE: lambda: source, f"{site_build.THREAD}.md": lambda: source})  # the discussions
    text = source.split("---", 2)[2]

    trees: list[etree.Element] = []
    keep = engine.markdown.converter(_KeepExtension(trees))
    keep.convert(text)
    linker = TermLinker(keep, engine.linking)
    nodes = [t for e in trees[0].iter() for t in (e.text, e.tail) if t]

    def link(counted: bool) -> float:
        counting, engine.linking.jargon = engine.linking.jargon, engine.linking.jargon if counted else None
        copies = [copy.deepcopy(trees[0]) for _ in range(250)]

        page = PageState(PAGE, PageContext(PAGE))

        def one() -> None:
            linker.run(copies.pop(), page)

        spent = best(one)
        engine.linking.jargon = counting
        return spent

    matcher = engine.linking.matcher
    print(f"matcher, the thread's {len(nodes)} text nodes: {best(lambda: [matcher.find(t) for t in nodes]):.2f} ms")
    counted, uncounted = link(True), link(False)
    print(f"linker: {counted:.2f} ms, of which the count of jargon candidates {counted - uncounted:.2f} ms")

    md = engine.markdown.converter(*engine.markdown_extensions())
    linked_html = pages.end_page(PAGE, md.convert(pages.begin_page(PAGE, text)))

    def parse(html: str) -> Callable[[], None]:
        def run() -> None:
            parser = Parser()
            parser.feed(html)
            parser.close()

        return run

    print(f"search parser: {best(parse(linked_html)):.2f} ms on the converted page, term links and all")

    with tempfile.TemporaryDirectory() as folder:
        build(load_config(str(site_build.ROOT / "mkdocs.yml"), site_dir=folder))
        weights = site_build.weight(Path(folder), site_build.THREAD)
        store = (Path(folder) / site_build.THREAD / "index.popovers.html").read_bytes()
    print(
        f"the thread, gzipped: {site_build.kb(sum(weights.values()))}, its HTML {site_build.kb(weights['HTML'])}; "
        f"then its popovers file, fetched by the script: {site_build.kb(len(gzip.compress(store, 6)))}"
    )


if __name__ == "__main__":
    main()
