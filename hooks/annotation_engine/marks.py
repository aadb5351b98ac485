"""The marks the engine leaves where a part that depends on the whole site goes, and `fill`, which
puts the parts in once every page is known (the pattern of mkdocs-autorefs: mark while parsing,
resolve once at the end).

A mark is an HTML comment (`marker`), written in a page's Markdown, appended to its HTML, or put
in its tree as raw HTML.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

_OPEN, _CLOSE = "<!-- annotations:", " -->"


def marker(kind: str, argument: str = "") -> str:
    """A placeholder in a page's Markdown that `fill` replaces with HTML."""
    return f"{_OPEN}{kind}{' ' + argument if argument else ''}{_CLOSE}"


def fill(page_html: str, handlers: Mapping[str, Callable[[str], str]], each: Callable[[str], str] = str) -> str:
    """Replace every marker whose kind has a handler; leave the others for a later stage.

    `each` transforms every piece of the result as it is made (the page's own HTML between markers,
    and what replaces each one), so the page is copied once, not once per pass: a letter page holds
    megabytes of "Mentioned in" lists, and each extra copy added to the build's peak memory."""
    pieces = page_html.split(_OPEN)
    filled: list[str] = []
    kept = [pieces[0]]  # the page's own HTML since the last marker replaced, markers left included
    for piece in pieces[1:]:
        mark, closed, rest = piece.partition(_CLOSE)
        kind, _, argument = mark.partition(" ")
        handler = handlers.get(kind) if closed and _is_mark(kind, argument) else None
        if handler is None:
            kept += [_OPEN, piece]
            continue
        filled += [each("".join(kept)), each(handler(argument))]
        kept = [rest]
    filled.append(each("".join(kept)))
    return "".join(filled)


def _is_mark(kind: str, argument: str) -> bool:
    """Whether a comment that opens like a mark is one as `marker` writes them: a kind of
    lower-case letters, and an argument (an id) of lower-case letters, digits and hyphens, if any.
    Anything else an author wrote stays as written."""
    return (
        kind.isascii()
        and kind.isalpha()
        and kind.islower()
        and all(c.isascii() and (c.islower() or c.isdigit() or c == "-") for c in argument)
    )
