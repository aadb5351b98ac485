"""A discussion's comments in its converted page: the markers `read/comments.py` left gathered
into the elements the page shows, and the words of each comment read back for the checks.

The reply tree is shown by heading level (h2 for a comment that answers none, h3 for its replies,
and so on, to h6), which also indents the table of contents, and by `data-depth`.
"""

from __future__ import annotations

import datetime
import xml.etree.ElementTree as etree
from collections.abc import Callable
from dataclasses import dataclass

from markdown import Markdown
from markdown.blockprocessors import BlockProcessor
from markdown.util import AtomicString

from ..read.comments import COMMENT, END, QUOTE, Comment, Opening, PageComments, marker_index
from .state import PageState
from .text import element_text, placeholder_resolver
from .walk import BLOCKS, PARAGRAPHS, classes, holds_no_words, is_comment


def _ref(comment: Comment | None, fallback: str) -> etree.Element:
    link = etree.Element("a", {"class": "comment-ref", "href": f"#{comment.id if comment else fallback}"})
    link.text = f"comment {comment.number}" if comment else fallback
    return link


def _time(when: str) -> etree.Element:
    """A day or a time as a reader reads it ("1 May 2024"), and as a machine does (`datetime`)."""
    day = datetime.date.fromisoformat(when[:10])
    element = etree.Element("time", {"datetime": when})
    element.text = f"{day.day} {day:%B %Y}"
    return element


def _posted(comment: Comment) -> list[tuple[str, etree.Element]]:
    """When the comment was posted, linked to where (if the source says), and when it was edited."""
    parts: list[tuple[str, etree.Element]] = []
    when = _time(comment.date) if comment.date else None
    if comment.url:
        where = etree.Element("a", {"class": "comment__source", "href": comment.url})
        if when is not None:
            where.append(when)
        else:
            where.text = "original"
        parts.append(("posted " if when is not None else "", where))
    elif when is not None:
        parts.append(("posted ", when))
    if comment.edited:
        parts.append(("edited ", _time(comment.edited)))
    return parts


STATUS = {  # what the site says of a comment the forum marks
    "deleted": "Deleted on the forum: its words are not in the source. It keeps its place for its replies.",
    "retracted": "Retracted by its author on the forum: the words stand as posted.",
    "hidden": "Hidden on the forum after its readers flagged it: its words are not shown here. "
    "It keeps its place for its replies.",
}


def _meta(comment: Comment, comments: dict[str, Comment]) -> etree.Element:
    """The line under a comment's title: when and where it was posted, what it answers, where it
    is quoted, its permalink."""
    meta = etree.Element("p", {"class": "comment-meta"})
    parts = _posted(comment)
    if comment.reply_to:
        parts.append(("in reply to ", _ref(comments.get(comment.reply_to), comment.reply_to)))
    for n, quoting in enumerate(comment.quoted_in):
        parts.append(("quoted in " if n == 0 else "and ", _ref(comments.get(quoting), quoting)))
    previous: etree.Element | None = None
    for n, (words, link) in enumerate(parts):
        separator = (" · " if n else "") if not words.startswith("and") else " "
        if previous is None:
            meta.text = separator + words
        else:
            previous.tail = separator + words
        meta.append(link)
        previous = link
    own = etree.SubElement(meta, "span", {"class": "comment__self"})  # the permalink and its " · ": not printed
    own.text = " · " if parts else ""
    permalink = etree.SubElement(own, "a", {"class": "comment__permalink", "href": f"#{comment.id}"})
    permalink.text = "permalink"
    return meta


def _element(opening: Opening, comments: dict[str, Comment]) -> etree.Element:
    """The element a block's opening starts: a comment's article, a quote's box, an edit's note."""
    if opening.kind == COMMENT:
        return _article(opening.comment or Comment("", "", 0, 0), comments)
    if opening.kind == QUOTE:
        box = etree.Element("blockquote", {"class": "comment-quote", "data-quotes": opening.who})
        source = etree.Element("p", {"class": "quote-source"})
        source.text = "Quoting "
        source.append(_ref(comments.get(opening.who), opening.who))
        box.append(source)  # moved to the end once the quote's words are in
        return box
    box = etree.Element("div", {"class": "admonition note comment-edit"})
    title = etree.SubElement(box, "p", {"class": "admonition-title"})
    who, date = opening.who, opening.date
    title.text = "Later edit" + (f" by {who}" if who else "") + (f", {date}" if date else "")
    return box


def _article(comment: Comment, comments: dict[str, Comment]) -> etree.Element:
    article = etree.Element(
        "article", {"class": "comment", "data-comment": comment.id, "data-depth": str(comment.depth)}
    )
    if comment.reply_to:
        article.set("data-reply-to", comment.reply_to)
    # The site's words about the comment (its title, when and where it was posted, what it answers,
    # what the forum marked it) are its header: navigation, apart from the commenter's words.
    header = etree.SubElement(article, "header", {"class": "comment__header"})
    title = etree.SubElement(header, f"h{2 + comment.depth}", {"id": comment.id, "class": "comment__title"})
    title.text = comment.label
    header.append(_meta(comment, comments))
    if comment.status:
        article.set("class", f"comment comment--{comment.status}")
        status = etree.SubElement(header, "p", {"class": "comment-status"})
        status.text = STATUS[comment.status]
    return article


