"""Previews, as a reader uses them: a comment's link to another comment shows that comment, and a
glossary entry's "Mentioned in" link shows the sentence it points to; with the term popovers'
mechanics (intent delay, keyboard, touch, Escape, Pin, nesting), on any screen."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, Locator, Page, Route, expect

from conftest import POSTMORTEM, box, goto, pause, serious_violations, settle, shot, use_palette
from test_popovers import OPEN_DELAY, dialogs, hover, point, tab_to, tap_outside

pytestmark = pytest.mark.browser  # Chromium, driven by Playwright

ENTRY = "glossary/e/"
FIRST_WORDS_OF_1 = "If you’re thinking mainly about interp"


def comment(page: Page, n: int) -> Locator:
    return page.locator(f"article.comment[data-comment='comment-{n}']")


def reply_link(page: Page) -> Locator:
    """Comment 2's "in reply to comment 1"."""
    return comment(page, 2).locator(".comment-meta").get_by_role("link", name="comment 1", exact=True)


def preview(page: Page, name: str) -> Locator:
    return dialogs(page).and_(page.get_by_role("dialog", name=name, exact=True))


def lit(target: Locator) -> bool:
    """The comment stands out from the page: a background of its own."""
    return target.evaluate("el => getComputedStyle(el).backgroundColor") not in ("rgba(0, 0, 0, 0)", "transparent")


def elk_mention(page: Page, n: int = 0) -> Locator:
    """The n-th link of ELK's "Mentioned in" list, on its glossary page."""
    return page.locator("h2#elk ~ .term-mentions").first.locator("li > a").nth(n)


# Comment previews, on the thread


def test_hovering_a_reply_link_previews_the_comment_it_answers_then_closes(own_thread: Page):
    pause(own_thread)
    point(own_thread, reply_link(own_thread))
    settle(own_thread, 150)
    expect(dialogs(own_thread)).to_have_count(0)  # the intent delay: passing over opens nothing
    settle(own_thread, 300)
    one = preview(own_thread, "Comment 1 · commenter A")
    expect(one).to_be_visible()
    expect(dialogs(own_thread)).to_have_count(1)
    expect(one).to_contain_text(FIRST_WORDS_OF_1)
    expect(one).not_to_contain_text("permalink")  # the meta line is not the comment's words
    expect(one.locator(".sidenote, .note-ref")).to_have_count(0)
    go = one.get_by_role("link", name="Go to comment 1")
    expect(go).to_have_attribute("href", re.compile("#comment-1$"))
    expect(reply_link(own_thread)).to_have_attribute("aria-expanded", "true")
    shot(own_thread, "preview-comment-desktop.png")
    own_thread.mouse.move(5, 880)
    settle(own_thread, 100)
    expect(one).to_be_visible()  # hoverable: it waits for the pointer to come back
    settle(own_thread, 300)
    expect(dialogs(own_thread)).to_have_count(0)
    expect(reply_link(own_thread)).to_have_attribute("aria-expanded", "false")


def test_keyboard_focus_opens_escape_closes_returning_focus_and_enter_follows(thread: Page):
    comment(thread, 1).locator(".comment__permalink").focus()  # then Tab through comment 1
    tab_to(thread, "article.comment[data-comment='comment-2'] .comment-meta a.comment-ref")
    settle(thread, OPEN_DELAY)
    expect(preview(thread, "Comment 1 · commenter A")).to_be_visible()
    thread.keyboard.press("Escape")
    expect(dialogs(thread)).to_have_count(0)
    expect(reply_link(thread)).to_be_focused()
    settle(thread, 700)
    expect(dialogs(thread)).to_have_count(0)
    thread.keyboard.press("Enter")
    expect(thread).to_have_url(re.compile("#comment-1$"))
    expect(thread.locator("#comment-1")).to_be_in_viewport()


