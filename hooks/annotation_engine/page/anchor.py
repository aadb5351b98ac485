"""A Python-Markdown tree processor that anchors notes to their quotes and shows them as sidenotes.

Each note's quote is found in the page's text (across inline elements, whitespace runs counting
as one space); it must occur exactly once. A quote that matches nothing as written is looked for as
typed on a keyboard: straight and curly quotes, hyphens and dashes (with or without spaces around
them), "..." and "…" count as the same (`fold_text`). One that still matches nothing is told the
page's closest passage. The quoted words are highlighted with `<mark>`, a numbered reference
follows them, and the note itself is a `<span class="sidenote">` gathered with the other notes of
its section (a comment) at the section's end, so that it never splits a sentence (on screen, in
search, in print, where the notes are the comment's endnotes). CSS floats it into the margin on
wide screens (sidenotes.js puts it beside its number) and shows it on demand (`:target`) on narrow
ones.
"""

from __future__ import annotations

import copy
import xml.etree.ElementTree as etree
from collections.abc import Callable
from dataclasses import dataclass, replace
from difflib import SequenceMatcher
from itertools import accumulate

from markdown import Markdown
from markdown.util import AtomicString

from ..folding import EXACT, LOOSE, Folded, fold_text
from ..model import Note, Problem, Report
from ..parts import sources_part
from ..read.load import FRONT_MATTER
from .state import PageState
from .walk import BLOCKS, TOP_SECTION_HEADINGS, Parents, Segment, is_comment, segment_text, segments

CLOSE = 0.6  # how like the quote (difflib's ratio) a passage must be to be offered in its place
PART = 12  # characters of a passage that, found together in its Markdown, tell its line


@dataclass
class Anchoring:
    """What placing notes needs of the build: their rendered bodies, and where problems go (the
    notes of the page being converted are in its `PageState`)."""

    bodies: dict[str, etree.Element]  # note id -> its body, a span of phrasing elements
    report: Report


def _find(note: Note, page: Folded) -> list[tuple[int, int]]:
    """(start, end) offsets in the page's text where the quote stands between its prefix and suffix,
    all three folded as the page is."""
    quote = fold_text(note.quote.strip(), page.level).text
    prefix = fold_text(note.prefix, page.level).text.rstrip()
    suffix = fold_text(note.suffix, page.level).text.lstrip()
    text = page.text
    found, start = [], text.find(quote)
    while start >= 0:
        end = start + len(quote)
        before = start - (text[start - 1 : start] == " ")  # folded text has no two spaces in a row
        after = end + (text[end : end + 1] == " ")
        if text.endswith(prefix, 0, before) and text.startswith(suffix, after):
            found.append(page.span(start, end))
        start = text.find(quote, start + 1)
    return found


def _mark(segment: Segment, low: int, high: int, note_id: str, parents: Parents) -> etree.Element:
    holder, child = segment
    text = segment_text(segment)
    mark = etree.Element("mark", {"class": "note-anchor", "data-note": note_id})
    mark.text = AtomicString(text[low:high])
    mark.tail = text[high:] or None
    if child is None:
        holder.text = text[:low] or None
        holder.insert(0, mark)
    else:
        child.tail = text[:low] or None
        holder.insert(list(holder).index(child) + 1, mark)
    parents[mark] = holder
    return mark


def _block_of(element: etree.Element, parents: Parents) -> etree.Element:
    while element.tag not in BLOCKS and element in parents:
        element = parents[element]
    return element


def _insert_after(node: etree.Element, parents: Parents, new: list[etree.Element]) -> None:
    """Insert `new` after `node`, outside every link around it: links must not nest."""
    ancestor = node
    while ancestor in parents and ancestor.tag not in BLOCKS:
        ancestor = parents[ancestor]
        if ancestor.tag == "a":
            node = ancestor
    parent = parents[node]
    index = list(parent).index(node)
    new[-1].tail, node.tail = node.tail, None
    for offset, element in enumerate(new, 1):
        parent.insert(index + offset, element)
        parents[element] = parent


