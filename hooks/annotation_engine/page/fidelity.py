"""Nothing lost: a discussion's comments, as the reader sees them, against the source they quote.

At every build, for every discussion whose front matter names a source: the paragraphs of its
comments (comments.said) must be the source's paragraphs (scrape.merge of its copies), each once
and in order, character for character but for runs of whitespace. A sentence the source lacks
fails, and so does one lost or changed; each problem names the page's file and line, the sentence
by its first words, and the source's line. A quote must also be words of the comment it names.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Sequence

from ..model import Problem, Report
from ..read.scrape import Paragraph
from .anchor import markdown_line
from .comments import Said

_SENTENCE_END = re.compile(r"(?<=[.?!…])[”’)]*\s+")
FIRST_WORDS = 8


def first_words(text: str) -> str:
    words = text.split()
    return " ".join(words[:FIRST_WORDS]) + ("…" if len(words) > FIRST_WORDS else "")


def sentences(text: str) -> list[str]:
    return [s for s in _SENTENCE_END.split(text) if s.strip()]


class Fidelity:
    """The checks of one page: `path` is the page's file as problems name it, `markdown` reads its
    Markdown (for the line of a passage), `source_path` the source's file."""

    def __init__(self, path: str, markdown: Callable[[], str | None], source_path: str, report: Report) -> None:
        self.path, self.markdown, self.source_path, self.report = path, markdown, source_path, report

    def _line(self, passage: str) -> int | None:
        text = self.markdown()
        return markdown_line(text, passage) if text else None

    def _problem(self, passage: str, message: str, fix: str) -> None:
        self.report(Problem(self.path, message, fix, self._line(passage)))

    def against(self, said: Sequence[Said], source: Sequence[Paragraph]) -> None:
        """Report every difference between the comments' paragraphs and the source's."""
        page = [s.text for s in said]
        matcher = difflib.SequenceMatcher(None, page, [p.text for p in source], autojunk=False)
        for op, i1, i2, j1, j2 in matcher.get_opcodes():
            if op == "equal":
                continue
            pairs = list(zip(page[i1:i2], source[j1:j2], strict=False))
            for ours, theirs in pairs:
                self._changed(ours, theirs)
            for ours in page[i1 + len(pairs) : i2]:
                self._problem(
                    ours,
                    f"the comments say “{first_words(ours)}”, which is not in the source {self.source_path}.",
                    "quote the source unchanged; the site's own words go outside the comments.",
                )
            before = page[i1 + len(pairs) - 1] if i1 + len(pairs) > 0 else ""
            for theirs in source[j1 + len(pairs) : j2]:
                after = f" It comes after “{first_words(before)}”." if before else ""
                self.report(
                    Problem(
                        self.path,
                        f"the source's line {theirs.line} ({self.source_path}), “{first_words(theirs.text)}”, "
                        f"is missing from the comments.{after}",
                        "add it to its comment, where the source has it.",
                        self._line(before) if before else None,
                    )
                )

    def _changed(self, ours: str, theirs: Paragraph) -> None:
        """One paragraph of the page against the source's paragraph in its place."""
        added = next((s for s in sentences(ours) if s not in theirs.text), None)
        if added is not None:
            closest = max(sentences(theirs.text), key=lambda s: difflib.SequenceMatcher(None, s, added).ratio())
            self._problem(
                added,
                f"the comments say “{first_words(added)}”, which is not in the source: its line {theirs.line} "
                f"({self.source_path}) has “{first_words(closest)}”.",
                "quote the source unchanged, character for character; the site's own words go outside the comments.",
            )
            return
        lost = next((s for s in sentences(theirs.text) if s not in ours), theirs.text)
        self._problem(
            ours,
            f"the comments lost “{first_words(lost)}” of the source's line {theirs.line} ({self.source_path}).",
            "put the words back where the source has them.",
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
