"""The discussions in MkDocs' navigation: the nav entry that stands for the discussions folder, and
their order once their titles are known. Plain functions over mkdocs.yml's nav and MkDocs'
`Navigation`, with unit tests (tests/test_mkdocs_site.py)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page


def with_discussions(nav: Any, order: list[str], folder: str) -> tuple[Any, list[str]]:
    """`nav` (mkdocs.yml's) with the entry that names the discussions `folder` (`- Discussions:
    discussions/`, or `- discussions/` in a list) replaced by every discussion of `order` it does
    not list already (`in_order` puts them in the site's order once their titles are known); and
    the discussions left out of a nav without that entry, which are problems: the nav would need a
    line for each new one."""
    folders = {folder, folder.rstrip("/")}
    named = set(_leaves(nav))
    discussions = [src for src in order if src not in named]
    unlisted = [] if folders & named else discussions

    def expand(item: Any) -> Any:
        if isinstance(item, list):
            return [new for child in item for new in (discussions if _is(child, folders) else [expand(child)])]
        if isinstance(item, dict):
            return {title: discussions if _is(value, folders) else expand(value) for title, value in item.items()}
        return item

    return expand(nav), unlisted


def _is(item: Any, folders: set[str]) -> bool:
    return isinstance(item, str) and item in folders


def _leaves(nav: Any) -> Iterator[str]:
    """Every path or URL the nav names."""
    if isinstance(nav, list):
        for child in nav:
            yield from _leaves(child)
    elif isinstance(nav, dict):
        for child in nav.values():
            yield from _leaves(child)
    else:
        yield str(nav)


def in_order(nav: Navigation, order: list[str]) -> None:
    """The discussions of every section of `nav` in `order`, and every page's previous and next
    page with them: the titles that decide the order are known only once every page is parsed."""
    place = {src_uri: n for n, src_uri in enumerate(order)}

    def arrange(items: list[Any]) -> None:
        ranks = [place.get(item.file.src_uri) if isinstance(item, Page) else None for item in items]
        slots = [n for n, rank in enumerate(ranks) if rank is not None]
        for slot, item in zip(
            slots, sorted((items[n] for n in slots), key=lambda p: place[p.file.src_uri]), strict=True
        ):
            items[slot] = item
        for item in items:
            if isinstance(item, Section):
                arrange(item.children)

    arrange(nav.items)
    pages: list[Page] = []

    def collect(items: list[Any]) -> None:
        for item in items:
            if isinstance(item, Page):
                pages.append(item)
            elif isinstance(item, Section):
                collect(item.children)

    collect(nav.items)
    nav.pages[:] = pages
    for before, page, after in zip([None, *pages[:-1]], pages, [*pages[1:], None], strict=True):
        page.previous_page, page.next_page = before, after