class NoteAnchors:
    """The pass's step that places the notes its `PageState` names."""

    def __init__(self, md: Markdown, anchoring: Anchoring) -> None:
        self.md, self.anchoring = md, anchoring

    def run(self, root: etree.Element, state: PageState) -> None:
        notes = state.notes
        if not notes:
            return
        found_words, parents = segments(root)  # read once: notes are placed last first (_place says why)
        pieces = [segment_text(segment) for segment in found_words]
        text = "".join(pieces)
        starts = accumulate(map(len, pieces[:-1]), initial=0)  # where each piece starts in `text`
        read_words = zip(found_words, pieces, starts, strict=True)
        words = [(segment, start, len(piece)) for segment, piece, start in read_words]
        exact, loose = fold_text(text, EXACT), fold_text(text, LOOSE)  # once per page, for all its notes
        found = []
        for note in notes:
            # The page's own characters first: folding never makes a quote that matched once match twice.
            ranges = _find(note, exact) or _find(note, loose)
            if len(ranges) == 1:
                found.append((ranges[0], note))
            else:
                self.anchoring.report(self._unanchored(note, len(ranges), loose, state.source))
        placed: list[tuple[tuple[int, int], Note]] = []
        for (start, end), note in sorted(found, key=lambda item: item[0]):
            if placed and start < placed[-1][0][1]:
                self.anchoring.report(
                    Problem(
                        note.path,
                        f"the quote overlaps the quote of note '{placed[-1][1].id}'.",
                        "anchor one of the two notes to other words.",
                        note.lines.get("quote"),
                    )
                )
            else:
                placed.append(((start, end), note))
        numbered = list(enumerate(placed, 1))
        sidenotes: list[tuple[int, etree.Element, etree.Element]] = []
        for number, ((start, end), note) in reversed(numbered):
            block = self._place(words, parents, note, (start, end), number)
            if block is not None:
                sidenotes.append((number, block, self._sidenote(note, number)))
            else:
                self.anchoring.report(
                    Problem(
                        note.path,
                        "the quote runs across two paragraphs, list items or boxes.",
                        "quote words from within one paragraph or list item.",
                        note.lines.get("quote"),
                    )
                )
        _gather(root, parents, sorted(sidenotes, key=lambda placed: placed[0]))

    def _unanchored(self, note: Note, count: int, page: Folded, source: Callable[[], str | None]) -> Problem:
        if count:
            return Problem(
                note.path,
                f"the quote matches {count} places on {note.page}.",
                "add a 'prefix' (the words just before) or a 'suffix' (just after) to pick one.",
                note.lines.get("quote"),
            )
        alone = _find(replace(note, prefix="", suffix=""), page)
        if alone:
            return _wrong_context(note, page, alone)
        return _near_miss(note, page, source())

    def _place(
        self, words: list[tuple[Segment, int, int]], parents: Parents, note: Note, span: tuple[int, int], number: int
    ) -> etree.Element | None:
        """Highlight text[start:end] and number it, if it lies within one block; numbers are given in
        page order before any is placed. Returns the block, where the note itself goes. `words`
        are the page's segments with their offset and length as first read: notes are placed last
        first, so a segment a later note cut keeps its words before the cut, where this one is.
        `parents` is the page's map, kept up to date."""
        start, end = span
        spans = []
        for segment, offset, length in words:
            low, high = max(start - offset, 0), min(end - offset, length)
            if low < high:
                spans.append((segment, low, high))
        blocks = {_block_of(holder, parents) for (holder, _), _, _ in spans}
        if len(blocks) > 1:
            return None
        last, low, high = spans[-1]
        final = _mark(last, low, high, note.id, parents)
        for segment, low, high in reversed(spans[:-1]):
            _mark(segment, low, high, note.id, parents)
        _insert_after(final, parents, [self._reference(note, number)])
        return blocks.pop()

    def _reference(self, note: Note, number: int) -> etree.Element:
        # The number is not part of the sentence: search plugins that honour the attribute skip it.
        sup = etree.Element("sup", {"class": "note-ref", "id": f"note-ref-{note.id}", "data-search-exclude": ""})
        link = etree.SubElement(sup, "a", {"href": f"#note-{note.id}", "aria-label": f"Note {number}: {note.title}"})
        link.text = AtomicString(str(number))
        return sup

    def _sidenote(self, note: Note, number: int) -> etree.Element:
        aside = etree.Element(
            "span",
            {
                "class": f"sidenote sidenote--{note.kind}",
                "id": f"note-{note.id}",
                "role": "note",
                "aria-label": f"Note {number}",
            },
        )
        head = etree.SubElement(aside, "span", {"class": "sidenote__head"})
        permalink = etree.SubElement(
            head, "a", {"class": "sidenote__number", "href": f"#note-{note.id}", "title": "Permalink to this note"}
        )
        permalink.text = AtomicString(f"Note {number}")
        kind = etree.SubElement(head, "span", {"class": "sidenote__kind"})
        kind.text = AtomicString(f" · {note.kind}: ")
        title = etree.SubElement(head, "strong")
        title.text = AtomicString(note.title)
        body = copy.deepcopy(self.anchoring.bodies[note.id])  # a page converted twice places it twice
        aside.append(body)
        if note.sources:  # filled in from the page's popovers file (popovers.py); stays out of search
            etree.SubElement(body, "span", {"data-part": sources_part(note.id)})
        back = etree.SubElement(aside, "a", {"class": "sidenote__back", "href": f"#note-ref-{note.id}"})
        back.text = AtomicString("↩ Back to the text")
        return aside


