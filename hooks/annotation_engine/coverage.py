"""Coverage: words in the discussions that look like jargon but have no annotation yet.

Candidates are acronyms (two or more capitals), hyphenated coinages, capitalised words in the
middle of a sentence, and the head words of the glossary's multi-word names and aliases (so
"oversight" alone is flagged when only "scalable oversight" is a term). Text already linked to a term is
never a candidate. This is a list for a person to judge, not a check that fails.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from .model import Term

# Each pattern that can starts with a character class and looks behind after it: the regex engine
# then skips to the next capital (or letter) instead of trying the lookbehind, or `\b`, at every
# character. `[A-Z](?<!\w[A-Z])` is `\b[A-Z]`.
_ACRONYM = re.compile(r"[A-Z](?<!\w[A-Z])[A-Za-z0-9]*[A-Z][A-Za-z0-9]*\b")
_HYPHENATED = re.compile(r"\b[^\W\d_][\w’']*(?:-[^\W\d_][\w’']*)+\b")  # every part starts with a letter
_MID_SENTENCE_CAPITAL = re.compile(r"[A-Z](?:(?<=[a-z,;’”)] [A-Z])|(?<=[(“][A-Z]))[a-z]+\b")
_WORD = re.compile(r"[a-z](?<!\w[a-z])[a-z’']{3,}\b")
_STOPWORDS = frozenset(
    [
        "about",
        "also",
        "and",
        "because",
        "been",
        "from",
        "have",
        "into",
        "more",
        "most",
        "much",
        "other",
        "such",
        "than",
        "that",
        "their",
        "them",
        "then",
        "there",
        "these",
        "they",
        "this",
        "those",
        "very",
        "what",
        "when",
        "where",
        "which",
        "while",
        "with",
        "would",
        "your",
    ]
)
CONTEXT = 40


@dataclass(frozen=True)
class Candidate:
    text: str
    kind: str
    count: int
    page: str
    context: str


def alias_words(terms: Iterable[Term]) -> set[str]:
    """The last word of each multi-word name or alias ("oversight" of "scalable oversight")."""
    words = set()
    for term in terms:
        for form in term.forms:
            parts = form.lower().split()
            if len(parts) > 1 and _WORD.fullmatch(parts[-1]) and parts[-1] not in _STOPWORDS:
                words.add(parts[-1])
    return words


def _found(chunk: str, glossary_words: set[str]) -> Iterable[tuple[str, str, int]]:
    patterns = [(_ACRONYM, "acronym"), (_MID_SENTENCE_CAPITAL, "capitalised")]
    if "-" in chunk:
        patterns.append((_HYPHENATED, "hyphenated"))
    for pattern, kind in patterns:
        for match in pattern.finditer(chunk):
            yield match.group(), kind, match.start()
    if glossary_words.isdisjoint(_WORD.findall(chunk)):  # most text: no word to look at one by one
        return
    for match in _WORD.finditer(chunk):
        if match.group() in glossary_words:
            yield match.group(), "word from the glossary's names", match.start()


class Coverage:
    """Candidates in the text no term covers, counted page by page as pages are parsed. Only the
    counts and each candidate's first context are kept; the first is the one on the page whose
    path sorts first, so the report does not depend on the order pages are parsed in."""

    def __init__(self, terms: Iterable[Term]) -> None:
        self.glossary_words = alias_words(terms)
        self.counts: Counter[tuple[str, str]] = Counter()
        self.first: dict[tuple[str, str], tuple[str, str]] = {}

    def add(self, page: str, text: str, start: int, end: int) -> None:
        """text[start:end], on `page`, is linked to no term; the rest of `text` is its context."""
        for found, kind, offset in _found(text[start:end], self.glossary_words):
            key, at = (found, kind), start + offset
            self.counts[key] += 1
            if key not in self.first or page < self.first[key][0]:
                context = text[max(0, at - CONTEXT) : at + len(found) + CONTEXT]
                self.first[key] = (page, " ".join(context.split()))

    def candidates(self) -> list[Candidate]:
        """Most frequent first."""
        ranked = sorted(self.counts.items(), key=lambda item: (-item[1], item[0]))
        return [Candidate(text, kind, count, *self.first[(text, kind)]) for (text, kind), count in ranked]


def summary(candidates: list[Candidate], limit: int = 12) -> str:
    """One line for the build log."""
    if not candidates:
        return "coverage: every candidate term in the discussions has an annotation."
    shown = ", ".join(f"{c.text} (×{c.count})" for c in candidates[:limit])
    more = f" and {len(candidates) - limit} more" if len(candidates) > limit else ""
    return (
        f"coverage: {len(candidates)} candidate terms in the discussions have no annotation: "
        f"{shown}{more}. Run `make coverage` to see where."
    )


def report(candidates: list[Candidate]) -> str:
    lines = [f"{len(candidates)} candidate terms without an annotation (most frequent first):"]
    lines += [f"  {c.text}  [{c.kind}, ×{c.count}]  {c.page}: “…{c.context}…”" for c in candidates]
    return "\n".join(lines)
