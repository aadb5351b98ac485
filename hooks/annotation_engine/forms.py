"""The ways a term can be written (its forms: name, aliases, plurals, each with its case rule), and
text folded as forms are matched: the key two forms share when they would match the same words.
The matcher (page/match.py) finds the forms in pages; the catalog (read/catalog.py) refuses two
terms whose forms would match the same words."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .model import Term

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


def squeezed(folded: str) -> tuple[str, list[int] | None]:
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
    return squeezed(fold(text))[0].strip()


def same_case(form: str, written: str) -> bool:
    """Exact comparison, but apostrophes and spacing do not count as case."""

    def plain(text: str) -> str:
        return " ".join(_replaced(text, _APOSTROPHES).split())

    return plain(form) == plain(written)
