"""Text as Markdown that renders as exactly that text: the one escaper, for the glossary's headings
and the importer's comments alike."""

from __future__ import annotations

import re
from collections.abc import Iterator

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


_SENTENCE_END = re.compile(r"(?<=[.?!…])[”’)\]]*(?=\s+[^\sa-z])")  # then a space, and no lower-case word
_PAIRS = (("[", "]"), ("(", ")"), ("“", "”"))  # what a sentence end inside would cut in two


def sentence_ends(text: str) -> Iterator[int]:
    """Where a sentence may end in `text`: after . ? ! or … (and the quotes or brackets closing
    it), before a space and a word that does not start in lower case ("e.g. a case" goes on)."""
    return (found.end() for found in _SENTENCE_END.finditer(text))


def paired(text: str) -> bool:
    """Whether `text` closes every bracket and quotation it opens: a sentence end inside one
    would cut it in two."""
    return all(text.count(opening) == text.count(closing) for opening, closing in _PAIRS)


def first_sentences(markdown: str, enough: int) -> str:
    """The opening sentences of a paragraph of Markdown, as few as make `enough` characters (at
    least one): all of it if it is that short. A sentence ends as `sentence_ends` says, outside
    any link, bracket, quotation, emphasis or code."""
    text = " ".join(markdown.split())
    for end in sentence_ends(text):
        head = text[:end]
        unclosed = head.count("`") % 2 or head.count("**") % 2 or head.replace("**", "").count("*") % 2
        if end >= enough and paired(head) and not unclosed:
            return head
    return text
