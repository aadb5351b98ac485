"""How many term links a reader sees on each page of a built site: the measure of a calm page.

Run: .venv/bin/mkdocs build -d /tmp/site && .venv/bin/python benchmarks/term_links.py /tmp/site
Counts the links in each page's own text (`a.term` with an address) and the later uses of a term
that read as plain text (`span.term`), leaving out the list of terms and the popover store.
"""

from __future__ import annotations

import sys
from pathlib import Path

from bs4 import BeautifulSoup


def counts(html: str) -> tuple[int, int]:
    article = BeautifulSoup(html, "html.parser").select_one("article")
    if article is None:
        return 0, 0
    for added in article.select(".terms-on-page, #glossary-popovers"):
        added.decompose()
    return len(article.select("a.term[href]")), len(article.select("span.term"))


def main(site: Path) -> None:
    for page in sorted(site.rglob("index.html")):
        links, plain = counts(page.read_text(encoding="utf-8"))
        if links or plain:
            print(f"{page.parent.relative_to(site).as_posix() or '/'}: {links} links, {plain} later uses as plain text")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
