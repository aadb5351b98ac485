"""Text helpers: the text a reader sees in a converted page's tree, or in an HTML fragment.

The pass reads a page's tree before Python-Markdown's postprocessors run, so its text still holds
placeholders: raw inline HTML and entities wait in the HTML stash, backslash escapes are a code
point between two control characters. Python-Markdown has no call that gives a tree's text with
them resolved; `placeholder_resolver` lets Python-Markdown's own steps that resolve them at the
end do it, by their public interfaces: the `raw_html` postprocessor the page's converter has
registered (md_in_html's, where enabled) and an `UnescapeTreeprocessor`'s `unescape`. Nothing
here knows what a placeholder looks like.
"""

from __future__ import annotations

import html
import xml.etree.ElementTree as etree
from collections.abc import Callable, Iterator
from html.parser import HTMLParser

from markdown import Markdown
from markdown.treeprocessors import UnescapeTreeprocessor


class _TextOnly(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


class HtmlTree(HTMLParser):
    """HTML read into an element tree under `root`, its text held as Python-Markdown's serializer
    writes it back (`literal`). `start` makes the element a start tag becomes (None: the tag is
    left out, its text kept); a stray end tag closes nothing."""

    def __init__(self, root: etree.Element) -> None:
        super().__init__(convert_charrefs=True)
        self.root = root
        self.open: list[tuple[str, etree.Element]] = []  # (the tag as written, its element)

    def current(self) -> etree.Element:
        return self.open[-1][1] if self.open else self.root

    def start(self, tag: str, attrs: list[tuple[str, str | None]]) -> etree.Element | None:
        return etree.SubElement(self.current(), tag, {k: literal(v or "") for k, v in attrs})

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = self.start(tag, attrs)
        if element is not None and tag not in _VOID:
            self.open.append((tag, element))

    def handle_endtag(self, tag: str) -> None:
        if any(opened == tag for opened, _ in self.open):
            while self.open.pop()[0] != tag:
                pass

    def handle_data(self, data: str) -> None:
        holder = self.current()
        if len(holder):
            holder[-1].tail = (holder[-1].tail or "") + literal(data)
        else:
            holder.text = (holder.text or "") + literal(data)


_VOID = frozenset(["br", "hr", "img", "wbr"])


def html_tree(fragment: str) -> etree.Element:
    """A fragment of HTML (as the sanitiser writes it) as the children of a `div` (`HtmlTree`)."""
    parser = HtmlTree(etree.Element("div"))
    parser.feed(fragment)
    parser.close()
    return parser.root


def html_text(fragment: str) -> str:
    """The text a reader sees in an HTML fragment: tags dropped, entities decoded."""
    parser = _TextOnly()
    parser.feed(fragment)
    parser.close()
    return "".join(parser.parts)


def placeholder_resolver(md: Markdown) -> Callable[[str], str]:
    """Replace Python-Markdown's in-tree placeholders (stashed inline HTML such as entities or
    `<em>`, and backslash escapes) with the text they stand for. The text around them is escaped
    first, so the stashed HTML put in its place is read as HTML and the rest as the text it is."""
    restore_html = md.postprocessors["raw_html"].run
    unescape = UnescapeTreeprocessor(md).unescape

    def resolve(text: str) -> str:
        if restore_html(text) == text:  # most text holds no stashed HTML
            return unescape(text)
        return unescape(html_text(restore_html(html.escape(text, quote=False))))

    return resolve


def literal(text: str) -> str:
    """Text for an element or an attribute, shown as written: Python-Markdown's serializer leaves
    an `&` that starts a character reference alone, so every `&` is escaped here."""
    return text.replace("&", "&amp;")


def holds_placeholders(text: str, readable: Callable[[str], str]) -> bool:
    """Whether `text` holds a placeholder (`readable` resolves them), whose length changes once resolved."""
    return readable(text) != text


def element_text(element: etree.Element, readable: Callable[[str], str]) -> str:
    """The words a reader sees in an element, as one line."""
    return " ".join(readable("".join(_texts(element, element.tag == "code"))).split())


def _texts(element: etree.Element, code: bool) -> Iterator[str]:
    """The element's text pieces in order. Python-Markdown keeps a code span's text with `&`, `<`
    and `>` already written as references (`code_escape`): there they are read as the characters."""
    if element.text:
        yield html.unescape(element.text) if code else element.text
    for child in element:
        yield from _texts(child, code or child.tag == "code")
        if child.tail:
            yield html.unescape(child.tail) if code else child.tail


def paragraph_text(block: etree.Element, readable: Callable[[str], str]) -> tuple[str, dict[etree.Element, int]]:
    """The block's readable text, and where each element inside it starts in that text."""
    text, starts = _text_and_starts(block, str)
    if holds_placeholders(text, readable):  # rare: each piece resolved, as that changes its length
        return _text_and_starts(block, readable)
    return text, starts


def _text_and_starts(block: etree.Element, read: Callable[[str], str]) -> tuple[str, dict[etree.Element, int]]:
    parts: list[str] = []
    starts: dict[etree.Element, int] = {}
    length = 0

    def add(text: str | None) -> None:
        nonlocal length
        if text:
            piece = read(text)
            parts.append(piece)
            length += len(piece)

    def walk(element: etree.Element) -> None:
        starts[element] = length
        add(element.text)
        for child in element:
            walk(child)
            add(child.tail)

    walk(block)
    return "".join(parts), starts


def html_line(fragment: str) -> str:
    """An HTML fragment as one line of plain text (for page descriptions and the index)."""
    return " ".join(html_text(fragment).split())
