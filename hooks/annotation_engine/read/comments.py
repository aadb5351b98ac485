"""Comments as data: the markup of a discussion's comments, read with line numbers, and built.

A comment is a block in the syntax of `pymdownx.blocks`; its options are YAML, indented, right
after its header:

    /// comment | commenter B
        id: comment-2
        reply_to: comment-1

    The comment's words, as the source has them.

    //// quote | comment-1
    Words of comment 1 that this one quotes.
    ////

    //// edit | commenter B
    A later edit of the comment.
    ////
    ///

Everything inside a comment but the labels the engine writes (its title, the reply line, a
quote's source, an edit's title) is the source's words; everything outside is the site's. `scan`
reads the markup from the page's Markdown, with lines, before the page is converted: problems name
the line; `build` then makes the elements from what the whole page says (a comment's depth, where
it is quoted). The reply tree is shown by heading level (h2 for a comment that answers none, h3 for its
replies, and so on, to h6), which also indents the table of contents, and by `data-depth`.
"""

from __future__ import annotations

import datetime
import re
import xml.etree.ElementTree as etree
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from markdown import Markdown, util
from markdown.treeprocessors import Treeprocessor

from ..model import Problem, Report
from ..page.collect import element_text, placeholder_resolver
from ..page.walk import BLOCKS, PARAGRAPHS, classes, holds_no_words, is_comment
from .load import LineDict, parse_yaml
from .validate import ID, Checker, did_you_mean, parse_day, valid_url

COMMENT, QUOTE, EDIT = "comment", "quote", "edit"
OPTIONS = {COMMENT: ("id", "reply_to", "date", "url"), QUOTE: (), EDIT: ("date",)}
DEEPEST = 4  # replies deeper than this are shown at this depth (h6)
_FENCE = re.compile(r"^[ ]{0,3}(/{3,})[ ]*([\w-]*)[ ]*(?:\|[ ]*(.*?)[ ]*)?$")
_CODE_FENCE = re.compile(r"^[ ]{0,3}(`{3,}|~{3,})")


@dataclass
class Comment:
    """One comment of a page, as its markup says."""

    id: str
    author: str
    line: int
    number: int  # its place on the page, from 1
    reply_to: str = ""
    date: str = ""
    url: str = ""
    depth: int = 0
    quotes: list[str] = field(default_factory=list)  # ids of the comments it quotes, in order
    quoted_in: list[str] = field(default_factory=list)

    @property
    def label(self) -> str:
        return f"Comment {self.number} · {self.author}"


@dataclass
class PageComments:
    """The comments of the page being converted, and the lines of its quotes and edits.

    `markdown` is the page's Markdown for the converter: each block's opening and closing line is
    a marker (an HTML comment, which Python-Markdown keeps apart as a block of its own) and its
    options' lines are blank, since the engine has read them. `build` then gathers what stands
    between the markers into the block's element: no second parser reads the markup."""

    comments: dict[str, Comment] = field(default_factory=dict)
    in_order: list[Comment] = field(default_factory=list)  # every comment block, a taken id's too
    quote_lines: list[int] = field(default_factory=list)  # in page order
    edit_lines: list[int] = field(default_factory=list)
    edit_dates: list[str] = field(default_factory=list)
    edit_whos: list[str] = field(default_factory=list)
    markdown: str = ""


@dataclass
class _Open:
    kind: str
    fence: int
    comment: Comment | None


def _lines(markdown: str) -> Iterator[tuple[int, str]]:
    """The page's lines outside code fences, numbered from 0."""
    fence = ""
    for number, line in enumerate(markdown.split("\n")):
        code = _CODE_FENCE.match(line)
        if code and (not fence or code.group(1).startswith(fence)):
            fence = "" if fence else code.group(1)[0] * 3
        elif not fence:
            yield number, line


def _options(path: str, lines: list[str], at: int, first_line: int, report: Report) -> LineDict:
    """The YAML options indented right after a block's header line `at`; their lines are blanked."""
    block = []
    for n, line in enumerate(lines[at + 1 :], at + 1):
        if not line.startswith("    ") or not line.strip():
            break
        block.append(line[4:])
        lines[n] = ""
    found = parse_yaml(path, "\n".join(block), report, first_line=first_line + at + 1) if block else None
    return found if found is not None else LineDict(first_line + at)


def scan(path: str, markdown: str, first_line: int, report: Report) -> PageComments:
    """The comments of a page's Markdown (`first_line`: the line of the file it starts on), with
    every problem in their markup reported at its line."""
    page = PageComments()
    lines = markdown.split("\n")
    stack: list[_Open] = []
    for at, line in _lines(markdown):
        fence = _FENCE.match(line)
        if fence is None:
            continue
        length, name, argument = len(fence.group(1)), fence.group(2), (fence.group(3) or "").strip()
        if not name:
            if stack and stack[-1].fence == length:
                lines[at] = _marker(END) if stack.pop().kind in OPTIONS else line
            continue
        if name in OPTIONS:
            lines[at] = _marker(name)
            check = Checker(path, report)
            options = _options(path, lines, at, first_line, report)
            check.unknown_keys(options, OPTIONS[name], f"a {name}")
            header = _Header(name, argument, options, first_line + at)
            stack.append(_Open(name, length, _block(page, check, stack, header)))
        else:
            stack.append(_Open(name, length, None))
    for still in stack:
        if still.kind in OPTIONS:
            Checker(path, report).add(
                f"a '{still.kind}' block is never closed.",
                f"end it with a line of {still.fence} slashes, as long as its opening line's.",
                still.comment.line if still.comment else first_line,
            )
    _link(path, page, report)
    page.markdown = "\n".join(lines)
    return page


