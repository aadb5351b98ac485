"""Find term occurrences in text: one Aho-Corasick automaton for all surface forms.

The automaton is built once per build; scanning a text costs time linear in its length plus the
matches found, whatever the number of terms.
"""

from __future__ import annotations

import unicodedata
from collections import defaultdict
from collections.abc import Iterable

import ahocorasick

from ..folding import fold, squeezed
from ..forms import Form, form_key, forms_of, same_case
from ..model import Match, Term


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
        folded, positions = squeezed(fold(text))
        for last, (length, forms) in self._automaton.iter(folded):
            start, end = last + 1 - length, last + 1
            if positions:
                start, end = positions[start], positions[end - 1] + 1
            if not self._bounded(text, start, end):
                continue
            for form in forms:
                if form.term_id in excluded:
                    continue
                if not form.case_sensitive or same_case(form.text, text[start:end]):
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