def build(root: etree.Element, page: PageComments) -> list[Opening]:
    """Gather the page's top-level elements between each block's markers into the block's element.
    Returns the openings whose blocks could not be built, their markers having landed inside
    other markup (an HTML element or block, a list); those found in the tree are taken out."""
    if not page.openings:
        return []
    children = list(root)
    root[:] = []
    holders = [root]
    built: set[int] = set()
    for child in children:
        index = _index(child)
        if index is None:
            holders[-1].append(child)
            continue
        built.add(index)
        opening = page.openings[index]
        if opening.kind == END and len(holders) > 1:
            done = holders.pop()
            if done.tag == "blockquote":  # the quote's source line goes after its words
                source = done[0]
                done.remove(source)
                done.append(source)
        elif opening.kind != END:
            element = _element(opening, page.comments)
            holders[-1].append(element)
            holders.append(element)
    if len(built) == len(page.openings):
        return []
    _remove_strays(root)  # only on a page whose markup went wrong: a walk of the whole tree
    return [opening for index, opening in enumerate(page.openings) if index not in built]


def _remove_strays(root: etree.Element) -> None:
    """The markers left inside other markup, taken out: never shown as text."""
    for parent in list(root.iter()):
        for child in list(parent):
            if _index(child) is not None:
                parent.remove(child)


class MarkerBlocks(BlockProcessor):
    """A marker (a paragraph of its own) becomes its paragraph at once, its text atomic: no inline
    pattern spends time on it, and `build` finds it as it was written."""

    PRIORITY = 77  # after indented code (80), before tables (75), headings, lists, quotes, paragraphs

    def test(self, parent: etree.Element, block: str) -> bool:
        return marker_index(block) is not None

    def run(self, parent: etree.Element, blocks: list[str]) -> None:
        etree.SubElement(parent, "p").text = AtomicString(blocks.pop(0))


def _index(element: etree.Element) -> int | None:
    """The number of the opening a marker paragraph stands for, if it is one."""
    if element.tag != "p" or len(element) or not element.text:
        return None
    return marker_index(element.text)


@dataclass(frozen=True)
class Said:
    """A paragraph of a comment as the reader sees it: its text, its comment, what it quotes (if it does)."""

    text: str
    comment: str
    quotes: str = ""


def _runs(element: etree.Element) -> list[etree.Element]:
    """A paragraph-like element that also holds blocks, as its parts in order: each block, and each
    run of words between them as a `span` of its own. The spans are new and hold the same inline
    elements (an element has no parent of its own here), so the page is not changed."""
    runs: list[etree.Element] = []
    current = etree.Element("span")
    current.text = element.text
    for child in element:
        if child.tag in BLOCKS:
            runs += [current, child]
            current = etree.Element("span")
            current.text = child.tail
        else:
            current.append(child)
    runs.append(current)
    return runs


def said(root: etree.Element, readable: Callable[[str], str]) -> list[Said]:
    """Every paragraph, list item and quoted line of every comment, in page order, without the
    labels the engine writes around them. `readable` resolves Python-Markdown's placeholders."""
    found: list[Said] = []

    def said_run(run: etree.Element, comment: str, quotes: str) -> None:
        text = element_text(run, readable)
        if text:
            found.append(Said(text, comment, quotes))

    def walk(element: etree.Element, comment: str, quotes: str) -> None:
        for child in element:
            if holds_no_words(child):
                continue
            inner = child.get("data-quotes", quotes) if "comment-quote" in classes(child) else quotes
            if child.tag in PARAGRAPHS and not any(grand.tag in BLOCKS for grand in child):
                said_run(child, comment, inner)
            elif child.tag in PARAGRAPHS:  # a list item's own words, then a nested list: each run is one
                for run in _runs(child):
                    if run.tag in BLOCKS and run.tag not in PARAGRAPHS:
                        walk(run, comment, inner)
                    else:
                        said_run(run, comment, inner)
            else:
                walk(child, comment, inner)

    for article in root.iter("article"):
        if is_comment(article):
            walk(article, article.get("data-comment", ""), "")
    return found


# The engine's checks: a page, its comments, their paragraphs, and the blocks that could not be built.
ReadComments = Callable[[str, PageComments, list[Said], list[Opening]], None]


class CommentReader:
    """The pass's step that builds a discussion's comments from their markers and hands their
    words, as converted, to `read`."""

    def __init__(self, md: Markdown, read: ReadComments) -> None:
        self.md, self.read = md, read

    def run(self, root: etree.Element, state: PageState) -> None:
        if state.comments is not None:
            strays = build(root, state.comments)
            self.read(state.src_uri, state.comments, said(root, placeholder_resolver(self.md)), strays)
