"""Shared helpers: write small sites into tmp_path and build them with the project's hook."""

from __future__ import annotations

import contextlib
import functools
import html
import http.server
import itertools
import logging
import os
import re
import shutil
import textwrap
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import Any, ClassVar

import pytest
import yaml
from axe_playwright_python.sync_playwright import Axe
from bs4 import BeautifulSoup, Tag
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort
from playwright.sync_api import Browser, BrowserContext, Locator, Page, Playwright, expect, sync_playwright

from annotation_engine.site.glossary import letter_of

ROOT = Path(__file__).resolve().parents[1]
HOOK = ROOT / "hooks" / "annotate.py"
POSTMORTEM_SOURCE = ROOT / "sources" / "alignment-postmortem-comments.txt"
POSTMORTEM = "discussions/alignment-postmortem-comments"
REPO = "https://github.com/example/annotated-discussions"  # the real site is built as if published from here

TIERS = ("unit", "build", "browser")

# The tests' own builds are not the contributor's: under GitHub Actions, their problems must not
# become notes on the pull request's diff (tests that check those notes set the variable themselves).
os.environ.pop("GITHUB_ACTIONS", None)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Each test module says its tier (`pytestmark = pytest.mark.unit`, `build` or `browser`):
    `make test-fast` runs the unit tier. A test with none, or two, fails to collect. Tests marked
    `long` run first, so that the workers of a parallel run (make test) end at about the same time."""
    for item in items:
        tiers = [tier for tier in TIERS if item.get_closest_marker(tier)]
        if len(tiers) != 1:
            markers = ", ".join(TIERS)
            raise pytest.UsageError(f"{item.nodeid}: give its module one of the markers {markers}, not {tiers}.")
    items.sort(key=lambda item: item.get_closest_marker("long") is None)


@dataclass
class Built:
    site: Path
    ok: bool
    log: str

    def html(self, path: str) -> str:
        """The page as a reader's browser holds it once its script has run: with its popovers,
        which the build writes to a file beside it (popovers.py)."""
        page = (self.site / path / "index.html").read_text(encoding="utf-8")
        found = re.search(r'<section id="glossary-popovers" [^>]*data-src="([^"]+)"[^>]*></section>', page)
        if found is None:
            return page
        store = (self.site / path / html.unescape(found.group(1))).read_text(encoding="utf-8")
        parts = {key: (start, end) for start, end, key in _parts(store)}
        kept, at = [], 0  # the store without its parts
        for start, end in parts.values():
            kept += [store[at:start]]
            at = end
        kept += [store[at:]]
        pieces = [(found.start(), found.end(), "".join(kept))]
        pieces += [(start, end, store[slice(*parts[key])]) for start, end, key in _parts(page) if key in parts]
        merged, at = [], 0  # each part in place of its twin, the rest of the store in place of its section
        for start, end, text in sorted(pieces):
            merged += [page[at:start], text]
            at = end
        return "".join([*merged, page[at:]])


class _Parts(HTMLParser):
    """Where each element with a `data-part` starts and ends in a page or its popovers file, by
    offsets: a part may hold elements with its own tag (a note's later paragraphs)."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=False)
        self.lines = [0, *itertools.accumulate(len(line) + 1 for line in text.split("\n"))]  # as getpos counts
        self.open: list[tuple[str, str | None, int]] = []  # tag, part key, where it starts
        self.found: list[tuple[int, int, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.open.append((tag, dict(attrs).get("data-part"), self.where()))

    def handle_endtag(self, tag: str) -> None:
        while self.open:
            opened, key, start = self.open.pop()
            if opened == tag:
                if key is not None:
                    self.found.append((start, self.where() + len(f"</{tag}>"), key))
                return

    def where(self) -> int:
        line, column = self.getpos()
        return self.lines[line - 1] + column


def _parts(text: str) -> list[tuple[int, int, str]]:
    """(start, end, key) of each element with a `data-part` that no other holds, in order."""
    parser = _Parts(text)
    parser.feed(text)
    parser.close()
    outermost: list[tuple[int, int, str]] = []
    for found in sorted(parser.found):
        if not outermost or found[0] >= outermost[-1][1]:
            outermost.append(found)
    return outermost


def write_site(root: Path, docs: dict[str, str], terms: dict[str, str], extra: str = "") -> Path:
    """A minimal Material site using the project's hook; returns the mkdocs.yml path."""
    for path, text in docs.items():
        (root / "docs" / path).parent.mkdir(parents=True, exist_ok=True)
        (root / "docs" / path).write_text(textwrap.dedent(text), encoding="utf-8")
    (root / "annotations" / "terms").mkdir(parents=True, exist_ok=True)
    for name, text in terms.items():
        (root / "annotations" / "terms" / name).write_text(text, encoding="utf-8")
    config = root / "mkdocs.yml"
    config.write_text(
        textwrap.dedent(f"""\
        site_name: Test site
        theme: {{name: material, font: false, custom_dir: {ROOT / "overrides"}}}
        hooks: [{HOOK}]
        markdown_extensions: [attr_list, md_in_html, admonition]
        validation: {{anchors: warn, unrecognized_links: warn}}
        """)
        + extra,
        encoding="utf-8",
    )
    return config


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.INFO)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def build_site(config: Path, site: Path, strict: bool = True, **options: object) -> Built:
    """Build in this process, as `mkdocs build [--strict]` does; keep the warnings it logs."""
    collect = _Collect()
    logger = logging.getLogger("mkdocs")
    level = logger.level
    logger.addHandler(collect)
    logger.setLevel(logging.INFO)
    try:
        build(load_config(str(config), site_dir=str(site), strict=strict, **options))
        ok = True
    except Abort as error:  # --strict's "Aborted with N warnings in strict mode!", or a build stopped
        ok = False
        collect.messages.append(str(error))
    finally:
        logger.removeHandler(collect)
        logger.setLevel(level)
    return Built(site, ok, "\n".join(collect.messages))


def soup(html: str) -> BeautifulSoup:
    return BeautifulSoup(html, "html.parser")


def entry_page(term_id: str, annotations: Path = ROOT / "annotations") -> str:
    """The glossary page that holds a term's entry: 'glossary/e' for ELK."""
    name = yaml.safe_load((annotations / "terms" / f"{term_id}.yml").read_text(encoding="utf-8-sig"))["term"]
    return f"glossary/{letter_of(str(name))}"


def entry_url(term_id: str, annotations: Path = ROOT / "annotations") -> str:
    """A term's one address, from the site root: 'glossary/e/#elk'."""
    return f"{entry_page(term_id, annotations)}/#{term_id}"


def entry(built: Built, term_id: str, annotations: Path = ROOT / "annotations") -> Tag:
    """A term's entry: its heading and what follows it up to the next term's, in one element."""
    page = soup(built.html(entry_page(term_id, annotations)))
    heading = page.select_one(f"article h2#{term_id}")
    assert heading is not None, f"no entry for {term_id}"
    section = page.new_tag("section")
    parts = [heading, *heading.find_next_siblings()]
    end = next((i for i, tag in enumerate(parts[1:], 1) if tag.name == "h2"), len(parts))
    for tag in parts[:end]:
        section.append(tag.extract())
    return section


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def end_headers(self) -> None:
        # Nothing kept between tests: browser contexts are shared (see `Tabs`), and each test's
        # page must ask for what a first visit asks for.
        self.send_header("Cache-Control", "no-store")
        super().end_headers()

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="session")
def site_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("real") / "site"


@contextlib.contextmanager
def serving(directory: Path) -> Iterator[str]:
    """A local static server for a built site, on a free port: its address."""
    directory.mkdir(parents=True, exist_ok=True)
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()


@pytest.fixture(scope="session")
def server_url(site_dir: Path) -> Iterator[str]:
    """A local server for the built site. It starts first, because the build needs its address:
    Material's instant navigation only follows links whose host and port match `site_url`."""
    with serving(site_dir) as url:
        yield url


@pytest.fixture(scope="session")
def real_site(site_dir: Path, server_url: str) -> Built:
    """The project's own site, built once with --strict, for the address it is served at."""
    built = build_site(ROOT / "mkdocs.yml", site_dir, site_url=server_url, repo_url=REPO, edit_uri="edit/main/docs/")
    assert built.ok, built.log
    return built


SECOND = "discussions/second-discussion"  # the fixture discussion `project_copy` can add
SECOND_USE_OF_ELK = "The second discussion asks whether debate helps with it."


def project_copy(root: Path, second_discussion: bool = True) -> Path:
    """The project (its mkdocs.yml, docs, annotations, sources; its hooks, tools and overrides linked)
    copied into `root`, to change before building; returns the mkdocs.yml path. With
    `second_discussion`, tests/fixtures/second-discussion.md joins docs/discussions/ (and the
    source it quotes, sources/), and ELK says how it uses the term."""
    root.mkdir(parents=True, exist_ok=True)
    for folder in ("docs", "annotations", "sources"):
        shutil.copytree(ROOT / folder, root / folder)
    for folder in ("hooks", "tools", "overrides"):
        (root / folder).symlink_to(ROOT / folder, target_is_directory=True)
    shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    if second_discussion:
        shutil.copy(ROOT / "tests" / "fixtures" / "second-discussion.md", root / "docs" / f"{SECOND}.md")
        shutil.copy(ROOT / "tests" / "fixtures" / "second-discussion.txt", root / "sources" / "second-discussion.txt")
        elk = root / "annotations" / "terms" / "elk.yml"
        elk.write_text(
            elk.read_text(encoding="utf-8").replace("used_in:\n", f"used_in:\n  {SECOND}.md: {SECOND_USE_OF_ELK}\n", 1),
            encoding="utf-8",
        )
    return root / "mkdocs.yml"


@pytest.fixture(scope="session")
def shared_site(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """The project's own site with a second discussion that shares its glossary, built with --strict."""
    root = tmp_path_factory.mktemp("shared")
    built = build_site(project_copy(root / "project"), root / "site", repo_url=REPO, edit_uri="edit/main/docs/")
    assert built.ok, built.log
    return built


@pytest.fixture(scope="session")
def site_url(real_site: Built, server_url: str) -> str:
    """The address of the built site, for browser tests."""
    return server_url


# Browser tests: the built site served on localhost, driven in Chromium by Playwright.

CHROMIUM_ARGS = [
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
    "--disable-quic",
]


def chromium_executable(playwright: Playwright) -> str:
    """$CHROMIUM_PATH, else Debian's chromium, else Playwright's own; fail (never skip) if none."""
    for candidate in (os.environ.get("CHROMIUM_PATH"), "/usr/bin/chromium", playwright.chromium.executable_path):
        if candidate and Path(candidate).is_file():
            return candidate
    pytest.fail(
        "No Chromium for the browser tests: run `make browser` (or apt-get install chromium), or set CHROMIUM_PATH."
    )


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_executable(playwright), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def new_context(browser: Browser, clock: bool = True, **options: Any) -> BrowserContext:
    """A browser context (`options`: Playwright's, a 1400 × 900 viewport unless given) with
    Playwright's clock installed: time flows as usual until a test pauses it or runs it forward
    (`settle`), so what a test waits for in time costs no real time. (`clock=False` for a test that
    reads the browser's own performance timeline, which the clock stands in for.)"""
    context = browser.new_context(**{"viewport": {"width": 1400, "height": 900}, **options})
    if clock:
        context.clock.install()
    return context


def new_page(context: BrowserContext) -> Page:
    page = context.new_page()
    page.set_default_timeout(10_000)
    return page


@contextlib.contextmanager
def opened(browser: Browser, clock: bool = True, **options: Any) -> Iterator[Page]:
    """A page in a browser context of its own (see `new_context`), closed after."""
    context = new_context(browser, clock, **options)
    try:
        yield new_page(context)
    finally:
        context.close()


class Tabs:
    """One browser context, with Playwright's clock, for many tests' pages: a test opens a page in it
    and closes it when done. A context costs Chromium about a second of CPU to make, a page in a
    live one half that (one of the site's pages is kept open so its renderer process stays), and a
    test sees what a first visit sees: the server forbids caching, and `close` clears the site's
    storage and cookies. (A test that stops the clock has a context of its own: `own_page`.)"""

    PAGES = 20  # then a new context: each run of the clock leaves a script that every new page replays
    shared: ClassVar[set[BrowserContext]] = set()

    def __init__(self, browser: Browser, site_url: str, **context: Any) -> None:
        self.browser, self.site_url, self.options = browser, site_url, context
        self.opened = 0
        self.context = self._new()

    def _new(self) -> BrowserContext:
        context = new_context(self.browser, **self.options)
        self.keeper = context.new_page()
        self.keeper.goto(self.site_url + "404.html")
        Tabs.shared.add(context)
        return context

    def open(self) -> Page:
        self.opened += 1
        if self.opened % self.PAGES == 0:
            self.end()
            self.context = self._new()
        return new_page(self.context)

    def end(self) -> None:
        Tabs.shared.discard(self.context)
        self.context.close()

    def close(self, page: Page) -> None:
        # The page clears what it stored itself: a write and a clear sent from one page reach the
        # browser's storage in order, while a clear from another page (the keeper) could overtake
        # a write still on its way, and the next test would open with a reader's choice already
        # made. The keeper then clears for pages that ended elsewhere on the site.
        if page.url.startswith(self.site_url):
            page.evaluate(CLEAR_STORAGE)
        page.close()
        self.keeper.evaluate(CLEAR_STORAGE)  # sessionStorage is each page's own
        self.context.clear_cookies()


CLEAR_STORAGE = "() => localStorage.clear()"


@pytest.fixture(scope="session")
def desktop_tabs(browser: Browser, site_url: str) -> Iterator[Tabs]:
    tabs = Tabs(browser, site_url)
    yield tabs
    tabs.end()


@pytest.fixture(scope="session")
def phone_tabs(browser: Browser, site_url: str) -> Iterator[Tabs]:
    tabs = Tabs(
        browser,
        site_url,
        viewport={"width": 390, "height": 844},
        is_mobile=True,
        has_touch=True,
        device_scale_factor=2,
    )
    yield tabs
    tabs.end()


@pytest.fixture
def own_page(browser: Browser) -> Iterator[Page]:
    """A page at 1400 × 900 in a context of its own, for a test that stops the page's time (`pause`):
    the clock belongs to the context."""
    with opened(browser) as page:
        yield page


@pytest.fixture
def page(desktop_tabs: Tabs) -> Iterator[Page]:
    """A page at 1400 × 900, in the context the desktop tests share."""
    page = desktop_tabs.open()
    yield page
    desktop_tabs.close(page)


SHOTS = ROOT / "test-results"


def goto(page: Page, url: str) -> None:
    """Open `url` as a reader does and wait until it is whole: loaded (its deferred scripts have run)
    and, where it has a popovers file, that file in place (annotations.js fetches it after load)."""
    page.goto(url, wait_until="load")
    page.wait_for_function("() => !document.querySelector('section#glossary-popovers[data-src]')")


def pause(page: Page) -> None:
    """Stop the page's time: from here its timers run only when the test lets time pass (`settle`),
    so what it asserts about a delay does not depend on how fast the machine is. For a page of its
    own context (`own_page`, `own_thread`): the clock is the context's."""
    assert page.context not in Tabs.shared, "pause a page of its own context (own_page, own_thread), not a shared one"
    page.clock.pause_at(round(page.evaluate("Date.now()")) + 1000)


def settle(page: Page, ms: int) -> None:
    """Let `ms` of the page's time pass at once: its timers (intent and close delays, the quiet
    after a scroll, fades) run as if that long had gone by."""
    page.clock.run_for(ms)


def box(locator: Locator) -> dict:
    found = locator.bounding_box()
    assert found is not None
    return found


def use_palette(page: Page, scheme: str) -> None:
    """Material's light (`default`) or dark (`slate`) palette, switched as a reader does."""
    if scheme == "slate":
        page.locator("label[title='Switch to dark mode']").click()
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", scheme)


def serious_violations(page: Page) -> list[tuple[str, str, list[object]]]:
    """axe-core's serious and critical findings on the page as it is now: rule, impact, a few targets."""
    results = Axe().run(page).response
    return [
        (v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3])
        for v in results["violations"]
        if v["impact"] in ("serious", "critical")
    ]


def shot(page: Page, name: str) -> None:
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / name))


@pytest.fixture
def thread(page: Page, site_url: str) -> Page:
    """The thread page at 1400 × 900."""
    goto(page, site_url + POSTMORTEM + "/")
    return page


@pytest.fixture
def own_thread(own_page: Page, site_url: str) -> Page:
    """The thread page at 1400 × 900, in a context of its own: its time can be stopped."""
    goto(own_page, site_url + POSTMORTEM + "/")
    return own_page


@pytest.fixture
def phone(phone_tabs: Tabs, site_url: str) -> Iterator[Page]:
    """The thread page on a 390 px wide touch screen."""
    page = phone_tabs.open()
    goto(page, site_url + POSTMORTEM + "/")
    yield page
    phone_tabs.close(page)
