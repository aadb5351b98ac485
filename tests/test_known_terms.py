"""A reader marks a term as known: from its popover, by mouse or keyboard, it becomes plain text on
the discussions (no link, no underline, no popover, no Tab stop) after a reload and on coming back;
the terms list shows it apart with a way to take it back; "Forget all" resets. The glossary still
shows every term."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from conftest import POSTMORTEM, goto, serious_violations, settle
from test_popovers import OPEN_DELAY, POPOVERS, hover, tab_to

pytestmark = pytest.mark.browser

ELK = "article .term[id^='mention-'][data-term='elk']"


def plain(page: Page, selector: str) -> bool:
    """Every element `selector` finds is plain text: no link, no underline, no Tab stop."""
    return page.evaluate(
        """s => [...document.querySelectorAll(s)].every((term) => !term.hasAttribute('href')
            && !getComputedStyle(term).textDecorationLine.includes('underline')
            && !(term.hasAttribute('tabindex') && term.tabIndex >= 0))""",
        selector,
    )


def know(page: Page, term_id: str) -> None:
    """Open the popover of the term's first link in the comments by pointing at it, and press "I know this"."""
    hover(page, page.locator(f"article.comment a.term[href][data-term='{term_id}']").first)
    page.locator(POPOVERS).get_by_role("button", name="I know this").click()


def open_list(page: Page) -> None:
    page.locator(".terms-on-page details").evaluate("details => { details.open = true; }")


def test_a_known_term_is_plain_text_after_a_reload_and_on_coming_back_and_the_glossary_keeps_it(
    own_thread: Page, site_url: str
):
    page = own_thread
    assert page.locator(ELK).count() >= 3 and not plain(page, ELK)
    know(page, "elk")
    expect(page.locator(POPOVERS)).to_have_count(0)
    assert plain(page, ELK)
    expect(page.get_by_role("status")).to_have_text(re.compile("^ELK is marked as known: plain text on every page"))
    hover(page, page.locator(ELK).first)
    expect(page.locator(POPOVERS)).to_have_count(0)  # no popover: it is no trigger now
    page.reload(wait_until="load")
    assert plain(page, ELK)
    goto(page, f"{site_url}glossary/r/")  # the reporter's definition names ELK: there it is a link still
    expect(page.locator("article a.term[href][data-term='elk']").first).to_be_visible()
    goto(page, f"{site_url}{POSTMORTEM}/")
    assert plain(page, ELK)
    assert not plain(page, "article .term[id^='mention-'][data-term='debate']")  # only the one term


def test_the_first_paint_already_shows_a_known_term_as_plain_text(own_thread: Page, site_url: str):
    page = own_thread
    know(page, "elk")
    page.route("**/assets/annotations/*.js", lambda route: route.abort())  # the head alone, no script
    page.goto(f"{site_url}{POSTMORTEM}/", wait_until="load")
    decoration = page.locator(ELK).first.evaluate("el => getComputedStyle(el).textDecorationLine")
    assert "underline" not in decoration


def test_the_terms_list_shows_known_terms_apart_to_take_back_or_forget(own_thread: Page):
    page = own_thread
    know(page, "elk")
    know(page, "debate")
    open_list(page)
    known = page.locator(".terms-known")
    expect(known).to_contain_text("Terms you know (2 here)")
    expect(page.locator(".terms-on-page ol > li:not([hidden]) a.term[data-term='elk']")).to_have_count(0)
    known.get_by_role("button", name="Take back ELK: show it as a term again").click()
    expect(page.locator(".terms-on-page ol > li:not([hidden]) a.term[data-term='elk']")).to_be_focused()
    assert not plain(page, ELK) and plain(page, "article .term[id^='mention-'][data-term='debate']")
    expect(known).to_contain_text("Terms you know (1 here)")
    known.get_by_role("button", name="Forget all known terms").click()
    expect(known).to_be_hidden()
    assert not plain(page, "article .term[id^='mention-'][data-term='debate']")
    expect(page.get_by_role("status")).to_have_text("No term is marked as known: every term is a term again.")


def test_marking_a_term_known_by_keyboard_keeps_focus_where_the_reader_was(own_thread: Page):
    page = own_thread
    term = page.locator("article.comment a.term[href][data-term='elk']").first
    term.focus()
    settle(page, OPEN_DELAY)
    expect(page.locator(POPOVERS)).to_have_count(1)
    tab_to(page, ".glossary-popover button:is(:not([aria-pressed]))")  # past Pin, as a keyboard user goes
    expect(page.locator(POPOVERS).get_by_role("button", name="I know this")).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator(POPOVERS)).to_have_count(0)
    focused = page.evaluate("() => [document.activeElement.dataset.term, document.activeElement.hasAttribute('href')]")
    assert focused == ["elk", False]
    assert plain(page, ELK)
    page.keyboard.press("Tab")  # on from where the reader was: the next Tab stop after it
    assert page.evaluate("() => document.activeElement.matches('a[href], button, input, summary')")


def test_no_serious_accessibility_problem_with_the_known_terms_open(own_thread: Page):
    page = own_thread
    know(page, "elk")
    open_list(page)
    expect(page.locator(".terms-known")).to_be_visible()
    hover(page, page.locator("article.comment a.term[href][data-term='debate']").first)
    expect(page.locator(POPOVERS).get_by_role("button", name="I know this")).to_be_visible()
    assert serious_violations(page) == []


def test_where_the_browser_refuses_storage_a_term_is_known_on_this_page(own_thread: Page):
    page = own_thread
    page.evaluate(
        "() => { Storage.prototype.setItem = () => { throw new DOMException('refused', 'QuotaExceededError'); }; }"
    )
    know(page, "elk")
    assert plain(page, ELK)
    expect(page.get_by_role("status")).to_have_text(re.compile("^ELK is marked as known"))


def test_a_term_taken_back_is_the_lists_tab_stop(own_thread: Page):
    page = own_thread
    know(page, "debate")
    open_list(page)
    page.locator(".terms-known").get_by_role("button", name="Take back debate: show it as a term again").click()
    restored = page.locator(".terms-on-page ol > li > a.term[data-term='debate']")
    expect(restored).to_be_focused()
    assert restored.evaluate("a => a.tabIndex") == 0
    assert page.evaluate("() => document.querySelectorAll('.terms-on-page ol > li > a[tabindex=\"0\"]').length") == 1
