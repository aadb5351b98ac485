"""The pass's last step on a discussion: the line under its title that says where its comments
come from and on what basis the site quotes them, and the place of its list of terms (before its
first comment, or its first `<h2>`; with neither, after its title), marked for the end of the
build. Both are put in the tree, so nothing looks for them in the HTML later."""

from __future__ import annotations

import xml.etree.ElementTree as etree

from markdown import Markdown

from ..marks import marker
from ..model import Discussion
from .state import PageState
from .walk import is_comment


class DiscussionParts:
    """The step, with the page's converter: the mark goes in as raw HTML, which Python-Markdown
    keeps out of the other tree processors' way (its `htmlStash.store`, the extension API's way to
    put HTML in a page)."""

    def __init__(self, md: Markdown) -> None:
        self.md = md

    def run(self, root: etree.Element, state: PageState) -> None:
        if state.discussion is not None:
            place(root, state.discussion, self.md.htmlStash.store(marker("terms")))


def place(root: etree.Element, discussion: Discussion, terms_mark: str) -> None:
    title = next((child for child in root if child.tag == "h1"), None)
    after_title = list(root).index(title) + 1 if title is not None else 0
    if discussion.basis:
        root.insert(after_title, basis(discussion))
        after_title += 1
    parent, at = _first_section(root) or (root, after_title)
    mark = etree.Element("p")
    mark.text = terms_mark
    parent.insert(at, mark)


def _first_section(element: etree.Element) -> tuple[etree.Element, int] | None:
    """Where the first comment or `<h2>` is, in page order: its parent and its place there."""
    for at, child in enumerate(element):
        if is_comment(child) or child.tag == "h2":
            return element, at
        found = _first_section(child)
        if found is not None:
            return found
    return None


def basis(discussion: Discussion) -> etree.Element:
    """The line under a quoted discussion's title: where its words come from, and on what basis."""
    line = etree.Element("p", {"class": "discussion-basis"})
    line.text = "The comments are quoted unchanged from "
    said = f"; {_literal(discussion.basis)}."
    if discussion.source_url:
        source = etree.SubElement(line, "a", {"href": _literal(discussion.source_url)})
        source.text = "their source"
        source.tail = said
    else:
        line.text += "their source" + said
    return line


def _literal(text: str) -> str:
    """Text from front matter, shown as written: Python-Markdown's serializer leaves an `&` that
    starts a character reference alone, so every `&` is escaped here."""
    return text.replace("&", "&amp;")
