"""The README's pictures, taken from the built site as a reader sees it (`make screenshots` copies
them from test-results/ into screenshots/). Each also checks the state it shows."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from conftest import POSTMORTEM, goto, settle, shot
from test_popovers import POPOVERS, hover

pytestmark = pytest.mark.browser  # Chromium, driven by Playwright


def test_desktop_a_pinned_popover_beside_the_terms_list(thread: Page):
    expect(thread.locator(".terms-on-page details")).to_have_attribute("open", "")
    thread.evaluate("""() => new Promise((done) => { // and wait for the scroll event, which cancels an intent
        const before = scrollY;
        scrollTo(0, document.querySelector(".terms-on-page").offsetTop - 60);
        if (scrollY === before) return done();
        addEventListener("scroll", () => done(), { once: true });
    })""")
    hover(thread, thread.locator("#mention-interp-1"))
    thread.locator(POPOVERS).get_by_role("button", name=re.compile("Pin")).click()
    thread.mouse.move(5, 890)
    settle(thread, 600)
    expect(thread.locator(POPOVERS)).to_have_count(1)
    shot(thread, "thread-desktop.png")


def test_phone_the_first_screen_and_a_tapped_term(phone: Page):
    expect(phone.get_by_role("group", name="Terms")).to_be_visible()
    shot(phone, "thread-phone.png")
    term = phone.locator("#mention-elk-1")
    term.scroll_into_view_if_needed()
    term.tap()
    expect(phone.locator(POPOVERS).get_by_role("button", name=re.compile("Close"))).to_be_visible()
    shot(phone, "term-tapped-phone.png")


def test_print_a_comment_with_its_endnotes(page: Page, site_url: str):
    page.set_viewport_size({"width": 800, "height": 1100})
    goto(page, site_url + POSTMORTEM + "/")
    page.emulate_media(media="print")
    comment = page.locator("#comment-2")
    expect(page.locator("article[data-comment='comment-2'] .section-notes .sidenote").first).to_be_visible()
    comment.scroll_into_view_if_needed()
    page.evaluate("window.scrollTo(0, document.getElementById('comment-2').offsetTop - 20)")
    shot(page, "print.png")
