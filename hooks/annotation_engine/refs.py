"""Links to the site's own pages: written as `site:` references, resolved once per page, late.

The engine knows pages only by their source path (`glossary/e.md`); the site generator alone knows
the URL each page gets and how to reach it from another page. So every link the engine writes to
a page of the site is a reference such as `site:glossary/e.md#elk`. Python-Markdown and MkDocs
leave a link with a scheme alone and the sanitiser keeps it (the scheme is allowed), and
`resolve` turns every reference on a page into a relative URL with the generator's URL function.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from urllib.parse import quote, unquote

SCHEME = "site"
_OPEN = f'href="{SCHEME}:'  # the engine writes a reference only as a link's whole address


def ref(src_uri: str, fragment: str = "") -> str:
    """A reference to the page built from `src_uri`, at `fragment` if given. The path is
    percent-encoded: a file's name may hold `#`, a quote or a space."""
    return f"{SCHEME}:{_quoted(src_uri)}" + (f"#{fragment}" if fragment else "")


@cache  # a site has a few hundred pages, and a letter page links each of its discussions per mention
def _quoted(src_uri: str) -> str:
    return quote(src_uri)


class Resolver:
    """What turns every reference in pieces of one page's HTML into URLs: `url(src_uri)` gives a
    page's URL from this page, asked once per page it links to however many pieces there are."""

    def __init__(self, url: Callable[[str], str]) -> None:
        self._url = url
        self._urls: dict[str, str] = {}

    def url(self, target: str) -> str:
        """The URL of `target`, a reference's path as `ref` wrote it (percent-encoded)."""
        if target not in self._urls:
            self._urls[target] = self._url(unquote(target))
        return self._urls[target]

    def __call__(self, html: str) -> str:
        pieces = html.split(_OPEN)
        if len(pieces) == 1:  # most pieces hold no reference
            return html
        resolved = [pieces[0]]
        for piece in pieces[1:]:
            target, _, rest = piece.partition('"')
            path, hash_mark, fragment = target.partition("#")
            resolved += ['href="', self.url(path), hash_mark, fragment, '"', rest]
        return "".join(resolved)


class SharedPieces:
    """Pieces of HTML that many pages hold (a term's popover), each resolved once for every way a
    page reaches the pages it links to: two pages that get the same URLs for its targets get the
    same text. A popover is on every page that uses its term, and its links were half the
    references a thread's page resolved."""

    def __init__(self) -> None:
        self._targets: dict[str, tuple[str, ...]] = {}
        self._resolved: dict[tuple[str, ...], str] = {}

    def resolve(self, piece: str, page: Resolver) -> str:
        targets = self._targets.get(piece)
        if targets is None:
            targets = self._targets[piece] = tuple(dict.fromkeys(_targets(piece)))
        key = (piece, *map(page.url, targets))
        if key not in self._resolved:
            self._resolved[key] = page(piece)
        return self._resolved[key]


def _targets(html: str) -> list[str]:
    """The page paths `html`'s references point to, as `ref` wrote them."""
    return [piece.partition('"')[0].partition("#")[0] for piece in html.split(_OPEN)[1:]]


def resolve_ref(reference: str, url: Callable[[str], str]) -> str:
    """One reference (as `ref` makes them) as a URL, outside any HTML: in data the engine publishes."""
    path, _, fragment = reference.removeprefix(f"{SCHEME}:").partition("#")
    return url(unquote(path)) + (f"#{fragment}" if fragment else "")


def resolve(html: str, url: Callable[[str], str]) -> str:
    """Every reference in `html` as a URL: `url(src_uri)` gives the page's URL from this page."""
    return Resolver(url)(html)
