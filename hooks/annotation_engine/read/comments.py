"""The comment markup: the one module that reads it (with line numbers) and writes it.

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

The markup is the project's own: `scan` reads it before Python-Markdown sees the page and leaves
a marker paragraph in place of each block's opening and closing line, so the blocks never reach
`pymdownx.blocks` even on a site that enables it (a `/// details` inside a comment still does).
Everything inside a comment but the labels the engine writes (its title, the reply line, a
quote's source, an edit's title) is the source's words; everything outside is the site's.

`scan` reads the markup from the page's Markdown, with lines, before the page is converted:
problems name the line; `page/comments.py` then makes the elements from what the whole page says
(a comment's depth, where it is quoted). `write` makes the markup from comments as data (the
importer's drafts), and `written` reads a page back into the same data: `written(scan(write(c)))`
gives `c` again. `PageComments.pieces` walks a scanned page in order, for any other reader.
"""

from __future__ import annotations

import datetime
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

import yaml

from ..model import Problem, Report
from .load import LineDict, parse_yaml
from .validate import ID, Checker, did_you_mean, parse_when, valid_url

COMMENT, QUOTE, EDIT, END = "comment", "quote", "edit", "end"
OPTIONS = {COMMENT: ("id", "reply_to", "date", "url", "edited", "status", "source_id"), QUOTE: (), EDIT: ("date",)}
STATUSES = ("deleted", "retracted", "hidden")  # a comment's `status`, as the forum marks it
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
    date: str = ""  # YYYY-MM-DD, or an ISO 8601 time
    url: str = ""
    edited: str = ""  # when the forum says it was last edited (as `date`)
    status: str = ""  # one of STATUSES, or ""
    source_id: str = ""  # its id in the discussion's source, where the source has ids
    depth: int = 0
    quotes: list[str] = field(default_factory=list)  # ids of the comments it quotes, in order
    quoted_in: list[str] = field(default_factory=list)

    @property
    def label(self) -> str:
        return f"Comment {self.number} · {self.author}"


@dataclass(frozen=True)
class Opening:
    """A block's opening line (or, `END`, its closing line), in page order: what the marker that
    stands in its place in `PageComments.markdown` opens."""

    kind: str  # COMMENT, QUOTE, EDIT or END
    line: int  # in the file
    comment: Comment | None = None  # a comment's own; a quote's or an edit's, the one around it
    who: str = ""  # the comment a quote quotes (its id); who made an edit
    date: str = ""  # an edit's


@dataclass
class PageComments:
    """The comments of one page, and its blocks' openings and closings in page order.

    `markdown` is the page's Markdown for the converter: each block's opening and closing line is
    a marker paragraph (`marker_index` names its opening) and its options' lines are blank, since `scan`
    has read them. The converted page's markers are gathered into elements from `openings`: no
    second parser reads the markup."""

    comments: dict[str, Comment] = field(default_factory=dict)
    openings: list[Opening] = field(default_factory=list)
    markdown: str = ""

    def pieces(self) -> Iterator[str | Opening]:
        """The page in order: each run of Markdown lines between two markers, as one string, and
        each marker's `Opening`."""
        run: list[str] = []
        for line in self.markdown.split("\n"):
            index = marker_index(line)
            if index is None:
                run.append(line)
                continue
            yield "\n".join(run)
            run = []
            yield self.openings[index]
        yield "\n".join(run)


@dataclass
class _Open:
    kind: str
    fence: int
    comment: Comment | None


def _lines(markdown: str) -> Iterator[tuple[int, str]]:
    """The page's lines outside code fences, numbered from 0. A fence closes, as Python-Markdown's
    fenced_code reads it, only on a line of the same fence: ```` is not closed by ```."""
    fence = ""
    for number, line in enumerate(markdown.split("\n")):
        if fence:
            fence = "" if re.fullmatch(re.escape(fence) + "[ ]*", line) else fence
        elif code := _CODE_FENCE.match(line):
            fence = code.group(1)
        else:
            yield number, line


