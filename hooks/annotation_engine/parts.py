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


def hold_back(
    whole: etree.Element, opening: etree.Element, rest: etree.Element, note_id: str, *, continues: bool
) -> tuple[etree.Element, str]:
    """A note's body (`whole`) and the same cut in two (`markdown_text.split_opening`), each a
    `span.sidenote__body`: the body the page holds, the `opening` with the empty twin of the `rest`
    at the end of its last paragraph, and the rest as the popovers file holds it, its first
    paragraph running on from that one if it `continues`. Where the two halves do not read as the
    whole does (a reference-style link defined in a later paragraph, say), the page holds the
    whole and the file nothing.

    The opening is what a wide screen shows of a note before "Show the whole note" (a narrow one
    shows a note only when its number is followed). The notes' prose was most of what annotation
    added to a thread's HTML, which should come whole in the first round trip of a page load (the
    Performance page has the figures); the rest comes with the popovers, once the page is shown."""
    if _letters(opening) + _letters(rest) != _letters(whole):
        return whole, ""
    key = rest_part(note_id)
    held = etree.Element("span", {"data-part": key})
    paragraphs = list(rest)
    if continues:
        first = paragraphs.pop(0)
        held.text = " " + (first.text or "")
        held.extend(first)
    held.extend(paragraphs)
    etree.SubElement(opening[-1], "span", {"data-part": key})
    return opening, to_html_string(held)


def _letters(body: etree.Element) -> str:
    return "".join("".join(body.itertext()).split())
