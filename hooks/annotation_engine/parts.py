"""A page's parts that wait in its popovers file (popovers.py says why the file exists).

The page holds each part empty, the file holds it in full, under the same key; the page's script
puts the full one in place of its empty twin once the file has come.
"""

from __future__ import annotations

import xml.etree.ElementTree as etree

from markdown.serializers import to_html_string


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


def hold_back(opening: etree.Element, rest: etree.Element, note_id: str, *, continues: bool) -> str:
    """A note's body cut in two (`markdown_text.opening`), each a `span.sidenote__body`: leaves
    the empty twin of the `rest` at the end of the `opening`'s last paragraph and returns the rest
    as the popovers file holds it, its first paragraph running on from that one if it `continues`.

    The opening is what a wide screen shows of a note before "Show the whole note" (a narrow one
    shows a note only when its number is followed). The notes' prose was most of what annotation
    added to a thread's HTML, which should come whole in the first round trip of a page load (the
    Performance page has the figures); the rest comes with the popovers, once the page is shown."""
    key = rest_part(note_id)
    whole = etree.Element("span", {"data-part": key})
    paragraphs = list(rest)
    if continues:
        first = paragraphs.pop(0)
        whole.text = " " + (first.text or "")
        whole.extend(first)
    whole.extend(paragraphs)
    etree.SubElement(opening[-1], "span", {"data-part": key})
    return to_html_string(whole)