def test_tab_moves_into_the_preview_and_its_link_lands_on_the_comment_lit(thread: Page):
    comment(thread, 1).locator(".comment__permalink").focus()  # then Tab through comment 1
    tab_to(thread, "article.comment[data-comment='comment-2'] .comment-meta a.comment-ref")
    settle(thread, OPEN_DELAY)
    one = preview(thread, "Comment 1 · commenter A")
    expect(one).to_be_visible()
    tab_to(thread, ".glossary-popover__more a", limit=12)
    thread.keyboard.press("Enter")
    expect(thread).to_have_url(re.compile("#comment-1$"))
    expect(thread.locator("#comment-1:target")).to_be_attached()  # the browser has landed: :target is set
    expect(dialogs(thread)).to_have_count(0)
    expect(thread.locator("#comment-1")).to_be_in_viewport()
    assert lit(comment(thread, 1))


def test_pin_keeps_a_comment_preview_until_close(thread: Page):
    hover(thread, reply_link(thread))
    one = preview(thread, "Comment 1 · commenter A")
    one.get_by_role("button", name="Pin").click()
    thread.mouse.move(5, 880)
    settle(thread, 800)
    expect(one).to_be_visible()
    one.get_by_role("button", name="Close").click()
    expect(dialogs(thread)).to_have_count(0)


def test_following_the_preview_link_lands_on_the_comment_and_lights_it_for_a_moment(thread: Page):
    hover(thread, reply_link(thread))
    preview(thread, "Comment 1 · commenter A").get_by_role("link", name="Go to comment 1").click()
    expect(thread).to_have_url(re.compile("#comment-1$"))
    expect(thread.locator("#comment-1:target")).to_be_attached()  # the browser has landed: :target is set
    expect(dialogs(thread)).to_have_count(0)
    expect(thread.locator("#comment-1")).to_be_in_viewport()
    assert lit(comment(thread, 1))
    shot(thread, "preview-comment-landed.png")
    # The light is a CSS animation, which the page's clock does not run: bring it to its end at once.
    assert comment(thread, 1).evaluate("el => el.getAnimations().map(a => a.animationName)") == ["comment-here"]
    comment(thread, 1).evaluate("el => el.getAnimations().forEach(a => a.finish())")
    assert not lit(comment(thread, 1))
    assert not lit(comment(thread, 2))


def test_with_reduced_motion_the_landing_light_does_not_fade(page: Page, site_url: str):
    page.emulate_media(reduced_motion="reduce")
    goto(page, f"{site_url}{POSTMORTEM}/")
    hover(page, reply_link(page))
    preview(page, "Comment 1 · commenter A").get_by_role("link", name="Go to comment 1").click()
    expect(page).to_have_url(re.compile("#comment-1$"))
    expect(page.locator("#comment-1:target")).to_be_attached()  # the browser has landed: :target is set
    timing = comment(page, 1).evaluate("el => getComputedStyle(el).animationTimingFunction")
    assert timing in ("step-end", "steps(1)", "steps(1, end)"), timing
    assert lit(comment(page, 1))


def test_on_a_phone_a_tap_previews_and_a_second_tap_follows_to_the_comment(phone: Page):
    link = reply_link(phone)
    link.scroll_into_view_if_needed()
    url = phone.url
    link.tap()
    one = preview(phone, "Comment 1 · commenter A")
    expect(one).to_be_visible()
    assert phone.url == url
    placed = box(one)
    assert placed["x"] >= 0 and placed["x"] + placed["width"] <= 390
    expect(one.get_by_role("button", name="Close")).to_be_visible()
    shot(phone, "preview-comment-phone.png")
    tap_outside(phone, dialogs(phone))
    expect(dialogs(phone)).to_have_count(0)
    link.tap()
    expect(one).to_be_visible()
    link.tap()
    expect(phone).to_have_url(re.compile("#comment-1$"))
    expect(phone.locator("#comment-1:target")).to_be_attached()  # the browser has landed: :target is set
    expect(dialogs(phone)).to_have_count(0)
    expect(phone.locator("#comment-1")).to_be_in_viewport()
    assert lit(comment(phone, 1))


