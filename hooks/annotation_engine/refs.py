"""Links to the site's own pages: written as `site:` references, resolved once per page, late.

The engine knows pages only by their source path (`glossary/e.md`); the site generator alone knows
the URL each page gets and how to reach it from another page. So every link the engine writes to
a page of the site is a reference such as `site:glossary/e.md#elk`. Python-Markdown and MkDocs
leave a link with a scheme alone and the sanitiser keeps it (the scheme is allowed), and
`resolve` turns every reference on a page into a relative URL with the generator's URL function.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from urllib.parse import quote, unquote

SCHEME = "site"
# In a link, or a refresh's URL. The pattern starts with the literal `site:`, so the regex engine
# jumps from one to the next and only then looks behind; one that starts with `(href="|url=)` is
# tried at every character and makes resolving a thread's page three times slower.
_REFERENCE = re.compile(r'site:(?:(?<=href="site:)|(?<=url=site:))([^"#]*)((?:#[^"]*)?)(?=")')


def ref(src_uri: str, fragment: str = "") -> str:
    """A reference to the page built from `src_uri`, at `fragment` if given. The path is
    percent-encoded: a file's name may hold `#`, a quote or a space."""
    return f"{SCHEME}:{quote(src_uri)}" + (f"#{fragment}" if fragment else "")


def resolver(url: Callable[[str], str]) -> Callable[[str], str]:
    """What turns every reference in a piece of one page's HTML into a URL: `url(src_uri)` gives a
    page's URL from this page, asked once per page it links to however many pieces there are."""
    cache: dict[str, str] = {}

    def replace(match: re.Match[str]) -> str:
        target, fragment = match.groups()
        if target not in cache:
            cache[target] = url(unquote(target))
        return cache[target] + fragment

    return lambda html: _REFERENCE.sub(replace, html)


def resolve_ref(reference: str, url: Callable[[str], str]) -> str:
    """One reference (as `ref` makes them) as a URL, outside any HTML: in data the engine publishes."""
    path, _, fragment = reference.removeprefix(f"{SCHEME}:").partition("#")
    return url(unquote(path)) + (f"#{fragment}" if fragment else "")


def resolve(html: str, url: Callable[[str], str]) -> str:
    """Every reference in `html` as a URL: `url(src_uri)` gives the page's URL from this page."""
    return resolver(url)(html)
