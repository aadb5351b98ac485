"""Contributor Markdown as HTML: definitions and details safe and with term links; note bodies plain.

Everything is rendered once per build and sanitised (sanitize.py). Term links point to entries
through ROOT, a placeholder for the path back to the site root, which each page fills in: a
page's depth decides its relative paths.
"""

from __future__ import annotations

from collections.abc import Callable

import markdown

from .index import Matcher
from .link import Linking, PageContext, TermLinkExtension
from .sanitize import clean

ROOT = "\ue000"  # a private-use character: removed from contributor text, kept by the sanitiser


_PLAIN = markdown.Markdown()  # no extensions, reset before each use: holds nothing between calls


def render_markdown(text: str) -> str:
    """Plain Markdown to HTML, without building a new converter (which costs more than converting)."""
    return _PLAIN.reset().convert(text)


def placed(html: str, root: str) -> str:
    """`html` for a page whose path back to the site root is `root` (e.g. "../../")."""
    return html.replace(ROOT, root)


class TermMarkdown:
    """One converter for the whole build: Markdown, term links, sanitising."""

    def __init__(self, matcher: Matcher, entry_url: Callable[[str], str]) -> None:
        self.entry_url = entry_url
        self._linking = Linking(matcher)
        self._markdown = markdown.Markdown(extensions=[TermLinkExtension(self._linking)])
        self._done: dict[tuple[str, str | None], tuple[str, set[str]]] = {}

    def href(self, term_id: str) -> str:
        return ROOT + self.entry_url(term_id)

    def render(self, text: str, own_term: str | None = None) -> tuple[str, set[str]]:
        """Safe HTML, and the ids of the terms it links to (each text rendered once a build)."""
        if (text, own_term) not in self._done:
            self._done[text, own_term] = self._render(text, own_term)
        return self._done[text, own_term]

    def _render(self, text: str, own_term: str | None) -> tuple[str, set[str]]:
        page = f"render:{own_term}"
        self._linking.page = PageContext(page, record_mentions=False, own_term=own_term, link_to=self.href)
        try:
            html = self._markdown.reset().convert(text.replace(ROOT, ""))
        finally:
            self._linking.page = None
        return clean(html), self._linking.used.pop(page, set())
