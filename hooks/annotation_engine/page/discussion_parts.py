"""The pass's last step on a discussion: the line under its title that says where its comments
come from and on what basis the site quotes them, and its "Terms on this page" (before its first
comment, or its first `<h2>`; with neither, after its title): the Terms setting, and the list,
empty, whose items come with the page's popovers file (site/popovers.py). Both are elements of
the page's tree, so nothing looks for a place in the HTML later; the list is kept out of search,
which finds each term at its entry."""

from __future__ import annotations

import xml.etree.ElementTree as etree

from ..model import Discussion
from ..parts import TERMS_PART
from .link import Linking
from .state import PageState
from .text import literal
from .walk import is_comment


class DiscussionParts:
    """The step, with the build's linking: the page's terms are those the linker counted on it."""

    def __init__(self, linking: Linking | None) -> None:
        self.linking = linking

    def run(self, root: etree.Element, state: PageState) -> None:
        if state.discussion is not None:
            count = len(self.linking.used.get(state.src_uri, ())) if self.linking else 0
            place(root, state.discussion, terms_on_page(count) if count else None)


def place(root: etree.Element, discussion: Discussion, terms: etree.Element | None) -> None:
    title = next((child for child in root if child.tag == "h1"), None)
    after_title = list(root).index(title) + 1 if title is not None else 0
    if discussion.basis:
        root.insert(after_title, basis(discussion))
        after_title += 1
    if terms is not None:
        parent, at = _first_section(root) or (root, after_title)
        parent.insert(at, terms)


SETTING = (("first", "first use"), ("every", "every use"), ("off", "off"))  # reader.js's choices


def terms_on_page(count: int) -> etree.Element:
    """The Terms setting, and the list of the page's `count` terms, its items to come (`part`)."""
    nav = etree.Element(
        "nav", {"class": "terms-on-page", "aria-label": "Terms on this page", "data-search-exclude": ""}
    )
    setting = etree.SubElement(nav, "fieldset", {"class": "terms-setting"})
    etree.SubElement(setting, "legend").text = "Terms"
    for value, label in SETTING:
        choice = etree.SubElement(setting, "label")
        etree.SubElement(choice, "input", {"type": "radio", "name": "terms-setting", "value": value}).tail = f" {label}"
    details = etree.SubElement(nav, "details")
    etree.SubElement(details, "summary").text = f"Terms on this page ({count})"
    etree.SubElement(details, "ol", {"data-part": TERMS_PART})
    return nav


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
    said = f"; {literal(discussion.basis)}."
    if discussion.source_url:
        source = etree.SubElement(line, "a", {"href": literal(discussion.source_url)})
        source.text = "their source"
        source.tail = said
    else:
        line.text += "their source" + said
    return line
