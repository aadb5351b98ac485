"""A note's body as HTML that may sit inside a paragraph: paragraphs become block-styled spans.

A sidenote stands beside its anchor, inside the anchor's paragraph, where HTML allows only
phrasing content. So a body may hold paragraphs of text with links and emphasis, and nothing
that needs a block (lists, headings, quotes, code blocks): those are reported, not dropped.
"""

from __future__ import annotations

import html
from html.parser import HTMLParser

from .fields import Source, valid_url
from .notes import Note
from .problems import Problem
from .render import render_markdown
from .sanitize import clean

PHRASING = frozenset("a abbr b br cite code em i mark q s small span strong sub sup".split())
ATTRIBUTES = {"a": ("href", "title"), "abbr": ("title",)}


class _Phrasing(HTMLParser):
    """Rewrites rendered Markdown as phrasing HTML; keeps tags balanced and links to http(s)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.open: list[str] = []
        self.refused: set[str] = set()
        self.bad_links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in PHRASING and tag != "p":
            self.refused.add(tag)
            return
        kept = {k: v or "" for k, v in attrs if k in ATTRIBUTES.get(tag, ())}
        if tag == "a" and not valid_url(kept.get("href", "")):
            self.bad_links.append(kept.get("href", ""))
            kept.pop("href", None)
        css = ' class="sidenote__para"' if tag == "p" else ""
        self.out.append(f"<{_output(tag)}{css}" + "".join(f' {k}="{html.escape(v)}"' for k, v in kept.items()) + ">")
        if tag != "br":
            self.open.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in self.open:  # a stray end tag must not close the sidenote around the body
            while self.open:
                closing = self.open.pop()
                self.out.append(f"</{_output(closing)}>")
                if closing == tag:
                    break

    def handle_data(self, data: str) -> None:
        self.out.append(html.escape(data, quote=False))

    def result(self) -> str:
        return "".join(self.out) + "".join(f"</{_output(tag)}>" for tag in reversed(self.open))


def _output(tag: str) -> str:
    return "span" if tag == "p" else tag


def _sources(sources: tuple[Source, ...]) -> str:
    if not sources:
        return ""
    items = []
    for source in sources:
        credit = ", ".join(p for p in (html.escape(source.authors), str(source.year or "")) if p)
        items.append(f'<a href="{html.escape(source.url)}">{html.escape(source.title)}</a>'
                     + (f" ({credit})" if credit else ""))
    label = "Source" if len(items) == 1 else "Sources"
    return f'<span class="sidenote__para sidenote__sources">{label}: ' + "; ".join(items) + "</span>"


def _phrasing(html: str) -> _Phrasing:
    parser = _Phrasing()
    parser.feed(html)
    parser.close()
    return parser


def render_body(note: Note) -> tuple[str, list[Problem]]:
    """The note's body and sources as phrasing HTML, or the problems that stop it. Problems are
    read from the body as written; the HTML shown is the sanitised one."""
    rendered = render_markdown(note.body)
    parser = _phrasing(rendered)
    problems = []
    if parser.refused:
        problems.append(Problem(note.path, f"the body uses {', '.join(sorted(f'<{t}>' for t in parser.refused))}, "
                                           "which a sidenote cannot hold.",
                                "write the body as paragraphs of text (links, emphasis and code are fine).",
                                note.lines.get("body")))
    if parser.bad_links:
        problems.append(Problem(note.path, f"the body links to {', '.join(repr(h) for h in parser.bad_links)}, "
                                           "which is not a full http(s) address.",
                                "give links as https://… addresses.", note.lines.get("body")))
    return ("", problems) if problems else (_phrasing(clean(rendered)).result() + _sources(note.sources), [])
