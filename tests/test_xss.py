"""Hostile annotation files: OWASP filter-evasion vectors in every field, and nothing runs.

Each vector tries to set window.pwned. The built pages are opened in Chromium, popovers and
sidenotes opened, and the test checks that no script ran, no dialog opened, and no
javascript: or data: link, event handler, script, iframe or SVG reached the article.
"""

from __future__ import annotations

import json
import re

import pytest
from playwright.sync_api import Browser, Page, expect

from conftest import build_site, goto, opened, serving, settle, soup, write_site

pytestmark = pytest.mark.browser  # a hostile site built, then opened in Chromium

VECTORS = [
    "<script>window.pwned = 1</script>",
    '<img src=x onerror="window.pwned = 1">',
    '<svg onload="window.pwned = 1"></svg>',
    '<iframe src="javascript:window.pwned = 1"></iframe>',
    '<a href="javascript:window.pwned = 1">click</a>',
    '<a href="JaVaScRiPt:window.pwned = 1">click</a>',
    '<a href="data:text/html,&lt;script&gt;window.pwned = 1&lt;/script&gt;">data</a>',
    '<a href="&#106;avascript:window.pwned = 1">entity</a>',
    '<div style="background:url(javascript:window.pwned = 1)">style</div>',
    '<style>@import "javascript:window.pwned = 1";</style>',
    '<body onload="window.pwned = 1">',
    '"><script>window.pwned = 1</script>',
    '<math><mi xlink:href="javascript:window.pwned = 1">m</mi></math>',
    '<details open ontoggle="window.pwned = 1">d</details>',
]
HOSTILE = " ".join(VECTORS)
BREAKOUT = "</script><script>window.pwned = 1</script><!--"  # ends a script element, unless escaped
PHRASING = " ".join(
    [  # what a note body may hold (inline tags), carrying what it may not
        '<span onmouseover="window.pwned = 1">hover</span>',
        '<em onclick="window.pwned = 1">click</em>',
        '<a href="https://example.org" onclick="window.pwned = 1">link</a>',
        "`<script>window.pwned = 1</script>`",
        '<abbr title="x" onfocus="window.pwned = 1" tabindex="0">abbr</abbr>',
    ]
)


def yaml_text(value: str) -> str:
    return json.dumps(value)  # JSON strings are YAML strings


TERM = f"""\
term: hostile
aliases: [{yaml_text('evil <b onmouseover="window.pwned = 1">alias</b>')}]
definition: {yaml_text("A hostile definition. " + HOSTILE + f" `{BREAKOUT}`")}
details: {yaml_text("Hostile details. " + HOSTILE + " [x](javascript:window.pwned=1)")}
sources:
  - title: {yaml_text("Source " + HOSTILE)}
    authors: {yaml_text(HOSTILE)}
    url: https://example.org/?q=%22%3E%3Cscript%3E
see_also: [other]
"""
OTHER = "term: other\ndefinition: The other term.\nsources:\n  - title: t\n    url: https://example.org\n"
NOTE = f"""\
page: discussions/one.md
quote: a hostile term
kind: context
title: {yaml_text("Title " + HOSTILE)}
body: {yaml_text("A note body. " + PHRASING)}
sources:
  - title: {yaml_text(HOSTILE)}
    url: https://example.org/note
"""
DOCS = {
    "index.md": "# Home\n",
    "discussions/one.md": '---\ntitle: One\ndescription: "Quote \\" and <angle>"\n---\n\n# One\n\n'
    "This is a hostile term, with another one: other.\n",
}


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory, browser: Browser):
    root = tmp_path_factory.mktemp("hostile")
    write_site(root, DOCS, {"hostile.yml": TERM, "other.yml": OTHER}, extra="site_url: http://127.0.0.1/\n")
    (root / "annotations" / "notes").mkdir()
    (root / "annotations" / "notes" / "n.yml").write_text(NOTE, encoding="utf-8")
    built = build_site(root / "mkdocs.yml", root / "site", strict=False)
    assert built.ok, built.log
    return built


def check(page: Page) -> None:
    assert page.evaluate("window.pwned") is None
    found = page.evaluate("""() => {
        const article = document.querySelector('article');
        const all = [...article.querySelectorAll('*')];
        return {
          links: all.filter(e => /^\\s*(javascript|data|vbscript):/i.test(e.getAttribute('href') || '')).length,
          handlers: all.filter(e => [...e.attributes].some(a => a.name.startsWith('on'))).length,
          dangerous: all.filter(e => ['SCRIPT', 'IFRAME', 'SVG', 'svg', 'STYLE', 'MATH', 'math', 'OBJECT', 'EMBED']
                                          .includes(e.tagName)).length,
        };
    }""")
    assert found == {"links": 0, "handlers": 0, "dangerous": 0}


@pytest.mark.parametrize("path", ["discussions/one/", "glossary/h/", "glossary/"])
def test_nothing_hostile_runs_or_survives(hostile_site, browser: Browser, path: str):
    dialogs: list[str] = []
    with opened(browser) as page, serving(hostile_site.site) as address:  # as a host serves it: popovers fetched
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        goto(page, address + path)
        check(page)
        if path.startswith("discussions"):
            page.locator("a.term[data-term=hostile][id]").first.hover()
            page.locator(".glossary-popover").wait_for()
            page.locator(".note-ref a").first.click()
            expect(page).to_have_url(re.compile("#note-"))
            settle(page, 300)  # what the page does after landing on a note (annotations.js: revealTarget)
            check(page)
    assert dialogs == []


def test_hostile_text_is_shown_as_text(hostile_site):
    entry = (hostile_site.site / "glossary" / "h" / "index.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;" in entry  # the aliases line and the sources show what was written
    head = entry.split("</head>")[0]
    assert "<script>window.pwned" not in head
    thread_head = (hostile_site.site / "discussions" / "one" / "index.html").read_text().split("</head>")[0]
    assert soup(thread_head).find("meta", attrs={"name": "description"})["content"] == 'Quote " and <angle>'
    assert "<angle>" not in thread_head


def test_a_definition_cannot_end_the_json_ld_that_describes_it(hostile_site):
    head = soup((hostile_site.site / "glossary" / "h" / "index.html").read_text(encoding="utf-8")).head
    (script,) = head.select('script[type="application/ld+json"]')
    (term,) = json.loads(script.string)["hasDefinedTerm"]
    assert BREAKOUT in term["description"]  # the whole script is one JSON text: nothing ended it early