def _options(path: str, lines: list[str], at: int, first_line: int, report: Report) -> LineDict:
    """The YAML options indented right after a block's header line `at`; their lines are blanked."""
    block = []
    n = at + 1
    while n < len(lines) and lines[n].startswith("    ") and lines[n].strip():  # not a slice: a page has thousands
        block.append(lines[n][4:])
        lines[n] = ""
        n += 1
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
            if stack and stack[-1].fence == length and stack.pop().kind in OPTIONS:
                lines[at] = _marker(len(page.openings))
                page.openings.append(Opening(END, first_line + at))
            continue
        if name in OPTIONS:
            lines[at] = _marker(len(page.openings))  # `_block` records its opening
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
        comment = _comment(page, check, argument, options, line)
        page.openings.append(Opening(COMMENT, line, comment))
        return comment
    date = _date(check, options) if name == EDIT else ""
    page.openings.append(Opening(name, line, around, argument, date))
    if around is None:
        check.add(f"a '{name}' block must be inside a comment.", "move it into the comment it belongs to.", line)
        return None
    if name == QUOTE:
        if not argument:
            check.add("a quote must name the comment it quotes.", "write '//// quote | comment-N'.", line)
        around.quotes.append(argument)
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
    status = check.text(options, "status", False)
    if status and status not in STATUSES:
        check.add(f"'status' is '{status}'.", f"write one of {', '.join(STATUSES)}, or leave it out.", line)
    comment = Comment(
        comment_id or f"line-{line}",
        author,
        line,
        len(page.comments) + 1,
        check.text(options, "reply_to", False),
        _date(check, options),
        url,
        _date(check, options, "edited"),
        status if status in STATUSES else "",
        check.text(options, "source_id", False),
    )
    page.comments.setdefault(comment.id, comment)
    return comment


def _date(check: Checker, options: LineDict, key: str = "date") -> str:
    """A day (YYYY-MM-DD) or a time (ISO 8601, as forums give it), as written."""
    value = options.get(key)
    when = parse_when(value)
    if value is not None and not when:
        text = value.isoformat() if isinstance(value, datetime.date) else str(value)
        check.add(
            f"'{key}' is '{text}', which is not a day or a time.",
            "write it as YYYY-MM-DD, or as an ISO 8601 time such as 2024-05-01T12:30:00Z.",
            options.line_of(key),
        )
    return when


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


# The markers: a paragraph of its own in place of a block's opening or closing line. Its text is
# the number of its opening in `PageComments.openings` between two private-use characters: no
# Markdown syntax, no word for the linker, nothing an author types.
_MARK = "\ue000"


def _marker(index: int) -> str:
    """A block's opening or closing line as the converter sees it: a paragraph apart from the lines around it."""
    return f"\n{_MARK}{index}{_MARK}\n"


def marker_index(text: str) -> int | None:
    """The number of the opening (or closing) a marker paragraph's text stands for."""
    inside = text[1:-1]
    if len(text) > 2 and text[0] == text[-1] == _MARK and inside.isascii() and inside.isdigit():
        return int(inside)
    return None


# Writing: comments as data, in the markup; and a scanned page read back into the same data.


@dataclass(frozen=True)
class Quote:
    """Words of another comment that a comment quotes: its id, and the words as Markdown."""

    comment: str
    markdown: str


@dataclass(frozen=True)
class Edit:
    """A later edit of a comment, by `author`, as Markdown."""

    author: str
    markdown: str
    date: str = ""  # YYYY-MM-DD


Part = str | Quote | Edit  # a comment's own words (Markdown), a quote, or an edit


@dataclass(frozen=True)
class Written:
    """A comment as data: what `write` takes and `written` gives back."""

    author: str
    id: str
    parts: tuple[Part, ...]
    reply_to: str = ""
    date: str = ""  # YYYY-MM-DD, or an ISO 8601 time
    url: str = ""
    edited: str = ""
    status: str = ""  # one of STATUSES: a deleted or hidden comment has no words
    source_id: str = ""


