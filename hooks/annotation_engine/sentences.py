"""Where an opening ends: the first sentences of a rendered paragraph that make enough characters,
cut between sentences and never inside a link, emphasis, a quotation or brackets. A note's page
holds its opening (parts.hold_back); a popover shows the opening of a discussion's use of a term.
The cut is made in the rendered tree, so what is cut off reads as it did in the whole.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from collections.abc import Iterator

from markdown.serializers import to_html_string

from .page.text import html_tree

# After . ? ! or … and what closes the sentence, spaces (a no-break space is not one), then the
# next word's first character.
_SENTENCE_END = re.compile(r'(?<=[.?!…])["”’)\]]*(?=[ \t\n]+(\S))')
_ABBREVIATIONS = frozenset(["e.g.", "i.e.", "cf.", "vs.", "Dr.", "Mr.", "Mrs.", "Ms.", "St.", "Fig.", "No."])
_INITIALS = re.compile(r"(?:[A-Z]\.)+")  # U.S., J.
_OPENERS = {"[": "]", "(": ")", "“": "”"}  # what a sentence end inside would cut in two
_CLOSERS = {closing: opening for opening, closing in _OPENERS.items()}
_MARKS = re.compile(r'[\[\]()“”"]')


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


def preview(fragment: str, enough: int) -> tuple[str, set[str]] | None:
    """The opening of some rendered HTML, cut as a note's is on its page (parts.hold_back), and
    the ids of the terms it mentions: the first paragraph's first sentences that make `enough`
    characters, or that whole first block if it has no such end; None if that would be all of
    it. A popover shows a discussion's use of a term this way, and all that it holds without
    scrolling. Text before the first block (what the sanitiser keeps of a heading or a table) has
    no opening to cut: None, and the popover shows the whole."""
    blocks = html_tree(fragment)
    if not len(blocks) or (blocks.text or "").strip():
        return None
    first = blocks[0]
    cut = cut_opening(first, enough) if first.tag == "p" else None  # what follows is left out
    if cut is None and len(blocks) == 1:
        return None
    first.tail = None
    terms = {term for element in first.iter() if (term := element.get("data-term"))}
    return to_html_string(first), terms


def cut_opening(paragraph: etree.Element, enough: int) -> tuple[str, list[etree.Element]] | None:
    """Cut the paragraph after its opening, if it has one: leave its first sentences that make
    `enough` characters (cut only in the paragraph's own text, never inside an inline element),
    and return what followed them: the text, then the elements, moved as they were rendered."""
    cut = _opening_end(paragraph, enough)
    if cut is None:
        return None
    index, end = cut
    if index < 0:
        text, paragraph.text = (paragraph.text or "")[end:], (paragraph.text or "")[:end]
    else:
        tail = paragraph[index].tail or ""
        text, paragraph[index].tail = tail[end:], tail[:end]
    moved = list(paragraph)[index + 1 :]
    del paragraph[index + 1 :]
    return text, moved


def _opening_end(paragraph: etree.Element, enough: int) -> tuple[int, int] | None:
    """Where the paragraph's opening ends: (-1 for its text or the index of the child whose tail
    holds the end, the offset there), or None."""
    nodes = [(-1, paragraph.text or "")] + [(i, child.tail or "") for i, child in enumerate(paragraph)]
    before = ""  # the paragraph's text before the node
    for index, text in nodes:
        inside = "".join(paragraph[index + 1].itertext()) if index + 1 < len(paragraph) else ""
        for end in sentence_ends(text + inside[:1]):  # the next word may start in the next element
            head = before + text[:end]
            shown = " ".join(head.replace("&amp;", "&").split())  # the text is escaped for the serializer
            if end <= len(text) and len(shown) >= enough and paired(head):
                return index, end
        before += text + inside
    return None
