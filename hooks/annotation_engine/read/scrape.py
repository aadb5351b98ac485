"""A scraped comment thread: its paragraphs, its repeated copies, and the thread once.

A scrape is plain text with one paragraph per line; blank lines do not count, and each paragraph
is its line with every run of whitespace read as one space, stripped (a leading byte-order mark
too). Lines end at a line feed, a carriage return or both, as editors number them, so a
paragraph's `line` is the one an editor shows.

**Copies.** A scrape may hold the thread more than once, each copy missing something (a page that
loaded twice, a quote the scraper dropped). A copy starts again wherever the scrape's first
paragraph recurs: that is how the real one (`sources/alignment-postmortem-comments.txt`) repeats.
A scrape whose first paragraph never recurs is one copy. A comment that quotes the first paragraph
whole, as a paragraph of its own, would start a copy too; a later copy that lost the first
paragraph is not found, and is kept as if its paragraphs were written twice.

**Merge.** The copies are aligned paragraph by paragraph (`difflib.SequenceMatcher`, with no
junk heuristic, so a common paragraph is never ignored) and read as one: what they share once,
what only one kept at its place among the rest (where both copies hold different paragraphs at
one place, the earlier copy's come first). A passage that repeats within one copy, a comment
quoting another, is kept as many times as that copy has it. Three or more copies are folded in
one after the other. Each merged paragraph keeps the line of its first appearance: in the
earliest copy that holds it.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence
from dataclasses import dataclass

_SPACE = re.compile(r"\s+")
_LINE_END = re.compile(r"\r\n|\r|\n")


@dataclass(frozen=True)
class Paragraph:
    text: str  # the line with runs of whitespace as one space, stripped
    line: int  # its 1-based line in the scrape file


def read_scrape(text: str) -> list[Paragraph]:
    """Every non-blank line of the scrape, as a paragraph with its line number."""
    paragraphs = []
    for number, line in enumerate(_LINE_END.split(text.removeprefix("\ufeff")), 1):
        words = _SPACE.sub(" ", line).strip()
        if words:
            paragraphs.append(Paragraph(words, number))
    return paragraphs


def split_copies(paragraphs: list[Paragraph]) -> list[list[Paragraph]]:
    """The thread's repeated copies: a new one starts wherever the first paragraph recurs."""
    if not paragraphs:
        return []
    starts = [i for i, paragraph in enumerate(paragraphs) if paragraph.text == paragraphs[0].text]
    return [paragraphs[start:end] for start, end in zip(starts, [*starts[1:], len(paragraphs)], strict=True)]


def provenance(copies: Sequence[Sequence[Paragraph]]) -> list[tuple[Paragraph, tuple[int, ...]]]:
    """The thread once, in order, each paragraph with the copies that hold it (indices into
    `copies`, ascending): a paragraph some copy lost is one whose tuple is not all of them."""
    if not copies:
        return []
    merged: list[tuple[Paragraph, tuple[int, ...]]] = [(paragraph, (0,)) for paragraph in copies[0]]
    for index, copy in enumerate(copies[1:], 1):
        matcher = difflib.SequenceMatcher(
            a=[paragraph.text for paragraph, _ in merged], b=[paragraph.text for paragraph in copy], autojunk=False
        )
        folded: list[tuple[Paragraph, tuple[int, ...]]] = []
        for op, i1, i2, j1, j2 in matcher.get_opcodes():
            if op == "equal":
                folded += [(paragraph, (*held, index)) for paragraph, held in merged[i1:i2]]
            else:  # what only the thread so far has, then what only this copy has
                folded += merged[i1:i2]
                folded += [(paragraph, (index,)) for paragraph in copy[j1:j2]]
        merged = folded
    return merged


def merge(copies: list[list[Paragraph]]) -> list[Paragraph]:
    """The thread once, in order: every paragraph of every copy, those they share once."""
    return [paragraph for paragraph, _ in provenance(copies)]
