"""Text folded before it is compared, on one table of what reads as the same character.

Two uses, two contracts. `fold` is the matcher's: the same length as the text (lower case,
apostrophes straightened, every space a plain space), so a match's offsets are the text's; it runs
on every text node of every page. `fold_text` is the quotes': a quote a contributor typed is found
on a page whatever its dashes, quotation marks, ellipses and spacing, so it also replaces runs by
one character and keeps the map back to the page's text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# What reads as the same character. `fold` makes same-length replacements, so positions in the
# folded text are positions in the original, with `replaced`, not `str.translate`: on text that is
# not ASCII (any with a curly quote), translate looks up every character in a dict, and folding a
# thread's page took half its matching time.
APOSTROPHES = tuple((c, "'") for c in "\u2019\u2018\u02bc\u2032")  # ’ ‘ ʼ ′ read as '
QUOTES = tuple((c, '"') for c in "\u201c\u201d\u201e\u2033")  # “ ” „ ″ read as "
ELLIPSIS = (("\u2026", "..."),)  # … reads as ...
DASHES = "-\u2010\u2011\u2012\u2013\u2014\u2015\u2212"  # a run of any reads as one -
_SPACES_ONLY = tuple((c, " ") for c in "\t\n\r\f\v\u00a0\u2009\u202f")
_FOLD = APOSTROPHES + _SPACES_ONLY
_SPACES = re.compile(r" {2,}")
_MARKS = dict(APOSTROPHES + QUOTES + ELLIPSIS)
# What `fold_text` replaces. A lone space is left alone (it folds to itself, and most runs are one:
# skipping them makes folding a page three times faster); a dash run ("--") takes the spaces around it.
EXACT = re.compile(r"\s{2,}|[^\S ]")
LOOSE = re.compile(rf"\s*([{DASHES}]+)\s*|\s{{2,}}|[^\S ]|[{''.join(_MARKS)}]")


def fold(text: str) -> str:
    """Lower-case, straighten apostrophes, make every space a plain space; positions unchanged."""
    lowered = text.lower()
    if len(lowered) != len(text):  # a few letters (e.g. 'İ') lower-case to two characters
        lowered = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
    return replaced(lowered, _FOLD)


def replaced(text: str, pairs: tuple[tuple[str, str], ...]) -> str:
    for old, new in pairs:
        if old in text:
            text = text.replace(old, new)
    return text


def squeezed(folded: str) -> tuple[str, list[int] | None]:
    """Runs of spaces become one (a line break inside a term still matches); `positions` maps back."""
    if "  " not in folded:
        return folded, None
    positions: list[int] = []
    parts: list[str] = []
    last = 0
    for run in _SPACES.finditer(folded):
        parts.append(folded[last : run.start() + 1])
        positions.extend(range(last, run.start() + 1))
        last = run.end()
    parts.append(folded[last:])
    positions.extend(range(last, len(folded) + 1))
    return "".join(parts), positions


@dataclass(frozen=True)
class Folded:
    """Text as quotes are matched against it, and the offset in `original` of each of its characters."""

    text: str
    origin: list[int]
    original: str
    level: re.Pattern[str]

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The offsets in `original` of the characters that text[start:end] stands for."""
        return self.origin[start], self.origin[end - 1] + 1


def fold_text(text: str, level: re.Pattern[str] = LOOSE) -> Folded:
    """Replace each run `level` finds by its plain form (a dash run "-", a mark its `_MARKS`
    value, whitespace one space), keeping the map back to `text`. Case is kept."""
    parts: list[str] = []
    origin: list[int] = []
    last = 0
    for run in level.finditer(text):
        if run.lastindex:  # a dash run: its first dash stands for the spaces around it too
            at, plain = run.start(1), "-"
        else:
            at, plain = run.start(), _MARKS.get(run.group(), " ")
        parts += (text[last : run.start()], plain)
        origin.extend(range(last, run.start()))
        origin.extend([at] * len(plain))
        last = run.end()
    parts.append(text[last:])
    origin.extend(range(last, len(text)))
    return Folded("".join(parts), origin, text, level)