def _gather(root: etree.Element, parents: Parents, sidenotes: list[tuple[int, etree.Element, etree.Element]]) -> None:
    """Put each section's notes (walk.py), in order, in one `div.section-notes` at the section's
    end: in print they are its endnotes (a comment's), and they never split a sentence."""
    boxes: dict[tuple[etree.Element, etree.Element | None], etree.Element] = {}
    for _, block, sidenote in sidenotes:
        holder, end = _section_end(root, block, parents)
        if (holder, end) not in boxes:
            boxes[holder, end] = etree.Element("div", {"class": "section-notes"})
            holder.insert(list(holder).index(end) if end is not None else len(holder), boxes[holder, end])
        boxes[holder, end].append(sidenote)


def _section_end(
    root: etree.Element, block: etree.Element, parents: Parents
) -> tuple[etree.Element, etree.Element | None]:
    """Where the section holding `block` ends: the end of its comment, or before the next
    top-level heading after it (None: the page's end)."""
    top = block
    while parents.get(top) is not None and parents[top] is not root and not is_comment(top):
        top = parents[top]
    if is_comment(top):
        return top, None
    children = list(root)
    start = children.index(top) + 1 if top in children else len(children)
    after = (child for child in children[start:] if child.tag in TOP_SECTION_HEADINGS or is_comment(child))
    return root, next(after, None)


def _wrong_context(note: Note, page: Folded, alone: list[tuple[int, int]]) -> Problem:
    """The problem of a quote that is on the page, but not between its prefix and suffix."""
    fields = {"prefix": replace(note, suffix=""), "suffix": replace(note, prefix="")}
    given = [name for name in fields if getattr(note, name).strip()]
    wrong = [name for name in given if not _find(fields[name], page)] or given
    names = " and ".join(f"'{name}'" for name in wrong)
    verb = "does" if len(wrong) == 1 else "do"
    if len(alone) > 1:
        message = (
            f"the quote is on {note.page} {len(alone)} times, but its {names} {verb} not match the words "
            "around any of them."
        )
        fix = "copy the words just before ('prefix') or after ('suffix') the place you mean from the page."
    else:
        message = (
            f"the quote is on {note.page} once, but its {names} {verb} not match the words around it there: "
            f"“{_context(note, page.original, *alone[0])}”."
        )
        fix = "copy 'prefix' and 'suffix' from the words around the quote, or leave them out: the quote is unique."
    return Problem(note.path, message, fix, note.lines.get("quote"))


