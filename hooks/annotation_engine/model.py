"""The data every stage passes on: annotations as validated, problems, and term occurrences.

Pipeline: load (YAML) → validate (terms, notes) → match (every form of every term) → link (mark
occurrences while each page is parsed) → collect (every page's occurrences) → render (glossary,
mention lists, popovers, once every page is known).
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input file, and what to do about it."""

    path: str
    message: str
    fix: str
    line: int | None = None

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.message} Fix: {self.fix}"


class RefusedInputError(ValueError):
    """Input that cannot be used, refused where it is read: what is wrong, and what to do. Whoever
    catches it names the file (the importer's one line; the build's `Problem`)."""

    def __init__(self, message: str, fix: str) -> None:
        super().__init__(message)
        self.message, self.fix = message, fix


Report = Callable[[Problem], None]
"""The one channel for problems: every stage hands each problem it finds to a `Report`."""


@dataclass(frozen=True)
class Source:
    title: str
    url: str
    authors: str = ""
    year: int | None = None


@dataclass(frozen=True)
class Term:
    """A glossary entry. `id` is the file name without `.yml`."""

    id: str
    name: str
    definition: str
    sources: tuple[Source, ...]
    path: str
    aliases: tuple[str, ...] = ()
    details: str = ""
    see_also: tuple[str, ...] = ()
    case_sensitive: bool | None = None
    plurals: bool = True
    every_use: bool = False  # linked at every use, not only the first in each section
    used_in: dict[str, str] = field(default_factory=dict, compare=False)
    """A discussion's source path → Markdown: how that discussion uses the term."""
    only_in: tuple[str, ...] = ()
    """Discussions (source paths) where the term is linked; empty: everywhere."""
    renamed_from: tuple[str, ...] = ()
    """Former ids, whose addresses still lead to the entry."""
    lines: dict[str, int] = field(default_factory=dict, compare=False, repr=False)

    @property
    def forms(self) -> tuple[str, ...]:
        """Every surface form the contributor wrote: the name first, then the aliases."""
        return (self.name, *self.aliases)

    def linked_on(self, src_uri: str) -> bool:
        return not self.only_in or src_uri in self.only_in


@dataclass(frozen=True)
class Note:
    """Commentary anchored to an exact quote on one page (a W3C TextQuoteSelector)."""

    id: str
    path: str
    page: str
    quote: str
    kind: str
    title: str
    body: str
    prefix: str = ""
    suffix: str = ""
    sources: tuple[Source, ...] = ()
    lines: dict[str, int] = field(default_factory=dict, compare=False, repr=False)


@dataclass(frozen=True)
class Match:
    """text[start:end] is an occurrence of the term `term_id`."""

    start: int
    end: int
    term_id: str


def mention_id(term_id: str, number: int) -> str:
    """The id of a term's `number`th use on a page, which "Mentioned in" links to."""
    return f"mention-{term_id}-{number}"


@dataclass(frozen=True, slots=True)  # a large site has tens of thousands: each keeps only offsets
class Occurrence:
    """One linked use of a term on a page: where it is, and the paragraph around it.

    `context` is the plain text of the paragraph (one string shared by its occurrences), and the
    use is context[start:end]; `before` and `after` are about SNIPPET_CHARS characters either side,
    cut at a space and marked with an ellipsis where the paragraph goes on. Its id on the page is
    made from its number when asked for: 300 pages of a thread kept 1.8 MB of ids.
    """

    term_id: str
    page: str
    number: int
    section: str
    context: str
    start: int
    end: int

    @property
    def anchor(self) -> str:
        return mention_id(self.term_id, self.number)

    @property
    def text(self) -> str:
        return self.context[self.start : self.end]

    @property
    def before(self) -> str:
        before = self.context[max(0, self.start - SNIPPET_CHARS) : self.start]
        if self.start > SNIPPET_CHARS:
            space = _FIRST_SPACE.search(before)
            before = "…" + (before[space.end() :] if space else before)
        return _squash(before).lstrip()

    @property
    def after(self) -> str:
        after = self.context[self.end : self.end + SNIPPET_CHARS]
        if self.end + SNIPPET_CHARS < len(self.context):
            through_last_space = _THROUGH_LAST_SPACE.match(after)
            after = (after[: through_last_space.end() - 1] if through_last_space else after) + "…"
        return _squash(after).rstrip()


SNIPPET_CHARS = 70
# Compiled once: a build makes two snippets for each of tens of thousands of occurrences.
_FIRST_SPACE = re.compile(r"\s")
_THROUGH_LAST_SPACE = re.compile(r".*\s", re.DOTALL)  # greedy: ends just after the last space
_SPACES = re.compile(r"\s+")


def _squash(text: str) -> str:
    """Every run of whitespace one space. Most snippets have none but single spaces, and every
    whitespace character other than the space is non-printable: no regex pass for those."""
    return text if "  " not in text and text.isprintable() else _SPACES.sub(" ", text)


@dataclass(frozen=True)
class Discussion:
    """A discussion page as its front matter and first heading describe it."""

    src_uri: str
    path: str  # as shown in problems: the file inside the docs folder
    title: str
    description: str = ""  # empty: the home page shows the page's first paragraph
    date: datetime.date | None = None
    link_terms: str = "first-use-per-section"
    source_url: str = ""
    source: str = ""  # the file it quotes, from the project's folder (sources/…), if it quotes one
    basis: str = ""  # on what basis it quotes it
    body_line: int = 1  # the file's line where the Markdown after the front matter starts
    lines: dict[str, int] = field(default_factory=dict, compare=False, repr=False)
