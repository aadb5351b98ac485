"""Jargon candidates: words in the discussions that look like jargon but have no annotation yet.

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

import ahocorasick

from ..model import Term

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
_COVERED = "\x00"  # each character of a linked term: no pattern matches it, or across it
NODE_END = "\x1f"  # ends each text node of a page's text: no pattern matches across it
_IN_WORD = frozenset("_’'-")  # with letters and digits, what `_HYPHENATED` can match


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


def _hyphenated(text: str) -> Iterable[re.Match[str]]:
    """`_HYPHENATED.finditer(text)`, looking only at the words around each hyphen: the pattern
    tried at every character cost a thread's page 0.2 ms."""
    at = text.find("-")
    while at >= 0:
        start, end = at, at + 1
        while start > 0 and (text[start - 1] in _IN_WORD or text[start - 1].isalnum()):
            start -= 1
        while end < len(text) and (text[end] in _IN_WORD or text[end].isalnum()):
            end += 1
        yield from _HYPHENATED.finditer(text, start, end)
        at = text.find("-", end)


class _Words:
    """The glossary's words (see `alias_words`) where `_WORD.finditer` finds them: one
    Aho-Corasick pass over the text, then `_WORD` read again only around each glossary word."""

    def __init__(self, words: set[str]) -> None:
        self.automaton = ahocorasick.Automaton()
        for word in words:
            self.automaton.add_word(word, len(word))
        self.empty = not words  # an automaton with no words cannot be built
        if not self.empty:
            self.automaton.make_automaton()

    def find(self, text: str) -> Iterable[tuple[str, int]]:
        for last, length in () if self.empty else self.automaton.iter(text):
            start, end = last + 1 - length, last + 1
            run = start  # `_WORD` reads a word from the start of its run of letters and apostrophes
            while run > 0 and (text[run - 1] in "’'" or "a" <= text[run - 1] <= "z"):
                run -= 1
            match = next((m for m in _WORD.finditer(text, run) if m.end() > start), None)
            if match and match.span() == (start, end):
                yield match.group(), start


def _found(text: str, words: _Words) -> Iterable[tuple[str, str, int]]:
    for kind, matches in [
        ("acronym", _ACRONYM.finditer(text)),
        ("capitalised", _MID_SENTENCE_CAPITAL.finditer(text)),
        ("hyphenated", _hyphenated(text)),
    ]:
        for match in matches:
            yield match.group(), kind, match.start()
    for word, start in words.find(text):
        yield word, "word from the glossary's names", start


class JargonCounter:
    """Candidates in the text no term covers, counted page by page as pages are parsed. Only the
    counts and each candidate's first context are kept; the first is the one on the page whose
    path sorts first, so the report does not depend on the order pages are parsed in."""

    def __init__(self, terms: Iterable[Term]) -> None:
        self.words = _Words(alias_words(terms))
        self.counts: Counter[tuple[str, str]] = Counter()
        self.first: dict[tuple[str, str], tuple[str, str]] = {}

    def add(self, page: str, text: str, covered: Iterable[tuple[int, int]] = ()) -> None:
        """`text` is on `page`, its text nodes each ended by NODE_END; the stretches `covered`
        (start, end, in order) are linked to terms: they hold no candidates but stay in the
        contexts. A page is best read in one call: a call per text node cost a thread's page half a
        millisecond in regex calls."""
        masked, kept = [], 0
        for start, end in covered:
            masked += [text[kept:start], _COVERED * (end - start)]
            kept = end
        masked.append(text[kept:])
        for found, kind, at in _found("".join(masked), self.words):
            key = (found, kind)
            self.counts[key] += 1
            if key not in self.first or page < self.first[key][0]:
                self.first[key] = (page, _context(text, at, at + len(found)))

    def candidates(self) -> list[Candidate]:
        """Most frequent first."""
        ranked = sorted(self.counts.items(), key=lambda item: (-item[1], item[0]))
        return [Candidate(text, kind, count, *self.first[(text, kind)]) for (text, kind), count in ranked]


def _context(text: str, start: int, end: int) -> str:
    """Up to CONTEXT characters either side of text[start:end], within its text node."""
    node_start = text.rfind(NODE_END, 0, start) + 1
    node_end = text.find(NODE_END, end)
    if node_end < 0:  # text not from the linker: one node
        node_end = len(text)
    context = text[max(node_start, start - CONTEXT) : min(node_end, end + CONTEXT)]
    return " ".join(context.split())


def candidates_summary(candidates: list[Candidate], limit: int = 12) -> str:
    """One line for the build log."""
    if not candidates:
        return "jargon candidates: every candidate term in the discussions has an annotation."
    shown = ", ".join(f"{c.text} (×{c.count})" for c in candidates[:limit])
    more = f" and {len(candidates) - limit} more" if len(candidates) > limit else ""
    return (
        f"jargon candidates: {len(candidates)} candidate terms in the discussions have no annotation: "
        f"{shown}{more}. Run `make candidates` to see where."
    )


def candidates_list(candidates: list[Candidate]) -> str:
    lines = [f"{len(candidates)} candidate terms without an annotation (most frequent first):"]
    lines += [f"  {c.text}  [{c.kind}, ×{c.count}]  {c.page}: “…{c.context}…”" for c in candidates]
    return "\n".join(lines)
