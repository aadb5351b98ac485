"""A MkDocs hook that times each page's two steps, by kind of page, for benchmarks/profile_build.py.

Its events come first and last of every hook's and plugin's (event priorities), so they bracket
each step whole: Markdown to HTML (on_page_markdown to on_page_content, every extension and
plugin in between) and the theme's template (on_page_context to on_post_page). `spent` holds the
CPU seconds of each step and kind ("discussions", "glossary", "about", or "other" for a page at
the top of docs/).
"""

from __future__ import annotations

import time
from collections import defaultdict
from typing import Any

from mkdocs.plugins import event_priority

spent: dict[str, float] = defaultdict(float)
started: dict[str, float] = {}


def kind(page: Any) -> str:
    src_uri: str = page.file.src_uri
    return src_uri.split("/", 1)[0] if "/" in src_uri else "other"


def begin(page: Any) -> None:
    started[page.file.src_uri] = time.process_time()


def end(page: Any, step: str) -> None:
    spent[f"{step}: {kind(page)} pages"] += time.process_time() - started.pop(page.file.src_uri)


@event_priority(1000)
def on_page_markdown(markdown: str, page: Any, config: Any, files: Any) -> str:
    begin(page)
    return markdown


@event_priority(-1000)
def on_page_content(html: str, page: Any, config: Any, files: Any) -> str:
    end(page, "Markdown to HTML")
    return html


@event_priority(1000)
def on_page_context(context: Any, page: Any, config: Any, nav: Any) -> Any:
    begin(page)
    return context


@event_priority(-1000)
def on_post_page(output: str, page: Any, config: Any) -> str:
    end(page, "theme template")
    return output
