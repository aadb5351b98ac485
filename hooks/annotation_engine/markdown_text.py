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


# After . ? ! or … and what closes the sentence, spaces (a no-break space is not one), then the
# next word's first character.
_SENTENCE_END = re.compile(r'(?<=[.?!…])["”’)\]]*(?=[ \t\n]+(\S))')
_ABBREVIATIONS = frozenset(["e.g.", "i.e.", "cf.", "vs.", "Dr.", "Mr.", "Mrs.", "Ms.", "St.", "Fig.", "No."])
_INITIALS = re.compile(r"(?:[A-Z]\.)+")  # U.S., J.
_OPENERS = {"[": "]", "(": ")", "“": "”"}  # what a sentence end inside would cut in two
_CLOSERS = {closing: opening for opening, closing in _OPENERS.items()}
_MARKS = re.compile(r'[\[\]()“”"]')
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")


def sentence_ends(text: str) -> Iterator[int]:
    """Where a sentence may end in `text`: after . ? ! or … (and the quotes or brackets closing
    it), before a space and a word that does not start in lower case ("e.g. a case" goes on),
    and not after an abbreviation or initials that a capital often follows ("e.g. Chapter",
    "U.S. Army")."""
    for found in _SENTENCE_END.finditer(text):
        word = text[: found.start()].rsplit(maxsplit=1)[-1].lstrip('([“"‘')
        if not (found[1].islower() or word in _ABBREVIATIONS or _INITIALS.fullmatch(word)):
            yield found.end()


def paired(text: str) -> bool:
    """Whether `text` closes every bracket and quotation it opens: a sentence end inside one
    would cut it in two. A closer with nothing open ("a) First") closes nothing."""
    open_: list[str] = []
    straight = False  # inside "…"
    for found in _MARKS.finditer(text):  # only the few characters that open or close
        character = found[0]
        if character in _OPENERS:
            open_.append(character)
        elif character == '"':
            straight = not straight
        elif _CLOSERS[character] in open_:
            del open_[len(open_) - 1 - open_[::-1].index(_CLOSERS[character])]
    return not open_ and not straight


def first_sentences(markdown: str, enough: int) -> str | None:
    """The opening sentences of the first paragraph of some Markdown, as few as make `enough`
    characters (at least one), or all of that paragraph if it is that short; None if that would
    be all the Markdown. A sentence ends as `sentence_ends` says, outside any link, bracket,
    quotation, emphasis or code."""
    first, *later = _PARAGRAPH_BREAK.split(markdown.strip(), maxsplit=1)
    text = re.sub(r"[ \t\n]+", " ", first)
    for end in sentence_ends(text):
        head = text[:end]
        unclosed = head.count("`") % 2 or head.count("**") % 2 or head.replace("**", "").count("*") % 2
        if end >= enough and paired(head) and not unclosed:
            return head
    return text if later else None
