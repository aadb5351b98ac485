"""Term links leave a discussion's HTML before search reads it, and return as the page is written.

A thread links each term at its first use in each comment and keeps an id on every use: some
sixty tags on a page of ten thousand characters. Material's search parser pays for each tag
(a copy of the thread: 0.9 ms without them, 1.9 ms with them), and MkDocs keeps every page's HTML
until the build ends. So `lift` takes the tags the linker wrote out of the HTML, keeping their
words, and remembers where they were in four integers each; `restore` puts them back, from the
page's occurrences, when the page is written. Search and memory hold the words alone; the reader
gets the links. A tag with more than words inside (a note's highlight within a term) stays.
"""

from __future__ import annotations

from array import array
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from ..page.link import term_tag
from ..model import Occurrence


@dataclass(frozen=True)
class Lifted:
    """A page's HTML without its term tags, and what `restore` needs to put them back."""

    html: str
    occurrences: Sequence[Occurrence]  # the page's, in the order the linker recorded them
    places: array[int]  # per tag: where its words start in `html`, their length, its occurrence, 1 if a link


def lift(html: str, occurrences: Sequence[Occurrence], href: Callable[[str], str]) -> Lifted:
    """`html` without the tags of `occurrences` (the page's), and where each one was. `href` is
    the linker's: a term id → the reference of its entry.

    Each tag is found by its id, unique on the page, and lifted only if it is exactly what
    `term_tag` wrote for its occurrence with nothing but words inside: no pattern guesses at
    attributes, and whatever else a tag has become stays in the HTML as it is."""
    pieces: list[str] = []
    places = array("i")
    kept = length = 0  # where the HTML not yet in `pieces` starts; the length of `pieces`
    for number, occurrence in enumerate(occurrences):
        found = _tag(html, occurrence, href, kept)
        if found is None:
            continue
        start, words, end, linked = found
        pieces += [html[kept:start], words]
        length += start - kept
        places.extend((length, len(words), number, linked))
        length += len(words)
        kept = end
    if not places:
        return Lifted(html, (), places)
    pieces.append(html[kept:])
    return Lifted("".join(pieces), occurrences, places)


_Found = tuple[int, str, int, bool]  # where a tag starts, its words, where it ends, whether it is a link


def _tag(html: str, occurrence: Occurrence, href: Callable[[str], str], after: int) -> _Found | None:
    """The occurrence's tag, the first after `after` that is exactly as the linker wrote it; an
    element written by hand with the same id is passed over."""
    marker = f' id="{occurrence.anchor}">'
    at = html.find(marker, after)
    while at >= 0:
        start = html.rfind("<", after, at)
        linked = html.startswith("<a ", start)
        opening, closing = _opening(occurrence, linked, href), "</a>" if linked else "</span>"
        words_end = html.find("<", start + len(opening))
        if start >= 0 and html.startswith(opening, start) and html.startswith(closing, words_end):
            return start, html[start + len(opening) : words_end], words_end + len(closing), linked
        at = html.find(marker, at + len(marker))
    return None


def _opening(occurrence: Occurrence, linked: bool, href: Callable[[str], str]) -> str:
    return term_tag(occurrence.term_id, href(occurrence.term_id) if linked else None, occurrence.anchor)


def restore(lifted: Lifted, href: Callable[[str], str]) -> str:
    """The page's HTML with its term tags back where they were."""
    html, places = lifted.html, lifted.places
    pieces: list[str] = []
    kept = 0
    for at in range(0, len(places), 4):
        start, length, number, linked = places[at : at + 4]
        end = start + length
        pieces += [html[kept:start], _opening(lifted.occurrences[number], bool(linked), href), html[start:end]]
        pieces.append("</a>" if linked else "</span>")
        kept = end
    pieces.append(html[kept:])
    return "".join(pieces)
