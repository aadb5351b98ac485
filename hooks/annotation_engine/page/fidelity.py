"""Nothing lost: a discussion's comments, as the reader sees them, against the source they quote.

At every build, for every discussion whose front matter names a source, the paragraphs of its
comments (comments.said) must be the source's, each once and in order, character for character
but for runs of whitespace. A sentence the source lacks fails, and so does one lost or changed;
each problem names the page's file and line, the sentence by its first words, and where the
source has it.

- A plain-text scrape is one run of paragraphs (scrape.merge of its copies), read against all the
  comments together: the scrape does not say where comments begin, and problems name its line.
- A forum's data (read/forums) has each comment's words under its id: each comment of the page is
  read against the comment its `source_id` names, and problems name both. A comment of the source
  that the page leaves out is a problem too.

A quote must also be words of the comment it names.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import PurePosixPath

from ..model import Problem, Report
from ..read.comments import Comment
from ..read.scrape import Paragraph
from .anchor import markdown_line
from .comments import Said

_SENTENCE_END = re.compile(r"(?<=[.?!…])[”’)]*\s+")
FIRST_WORDS = 8


def first_words(text: str) -> str:
    words = text.split()
    return " ".join(words[:FIRST_WORDS]) + ("…" if len(words) > FIRST_WORDS else "")


def where_they_differ(ours: str, theirs: str, around: int = 3) -> tuple[str, str]:
    """The first place two sentences differ, in each, with a few words either side: where their
    first words are the same, those show nothing."""
    a, b = ours.split(), theirs.split()
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    change = next((op for op in matcher.get_opcodes() if op[0] != "equal"), None)
    if change is None:
        return first_words(ours), first_words(theirs)
    _, i1, i2, j1, j2 = change

    def shown(words: list[str], start: int, end: int) -> str:
        low, high = max(start - around, 0), min(end + around, len(words))
        return ("…" if low else "") + " ".join(words[low:high]) + ("…" if high < len(words) else "")

    return shown(a, i1, i2), shown(b, j1, j2)


def sentences(text: str) -> list[str]:
    return [s for s in _SENTENCE_END.split(text) if s.strip()]


@dataclass(frozen=True)
class _Scope:
    """What is checked: all the comments against a scrape's lines, or one comment against the
    source's comment of that id."""

    comment: str = ""  # the page's comment (its id), or "" for all of them
    source_id: str = ""

    @property
    def who(self) -> str:
        return f"comment {self.comment}" if self.comment else "the comments"

    @property
    def say(self) -> str:
        return "says" if self.comment else "say"

    def where(self, paragraph: Paragraph) -> str:
        return f"comment {self.source_id}" if self.comment else f"line {paragraph.line}"


