"""A note's body as HTML that may sit inside a paragraph: paragraphs become block-styled spans.

A sidenote stands beside its anchor, inside the anchor's paragraph, where HTML allows only
phrasing content. So a body may hold paragraphs of text with links and emphasis, and nothing
that needs a block (lists, headings, quotes, code blocks): those are reported, not dropped.
"""

from __future__ import annotations

import html
from html.parser import HTMLParser

import markdown

from .fields import Source
from .notes import Note
from .problems import Problem

PHRASING = frozenset("a abbr b br cite code em i mark q s small span strong sub sup".split())
ATTRIBUTES = {"a": ("href", "title"), "abbr": ("title",)}


class _Phrasing(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.refused: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "p":
            self.out.append('<span class="sidenote__para">')
        elif tag in PHRASING:
            kept = "".join(f' {k}="{html.escape(v or "")}"' for k, v in attrs if k in ATTRIBUTES.get(tag, ()))
            self.out.append(f"<{tag}{kept}>")
        else:
            self.refused.add(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag == "p":
            self.out.append("</span>")
        elif tag in PHRASING and tag != "br":
            self.out.append(f"</{tag}>")

    def handle_data(self, data: str) -> None:
        self.out.append(html.escape(data, quote=False))


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


def render_body(note: Note) -> tuple[str, list[Problem]]:
    """The note's body and sources as phrasing HTML, or the problems that stop it."""
    parser = _Phrasing()
    parser.feed(markdown.markdown(note.body))
    parser.close()
    if parser.refused:
        return "", [Problem(note.path, f"the body uses {', '.join(sorted(f'<{t}>' for t in parser.refused))}, "
                                       "which a sidenote cannot hold.",
                            "write the body as paragraphs of text (links, emphasis and code are fine).",
                            note.lines.get("body"))]
    return "".join(parser.out) + _sources(note.sources), []
