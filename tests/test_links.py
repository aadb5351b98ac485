"""Every internal link and anchor in the built site resolves, the engine's own ids included."""

from functools import cache
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest

from conftest import soup

pytestmark = pytest.mark.build  # whole-site builds


def _ids(page: Path) -> frozenset[str]:
    return frozenset(tag["id"] for tag in soup(page.read_text(encoding="utf-8")).select("[id]"))


def test_no_broken_internal_link_or_anchor(real_site):
    site, origin = real_site.site, "http://site.test/"
    ids = cache(_ids)
    broken = []
    for page in sorted(site.rglob("*.html")):
        url = urljoin(origin, page.relative_to(site).as_posix())
        loads = "a[href], link[href], script[src], img[src], section[data-src]"  # the last: a page's popovers
        for tag in soup(page.read_text(encoding="utf-8")).select(loads):
            target = urljoin(url, tag.get("href") or tag.get("src") or tag["data-src"])
            parts = urlsplit(target)
            if not target.startswith(origin) or parts.path.startswith("/search/"):
                continue
            path = site / unquote(parts.path.removeprefix("/"))
            path = path / "index.html" if path.is_dir() or parts.path.endswith("/") else path
            if not path.is_file():
                broken.append((page.relative_to(site).as_posix(), target, "no such page"))
            elif parts.fragment and path.suffix == ".html" and unquote(parts.fragment) not in ids(path):
                broken.append((page.relative_to(site).as_posix(), target, "no such anchor"))
    assert broken == []