class UnwritableError(ValueError):
    """What the markup cannot hold: a value on two lines, or words that would end their block."""


def write(comments: Iterable[Written]) -> str:
    """The comments in the markup, one after another with a blank line between. Each part of a
    comment's words is a paragraph or more of Markdown; a quote and an edit are blocks inside it."""
    return "\n\n".join(_written_comment(comment) for comment in comments)


def _written_comment(comment: Written) -> str:
    options = {
        "id": comment.id,
        "reply_to": comment.reply_to,
        "date": comment.date,
        "url": comment.url,
        "edited": comment.edited,
        "status": comment.status,
        "source_id": comment.source_id,
    }
    lines = [f"/// {COMMENT} | {_one_line(comment.author)}"]
    lines += [f"    {key}: {_scalar(value)}" for key, value in options.items() if value]
    lines.append("")
    for part in comment.parts:
        if isinstance(part, Quote):
            lines += _inner_block(QUOTE, part.comment, {}, part.markdown)
        elif isinstance(part, Edit):
            lines += _inner_block(EDIT, part.author, {"date": part.date}, part.markdown)
        else:
            lines += [_words(part), ""]
    return "\n".join([*lines, "///"])


def _inner_block(kind: str, argument: str, options: dict[str, str], markdown: str) -> list[str]:
    """A quote or an edit: its header and options, its words, its closing line, a blank line. A
    blank line ends the options where words that start indented would read as more of them."""
    words = _words(markdown)
    lines = [f"//// {kind} | {_one_line(argument)}"]
    lines += [f"    {key}: {_scalar(value)}" for key, value in options.items() if value]
    lines += [""] if len(lines) > 1 or words.startswith(" ") else []
    return [*lines, words, "////", ""]


def _scalar(value: str) -> str:
    """An option's value as YAML that reads back as the same text: plain where YAML reads it as
    text (or as the day it names), else in double quotes (a JSON string is YAML)."""
    try:
        read = yaml.safe_load(_one_line(value))
    except yaml.YAMLError:
        read = None
    plain = read == value or (isinstance(read, datetime.date) and read.isoformat() == value)
    return value if plain else json.dumps(value, ensure_ascii=False)


def _one_line(value: str) -> str:
    if "\n" in value or value != value.strip():
        raise UnwritableError(f"{value!r}: a header or an option is one line, without spaces around it.")
    return value


def _words(markdown: str) -> str:
    """Words as they stand in a block: without blank lines around them, and with no line that would
    open or close a block (`/// ...`) outside a code fence."""
    words = markdown.strip("\n")
    if not words.strip() or any(_FENCE.match(line) for _, line in _lines(words)):
        raise UnwritableError(f"{words[:40]!r}: empty, or a line of it would open or close a block.")
    return words


def written(page: PageComments) -> list[Written]:
    """A scanned page's comments as data, as `write` takes them: each comment's words between its
    blocks are one part, and the page's Markdown outside comments is left out."""
    found: list[Written] = []
    comment: Comment | None = None
    parts: list[Part] = []
    inside: Opening | None = None  # the quote or edit being read
    for piece in page.pieces():
        if isinstance(piece, str):
            words = piece.strip("\n")
            if comment is not None and words:
                parts.append(_part(inside, words))
        elif piece.kind == COMMENT and piece.comment is not None:
            comment, parts = piece.comment, []
        elif piece.kind in (QUOTE, EDIT):
            inside = piece
        elif inside is not None:  # the end of a quote or an edit
            inside = None
        elif comment is not None:  # the end of the comment
            found.append(_as_written(comment, parts))
            comment = None
    return found


def _part(inside: Opening | None, words: str) -> Part:
    if inside is None:
        return words
    return Quote(inside.who, words) if inside.kind == QUOTE else Edit(inside.who, words, inside.date)


def _as_written(comment: Comment, parts: list[Part]) -> Written:
    return Written(
        comment.author,
        comment.id,
        tuple(parts),
        comment.reply_to,
        comment.date,
        comment.url,
        comment.edited,
        comment.status,
        comment.source_id,
    )
