"""The note schema: commentary anchored to an exact quote on one page.

The anchor follows the W3C Web Annotation TextQuoteSelector: `quote` is the exact text, and the
optional `prefix` and `suffix` are the text right before and after it, for when the quote alone
occurs more than once. Whitespace runs count as one space.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .fields import Checker, Source, check_links, parse_sources
from .load import LineDict
from .problems import Problem
from .schemas import NOTE_KEYS, NOTE_KINDS

NOTE_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


@dataclass(frozen=True)
class Note:
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


def _exact_text(check: Checker, doc: LineDict, key: str, required: bool) -> str:
    """Like Checker.text, but unstripped: a prefix may end with a space."""
    return doc[key] if check.text(doc, key, required) else ""


def parse_note(note_id: str, path: str, doc: LineDict) -> tuple[Note | None, list[Problem]]:
    """Validate one note file's mapping. Returns the note, or None and what is wrong."""
    check = Checker(path)
    if not NOTE_ID.match(note_id):
        check.add(f"the file name '{note_id}' cannot be a note id.",
                  "rename the file to lower-case letters, digits and hyphens, e.g. 'ten-x-more-time.yml'.", None)
    check.unknown_keys(doc, NOTE_KEYS, "a note")
    page, title, body = (check.text(doc, key, True) for key in ("page", "title", "body"))
    quote = _exact_text(check, doc, "quote", True)
    prefix, suffix = _exact_text(check, doc, "prefix", False), _exact_text(check, doc, "suffix", False)
    kind = check.text(doc, "kind", True)
    if kind and kind not in NOTE_KINDS:
        check.add(f"'kind' is '{kind}', which is not a kind of note.", f"use one of {', '.join(NOTE_KINDS)}.",
                  doc.line_of("kind"))
    if page and not page.endswith(".md"):
        check.add(f"'page' is '{page}', which is not a Markdown page.",
                  "give the page's path inside docs/, e.g. 'discussions/alignment-postmortem-comments.md'.",
                  doc.line_of("page"))
    check_links(check, doc, "body", body)
    sources = parse_sources(check, doc, required=False)
    if check.problems:
        return None, check.problems
    return Note(note_id, path, page, quote, kind, title, body, prefix, suffix, sources, dict(doc.lines)), []
