"""A page's parts that wait in its popovers file (popovers.py says why the file exists).

The page holds each part empty, the file holds it in full, under the same key; the page's script
puts the full one in place of its empty twin once the file has come.
"""

from __future__ import annotations

import xml.etree.ElementTree as etree

from markdown.serializers import to_html_string

from .sentences import cut_opening


def part(tag: str, key: str, inner: str = "", attributes: str = "") -> str:
    """The element `key`: empty (`inner` "") as the page holds it, in full as the file does."""
    return f'<{tag} data-part="{key}"{attributes}>{inner}</{tag}>'


TERMS_PART = "terms"  # the key of a discussion's list of terms


def sources_part(note_id: str) -> str:
    """The key of a note's sources line."""
    return f"sources-{note_id}"


def rest_part(note_id: str) -> str:
    """The key of a note's paragraphs after its first."""
    return f"rest-{note_id}"


def hold_back(body: etree.Element, note_id: str, enough: int) -> str:
    """Leave a note's opening in its `body` (a `span.sidenote__body` of paragraphs): its first
    sentences that make `enough` characters (whole sentences, cut only between an inline element
    and the next, never inside one), or its first paragraph if that has no such end; then the
    empty twin of the rest. Return the rest as the popovers file holds it ("" if there is none):
    what followed in that paragraph, running on from the opening, then the later paragraphs.
    The nodes are moved, never rewritten, so the two read as the whole did.

    The opening is what a wide screen shows of a note before "Show the whole note" (a narrow one
    shows a note only when its number is followed). The notes' prose was most of what annotation
    added to a thread's HTML, which should come whole in the first round trip of a page load (the
    Performance page has the figures); the rest comes with the popovers, once the page is shown."""
    if not len(body) or not "".join(body[0].itertext()).strip():
        return ""  # nothing to open with: the page holds the whole
    first, *later = body
    key = rest_part(note_id)
    held = etree.Element("span", {"data-part": key})
    cut = cut_opening(first, enough)
    if cut is not None:
        held.text, moved = cut
        held.extend(moved)
    for paragraph in later:
        body.remove(paragraph)
        held.append(paragraph)
    if not len(held) and not held.text:
        return ""
    twin = etree.SubElement(first, "span", {"data-part": key})
    twin.text = " …"  # shown only if the rest never comes: the script puts the rest in its place
    return to_html_string(held)