class Fidelity:
    """The checks of one page: `path` is the page's file as problems name it, `markdown` reads its
    Markdown (for the line of a passage), `source_path` the source's file."""

    def __init__(self, path: str, markdown: Callable[[], str | None], source_path: str, report: Report) -> None:
        self.path, self.markdown, self.source_path, self.report = path, markdown, source_path, report

    def _line(self, passage: str) -> int | None:
        text = self.markdown()
        return markdown_line(text, passage) if text else None

    def _fix(self, scope: _Scope, fix: str) -> str:
        """`fix`, and for a forum's comment the other way out: the forum's comment was edited since
        the import, and the page is to take its new words (tools/refresh_forum.py)."""
        if not scope.comment:
            return fix
        name = PurePosixPath(self.source_path).stem
        return (
            f"{fix} If the forum's comment was edited since the import, take its new words: "
            f"make import SOURCE={self.source_path} NAME={name} ACCEPT={scope.source_id}"
        )

    def _problem(self, passage: str, message: str, fix: str) -> None:
        self.report(Problem(self.path, message, fix, self._line(passage)))

    def against(self, said: Sequence[Said], source: Sequence[Paragraph]) -> None:
        """Report every difference between the comments' paragraphs and a scrape's."""
        self._compare([s.text for s in said], source, _Scope())

    def against_comments(
        self, said: Sequence[Said], comments: Mapping[str, Comment], source: Mapping[str, Sequence[str]]
    ) -> None:
        """Report every difference between each comment's paragraphs and those of the source's
        comment its `source_id` names; and every comment of the source the page leaves out."""
        words: dict[str, list[str]] = {}
        for s in said:
            words.setdefault(s.comment, []).append(s.text)
        shown: dict[str, str] = {}  # a source id → the page's comment that quotes it
        for comment in comments.values():
            if comment.source_id in shown:
                self.report(
                    Problem(
                        self.path,
                        f"comment {comment.id} quotes the source's comment {comment.source_id} again "
                        f"(comment {shown[comment.source_id]} does already).",
                        "keep one of the two: each comment of the source is on the page once.",
                        comment.line,
                    )
                )
                continue
            if not comment.source_id or comment.source_id not in source:
                what = f"names '{comment.source_id}', which" if comment.source_id else "has no 'source_id', and"
                self.report(
                    Problem(
                        self.path,
                        f"comment {comment.id} {what} is no comment of the source {self.source_path}.",
                        "give it the id of the comment it quotes in the source, as 'source_id'.",
                        comment.line,
                    )
                )
                continue
            shown[comment.source_id] = comment.id
            theirs = [Paragraph(text, 0) for text in source[comment.source_id]]
            self._compare(words.get(comment.id, []), theirs, _Scope(comment.id, comment.source_id))
        for source_id, paragraphs in source.items():
            if source_id not in shown:
                self.report(
                    Problem(
                        self.path,
                        f"the source's comment {source_id} ({self.source_path})"
                        + (f", “{first_words(paragraphs[0])}”," if paragraphs else " (deleted there)")
                        + " is missing from the page.",
                        "add it where the source has it (make import writes every comment of the source).",
                    )
                )

    def _compare(self, page: list[str], source: Sequence[Paragraph], scope: _Scope) -> None:
        matcher = difflib.SequenceMatcher(None, page, [p.text for p in source], autojunk=False)
        for op, i1, i2, j1, j2 in matcher.get_opcodes():
            if op == "equal":
                continue
            pairs = list(zip(page[i1:i2], source[j1:j2], strict=False))
            for ours, theirs in pairs:
                self._changed(ours, theirs, scope)
            for ours in page[i1 + len(pairs) : i2]:
                self._problem(
                    ours,
                    f"{scope.who} {scope.say} “{first_words(ours)}”, which is not in the source {self.source_path}"
                    + (f" (its comment {scope.source_id})." if scope.comment else "."),
                    self._fix(scope, "quote the source unchanged; the site's own words go outside the comments."),
                )
            before = page[i1 + len(pairs) - 1] if i1 + len(pairs) > 0 else ""
            for theirs in source[j1 + len(pairs) : j2]:
                after = f" It comes after “{first_words(before)}”." if before else ""
                self.report(
                    Problem(
                        self.path,
                        f"the source's {scope.where(theirs)} ({self.source_path}), “{first_words(theirs.text)}”, "
                        f"is missing from {scope.who}.{after}",
                        self._fix(scope, "add it to its comment, where the source has it."),
                        self._line(before) if before else None,
                    )
                )

    def _changed(self, ours: str, theirs: Paragraph, scope: _Scope) -> None:
        """One paragraph of the page against the source's paragraph in its place."""
        added = next((s for s in sentences(ours) if s not in theirs.text), None)
        if added is not None:
            closest = max(sentences(theirs.text), key=lambda s: difflib.SequenceMatcher(None, s, added).ratio())
            shown, source = where_they_differ(added, closest)
            self._problem(
                added,
                f"{scope.who} {scope.say} “{shown}”, which is not in the source: "
                f"its {scope.where(theirs)} ({self.source_path}) has “{source}”.",
                self._fix(
                    scope,
                    "quote the source unchanged, character for character; the site's own words go outside the "
                    "comments.",
                ),
            )
            return
        lost = next((s for s in sentences(theirs.text) if s not in ours), theirs.text)
        self._problem(
            ours,
            f"{scope.who} lost “{first_words(lost)}” of the source's {scope.where(theirs)} ({self.source_path}).",
            self._fix(scope, "put the words back where the source has them."),
        )

    def quotes(self, said: Sequence[Said]) -> None:
        """A quote's words must be words of the comment it names."""
        words: dict[str, str] = {}
        for s in said:
            if not s.quotes:
                words[s.comment] = words.get(s.comment, "") + " " + s.text
        for s in said:
            if s.quotes and s.quotes in words and s.text not in words[s.quotes]:
                self._problem(
                    s.text,
                    f"the quote “{first_words(s.text)}” in comment {s.comment} is not words of {s.quotes}.",
                    "quote that comment's words exactly, or name the comment they come from.",
                )
