"""A Python-Markdown tree processor that turns term occurrences into links to glossary entries.

It runs on the parsed element tree, after inline Markdown and `attr_list` and before the table of
contents and MkDocs' anchor collection, so the ids it adds are known to MkDocs' link validation.
Code, preformatted text, headings, links, raw HTML and anything marked `no-annotate` are never
touched, and the visible text stays exactly as written. Each link points at its entry through a
`site:` reference (refs.py), resolved once the page is finished.
"""

from __future__ import annotations

import xml.etree.ElementTree as etree
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from markdown import Markdown
from markdown.util import AtomicString

from ..model import Match, Occurrence, mention_id
from .candidates import NODE_END, JargonCounter
from .match import Matcher
from .state import PageContext, PageState
from .text import element_text, holds_placeholders, paragraph_text, placeholder_resolver
from .walk import HEADINGS, NO_LINKS, PARAGRAPHS, classes, holds_no_words, starts_section

TERM_CLASS = "term"

# How often a term is linked on a page (front matter `link_terms`): a term's first use in each
# top-level section (default; on a thread, each comment), its first use on the page, or every use.
# Uses that are not linked are a `span.term`: plain text that keeps its occurrence id.
# The values are listed in discussion.schema.json.


def term_element(term_id: str, href: str | None) -> etree.Element:
    """A term link (with `href`), or a later use's `span.term`: the one shape of both, in the text
    and in what the engine writes (render.term_link)."""
    if href is None:
        return etree.Element("span", {"class": TERM_CLASS, "data-term": term_id})
    return etree.Element("a", {"class": TERM_CLASS, "data-term": term_id, "href": href})


@dataclass
class Linking:
    """State of one build: the matcher, and what the pages parsed so far link and use."""

    matcher: Matcher
    href: Callable[[str], str]  # a term id → the reference of its glossary entry
    jargon: JargonCounter | None = None  # counts the candidate jargon in text no term covers
    every_use: frozenset[str] = frozenset()  # terms linked at every use whatever the page's scope
    occurrences: list[Occurrence] = field(default_factory=list)
    used: dict[str, Counter[str]] = field(default_factory=dict)  # page → uses of each term, in order of first use
    first_paragraphs: dict[str, str] = field(default_factory=dict)  # page → its first paragraph's text
    headed: set[str] = field(default_factory=set)  # pages that open with a `# heading`: MkDocs' title


def _skipped(element: etree.Element) -> bool:
    """Never linked inside: what holds no words of the text (walk.py), links and code, and terms
    already marked."""
    return holds_no_words(element) or element.tag in NO_LINKS or TERM_CLASS in classes(element)