def test_a_quote_previews_the_comment_it_quotes_and_the_quoted_comment_links_back(thread: Page):
    quoting = comment(thread, 5).locator(".quote-source").get_by_role("link", name="comment 3", exact=True)
    hover(thread, quoting)
    three = preview(thread, "Comment 3 · commenter C")
    expect(three).to_be_visible()
    expect(three).to_contain_text(comment(thread, 3).locator(":scope > p:not(.comment-meta)").first.inner_text()[:40])
    thread.mouse.move(5, 880)
    settle(thread, 400)
    expect(dialogs(thread)).to_have_count(0)

    back = comment(thread, 3).locator(".comment-meta").get_by_role("link", name="comment 5", exact=True)
    expect(back).to_have_attribute("href", re.compile("#comment-5$"))
    hover(thread, back)
    five = preview(thread, "Comment 5 · commenter E")
    expect(five).to_be_visible()
    own_words = comment(thread, 5).locator(":scope > p:not(.comment-meta)").first.inner_text()
    expect(five).to_contain_text(own_words[:40])


def test_a_term_in_a_comment_preview_opens_its_popover_on_top(thread: Page):
    hover(thread, reply_link(thread))
    one = preview(thread, "Comment 1 · commenter A")
    expect(one).to_be_visible()
    term = one.locator("a.term[data-term=interp]").first
    term.hover()
    expect(dialogs(thread)).to_have_count(2)
    expect(dialogs(thread).nth(1)).to_have_accessible_name("interp: glossary")
    settle(thread, 700)
    expect(dialogs(thread)).to_have_count(2)
    thread.keyboard.press("Escape")
    expect(dialogs(thread)).to_have_count(1)
    expect(one).to_be_visible()
    thread.keyboard.press("Escape")
    expect(dialogs(thread)).to_have_count(0)


def test_one_preview_at_a_time_and_no_material_preview(thread: Page):
    hover(thread, reply_link(thread))
    expect(preview(thread, "Comment 1 · commenter A")).to_be_visible()
    hover(thread, comment(thread, 3).locator(".comment-meta").get_by_role("link", name="comment 2", exact=True))
    expect(preview(thread, "Comment 2 · commenter B")).to_be_visible()
    expect(dialogs(thread)).to_have_count(1)
    settle(thread, 1000)  # Material's instant preview, were it on, would have opened by now
    expect(thread.locator("[role=dialog]:visible:not(.md-search)")).to_have_count(1)
    expect(thread.locator(".md-tooltip2")).to_have_count(0)


def test_a_comment_preview_copies_no_id_and_asks_nothing_of_the_network(thread: Page):
    thread.wait_for_load_state("networkidle")  # the page's own loading is done
    requests: list[str] = []
    thread.on("request", lambda request: requests.append(request.url))
    hover(thread, reply_link(thread))
    one = preview(thread, "Comment 1 · commenter A")
    expect(one).to_be_visible()
    assert one.locator("[id]").count() == 0
    assert thread.evaluate("[...document.querySelectorAll('[id]')].every(e => document.getElementById(e.id) === e)")
    assert requests == []


# Mention previews, on a glossary letter page


def test_hovering_a_mentioned_in_link_previews_its_sentence_with_the_term_marked(own_page: Page, site_url: str):
    goto(own_page, site_url + ENTRY)
    link = elk_mention(own_page)
    expect(link).to_have_attribute("href", re.compile("#mention-elk-1$"))
    pause(own_page)
    point(own_page, link)
    settle(own_page, 150)
    expect(dialogs(own_page)).to_have_count(0)
    settle(own_page, 300)
    seen = dialogs(own_page)
    expect(seen).to_have_count(1)
    expect(seen).to_have_accessible_name(re.compile(r"^Comment 2 · commenter B"))
    expect(seen.locator("mark")).to_have_text("ELK")
    expect(seen).to_contain_text("(all closely related to ELK)")
    expect(seen).not_to_contain_text("Loading")
    expect(seen.get_by_role("link", name="Go to the mention")).to_have_attribute(
        "href", re.compile("/discussions/alignment-postmortem-comments/#mention-elk-1$")
    )
    shot(own_page, "preview-mention-desktop.png")
    own_page.mouse.move(5, 880)
    settle(own_page, 400)
    expect(dialogs(own_page)).to_have_count(0)


def test_mention_previews_fetch_each_page_once_from_this_site(page: Page, site_url: str):
    goto(page, site_url + ENTRY)
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    for n in (0, 1, 0):
        hover(page, elk_mention(page, n))
        expect(dialogs(page).locator("mark")).to_have_text("ELK")
        page.mouse.move(5, 880)
        settle(page, 400)
        expect(dialogs(page)).to_have_count(0)
    pages = [url for url in requests if "/discussions/" in url]
    assert len(pages) == 1, pages
    assert {urlsplit(url).netloc for url in requests} <= {urlsplit(site_url).netloc}


