"""A Python-Markdown tree processor that turns term occurrences into links to glossary entries.

It runs on the parsed element tree, after inline Markdown and `attr_list` and before the table of
contents and MkDocs' anchor collection, so the ids it adds are known to MkDocs' link validation.
Code, preformatted text, headings, links, raw HTML and anything marked `no-annotate` are never
touched, and the visible text stays exactly as written.
"""

from __future__ import annotations

import posixpath
import re
import xml.etree.ElementTree as etree
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from markdown import Markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor
from markdown.util import AtomicString

from .index import Match, Matcher

SKIP_TAGS = frozenset("a code pre kbd samp script style textarea button svg math abbr "
                      "h1 h2 h3 h4 h5 h6".split())
HEADINGS = frozenset("h1 h2 h3 h4 h5 h6".split())
BLOCK_TAGS = frozenset("p li dd dt td th figcaption caption".split())
NO_ANNOTATE = "no-annotate"
TERM_CLASS = "term"
SNIPPET_CHARS = 70


@dataclass(frozen=True)
class PageContext:
    """What the linker needs to know about the text being rendered.

    Only recorded mentions get ids: the "Mentioned in" lists link to them.
    """

    src_uri: str
    record_mentions: bool = True
    own_term: str | None = None  # a glossary entry does not link to itself
    link_to: Callable[[str], str] | None = None  # a term id's href; default: relative path to its .md


@dataclass(frozen=True)
class Mention:
    """One linked occurrence: where it is, and the words around it."""

    term_id: str
    page: str
    anchor: str
    section: str
    before: str
    text: str
    after: str


@dataclass
class Linking:
    """State of one build: the matcher, the page being rendered, the mentions found so far."""

    matcher: Matcher
    glossary_dir: str = "glossary"
    page: PageContext | None = None
    mentions: list[Mention] = field(default_factory=list)
    used: dict[str, set[str]] = field(default_factory=dict)  # page → ids of the terms linked on it

    def href(self, term_id: str, page: PageContext) -> str:
        if page.link_to:
            return page.link_to(term_id)
        folder = posixpath.dirname(page.src_uri) or "."
        return posixpath.relpath(f"{self.glossary_dir}/{term_id}.md", folder)


def _skipped(element: etree.Element) -> bool:
    return element.tag in SKIP_TAGS or NO_ANNOTATE in element.get("class", "").split()


def _text_of(element: etree.Element) -> str:
    return "".join(element.itertext()).strip()


class _PageWalk:
    """One pass over one page's tree."""

    def __init__(self, linking: Linking, page: PageContext) -> None:
        self.linking, self.page = linking, page
        self.counts: Counter[str] = Counter()
        self.section = ""
        self.found: list[tuple[etree.Element, etree.Element | None, str]] = []

    def visit(self, element: etree.Element, block: etree.Element | None) -> None:
        block = element if element.tag in BLOCK_TAGS else block
        originals = list(element)
        element.text, children = self._split(element.text, block)
        for child in originals:
            if child.tag in HEADINGS:
                self.section = _text_of(child)
            if not _skipped(child):
                self.visit(child, block)
            child.tail, links = self._split(child.tail, block)
            children.extend([child, *links])
        element[:] = children

    def _split(self, text: str | None, block: etree.Element | None) -> tuple[str | None, list[etree.Element]]:
        matches = [m for m in self.linking.matcher.find(text) if m.term_id != self.page.own_term] if text else []
        if not matches:
            return text, []
        links = [self._link(text, m, block) for m in matches]
        ends = [m.start for m in matches[1:]] + [len(text)]
        for link, match, end in zip(links, matches, ends):
            link.tail = text[match.end:end] or None
        return text[: matches[0].start] or None, links

    def _link(self, text: str, match: Match, block: etree.Element | None) -> etree.Element:
        self.counts[match.term_id] += 1
        link = etree.Element("a", {
            "href": self.linking.href(match.term_id, self.page),
            "class": TERM_CLASS,
            "data-term": match.term_id,
        })
        if self.page.record_mentions:
            link.set("id", f"mention-{match.term_id}-{self.counts[match.term_id]}")
        link.text = AtomicString(text[match.start:match.end])
        self.found.append((link, block, self.section))
        return link

    def mentions(self) -> list[Mention]:
        return [_mention(self.page.src_uri, link, block, section) for link, block, section in self.found]


def _offset_in(block: etree.Element, target: etree.Element) -> tuple[str, int]:
    """The block's text and where `target` starts in it."""
    parts: list[str] = []
    start = -1

    def walk(element: etree.Element) -> None:
        nonlocal start
        if element is target:
            start = sum(map(len, parts))
        parts.append(element.text or "")
        for child in element:
            walk(child)
            parts.append(child.tail or "")

    walk(block)
    return "".join(parts), start


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def _mention(page: str, link: etree.Element, block: etree.Element | None, section: str) -> Mention:
    """Keep about SNIPPET_CHARS characters each side, cut at a space, marked with an ellipsis."""
    word = link.text or ""
    text, start = _offset_in(block, link) if block is not None else (word, 0)
    end = start + len(word)
    before, after = text[max(0, start - SNIPPET_CHARS): start], text[end: end + SNIPPET_CHARS]
    if start > SNIPPET_CHARS:
        before = "…" + before.split(" ", 1)[-1]
    if end + SNIPPET_CHARS < len(text):
        after = after.rsplit(" ", 1)[0] + "…"
    return Mention(link.get("data-term", ""), page, link.get("id", ""), section,
                   _squash(before).lstrip(), word, _squash(after).rstrip())


class TermLinker(Treeprocessor):
    def __init__(self, md: Markdown, linking: Linking) -> None:
        super().__init__(md)
        self.linking = linking

    def run(self, root: etree.Element) -> None:
        page = self.linking.page
        if page is None:
            return
        walk = _PageWalk(self.linking, page)
        walk.visit(root, None)
        self.linking.used.setdefault(page.src_uri, set()).update(walk.counts)
        if page.record_mentions:
            self.linking.mentions.extend(walk.mentions())


class TermLinkExtension(Extension):
    """Register with `markdown.Markdown(extensions=[TermLinkExtension(linking)])`."""

    def __init__(self, linking: Linking) -> None:
        super().__init__()
        self.linking = linking

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 (Python-Markdown's name)
        # After inline (20) and attr_list (8); before toc and MkDocs' anchor collection (5).
        md.treeprocessors.register(TermLinker(md, self.linking), "annotation_terms", 6)
