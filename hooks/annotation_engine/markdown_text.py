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


_SENTENCE_END = re.compile(r"(?<=[.?!…])[”’)\]]*(?= +[^\sa-z])")  # then a space, and no lower-case word
_PAIRS = (("[", "]"), ("(", ")"), ("“", "”"))  # what a sentence end inside would cut in two


def first_sentences(markdown: str, enough: int) -> str:
    """The opening sentences of a paragraph of Markdown, as few as make `enough` characters (at
    least one): all of it if it is that short. A sentence ends at . ? ! or … (and the quotes or
    brackets closing it) before a space and a word that does not start in lower case ("e.g. a
    case" goes on), outside any link, bracket, quotation, emphasis or code."""
    text = " ".join(markdown.split())
    for end in _SENTENCE_END.finditer(text):
        head = text[: end.end()]
        unpaired = any(head.count(opening) != head.count(closing) for opening, closing in _PAIRS)
        unclosed = head.count("`") % 2 or head.count("**") % 2 or head.replace("**", "").count("*") % 2
        if end.end() >= enough and not (unpaired or unclosed):
            return head
    return text


_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")


def split_opening(markdown: str, enough: int) -> tuple[str, str, str]:
    """Markdown cut after the first sentences of its first paragraph that make `enough`
    characters (`first_sentences`): (those sentences, the rest of that paragraph, the paragraphs
    after it), the last two "" where there is nothing."""
    first, *later = _PARAGRAPH_BREAK.split(markdown.strip(), maxsplit=1)
    head = first_sentences(first, enough)
    return head, " ".join(first.split())[len(head) :].strip(), "".join(later).strip()
