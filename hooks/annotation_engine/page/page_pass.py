"""The engine's one pass over each converted page: its comments read, its terms linked, its notes
placed, in that order, on the same tree, by the rules walk.py states once; then a discussion's
parts that belong in its tree are put in (discussion_parts.py).

It runs after inline Markdown and `attr_list` (priority 8) and before the table of contents and
MkDocs' anchor collection (5), so the ids it adds are known to MkDocs' link validation. Comments
are read first, from the words as written (without term links or notes); notes are placed last,
so a quote may run across term links.

What the pass needs to know of the page it converts is one `PageState`, which the engine puts in
the build's one `Converting` before the page is converted and takes out after: a Python-Markdown
extension is made once and is handed no page, so the pass reads it from there.
"""

from __future__ import annotations

import xml.etree.ElementTree as etree
from collections.abc import Callable

from markdown import Markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

from .anchor import Anchoring, NoteAnchors
from .comments import CommentReader, MarkerBlocks, ReadComments
from .discussion_parts import DiscussionParts
from .link import Linking, TermLinker
from .state import Converting, PageState


class _Pass(Treeprocessor):
    def __init__(
        self, md: Markdown, converting: Converting, steps: list[Callable[[etree.Element, PageState], None]]
    ) -> None:
        super().__init__(md)
        self.converting, self.steps = converting, steps

    def run(self, root: etree.Element) -> None:
        page = self.converting.page
        if page is None:
            return
        for step in self.steps:
            step(root, page)


class AnnotationExtension(Extension):
    """`markdown.Markdown(extensions=[AnnotationExtension(converting, linking=…)])`: the steps given,
    in one pass over the page `converting` holds."""

    def __init__(
        self,
        converting: Converting,
        *,
        read_comments: ReadComments | None = None,
        linking: Linking | None = None,
        anchoring: Anchoring | None = None,
    ) -> None:
        super().__init__()
        self.converting = converting
        self.read_comments, self.linking, self.anchoring = read_comments, linking, anchoring

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 (Python-Markdown's name)
        steps: list[Callable[[etree.Element, PageState], None]] = []
        if self.read_comments is not None:
            md.parser.blockprocessors.register(MarkerBlocks(md.parser), "annotations-markers", MarkerBlocks.PRIORITY)
            steps.append(CommentReader(md, self.read_comments).run)
        if self.linking is not None:
            steps.append(TermLinker(md, self.linking).run)
        if self.anchoring is not None:
            steps.append(NoteAnchors(md, self.anchoring).run)
        steps.append(DiscussionParts(self.linking).run)
        md.treeprocessors.register(_Pass(md, self.converting, steps), "annotations", 6)
