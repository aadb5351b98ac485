"""Contributor Markdown as HTML: definitions safe and with term links, note bodies as phrasing.

Everything is rendered once per build, with the site's own Markdown configuration, and cleaned by
nh3 (the Ammonia sanitizer), keeping only the tags, attributes and URL schemes a definition or a
note needs. A pull request can be hostile: a script tag, an event handler, a `javascript:` or
`data:` URL, an SVG or an iframe in any field must never reach a reader's browser.

A sidenote stands beside its anchor, inside the anchor's paragraph, where HTML allows only
phrasing content. So a note's body may hold paragraphs of text with links and emphasis, and
nothing that needs a block (lists, headings, quotes, code blocks): those are reported, not dropped.
"""

from __future__ import annotations

import html
import xml.etree.ElementTree as etree
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import markdown
import nh3

from ..model import Note, Problem, Report, Source, Term
from ..read.validate import valid_url
from ..refs import SCHEME
from .link import Linking, term_element
from .match import Matcher
from .page_pass import AnnotationExtension
from .state import Converting, PageContext, PageState
from .text import HtmlTree, literal

TAGS = frozenset(
    [
        "a",
        "abbr",
        "b",
        "blockquote",
        "br",
        "cite",
        "code",
        "em",
        "i",
        "li",
        "mark",
        "ol",
        "p",
        "q",
        "s",
        "small",
        "span",
        "strong",
        "sub",
        "sup",
        "ul",
    ]
)
ATTRIBUTES = {"a": {"href", "title", "class", "data-term"}, "abbr": {"title"}, "span": {"class"}}
URL_SCHEMES = frozenset({"http", "https", "mailto", SCHEME})  # contributors may write only http(s): validate.py


@dataclass(frozen=True)
class MarkdownConfig:
    """The site's Markdown extensions and their settings (in MkDocs, `markdown_extensions`)."""

    extensions: list[Any] = field(default_factory=list)
    configs: dict[str, dict[str, Any]] = field(default_factory=dict)

    def converter(self, *more: Any) -> markdown.Markdown:
        return markdown.Markdown(extensions=[*self.extensions, *more], extension_configs=self.configs)


# Made once: `nh3.clean` converts its options on every call, a third of a definition's cleaning.
_CLEANER = nh3.Cleaner(
    tags=set(TAGS),
    attributes={k: set(v) for k, v in ATTRIBUTES.items()},
    url_schemes=set(URL_SCHEMES),
    link_rel=None,
    strip_comments=True,
)


def clean(html: str) -> str:
    """HTML that can hold text, emphasis, lists and links, and nothing that runs."""
    return _CLEANER.clean(html)


PHRASING = frozenset(
    ["a", "abbr", "b", "br", "cite", "code", "em", "i", "mark", "q", "s", "small", "span", "strong", "sub", "sup"]
)
PHRASING_ATTRIBUTES = {"a": ("href", "title"), "abbr": ("title",)}


class _Phrasing(HtmlTree):
    """Rebuilds rendered Markdown as the elements of a sidenote's body: phrasing only (a paragraph
    becomes a `span.sidenote__para`), tags balanced, links to http(s) only."""

    def __init__(self) -> None:
        super().__init__(etree.Element("span", {"class": "sidenote__body"}))
        self.refused: set[str] = set()
        self.bad_links: list[str] = []

    def start(self, tag: str, attrs: list[tuple[str, str | None]]) -> etree.Element | None:
        if tag not in PHRASING and tag != "p":
            self.refused.add(tag)
            return None
        kept = {k: v or "" for k, v in attrs if k in PHRASING_ATTRIBUTES.get(tag, ())}
        if tag == "a" and not valid_url(kept.get("href", "")):
            self.bad_links.append(kept.get("href", ""))
            kept.pop("href", None)
        css = {"class": "sidenote__para"} if tag == "p" else {}
        return etree.SubElement(self.current(), _output(tag), css | {k: literal(v) for k, v in kept.items()})


def _output(tag: str) -> str:
    return "span" if tag == "p" else tag


def term_link(term: Term, href: str) -> str:
    """A link to a term's entry, as the linker makes them in the text: the popover script opens it."""
    link = term_element(term.id, href)
    link.text = term.name
    return etree.tostring(link, encoding="unicode", method="html")


def source_link(source: Source, authors: bool = True) -> str:
    """A cited work as HTML: its title linked, then the authors (unless not wanted: a popover
    leaves them to the entry) and year where given."""
    credit = ", ".join(p for p in (html.escape(source.authors) if authors else "", str(source.year or "")) if p)
    return f'<a href="{html.escape(source.url)}">{html.escape(source.title)}</a>' + (f" ({credit})" if credit else "")


def note_sources(sources: tuple[Source, ...]) -> str:
    """A note's sources, for its last line: the page's script puts them in (popovers.py says why)."""
    label = "Source" if len(sources) == 1 else "Sources"
    return f"{label}: " + "; ".join(map(source_link, sources))


def _phrasing(html: str) -> _Phrasing:
    parser = _Phrasing()
    parser.feed(html)
    parser.close()
    return parser


class Renderer:
    """One converter for the whole build: the site's Markdown, term links, sanitising."""

    def __init__(self, config: MarkdownConfig, matcher: Matcher, href: Callable[[str], str]) -> None:
        self._linking = Linking(matcher, href)
        self._converting = Converting()
        self._markdown = config.converter(AnnotationExtension(self._converting, linking=self._linking))

    def _convert(self, text: str, page: PageContext | None) -> str:
        self._converting.begin(PageState(page.src_uri if page else "", link=page))
        try:
            return self._markdown.reset().convert(text)
        finally:
            self._converting.end()

    def definition(self, text: str, own_term: str, excluded: frozenset[str]) -> tuple[str, set[str]]:
        """Safe HTML with term links (but to `own_term` and the `excluded`), and the ids of the terms it links to."""
        page = f"render:{own_term}"
        context = PageContext(page, record=False, own_term=own_term, scope="first-use-per-page", excluded=excluded)
        html = clean(self._convert(text, context))
        return html, set(self._linking.used.pop(page, ()))

    def note_body(self, note: Note, report: Report) -> etree.Element | None:
        """The note's body, a `span.sidenote__body` of phrasing elements, or None once what stops
        it is reported. Problems are read from the body as written; what is shown is sanitised."""
        rendered = self._convert(note.body, None)
        parser = _phrasing(rendered)
        problems = []
        if parser.refused:
            tags = ", ".join(sorted(f"<{t}>" for t in parser.refused))
            problems.append(
                Problem(
                    note.path,
                    f"the body uses {tags}, which a sidenote cannot hold.",
                    "write the body as paragraphs of text (links, emphasis and code are fine).",
                    note.lines.get("body"),
                )
            )
        if parser.bad_links:
            links = ", ".join(repr(h) for h in parser.bad_links)
            problems.append(
                Problem(
                    note.path,
                    f"the body links to {links}, which is not a full http(s) address.",
                    "give links as https://… addresses.",
                    note.lines.get("body"),
                )
            )
        for problem in problems:
            report(problem)
        return None if problems else _phrasing(clean(rendered)).root
