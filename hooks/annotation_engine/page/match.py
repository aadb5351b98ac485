"""Find term occurrences in text: one Aho-Corasick automaton for all surface forms.

The automaton is built once per build; scanning a text costs time linear in its length plus the
matches found, whatever the number of terms.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

import ahocorasick

from ..model import Match, Term

# Same-length replacements, so positions in the folded text are positions in the original. Applied
# by `_replaced`, not `str.translate`: on text that is not ASCII (any with a curly quote), translate
# looks up every character in a dict, and folding a thread's page took half its matching time.
_APOSTROPHES = (("\u2019", "'"), ("\u02bc", "'"))
_SPACES_ONLY = tuple((c, " ") for c in "\t\n\r\f\v\u00a0\u2009\u202f")
_FOLD = _APOSTROPHES + _SPACES_ONLY
_SPACES = re.compile(r" {2,}")


@dataclass(frozen=True, slots=True)  # two or more per term, kept in the automaton
class Form:
    """One way a term can be written, and whether its letter case must match exactly."""

    text: str
    term_id: str
    case_sensitive: bool


def fold(text: str) -> str:
    """Lower-case, straighten apostrophes, make every space a plain space; positions unchanged."""
    lowered = text.lower()
    if len(lowered) != len(text):  # a few letters (e.g. 'İ') lower-case to two characters
        lowered = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
    return _replaced(lowered, _FOLD)


def _replaced(text: str, pairs: tuple[tuple[str, str], ...]) -> str:
    for old, new in pairs:
        if old in text:
            text = text.replace(old, new)
    return text


def _squeezed(folded: str) -> tuple[str, list[int] | None]:
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


def _plurals(form: str) -> list[str]:
    if form[-1:] == "s" and form[-2:-1].isupper():  # already an acronym's plural: NNs
        return []
    if form.endswith(("s", "x", "z", "ch", "sh")):
        return [form + "es"]
    if form.endswith("y") and form[-2:-1].isalpha() and form[-2:-1] not in "aeiou":
        return [form[:-1] + "ies"]
    return [form + "s"]


def is_acronym(form: str) -> bool:
    return sum(c.isupper() for c in form) >= 2


def forms_of(term: Term) -> list[Form]:
    """Name, aliases and (unless switched off) their plurals, with each one's case rule."""
    forms: list[Form] = []
    for written in term.forms:
        exact = term.case_sensitive if term.case_sensitive is not None else is_acronym(written)
        variants = [written, *_plurals(written)] if term.plurals else [written]
        forms.extend(Form(v, term.id, exact) for v in variants)
    return forms


def form_key(text: str) -> str:
    """The key two forms share when they would match the same words."""
    return _squeezed(fold(text))[0].strip()


def _is_word_char(char: str) -> bool:
    if char.isascii():  # nearly every character beside a match: a space or punctuation
        return char.isalnum() or char == "_"
    return char.isalnum() or unicodedata.category(char).startswith("M")


class Matcher:
    """Leftmost-longest, word-bounded matching of every form of every term."""

    def __init__(self, terms: Iterable[Term]) -> None:
        groups: dict[str, list[Form]] = defaultdict(list)
        for term in terms:
            for form in forms_of(term):
                groups[form_key(form.text)].append(form)
        self._automaton = ahocorasick.Automaton()
        for key, forms in groups.items():
            self._automaton.add_word(key, (len(key), tuple(forms)))
        self._empty = not groups
        if not self._empty:
            self._automaton.make_automaton()

    @staticmethod
    def _bounded(text: str, start: int, end: int) -> bool:
        before_ok = start == 0 or not (_is_word_char(text[start]) and _is_word_char(text[start - 1]))
        after_ok = end == len(text) or not (_is_word_char(text[end - 1]) and _is_word_char(text[end]))
        return before_ok and after_ok

    def _candidates(self, text: str, excluded: frozenset[str]) -> Iterable[Match]:
        folded, positions = _squeezed(fold(text))
        for last, (length, forms) in self._automaton.iter(folded):
            start, end = last + 1 - length, last + 1
            if positions:
                start, end = positions[start], positions[end - 1] + 1
            if not self._bounded(text, start, end):
                continue
            for form in forms:
                if form.term_id in excluded:
                    continue
                if not form.case_sensitive or _same_case(form.text, text[start:end]):
                    yield Match(start, end, form.term_id)
                    break

    def find(self, text: str, excluded: frozenset[str] = frozenset()) -> list[Match]:
        """Non-overlapping matches, preferring the earliest start, then the longest form; the terms
        in `excluded` are left out before choosing, so a shorter term inside one of theirs can match."""
        if self._empty:
            return []
        chosen: list[Match] = []
        position = 0
        for match in sorted(self._candidates(text, excluded), key=lambda m: (m.start, -m.end)):
            if match.start >= position:
                chosen.append(match)
                position = match.end
        return chosen


def _same_case(form: str, written: str) -> bool:
    """Exact comparison, but apostrophes and spacing do not count as case."""

    def plain(text: str) -> str:
        return " ".join(_replaced(text, _APOSTROPHES).split())

    return plain(form) == plain(written)