@dataclass(frozen=True)
class _Header:
    """A block's opening line: its name, what follows the bar, its options, its line in the file."""

    name: str
    argument: str
    options: LineDict
    line: int


def _block(page: PageComments, check: Checker, stack: list[_Open], header: _Header) -> Comment | None:
    """A comment, quote or edit: recorded, its problems reported. Returns the comment it opens or
    belongs to."""
    name, argument, options, line = header.name, header.argument, header.options, header.line
    around = next((o.comment for o in reversed(stack) if o.kind == COMMENT), None)
    if name == COMMENT:
        if around is not None:
            check.add("a comment cannot hold a comment.", f"end comment {around.id} with its '///' line first.", line)
        return _comment(page, check, argument, options, line)
    if around is None:
        check.add(f"a '{name}' block must be inside a comment.", "move it into the comment it belongs to.", line)
        return None
    if name == QUOTE:
        page.quote_lines.append(line)
        if not argument:
            check.add("a quote must name the comment it quotes.", "write '//// quote | comment-N'.", line)
        around.quotes.append(argument)
    else:
        page.edit_lines.append(line)
        page.edit_dates.append(_date(check, options))
        page.edit_whos.append(argument)
    return around


def _comment(page: PageComments, check: Checker, author: str, options: LineDict, line: int) -> Comment:
    comment_id = check.text(options, "id", False)
    if not comment_id:
        check.add("the comment has no id.", "add the option '    id: comment-N' on the line after its header.", line)
    elif not ID.match(comment_id):
        check.add(f"'{comment_id}' cannot be a comment's id.", "use lower-case letters, digits and hyphens.", line)
    elif comment_id in page.comments:
        first = page.comments[comment_id].line
        check.add(f"the id '{comment_id}' is taken (line {first}).", "give each comment its own id.", line)
    if not author:
        check.add("the comment has no author.", "write who wrote it after the bar: '/// comment | commenter A'.", line)
    url = check.text(options, "url", False)
    if url and not valid_url(url):
        check.add(f"'url' is '{url}', which is not an http(s) address.", "give the comment's full address.", line)
    comment = Comment(
        comment_id or f"line-{line}",
        author,
        line,
        len(page.comments) + 1,
        check.text(options, "reply_to", False),
        _date(check, options),
        url,
    )
    page.comments.setdefault(comment.id, comment)
    page.in_order.append(comment)
    return comment


def _date(check: Checker, options: LineDict) -> str:
    value = options.get("date")
    day = parse_day(value)
    if value is not None and day is None:
        text = value.isoformat() if isinstance(value, datetime.date) else str(value)
        check.add(f"'date' is '{text}', which is not a day.", "write it as YYYY-MM-DD.", options.line_of("date"))
    return day.isoformat() if day else ""


def _link(path: str, page: PageComments, report: Report) -> None:
    """Replies and quotes name comments of the page; depths and "quoted in" follow."""
    known = list(page.comments)
    for comment in page.comments.values():
        if comment.reply_to:
            parent = page.comments.get(comment.reply_to)
            if parent is None or parent.number >= comment.number:
                where = "a comment above it" if parent is None else "above it: a reply comes after what it answers"
                report(
                    Problem(
                        path,
                        f"comment {comment.id} replies to '{comment.reply_to}', which is not {where}."
                        + (did_you_mean(comment.reply_to, known) if parent is None else ""),
                        "give 'reply_to' the id of the comment it answers.",
                        comment.line,
                    )
                )
            else:
                comment.depth = min(parent.depth + 1, DEEPEST)
        for quoted in comment.quotes:
            target = page.comments.get(quoted)
            if quoted and (target is None or target is comment):
                reason = "itself" if target is comment else f"not a comment of the page.{did_you_mean(quoted, known)}"
                report(
                    Problem(
                        path,
                        f"comment {comment.id} quotes '{quoted}', which is {reason}",
                        "name the id of the comment the words come from.",
                        comment.line,
                    )
                )
            elif target is not None and comment.id not in target.quoted_in:
                target.quoted_in.append(comment.id)


# Building: the markers of a converted page gathered into the elements the page shows.

END = "end"
_MARKER = re.compile(r"<!-- annotations-(comment|quote|edit|end) -->\n?")


def _marker(kind: str) -> str:
    """A block's opening or closing line as the converter sees it: apart from the lines around it."""
    return f"\n<!-- annotations-{kind} -->\n"


def _ref(comment: Comment | None, fallback: str) -> etree.Element:
    link = etree.Element("a", {"class": "comment-ref", "href": f"#{comment.id if comment else fallback}"})
    link.text = f"comment {comment.number}" if comment else fallback
    return link