def _context(note: Note, text: str, start: int, end: int) -> str:
    """The quote on the page in [brackets], with as many words either side as the prefix and suffix have."""
    before = text[:start].split()
    before = before[max(len(before) - len(note.prefix.split()), 0) :]
    after = text[end:].split()[: len(note.suffix.split())]
    return " ".join([*before, f"[{_words(text[start:end])}]", *after])


def _words(text: str) -> str:
    return " ".join(text.split())


def _near_miss(note: Note, page: Folded, markdown: str | None) -> Problem:
    """The problem of a quote that matches nothing, with the page's closest passage if one is close."""
    span = _closest_passage(page, fold_text(note.quote.strip(), page.level).text)
    if span is None:
        return Problem(
            note.path,
            f"the quote matches nothing on {note.page}. No passage there is close to it either.",
            "copy the quote from the page; check that 'page' names the page it is on.",
            note.lines.get("quote"),
        )
    passage = _words(page.original[span[0] : span[1]])
    line = markdown_line(markdown, passage) if markdown is not None else None
    where = f" (line {line})" if line else ""
    return Problem(
        note.path,
        f"the quote matches nothing on {note.page}. Did you mean: “{passage}”{where}?",
        "copy the words from that passage; check 'prefix' and 'suffix' too.",
        note.lines.get("quote"),
    )


def _closest_passage(page: Folded, quote: str) -> tuple[int, int] | None:
    """The offsets in the page's original text of the passage most like the folded `quote`, if one
    is close: the stretch as long as the quote around their longest common part, its ends moved to
    the nearby word boundaries that make it most like the quote."""
    text = page.text
    i, j, size = SequenceMatcher(None, text, quote, autojunk=False).find_longest_match()
    if not size:
        return None
    low, high = max(i - j, 0), min(i - j + len(quote), len(text))
    spans = [(start, end) for start in _word_starts(text, low) for end in _word_ends(text, high) if start < end]
    likeness = {span: SequenceMatcher(None, text[span[0] : span[1]], quote, autojunk=False).ratio() for span in spans}
    best = max(spans, key=likeness.__getitem__)
    return page.span(*best) if likeness[best] >= CLOSE else None


def _word_starts(text: str, at: int) -> tuple[int, int]:
    """Where the word at `at` (the one before, at a space) starts, and where the next one does."""
    here, after = text.rfind(" ", 0, at) + 1, text.find(" ", at)
    return here, after + 1 if after >= 0 else here


def _word_ends(text: str, at: int) -> tuple[int, int]:
    """Where the word at `at` (the one before, at a space) ends, and where the one before it does."""
    after, before = text.find(" ", at), text.rfind(" ", 0, at)
    here = after if after >= 0 else len(text)
    return here, before if before > 0 else here


def markdown_line(markdown: str, passage: str) -> int | None:
    """The 1-based line of `markdown` (a page's file) where `passage` of the page begins, or where
    its longest part is: Markdown puts `**`, `[..](..)`, `> ` and the like around words. None if
    no part of it at least PART characters long (or all of it, if shorter) is in the page's body."""
    head = FRONT_MATTER.match(markdown)
    offset = head.end() if head else 0
    body, wanted = fold_text(markdown[offset:]), fold_text(passage).text.strip()
    at = body.text.find(wanted)
    if at < 0:
        at, _, size = SequenceMatcher(None, body.text, wanted, autojunk=False).find_longest_match()
        if size < min(len(wanted), PART):
            return None
    return markdown.count("\n", 0, offset + body.origin[at]) + 1
