"""One build's worth of annotation work, for any Python-Markdown site generator to drive.

Order of calls: `generated_pages()` once; then, for every page, `begin_page()` before its Markdown
is converted (with the extensions from `markdown_extensions()`) and `end_page()` after. Discussion
pages must be converted before glossary entries, whose "Mentioned in" lists they fill.
"""

from __future__ import annotations

import posixpath
from collections import defaultdict
from pathlib import Path

from markdown.extensions import Extension

from .anchor import Anchoring, NoteAnchorExtension
from .catalog import load_catalog
from .coverage import Candidate, find_candidates
from .fields import did_you_mean
from .glossary import (Discussion, discussions_markdown, entry_markdown, html_line, index_markdown,
                       mentions_markdown)
from .index import Matcher
from .link import Linking, PageContext, TermLinkExtension
from .mentions import Mention
from .note_body import render_body
from .notes import Note
from .popovers import Popovers
from .problems import Problem
from .render import TermMarkdown, placed

DISCUSSIONS_MARKER = "<!-- annotations:discussions -->"


class Engine:
    def __init__(self, annotations: Path, glossary_dir: str = "glossary",
                 discussions_dir: str = "discussions", directory_urls: bool = True) -> None:
        self.catalog = load_catalog(annotations)
        self.glossary_dir = glossary_dir.strip("/")
        self.discussions_dir = discussions_dir.strip("/")
        self.directory_urls = directory_urls
        matcher = Matcher(self.catalog.terms.values())
        self.linking = Linking(matcher, self.glossary_dir)
        self.renderer = TermMarkdown(matcher, self.entry_url)
        self.popovers = Popovers(self.catalog.terms, self.renderer)
        self.discussions: list[Discussion] = []
        self.problems: list[Problem] = list(self.catalog.problems)
        bodies = self._note_bodies()
        self.anchoring = Anchoring(self._notes_by_page(bodies), bodies)
        self._pending: set[str] = set()
        self._titles: dict[str, str] = {}
        self._grouped: dict[str, list[Mention]] | None = None

    def _notes_by_page(self, bodies: dict[str, str]) -> dict[str, list[Note]]:
        """The notes to place, by page: those whose body could be rendered."""
        by_page: dict[str, list[Note]] = defaultdict(list)
        for note in self.catalog.notes.values():
            if note.id in bodies:
                by_page[note.page].append(note)
        return dict(by_page)

    def _note_bodies(self) -> dict[str, str]:
        bodies = {}
        for note in self.catalog.notes.values():
            body, problems = render_body(note)
            self.problems.extend(problems)
            if not problems:
                bodies[note.id] = body
        return bodies

    def markdown_extensions(self) -> list[Extension]:
        return [TermLinkExtension(self.linking), NoteAnchorExtension(self.anchoring)]

    def check_note_pages(self, pages: set[str]) -> list[Problem]:
        """Notes for pages that do not exist: reported, never silently dropped."""
        problems = []
        for note in self.catalog.notes.values():
            if note.page not in pages:
                problems.append(Problem(note.path, f"'page' names {note.page}, which is not a page of the site."
                                        f"{did_you_mean(note.page, sorted(pages))}",
                                        "give the page's path inside docs/.", note.lines.get("page")))
        return problems

    def coverage(self) -> list[Candidate]:
        """Candidate jargon in the discussions rendered so far that no term covers."""
        return find_candidates(self.linking.unlinked, self.catalog.terms.values())

    def take_problems(self) -> list[Problem]:
        """Problems found while pages were rendered (unanchored notes), each reported once."""
        problems, self.anchoring.problems = self.anchoring.problems, []
        return problems

    def entry_url(self, term_id: str) -> str:
        """A glossary entry's URL relative to the site root."""
        name = f"{term_id}/" if self.directory_urls else f"{term_id}.html"
        return f"{self.glossary_dir}/{name}"

    def popover_template(self, src_uri: str, root: str) -> str:
        """The popovers for the terms linked on one page; `root` leads back to the site root."""
        return self.popovers.template(self.linking.used.get(src_uri, ()), root)

    def is_discussion(self, src_uri: str) -> bool:
        return src_uri.startswith(self.discussions_dir + "/") and src_uri.endswith(".md")

    def _entry_id(self, src_uri: str) -> str | None:
        folder, name = posixpath.split(src_uri)
        term_id = name.removesuffix(".md")
        return term_id if folder == self.glossary_dir and term_id in self.catalog.terms else None

    def root_of(self, src_uri: str) -> str:
        """The relative path from the page built from `src_uri` back to the site root."""
        depth = src_uri.count("/")
        if self.directory_urls and posixpath.basename(src_uri) != "index.md":
            depth += 1
        return "../" * depth or "./"

    def generated_pages(self) -> dict[str, str]:
        """Source path → Markdown of the glossary index and of every entry."""
        terms, root = self.catalog.terms, self.root_of(f"{self.glossary_dir}/entry.md")
        pages, summaries = {}, {}
        for term in terms.values():
            definition = placed(self.renderer.render(term.definition, term.id)[0], root)
            details = placed(self.renderer.render(term.details, term.id)[0], root) if term.details else ""
            summaries[term.id] = html_line(definition)
            pages[f"{self.glossary_dir}/{term.id}.md"] = entry_markdown(term, terms, definition, details)
        pages[f"{self.glossary_dir}/index.md"] = index_markdown(terms.values(), summaries)
        return pages

    def set_discussions(self, discussions: list[Discussion]) -> None:
        self.discussions = discussions
        self._pending = {d.src_uri for d in discussions}
        self._titles = {d.src_uri: d.title for d in discussions}

    def begin_page(self, src_uri: str, markdown: str) -> str:
        """Prepare to link one page; returns its Markdown, completed where the engine owns it."""
        self.anchoring.page = src_uri
        term_id = self._entry_id(src_uri)
        if self.is_discussion(src_uri):
            self._pending.discard(src_uri)
            self.linking.page = PageContext(src_uri)
        elif term_id:
            self.linking.page = PageContext(src_uri, record_mentions=False, own_term=term_id)
            return markdown + "\n" + mentions_markdown(self._mentions_by_term().get(term_id, []),
                                                        self._titles, src_uri)
        if DISCUSSIONS_MARKER in markdown:
            return markdown.replace(DISCUSSIONS_MARKER, discussions_markdown(self.discussions, src_uri))
        return markdown

    def end_page(self) -> None:
        self.linking.page = None
        self.anchoring.page = None

    def _mentions_by_term(self) -> dict[str, list[Mention]]:
        """Grouped once, when the first entry is written: every discussion is rendered by then."""
        if self._grouped is None:
            self._grouped = defaultdict(list)
            for mention in self.linking.mentions:
                self._grouped[mention.term_id].append(mention)
        return self._grouped

    def unrendered_discussions(self) -> set[str]:
        """Discussions not yet converted; non-empty when a glossary entry starts means a bad order."""
        return self._pending
