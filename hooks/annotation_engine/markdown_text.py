"""Text as Markdown that renders as exactly that text: the one escaper, for the glossary's headings
and the importer's comments alike."""

from __future__ import annotations

import re

_ANYWHERE = re.compile(r"[\\`*_\[\]{}]")  # emphasis, code, links, attribute lists: backslash-escaped
_ENTITY = re.compile(r"&(?=#|\w+;)")  # what would read as a character reference (`&#0` too)
_ORDERED = re.compile(r"\d+(?=\.)")  # `1.` starts a numbered list
_LEADING_ESCAPABLE = "#>-+!"  # headings, block quotes, lists, admonitions: Markdown escapes them
_LEADING_OTHER = "?/~:|="  # details (???), blocks (///), fences, definitions, tables: not escapable


def escape_markdown(text: str) -> str:
    """`text` as Markdown that renders as exactly `text`, one paragraph: every character that
    would start a list, heading, quote or block at the line's start, or make emphasis, code, a
    link, an attribute list, HTML or an entity anywhere, is escaped (a backslash where Markdown
    has one, else a character reference)."""
    escaped = _ANYWHERE.sub(lambda found: "\\" + found[0], text)
    escaped = _ENTITY.sub("&amp;", escaped).replace("<", "&lt;")
    if ordered := _ORDERED.match(escaped):
        return f"{ordered[0]}\\{escaped[ordered.end() :]}"
    if escaped[:1] and escaped[0] in _LEADING_ESCAPABLE:
        return "\\" + escaped
    if escaped[:1] and escaped[0] in _LEADING_OTHER:
        return f"&#{ord(escaped[0])};{escaped[1:]}"
    return escaped
