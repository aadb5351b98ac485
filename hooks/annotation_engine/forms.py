"""The ways a term can be written (its forms: name, aliases, plurals, each with its case rule), and
text folded as forms are matched: the key two forms share when they would match the same words.
The matcher (page/match.py) finds the forms in pages; the catalog (read/catalog.py) refuses two
terms whose forms would match the same words."""

from __future__ import annotations

from dataclasses import dataclass

from .folding import APOSTROPHES, fold, replaced, squeezed
from .model import Term


@dataclass(frozen=True, slots=True)  # two or more per term, kept in the automaton
class Form:
    """One way a term can be written, and whether its letter case must match exactly."""

    text: str
    term_id: str
    case_sensitive: bool


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
    return squeezed(fold(text))[0].strip()


def same_case(form: str, written: str) -> bool:
    """Exact comparison, but apostrophes and spacing do not count as case."""

    def plain(text: str) -> str:
        return " ".join(replaced(text, APOSTROPHES).split())

    return plain(form) == plain(written)
