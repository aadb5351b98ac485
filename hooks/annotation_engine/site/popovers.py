"""Popover content for glossary terms, rendered once per build and written beside each page.

Each page has one section holding the popovers of the terms it uses, in order of first use, plus
those reachable from them (`data-nested`: a term inside a popover opens a child popover). The same
section is the printed page's "Terms used on this page": one copy of each definition serves the
screen and the paper. It is added after the search plugin has read the page, so popovers stay
out of search.

The section is a file of its own, beside the page (so its relative links mean the same), and the
page holds an empty `placeholder` that the script fills once the page has loaded and been painted:
on a phone's network the popovers were half the page's bytes and delayed its first paint; loaded
right after, they are there before a reader points at anything, and offline afterwards. Without
the script, each term is a plain link to its entry.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Iterable, Mapping

from ..model import Term
from ..parts import TERMS_PART, part
from ..page.render import source_link, term_link

STORE_ID = "glossary-popovers"


# The reader's Terms setting (reader.js keeps the choice), written here so that the first paint has
# it in place: CSS shows it only where the head's script has run (html[data-terms]).
def placeholder(store_url: str) -> str:
    """The page's empty section, which the script replaces with the one at `store_url`."""
    return f'<section id="{STORE_ID}" class="terms-used" hidden data-src="{html.escape(store_url)}"></section>'


class Popovers:
    """The popover of every term, rendered on first use and kept for the rest of the build."""

    def __init__(
        self,
        terms: Mapping[str, Term],
        definitions: Mapping[str, tuple[str, set[str]]],
        href: Callable[[str], str],
        uses: Mapping[tuple[str, str], tuple[str, set[str]]],
        previews: Mapping[tuple[str, str], tuple[str, set[str]]],
    ) -> None:
        self.terms = terms
        self.definitions = definitions  # term id → (definition HTML, ids of the terms it links)
        self.href = href
        self.uses = uses  # (term id, discussion) → how that discussion uses the term: HTML, terms it links
        self.previews = previews  # the same, its first sentences, where the whole is longer: what popovers show
        # before and after where a discussion's use goes (after it: the whole, or its first sentences)
        self._html: dict[str, tuple[str, str, str]] = {}
        self._refs: dict[str, set[str]] = {}
        self._links: dict[str, str] = {}  # term id → its link, made once: every page's terms list has it

    def _term_link(self, term_id: str) -> str:
        if term_id not in self._links:
            self._links[term_id] = term_link(self.terms[term_id], self.href(term_id))
        return self._links[term_id]

    def _render(self, term: Term) -> None:
        definition, linked = self.definitions[term.id]
        see_also = [t for t in term.see_also if t in self.terms]
        head = (
            f'<p class="glossary-popover__name">{html.escape(term.name)}</p>'
            f'<div class="glossary-popover__definition">{definition}</div>'
        )
        parts = [f'<p class="glossary-popover__source">Source: {source_link(term.sources[0], authors=False)}</p>']
        if see_also:
            parts.append(
                '<p class="glossary-popover__see-also">See also: '
                + ", ".join(self._term_link(t) for t in see_also)
                + "</p>"
            )
        more = f'<p class="glossary-popover__more"><a href="{self.href(term.id)}">'
        self._html[term.id] = (
            head,
            "".join(parts) + more + "Full entry: sources and every mention</a></p>",
            "".join(parts) + more + "Full entry, with the rest of this</a></p>",
        )
        self._refs[term.id] = linked | set(see_also)

    def _closure(self, term_ids: Iterable[str], page: str) -> list[str]:
        """The terms, and every term their popovers on `page` link to, and so on."""
        seen: set[str] = set()
        todo = [t for t in term_ids if t in self.terms]
        while todo:
            term_id = todo.pop()
            if term_id in seen:
                continue
            seen.add(term_id)
            if term_id not in self._html:
                self._render(self.terms[term_id])
            use = self._use(term_id, page)
            todo.extend((self._refs[term_id] | (use[1] if use else set())) - seen)
        return sorted(seen)

    def _use(self, term_id: str, page: str) -> tuple[str, set[str]] | None:
        """How `page` uses the term, as its popover shows it: the first sentences, or the whole."""
        return self.previews.get((term_id, page)) or self.uses.get((term_id, page))

    def _body(self, term_id: str, page: str) -> str:
        """A popover as `page` shows it: after the definition, how that discussion uses the term."""
        head, tail, tail_after_preview = self._html[term_id]
        use = self._use(term_id, page)
        if use is None:
            return head + tail
        label = '<p class="glossary-popover__use-label">In this discussion</p>'
        if (term_id, page) in self.previews:  # the rest is on the entry, and its link says so
            tail = tail_after_preview
        return f'{head}<div class="glossary-popover__use">{label}{use[0]}</div>{tail}'

    def store(
        self, used: Iterable[str], page: str, printable: bool, parts: str = "", each: Callable[[str], str] = str
    ) -> str:
        """The section with the popovers `page` can open: those of `used`, in that order, then of
        every term they lead to. `printable`: print shows it as the page's "Terms used on this page".
        `parts`: the page's elements that wait in its popovers file (`part`: the terms list's
        items, each note's words after its opening and its sources line). `each` is applied to every popover's body."""
        first = [t for t in dict.fromkeys(used) if t in self.terms]
        if not first and not parts:
            return ""
        nested = sorted(set(self._closure(first, page)) - set(first))
        bodies = [f'<div data-popover="{t}">{each(self._body(t, page))}</div>' for t in first]
        bodies += [f'<div data-popover="{t}" data-nested>{each(self._body(t, page))}</div>' for t in nested]
        screen_only = "" if printable and first else ' data-print="no"'
        return (
            f'<section id="{STORE_ID}" class="terms-used" hidden{screen_only}>'
            '<h2 class="terms-used__title">Terms used on this page</h2>' + "".join(bodies) + parts + "</section>"
        )

    def terms_list(self, uses: Mapping[str, int]) -> str:
        """The items of a discussion's "Terms on this page", for its popovers file: each term in
        order of first use, how often it is used, and a link to its entry (which opens its
        popover). The page holds the list empty (discussion_parts.py); the script puts them in."""
        items = [
            f'<li>{self._term_link(term_id)} <span class="terms-on-page__count">'
            f"{count} {'use' if count == 1 else 'uses'}</span></li>"
            for term_id, count in uses.items()
            if term_id in self.terms
        ]
        return part("ol", TERMS_PART, "".join(items)) if items else ""
