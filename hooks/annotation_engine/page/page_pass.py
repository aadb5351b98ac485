"""The engine's one pass over each converted page: its comments read, its terms linked, its notes
placed, in that order, on the same tree, by the rules walk.py states once.

It runs after inline Markdown and `attr_list` (priority 8) and before the table of contents and
MkDocs' anchor collection (5), so the ids it adds are known to MkDocs' link validation. Comments
are read first, from the words as written (without term links or notes); notes are placed last,
so a quote may run across term links.
"""

from __future__ import annotations

import xml.etree.ElementTree as etree

from markdown import Markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

from .anchor import Anchoring, NoteAnchors
from .comments import CommentReader, CommentReading
from .link import Linking, TermLinker


class _Pass(Treeprocessor):
    def __init__(self, md: Markdown, steps: list[Treeprocessor]) -> None:
        super().__init__(md)
        self.steps = steps

    def run(self, root: etree.Element) -> None:
        for step in self.steps:
            step.run(root)


class AnnotationExtension(Extension):
    """`markdown.Markdown(extensions=[AnnotationExtension(linking=…)])`: the steps given, in one pass."""

    def __init__(
        self,
        *,
        reading: CommentReading | None = None,
        linking: Linking | None = None,
        anchoring: Anchoring | None = None,
    ) -> None:
        super().__init__()
        self.reading, self.linking, self.anchoring = reading, linking, anchoring

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 (Python-Markdown's name)
        steps: list[Treeprocessor] = []
        if self.reading is not None:
            steps.append(CommentReader(md, self.reading))
        if self.linking is not None:
            steps.append(TermLinker(md, self.linking))
        if self.anchoring is not None:
            steps.append(NoteAnchors(md, self.anchoring))
        md.treeprocessors.register(_Pass(md, steps), "annotations", 6)