def _meta(comment: Comment, comments: dict[str, Comment]) -> etree.Element:
    """The line under a comment's title: what it answers, where it is quoted, its permalink."""
    meta = etree.Element("p", {"class": "comment-meta"})
    parts: list[tuple[str, etree.Element]] = []
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


class _Builder:
    """Makes each block's element, in page order, from what the scan read."""

    def __init__(self, page: PageComments) -> None:
        self.page = page
        self.comments = iter(page.in_order)
        self.quotes = iter([q for c in page.in_order for q in c.quotes])
        self.edits = iter(zip(page.edit_whos, page.edit_dates, strict=True))

    def open(self, kind: str) -> etree.Element:
        if kind == COMMENT:
            return self._comment(next(self.comments, Comment("", "", 0, 0)))
        if kind == QUOTE:
            quoted = next(self.quotes, "")
            box = etree.Element("blockquote", {"class": "comment-quote", "data-quotes": quoted})
            source = etree.Element("p", {"class": "quote-source"})
            source.text = "Quoting "
            source.append(_ref(self.page.comments.get(quoted), quoted))
            box.append(source)  # moved to the end once the quote's words are in
            return box
        who, date = next(self.edits, ("", ""))
        box = etree.Element("div", {"class": "admonition note comment-edit"})
        title = etree.SubElement(box, "p", {"class": "admonition-title"})
        title.text = "Later edit" + (f" by {who}" if who else "") + (f", {date}" if date else "")
        return box

    def _comment(self, comment: Comment) -> etree.Element:
        article = etree.Element(
            "article", {"class": "comment", "data-comment": comment.id, "data-depth": str(comment.depth)}
        )
        if comment.reply_to:
            article.set("data-reply-to", comment.reply_to)
        title = etree.SubElement(article, f"h{2 + comment.depth}", {"id": comment.id, "class": "comment__title"})
        title.text = comment.label
        article.append(_meta(comment, self.page.comments))
        return article


def build(root: etree.Element, page: PageComments, stashed: list[Any]) -> None:
    """Gather the page's top-level elements between each block's markers into the block's element
    (`stashed`: Python-Markdown's raw HTML, where the markers wait as placeholders)."""
    if not page.comments:
        return
    builder = _Builder(page)
    children = list(root)
    root[:] = []
    holders = [root]
    for child in children:
        kind = _kind(child, stashed)
        if kind is None:
            holders[-1].append(child)
        elif kind == END and len(holders) > 1:
            done = holders.pop()
            if done.tag == "blockquote":  # the quote's source line goes after its words
                source = done[0]
                done.remove(source)
                done.append(source)
        elif kind != END:
            element = builder.open(kind)
            holders[-1].append(element)
            holders.append(element)


def _kind(element: etree.Element, stashed: list[Any]) -> str | None:
    """The kind of marker a paragraph stands for, if it is one."""
    if element.tag != "p" or len(element) or not element.text:
        return None
    placeholder = util.HTML_PLACEHOLDER_RE.fullmatch(element.text.strip())
    if placeholder is None or int(placeholder.group(1)) >= len(stashed):
        return None
    found = _MARKER.fullmatch(str(stashed[int(placeholder.group(1))]))
    return found.group(1) if found else None


# Reading a converted page: the words of its comments, for the source check and the quote check.


@dataclass(frozen=True)
class Said:
    """A paragraph of a comment as the reader sees it: its text, its comment, what it quotes (if it does)."""

    text: str
    comment: str
    quotes: str = ""


def said(root: etree.Element, readable: Any) -> list[Said]:
    """Every paragraph, list item and quoted line of every comment, in page order, without the
    labels the engine writes around them. `readable` resolves Python-Markdown's placeholders."""
    found: list[Said] = []

    def walk(element: etree.Element, comment: str, quotes: str) -> None:
        for child in element:
            if holds_no_words(child):
                continue
            inner = child.get("data-quotes", quotes) if "comment-quote" in classes(child) else quotes
            if child.tag in PARAGRAPHS and not any(grand.tag in BLOCKS for grand in child):
                text = element_text(child, readable)
                if text:
                    found.append(Said(text, comment, inner))
            else:
                walk(child, comment, inner)

    for article in root.iter("article"):
        if is_comment(article):
            walk(article, article.get("data-comment", ""), "")
    return found


@dataclass
class CommentReading:
    """Builds a discussion's comments from their markers, and hands them, as converted, to `read`
    (the engine's checks)."""

    read: Any  # Callable[[str, list[Said]], None]: the page and its comments' paragraphs
    comments: Any  # Callable[[], PageComments]: the page's, as the engine scanned them
    page: str | None = None


class CommentReader(Treeprocessor):
    def __init__(self, md: Markdown, reading: CommentReading) -> None:
        super().__init__(md)
        self.reading = reading

    def run(self, root: etree.Element) -> None:
        if self.reading.page is not None:
            build(root, self.reading.comments(), self.md.htmlStash.rawHtmlBlocks)
            self.reading.read(self.reading.page, said(root, placeholder_resolver(self.md)))
