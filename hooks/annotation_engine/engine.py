"""One build's worth of annotation work, for any Python-Markdown site generator to drive.

Order of calls: `generated_pages()` once; then, for every page, `begin_page()` before its Markdown
is converted (with the extension from `markdown_extension()`) and `end_page()` after. Discussion
pages must be converted before glossary entries, whose "Mentioned in" lists they fill.
"""

from __future__ import annotations

import posixpath
from pathlib import Path

from .catalog import load_catalog
from .glossary import Discussion, discussions_markdown, entry_markdown, index_markdown, mentions_markdown
from .index import Matcher
from .link import Linking, PageContext, TermLinkExtension
from .problems import Problem

DISCUSSIONS_MARKER = "<!-- annotations:discussions -->"


class Engine:
    def __init__(self, annotations: Path, glossary_dir: str = "glossary",
                 discussions_dir: str = "discussions") -> None:
        self.catalog = load_catalog(annotations)
        self.glossary_dir = glossary_dir.strip("/")
        self.discussions_dir = discussions_dir.strip("/")
        self.linking = Linking(Matcher(self.catalog.terms.values()), self.glossary_dir)
        self.discussions: list[Discussion] = []
        self.problems: list[Problem] = list(self.catalog.problems)
        self._pending: set[str] = set()

    def markdown_extension(self) -> TermLinkExtension:
        return TermLinkExtension(self.linking)

    def is_discussion(self, src_uri: str) -> bool:
        return src_uri.startswith(self.discussions_dir + "/") and src_uri.endswith(".md")

    def _entry_id(self, src_uri: str) -> str | None:
        folder, name = posixpath.split(src_uri)
        term_id = name.removesuffix(".md")
        return term_id if folder == self.glossary_dir and term_id in self.catalog.terms else None

    def generated_pages(self) -> dict[str, str]:
        """Source path → Markdown of the glossary index and of every entry."""
        terms = self.catalog.terms
        pages = {f"{self.glossary_dir}/index.md": index_markdown(terms.values())}
        pages.update({f"{self.glossary_dir}/{t.id}.md": entry_markdown(t, terms) for t in terms.values()})
        return pages

    def set_discussions(self, discussions: list[Discussion]) -> None:
        self.discussions = discussions
        self._pending = {d.src_uri for d in discussions}

    def begin_page(self, src_uri: str, markdown: str) -> str:
        """Prepare to link one page; returns its Markdown, completed where the engine owns it."""
        term_id = self._entry_id(src_uri)
        if self.is_discussion(src_uri):
            self._pending.discard(src_uri)
            self.linking.page = PageContext(src_uri)
        elif term_id:
            self.linking.page = PageContext(src_uri, record_mentions=False, own_term=term_id)
            mentions = [m for m in self.linking.mentions if m.term_id == term_id]
            titles = {d.src_uri: d.title for d in self.discussions}
            return markdown + "\n" + mentions_markdown(mentions, titles, src_uri)
        if DISCUSSIONS_MARKER in markdown:
            return markdown.replace(DISCUSSIONS_MARKER, discussions_markdown(self.discussions, src_uri))
        return markdown

    def end_page(self) -> None:
        self.linking.page = None

    def unrendered_discussions(self) -> set[str]:
        """Discussions not yet converted; non-empty when a glossary entry starts means a bad order."""
        return set(self._pending)