def test_a_mention_preview_says_loading_then_shows_the_sentence(page: Page, site_url: str):
    goto(page, site_url + ENTRY)
    held: list[Route] = []

    def hold(route: Route) -> None:  # unanswered until the test says so
        held.append(route)

    page.route("**/discussions/**", hold)
    hover(page, elk_mention(page, 1))
    expect(dialogs(page)).to_contain_text("Loading…")
    assert len(held) == 1
    held[0].continue_()
    expect(dialogs(page).locator("mark")).to_have_text("ELK")
    expect(dialogs(page)).not_to_contain_text("Loading…")
    expect(dialogs(page)).to_contain_text("Can you explain how generalization of NNs relates to ELK?")


def test_a_mention_preview_that_cannot_load_shows_just_the_link(page: Page, site_url: str):
    goto(page, site_url + ENTRY)
    page.route("**/discussions/**", lambda route: route.abort())
    hover(page, elk_mention(page))
    go = dialogs(page).get_by_role("link", name="Go to the mention")
    expect(go).to_be_visible()
    expect(dialogs(page)).not_to_contain_text("Loading…")
    expect(dialogs(page).locator("mark")).to_have_count(0)


def test_a_mention_preview_opens_on_keyboard_focus_and_escape_returns_focus(page: Page, site_url: str):
    goto(page, site_url + ENTRY)
    page.locator("h2#elk .headerlink").focus()
    tab_to(page, "h2#elk ~ .term-mentions li > a")
    settle(page, OPEN_DELAY)
    expect(dialogs(page).locator("mark")).to_have_text("ELK")
    page.keyboard.press("Escape")
    expect(dialogs(page)).to_have_count(0)
    expect(elk_mention(page)).to_be_focused()


def test_on_a_phone_a_tap_previews_a_mention_and_a_second_tap_follows_it(phone: Page, site_url: str):
    goto(phone, site_url + ENTRY)
    link = elk_mention(phone)
    link.scroll_into_view_if_needed()
    url = phone.url
    link.tap()
    expect(dialogs(phone).locator("mark")).to_have_text("ELK")
    assert phone.url == url
    placed = box(dialogs(phone))
    assert placed["x"] >= 0 and placed["x"] + placed["width"] <= 390
    shot(phone, "preview-mention-phone.png")
    link.tap()
    expect(phone).to_have_url(re.compile("/discussions/alignment-postmortem-comments/#mention-elk-1$"))
    expect(phone.locator("#mention-elk-1")).to_be_in_viewport()


# Without the script, and for assistive technology


def test_without_javascript_every_trigger_is_a_plain_link(browser: Browser, site_url: str):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 1400, "height": 900})
    page = context.new_page()
    page.set_default_timeout(10_000)
    page.goto(f"{site_url}{POSTMORTEM}/")
    reply_link(page).click()
    expect(page).to_have_url(re.compile("#comment-1$"))
    page.goto(site_url + ENTRY)
    elk_mention(page).click()
    expect(page).to_have_url(re.compile("/discussions/alignment-postmortem-comments/#mention-elk-1$"))
    context.close()


@pytest.mark.parametrize("scheme", ["default", "slate"])
def test_no_serious_or_critical_accessibility_violations_with_a_comment_preview_open(thread: Page, scheme: str):
    use_palette(thread, scheme)
    hover(thread, reply_link(thread))
    one = preview(thread, "Comment 1 · commenter A")
    one.get_by_role("button", name="Pin").click()
    expect(one.get_by_role("button", name="Close")).to_be_visible()
    assert serious_violations(thread) == []


@pytest.mark.parametrize("scheme", ["default", "slate"])
def test_no_serious_or_critical_accessibility_violations_with_a_mention_preview_open(
    page: Page, site_url: str, scheme: str
):
    goto(page, site_url + ENTRY)
    use_palette(page, scheme)
    hover(page, elk_mention(page))
    expect(dialogs(page).locator("mark")).to_have_text("ELK")
    dialogs(page).get_by_role("button", name="Pin").click()
    assert serious_violations(page) == []
