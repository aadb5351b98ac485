"""The marks the engine leaves where a part that depends on the whole site goes, and `fill`, which
puts the parts in once every page is known (the pattern of mkdocs-autorefs: mark while parsing,
resolve once at the end).

A mark is an HTML comment (`marker`), written in a page's Markdown, appended to its HTML, or put
in its tree as raw HTML.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping

_MARKER = re.compile(r"<!-- annotations:([a-z]+)(?: ([a-z0-9-]+))? -->")


def marker(kind: str, argument: str = "") -> str:
    """A placeholder in a page's Markdown that `fill` replaces with HTML."""
    return f"<!-- annotations:{kind}{' ' + argument if argument else ''} -->"


def fill(page_html: str, handlers: Mapping[str, Callable[[str], str]], each: Callable[[str], str] = str) -> str:
    """Replace every marker whose kind has a handler; leave the others for a later stage.

    `each` transforms every piece of the result as it is made (the page's own HTML between markers,
    and what replaces each one), so the page is copied once, not once per pass: a letter page holds
    megabytes of "Mentioned in" lists, and each extra copy added to the build's peak memory."""
    pieces: list[str] = []
    kept = 0  # where the page's own HTML not yet in `pieces` starts
    for match in _MARKER.finditer(page_html):
        handler = handlers.get(match.group(1))
        if handler:
            pieces += [each(page_html[kept : match.start()]), each(handler(match.group(2) or ""))]
            kept = match.end()
    pieces.append(each(page_html[kept:]))
    return "".join(pieces)