class _PageWalk:
    """One pass over one page's tree."""

    def __init__(
        self, linking: Linking, page: PageContext, root: etree.Element, readable: Callable[[str], str]
    ) -> None:
        self.linking, self.page, self.readable = linking, page, readable
        self.counts: Counter[str] = Counter()  # ids handed out per term
        self.uses: Counter[str] = Counter()
        self.linked: set[str] = set()  # terms linked in the current section (or page)
        self.taken = {element.get("id") for element in root.iter() if element.get("id")}
        self.section = ""
        self.found: list[tuple[etree.Element, etree.Element, str, int]] = []
        self.text: list[str] = []  # the page's text nodes, for the count of jargon candidates
        self.covered: list[tuple[int, int]] = []  # where terms are in them, joined
        self.length = 0  # of the text nodes joined

    def visit(self, element: etree.Element, block: etree.Element | None) -> None:
        """Link the text inside `element`; `block` is the paragraph-like element around it."""
        block = element if element.tag in PARAGRAPHS else block
        context = element if block is None else block  # text outside any block: its own element
        originals = list(element)
        element.text, children = self._split(element.text, context)
        for child in originals:
            if child.tag in HEADINGS:
                self.section = element_text(child, self.readable)
            if starts_section(child) and self.page.scope == "first-use-per-section":
                self.linked.clear()
            if not _skipped(child):
                self.visit(child, block)
            child.tail, links = self._split(child.tail, context)
            children.extend([child, *links])
        element[:] = children

    def _split(self, text: str | None, block: etree.Element) -> tuple[str | None, list[etree.Element]]:
        if not text or text.isspace():  # half a page's text nodes: the line breaks between its blocks
            return text, []
        found = self.linking.matcher.find(text, self.page.excluded)
        matches = [m for m in found if m.term_id != self.page.own_term]
        self._record_unlinked(text, matches)
        if not matches:
            return text, []
        links = [self._link(text, m, block) for m in matches]
        ends = [m.start for m in matches[1:]] + [len(text)]
        for link, match, end in zip(links, matches, ends, strict=True):
            link.tail = text[match.end : end] or None
        return text[: matches[0].start] or None, links

    def _record_unlinked(self, text: str, matches: list[Match]) -> None:
        """Keep the text for the count of jargon candidates (which reads the page in one call), and
        where terms cover it."""
        if self.linking.jargon is None or not self.page.record:
            return
        if holds_placeholders(text, self.readable):  # they change length once resolved: only what lies between terms
            bounds = [0, *(p for m in matches for p in (m.start, m.end)), len(text)]
            for start, end in zip(bounds[::2], bounds[1::2], strict=True):
                self._keep(self.readable(text[start:end]), [])
        else:
            self._keep(text, [(m.start, m.end) for m in matches])

    def _keep(self, text: str, covered: list[tuple[int, int]]) -> None:
        self.covered += [(self.length + start, self.length + end) for start, end in covered]
        self.text.append(text + NODE_END)
        self.length += len(text) + 1

    def _number(self, term_id: str) -> int:
        """The next free number for an occurrence of `term_id`: its id is never one the page already uses."""
        while True:
            self.counts[term_id] += 1
            if mention_id(term_id, self.counts[term_id]) not in self.taken:
                return self.counts[term_id]

    def _linked_here(self, term_id: str) -> bool:
        """Whether this use is a link: else it is plain text that keeps its id and its term."""
        if self.page.scope == "every-use" or term_id in self.linking.every_use or term_id not in self.linked:
            self.linked.add(term_id)
            return True
        return False

    def _link(self, text: str, match: Match, block: etree.Element) -> etree.Element:
        """A link to the term's entry; or, for a use that is not linked, a `span.term` that the
        reader's "every use" setting turns into one."""
        linked = self._linked_here(match.term_id)
        link = term_element(match.term_id, self.linking.href(match.term_id) if linked else None)
        self.uses[match.term_id] += 1
        link.text = AtomicString(text[match.start : match.end])
        if self.page.record:
            number = self._number(match.term_id)
            link.set("id", mention_id(match.term_id, number))
            self.found.append((link, block, self.section, number))
        return link

    def occurrences(self) -> list[Occurrence]:
        """Every link's occurrence, in page order. Each paragraph is read once, and its text is the
        context its occurrences share."""
        read: dict[etree.Element, tuple[str, dict[etree.Element, int]]] = {}
        found = []
        for link, block, section, number in self.found:
            if block not in read:
                read[block] = paragraph_text(block, self.readable)
            text, starts = read[block]
            start = starts[link]
            term_id = link.get("data-term", "")
            found.append(
                Occurrence(term_id, self.page.src_uri, number, section, text, start, start + len(link.text or ""))
            )
        return found


class TermLinker:
    """The pass's step that links a page's terms (if its `PageState` says how)."""

    def __init__(self, md: Markdown, linking: Linking) -> None:
        self.md, self.linking = md, linking

    def run(self, root: etree.Element, state: PageState) -> None:
        page = state.link
        if page is None:
            return
        readable = placeholder_resolver(self.md)
        first = next((child for child in root if child.tag == "p"), None)
        if first is not None and page.record:
            self.linking.first_paragraphs[page.src_uri] = element_text(first, readable)
        if len(root) and root[0].tag == "h1" and page.record:
            self.linking.headed.add(page.src_uri)
        walk = _PageWalk(self.linking, page, root, readable)
        walk.visit(root, None)
        if self.linking.jargon and walk.text:
            self.linking.jargon.add(page.src_uri, "".join(walk.text), walk.covered)
        self.linking.used.setdefault(page.src_uri, Counter()).update(walk.uses)
        if page.record:
            self.linking.occurrences.extend(walk.occurrences())
