"""What the pass over a page needs to know of it (`PageState`), and where it waits while the page is
converted (`Converting`): a Python-Markdown extension is made once and is handed no page."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ..model import Discussion, Note
from ..read.comments import PageComments
from ..read.schemas import LINK_SCOPES


@dataclass(frozen=True)
class PageContext:
    """What the linker needs to know about the text being rendered.

    Only recorded occurrences get ids: the "Mentioned in" lists link to them.
    """

    src_uri: str
    record: bool = True
    own_term: str | None = None  # a definition does not link to its own term
    scope: str = LINK_SCOPES[0]  # how often a term is linked
    excluded: frozenset[str] = frozenset()  # terms not linked here (limited to other discussions)


@dataclass(frozen=True)
class PageState:
    """One page's conversion, as the pass needs to know it."""

    src_uri: str
    link: PageContext | None = None  # how its terms are linked; None: they are not
    comments: PageComments | None = None  # a discussion's comments, as scanned; None: not a discussion
    discussion: Discussion | None = None  # the discussion it is, if it is one
    notes: tuple[Note, ...] = ()  # the notes to place on it
    source: Callable[[], str | None] = lambda: None  # its Markdown file's text, for problems' line numbers


class Converting:
    """The page being converted, if any: set by `begin`, taken out by `end`."""

    def __init__(self, page: PageState | None = None) -> None:
        self.page = page

    def begin(self, page: PageState) -> None:
        self.page = page

    def end(self) -> None:
        self.page = None
