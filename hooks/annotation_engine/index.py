"""Find term occurrences in text: one Aho-Corasick automaton for all surface forms.

The automaton is built once per build; scanning a text costs time linear in its length plus the
matches found, whatever the number of terms.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

import ahocorasick

from .terms import Term

_APOSTROPHES = str.maketrans({"\u2019": "'", "\u02bc": "'"})


@dataclass(frozen=True)
class Form:
    """One way a term can be written, and whether its letter case must match exactly."""

    text: str
    term_id: str
    case_sensitive: bool


@dataclass(frozen=True)
class Match:
    start: int
    end: int
    term_id: str


def fold(text: str) -> str:
    """Lower-case and straighten apostrophes without changing any character's position."""
    lowered = text.lower()
    if len(lowered) != len(text):  # a few letters (e.g. 'İ') lower-case to two characters
        lowered = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
    return lowered.translate(_APOSTROPHES)


def _plural(form: str) -> str:
    return form + ("es" if form.endswith(("s", "x", "z", "ch", "sh")) else "s")


def is_acronym(form: str) -> bool:
    return sum(c.isupper() for c in form) >= 2


def forms_of(term: Term) -> list[Form]:
    """Name, aliases and (unless switched off) their plurals, with each one's case rule."""
    forms = []
    for written in term.forms:
        exact = term.case_sensitive if term.case_sensitive is not None else is_acronym(written)
        variants = [written, _plural(written)] if term.plurals else [written]
        forms.extend(Form(v, term.id, exact) for v in variants)
    return forms


def _is_word_char(char: str) -> bool:
    return char.isalnum() or char == "_"


class Matcher:
    """Leftmost-longest, word-bounded matching of every form of every term."""

    def __init__(self, terms: Iterable[Term]) -> None:
        groups: dict[str, list[Form]] = defaultdict(list)
        for term in terms:
            for form in forms_of(term):
                groups[fold(form.text)].append(form)
        self._automaton = ahocorasick.Automaton()
        for key, forms in groups.items():
            self._automaton.add_word(key, (len(key), tuple(forms)))
        self._empty = not groups
        if not self._empty:
            self._automaton.make_automaton()

    def _bounded(self, text: str, start: int, end: int) -> bool:
        before_ok = start == 0 or not (_is_word_char(text[start]) and _is_word_char(text[start - 1]))
        after_ok = end == len(text) or not (_is_word_char(text[end - 1]) and _is_word_char(text[end]))
        return before_ok and after_ok

    def _candidates(self, text: str) -> Iterable[Match]:
        for last, (length, forms) in self._automaton.iter(fold(text)):
            start, end = last + 1 - length, last + 1
            if not self._bounded(text, start, end):
                continue
            written = text[start:end]
            for form in forms:
                if not form.case_sensitive or form.text.translate(_APOSTROPHES) == written.translate(_APOSTROPHES):
                    yield Match(start, end, form.term_id)
                    break

    def find(self, text: str) -> list[Match]:
        """Non-overlapping matches, preferring the earliest start, then the longest form."""
        if self._empty:
            return []
        chosen: list[Match] = []
        position = 0
        for match in sorted(self._candidates(text), key=lambda m: (m.start, -m.end)):
            if match.start >= position:
                chosen.append(match)
                position = match.end
        return chosen
