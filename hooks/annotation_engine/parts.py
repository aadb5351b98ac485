"""A page's parts that wait in its popovers file (popovers.py says why the file exists).

The page holds each part empty, the file holds it in full, under the same key; the page's script
puts the full one in place of its empty twin once the file has come.
"""

from __future__ import annotations


def part(tag: str, key: str, inner: str = "", attributes: str = "") -> str:
    """The element `key`: empty (`inner` "") as the page holds it, in full as the file does."""
    return f'<{tag} data-part="{key}"{attributes}>{inner}</{tag}>'


TERMS_PART = "terms"  # the key of a discussion's list of terms


def sources_part(note_id: str) -> str:
    """The key of a note's sources line."""
    return f"sources-{note_id}"
