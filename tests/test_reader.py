"""A calm page the reader controls: the Terms setting, the terms list, the folded About box,
quiet marks and the print edition."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from conftest import POSTMORTEM, Built, box, goto, serious_violations, settle, shot, use_palette
from test_popovers import OPEN_DELAY, POPOVERS, hover, tab_to

pytestmark = pytest.mark.browser  # Chromium, driven by Playwright

IN_TEXT = "article .term[id^='mention-']"  # the thread's own uses of terms (a later use is a span)


def links_shown(page: Page) -> int:
    """Terms in the text that are links and look it: an href and an underline."""
    return page.evaluate(
        """s => [...document.querySelectorAll(s)].filter(a => a.hasAttribute('href')
            && getComputedStyle(a).textDecorationLine.includes('underline')).length""",
        IN_TEXT,
    )


def built_links(page: Page) -> int:
    return page.evaluate("s => document.querySelectorAll(s + '[href]').length", IN_TEXT)


def choose(page: Page, setting: str) -> None:
    page.get_by_role("group", name="Terms").get_by_role("radio", name=setting).click()


@pytest.fixture(params=["thread", "phone"])
def reader(request: pytest.FixtureRequest) -> Page:
    """The thread at 1400 px, then on a 390 px touch screen."""
    return request.getfixturevalue(request.param)


def test_first_use_is_the_default_and_every_use_links_every_use(reader: Page):
    total = reader.locator(IN_TEXT).count()
    first = built_links(reader)
    assert 0 < first < total
    expect(reader.get_by_role("radio", name="first use")).to_be_checked()
    assert links_shown(reader) == first
    choose(reader, "every use")
    assert links_shown(reader) == total
    assert reader.evaluate("document.documentElement.dataset.terms") == "every"
    choose(reader, "first use")
    assert links_shown(reader) == first


def test_every_use_opens_the_popover_of_a_later_use(thread: Page):
    later = thread.locator("#" + thread.locator(f"{IN_TEXT}:not([href])").first.get_attribute("id"))
    choose(thread, "every use")
    hover(thread, later)
    expect(thread.locator(POPOVERS)).to_have_count(1)
    name = thread.locator(POPOVERS).locator(".glossary-popover__name")
    expect(name).to_have_text(re.compile(".+"))


def test_changing_the_setting_closes_open_popovers(thread: Page):
    hover(thread, thread.locator("#mention-elk-1"))
    expect(thread.locator(POPOVERS)).to_have_count(1)
    choose(thread, "off")
    expect(thread.locator(POPOVERS)).to_have_count(0)


def test_a_mentioned_in_link_to_a_later_use_shows_where_it_lands(page: Page, site_url: str):
    later = "mention-interp-2"  # a later use in its comment: plain text, not a link
    goto(page, f"{site_url}{POSTMORTEM}/#{later}")
    target = page.locator(f"#{later}")
    expect(target).to_have_js_property("tagName", "SPAN")
    expect(target).to_be_in_viewport()
    assert target.evaluate("el => getComputedStyle(el).outlineStyle") == "solid"


def test_off_makes_terms_plain_text_that_opens_nothing(reader: Page):
    choose(reader, "off")
    assert links_shown(reader) == 0
    text_links = reader.locator("article.md-content__inner").get_by_role("link").and_(reader.locator(IN_TEXT))
    expect(text_links).to_have_count(0)
    term = reader.locator("#mention-elk-1")
    url = reader.url
    if reader.viewport_size["width"] < 500:
        term.scroll_into_view_if_needed()
        term.tap()
    else:
        hover(reader, term)
        settle(reader, 700)
        term.click()
    expect(reader.locator(POPOVERS)).to_have_count(0)
    assert reader.url == url
    shot(reader, f"terms-off-{reader.viewport_size['width']}.png")


def test_the_setting_survives_a_reload_and_instant_navigation(reader: Page, site_url: str):
    choose(reader, "off")
    reader.reload(wait_until="load")
    expect(reader.get_by_role("radio", name="off")).to_be_checked()
    assert links_shown(reader) == 0
    reader.evaluate("window.notReloaded = true")
    entry = reader.locator(".terms-on-page li a.term").first
    reader.locator(".terms-on-page details").evaluate("details => { details.open = true; }")
    entry.click()  # off: even a tap follows the link at once
    expect(reader).to_have_url(re.compile(r"/glossary/[a-z]/#"))
    reader.go_back()
    expect(reader.locator("article h1")).to_contain_text("Which alignment agendas")
    assert reader.evaluate("window.notReloaded === true"), "Material's instant navigation did not run"
    expect(reader.get_by_role("radio", name="off")).to_be_checked()
    assert links_shown(reader) == 0


def test_the_setting_works_by_keyboard(thread: Page):
    tab_to(thread, "input[name=terms-setting]")
    expect(thread.get_by_role("radio", name="first use")).to_be_focused()
    thread.keyboard.press("ArrowRight")
    expect(thread.get_by_role("radio", name="every use")).to_be_checked()
    assert links_shown(thread) == thread.locator(IN_TEXT).count()
    thread.keyboard.press("ArrowRight")
    expect(thread.get_by_role("radio", name="off")).to_be_checked()
    assert links_shown(thread) == 0


FIRST_TERM = "article.comment >> nth=0 >> a.term[href]"  # the first term link of the first comment
TABS_TO_THE_FIRST_TERM = 8


def discussions(built: Built) -> list[str]:
    """Every discussion page of a built site, as its path: the tests must not assume one."""
    pages = [page.parent for page in sorted((built.site / "discussions").glob("*/index.html"))]
    paths = [
        page.relative_to(built.site).as_posix()
        for page in pages
        if '<article class="comment"' in page.joinpath("index.html").read_text()
    ]
    assert paths
    return paths


def tabs_from_skip_to_content(page: Page) -> int:
    """Presses of Tab, after following "Skip to content" (the page's first Tab stop), until focus
    is on the first term link of the first comment."""
    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="Skip to content")).to_be_focused()
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile("#"))
    expect(page.locator(":target")).to_have_count(1)  # landed: Tab goes on from the heading skipped to
    first = page.locator(FIRST_TERM).first
    for presses in range(1, 61):
        page.keyboard.press("Tab")
        if first.evaluate("term => term === document.activeElement"):
            return presses
    pytest.fail("Tab never reached the first comment's first term")


def test_a_few_tabs_lead_from_skip_to_content_to_the_first_term(page: Page, site_url: str, real_site: Built):
    for path in discussions(real_site):
        goto(page, f"{site_url}{path}/")
        expect(page.locator(".terms-on-page details")).to_have_attribute("open", "")  # the longest way
        assert tabs_from_skip_to_content(page) <= TABS_TO_THE_FIRST_TERM, path


def test_the_terms_list_is_one_tab_stop_its_links_reached_by_arrow_keys(page: Page, site_url: str, real_site: Built):
    path = discussions(real_site)[0]
    goto(page, f"{site_url}{path}/")
    links = page.locator(".terms-on-page li > a.term")
    count = links.count()
    assert count > 2
    tab_to(page, ".terms-on-page li > a.term")
    expect(links.first).to_be_focused()
    page.keyboard.press("ArrowRight")
    expect(links.nth(1)).to_be_focused()
    page.keyboard.press("ArrowDown")
    expect(links.nth(2)).to_be_focused()
    page.keyboard.press("ArrowLeft")
    expect(links.nth(1)).to_be_focused()
    page.keyboard.press("End")
    expect(links.last).to_be_focused()
    page.keyboard.press("ArrowRight")  # the last stays the last
    expect(links.last).to_be_focused()
    page.keyboard.press("Home")
    expect(links.first).to_be_focused()
    page.keyboard.press("ArrowRight")
    page.keyboard.press("Tab")  # out of the list, on into the thread
    assert page.evaluate("!document.activeElement.closest('.terms-on-page')")
    page.keyboard.press("Shift+Tab")  # back: to the link last reached
    expect(links.nth(1)).to_be_focused()
    assert [links.nth(n).get_attribute("tabindex") for n in range(count)].count("0") == 1
    settle(page, OPEN_DELAY)
    expect(page.locator(POPOVERS)).to_have_count(1)  # its popover opens, as on any term
    assert serious_violations(page) == []
    href = links.nth(1).get_attribute("href")
    page.keyboard.press("Escape")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(re.escape(href.split("/", 2)[-1]) + "$"))


def test_without_script_no_setting_is_shown_and_first_uses_are_links(browser, site_url: str):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url + POSTMORTEM + "/")
    expect(page.locator(".terms-setting")).to_be_hidden()
    assert links_shown(page) == built_links(page) > 0
    context.close()


def test_terms_list_is_collapsed_on_a_phone_and_its_items_open_popovers(phone: Page):
    terms = phone.locator(".terms-on-page")
    expect(terms.locator("details")).not_to_have_attribute("open", "")
    expect(terms.get_by_role("radio", name="first use")).to_be_visible()
    terms.locator("summary").tap()
    item = terms.locator("li a.term").first
    expect(item).to_be_visible()
    expect(item).to_have_attribute("href", re.compile(r"glossary/[a-z]/#"))
    item.tap()
    expect(phone.locator(POPOVERS)).to_have_count(1)


def test_terms_list_is_open_and_compact_on_a_wide_screen(thread: Page):
    terms = thread.locator(".terms-on-page")
    expect(terms.locator("details")).to_have_attribute("open", "")
    items = terms.locator("li")
    assert box(items.nth(0))["y"] == box(items.nth(1))["y"], "items sit side by side"
    assert box(terms)["height"] < 300
    notes = thread.locator("article .sidenote")
    assert box(terms)["y"] + box(terms)["height"] < min(box(notes.nth(i))["y"] for i in range(notes.count()))
    hover(thread, items.first.locator("a.term"))
    expect(thread.locator(POPOVERS)).to_have_count(1)
    shot(thread, "terms-on-page-desktop.png")


def test_about_box_shows_one_line_and_folds_the_rest_on_a_phone(phone: Page):
    about = phone.locator("article details.info")
    summary = about.locator("summary")
    expect(summary).to_contain_text("About: six LessWrong comments, quoted unchanged")
    assert box(summary)["height"] < 60, "the summary is one line"
    expect(about.get_by_text("What we reconstructed.")).to_be_hidden()
    expect(phone.locator("#comment-1")).to_be_in_viewport()
    summary.tap()
    expect(about.get_by_text("What we reconstructed.")).to_be_visible()


@pytest.mark.parametrize("scheme", ["default", "slate"])
def test_quote_marks_are_quiet(thread: Page, scheme: str):
    use_palette(thread, scheme)
    alpha = thread.locator("mark.note-anchor").first.evaluate(
        "el => { const c = getComputedStyle(el).backgroundColor.match(/[\\d.]+/g); return c.length > 3 ? +c[3] : 1; }"
    )
    assert 0 < alpha <= 0.2


def test_a_clipped_note_ends_on_a_whole_faded_line(thread: Page):
    body = thread.locator("article .sidenote .sidenote__body").first
    body.scroll_into_view_if_needed()
    cut = body.evaluate("""el => {
        const bottom = el.getBoundingClientRect().bottom, range = document.createRange();
        range.selectNodeContents(el);
        return [...range.getClientRects()].filter(r => r.top < bottom - 1 && r.bottom > bottom + 1).length;
    }""")
    assert cut == 0, "a line is cut in half"
    assert body.evaluate("el => getComputedStyle(el).maskImage") != "none"
    thread.locator("article .sidenote").first.get_by_role("button", name="Show the whole note").click()
    assert body.evaluate("el => getComputedStyle(el).maskImage") == "none"


def test_the_back_link_says_where_it_goes_where_there_is_somewhere_to_go(thread: Page, phone: Page):
    phone.locator(".note-ref a").first.tap()
    expect(phone.locator(".sidenote__back").first).to_be_visible()
    expect(phone.locator(".sidenote__back").first).to_have_text("↩ Back to the text")
    expect(thread.locator(".sidenote").first).to_be_visible()  # beside its text on a wide screen
    expect(thread.locator(".sidenote__back").first).to_be_hidden()


def test_print_puts_notes_after_their_comment_and_terms_in_an_appendix(thread: Page):
    hover(thread, thread.locator("#mention-elk-1"))
    expect(thread.locator(POPOVERS)).to_have_count(1)
    thread.emulate_media(media="print")
    for hidden in (POPOVERS, ".terms-setting", ".terms-on-page", ".md-header", ".md-sidebar--primary", ".md-search"):
        expect(thread.locator(hidden).first).to_be_hidden()
    notes = thread.locator("article .sidenote")
    assert notes.count() >= 8
    for index in range(notes.count()):
        note = notes.nth(index)
        expect(note).to_be_visible()
        expect(note.locator(".sidenote__number")).to_be_visible()
        assert note.evaluate("el => el.scrollHeight <= el.clientHeight + 1"), "a note is clipped"
        # an endnote: after all of its comment's text, before the next comment
        assert note.evaluate("""note => {
            const notes = note.closest('.section-notes'), next = notes.nextElementSibling;
            return note.getBoundingClientRect().top >= notes.previousElementSibling.getBoundingClientRect().bottom - 1
                && (!next || next.matches('h2, section.terms-used'));
        }"""), note.get_attribute("id")
    appendix = thread.locator("section.terms-used")
    expect(appendix.get_by_role("heading", name="Terms used on this page")).to_be_visible()
    expect(appendix.locator(".glossary-popover__definition").first).to_be_visible()
    expect(appendix.locator(".glossary-popover__source").first).to_be_visible()
    expect(appendix.locator(".glossary-popover__more").first).to_be_hidden()
    nested = appendix.locator("[data-nested]")
    if nested.count():
        expect(nested.first).to_be_hidden()
    assert len(thread.pdf(format="A4")) > 10_000


PRINTED_PAGES = 10  # A4, the thread and its appendix of terms


def pages(pdf: bytes) -> int:
    """A PDF's pages, counted as its page objects (`/Type /Page`; the page tree is `/Pages`)."""
    return len(re.findall(rb"/Type\s*/Page[^s]", pdf))


def test_the_thread_prints_compactly_from_page_one(page: Page, site_url: str, real_site: Built):
    """Chromium's A4 PDF of each discussion: at most 10 pages, and the first comment on page 1. A
    link in the PDF is an annotation on its page holding its address, so page 1 holds the first
    comment's text when it holds its first term's link (which print shows as plain text)."""
    for path in discussions(real_site):
        goto(page, f"{site_url}{path}/")
        assert pages(page.pdf(format="A4")) <= PRINTED_PAGES, path
        first = page.locator(FIRST_TERM).first.evaluate("term => term.href")
        assert first.encode() in page.pdf(format="A4", page_ranges="1"), path
        assert first.encode() not in page.pdf(format="A4", page_ranges="2"), "the page-1 check tells pages apart"


def test_print_leaves_out_permalinks_and_reading_instructions_but_no_word_of_the_thread(thread: Page):
    thread.emulate_media(media="print")
    for hidden in (".comment__permalink", ".comment__self", "article > details"):
        for n in range(thread.locator(hidden).count()):
            expect(thread.locator(hidden).nth(n)).to_be_hidden()
    expect(thread.get_by_text("How to read it")).to_be_hidden()
    assert "permalink" not in thread.locator("article.md-content__inner").inner_text()
    basis = thread.locator(".discussion-basis")  # where the words come from, and on what basis
    expect(basis).to_be_visible()
    assert "quoted for commentary; copyright stays with the authors" in basis.inner_text()
    assert basis.evaluate("p => getComputedStyle(p.querySelector('a'), '::after').content").startswith('" (https://')
    words = thread.locator("article.comment :is(p, li, blockquote):not(.comment-meta, .sidenote *)")
    assert words.count() > 20
    for n in range(words.count()):  # nothing lost: every sentence of the discussion is printed
        expect(words.nth(n)).to_be_visible()


def test_print_leaves_out_the_appendix_where_it_is_not_wanted(page: Page, site_url: str):
    goto(page, site_url + "glossary/e/")
    page.emulate_media(media="print")
    expect(page.locator("section.terms-used[data-print=no]")).to_have_count(1)
    expect(page.locator("section.terms-used")).to_be_hidden()


@pytest.mark.parametrize("scheme", ["default", "slate"])
def test_no_serious_accessibility_violations_with_a_popover_and_the_terms_list_open(thread: Page, scheme: str):
    use_palette(thread, scheme)
    choose(thread, "every use")
    hover(thread, thread.locator(IN_TEXT).nth(3))
    expect(thread.locator(POPOVERS)).to_have_count(1)
    assert serious_violations(thread) == []
