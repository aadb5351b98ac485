"""Glossary popovers, as a reader uses them: pointer, keyboard, touch, nested, on any screen."""

from __future__ import annotations

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Locator, Page, expect

from conftest import THREAD, box, goto, shot

POPOVERS = ".glossary-popover"


def hover(page: Page, target: Locator) -> None:
    """Bring the target into view, let the scroll settle, then move the pointer onto it."""
    target.scroll_into_view_if_needed()
    page.wait_for_timeout(300)
    target.hover()


def tab_to(page: Page, selector: str, limit: int = 80) -> None:
    """Press Tab, as a keyboard user would, until focus lands on `selector`."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("s => document.activeElement.matches(s)", selector):
            return
    pytest.fail(f"Tab never reached {selector}")


def test_hover_opens_after_an_intent_delay_with_the_definition(thread: Page):
    popovers = thread.locator(POPOVERS)
    hover(thread, thread.locator("#mention-elk-1"))
    thread.wait_for_timeout(150)
    expect(popovers).to_have_count(0)
    expect(popovers).to_have_count(1)
    popover = popovers.first
    expect(popover).to_be_visible()
    expect(popover).to_have_attribute("role", "dialog")
    expect(popover.locator(".glossary-popover__name")).to_have_text("ELK")
    expect(popover.locator(".glossary-popover__definition")).to_contain_text("eliciting latent knowledge")
    expect(popover.locator(".glossary-popover__source a")).to_have_attribute("href", re.compile("^https://"))
    expect(popover.get_by_role("link", name=re.compile("^Full entry"))).to_be_visible()
    expect(thread.locator("#mention-elk-1")).to_have_attribute("aria-expanded", "true")
    shot(thread, "popover-desktop.png")


def test_passing_over_a_term_does_not_open_it(thread: Page):
    hover(thread, thread.locator("#mention-elk-1"))
    thread.mouse.move(5, 880)
    thread.wait_for_timeout(800)
    expect(thread.locator(POPOVERS)).to_have_count(0)


def test_pointer_moves_into_the_popover_and_follows_a_link(thread: Page):
    hover(thread, thread.locator("#mention-rlct-1"))
    popover = thread.locator(POPOVERS)
    expect(popover).to_have_count(1)
    popover.hover(position={"x": 20, "y": 10})
    thread.wait_for_timeout(700)
    expect(popover).to_have_count(1)
    popover.get_by_role("link", name=re.compile("^Full entry")).click()
    expect(thread).to_have_url(re.compile(r"/glossary/r/#rlct$"))


def test_leaving_term_and_popover_closes_it_shortly_after(thread: Page):
    hover(thread, thread.locator("#mention-debate-1"))
    expect(thread.locator(POPOVERS)).to_have_count(1)
    thread.mouse.move(5, 880)
    thread.wait_for_timeout(100)
    expect(thread.locator(POPOVERS)).to_have_count(1)
    expect(thread.locator(POPOVERS)).to_have_count(0, timeout=1500)
    expect(thread.locator("#mention-debate-1")).to_have_attribute("aria-expanded", "false")


def test_keyboard_focus_opens_and_escape_closes_leaving_focus_on_the_term(thread: Page):
    tab_to(thread, "a.term")
    expect(thread.locator(POPOVERS)).to_have_count(1)
    term_id = thread.evaluate("document.activeElement.id")
    thread.keyboard.press("Escape")
    expect(thread.locator(POPOVERS)).to_have_count(0)
    assert thread.evaluate("document.activeElement.id") == term_id
    thread.wait_for_timeout(700)
    expect(thread.locator(POPOVERS)).to_have_count(0)


def test_enter_opens_without_navigating_and_tab_reaches_the_links_inside(thread: Page):
    url = thread.url
    tab_to(thread, "a.term")
    thread.keyboard.press("Enter")
    expect(thread.locator(POPOVERS)).to_have_count(1)
    assert thread.url == url
    thread.keyboard.press("Tab")
    assert thread.evaluate("document.activeElement.closest('.glossary-popover') !== null")
    thread.keyboard.press("Tab")
    thread.keyboard.press("Tab")
    expect(thread.locator(POPOVERS)).to_have_count(1)


def test_nested_popovers_stack_and_escape_closes_the_top_one(thread: Page):
    term = thread.locator("#mention-scalable-oversight-2")
    term.focus()
    thread.keyboard.press("Enter")
    outer = thread.locator(POPOVERS).first
    expect(outer).to_be_visible()
    inner_term = outer.locator(".glossary-popover__definition a.term[data-term=debate]")
    inner_term.focus()
    thread.keyboard.press("Enter")
    expect(thread.locator(POPOVERS)).to_have_count(2)
    expect(thread.locator(POPOVERS).nth(1).locator(".glossary-popover__name")).to_have_text("debate")
    thread.keyboard.press("Escape")
    expect(thread.locator(POPOVERS)).to_have_count(1)
    expect(inner_term).to_be_focused()
    thread.keyboard.press("Escape")
    expect(thread.locator(POPOVERS)).to_have_count(0)
    expect(term).to_be_focused()


def test_hovering_a_term_inside_a_popover_opens_a_child_and_keeps_the_parent(thread: Page):
    hover(thread, thread.locator("#mention-scalable-oversight-2"))
    expect(thread.locator(POPOVERS)).to_have_count(1)
    thread.locator(POPOVERS).first.locator("a.term").first.hover()
    expect(thread.locator(POPOVERS)).to_have_count(2)
    thread.wait_for_timeout(700)
    expect(thread.locator(POPOVERS)).to_have_count(2)


def test_touch_tap_opens_a_link_inside_navigates_and_a_tap_elsewhere_closes(phone: Page):
    term = phone.locator("#mention-elk-2")
    term.scroll_into_view_if_needed()
    url = phone.url
    term.tap()
    popover = phone.locator(POPOVERS)
    expect(popover).to_have_count(1)
    assert phone.url == url
    placed = box(popover)
    assert placed["x"] >= 0 and placed["x"] + placed["width"] <= 390
    assert placed["y"] >= 0 and placed["y"] + placed["height"] <= 844
    shot(phone, "popover-phone.png")
    phone.locator("#comment-6").tap()
    expect(popover).to_have_count(0)
    term.tap()
    popover.get_by_role("link", name=re.compile("^Full entry")).tap()
    expect(phone).to_have_url(re.compile(r"/glossary/e/#elk$"))


@pytest.mark.parametrize("width, height", [(1400, 900), (390, 844)])
def test_popover_fits_the_viewport_and_flips_above_near_the_bottom(browser: Browser, site_url: str, width, height):
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    goto(page, site_url + THREAD + "/")
    term = page.locator("a.term[data-term=goodhart][id]").last
    term.scroll_into_view_if_needed()
    page.evaluate(
        "el => window.scrollBy(0, el.getBoundingClientRect().top - (innerHeight - 60))", term.element_handle()
    )
    page.wait_for_timeout(300)
    term.focus()
    page.keyboard.press("Enter")
    popover = page.locator(POPOVERS)
    expect(popover).to_have_attribute("data-side", "above")
    placed, anchor = box(popover), box(term)
    assert placed["y"] >= 0 and placed["y"] + placed["height"] <= anchor["y"]
    assert placed["x"] >= 0 and placed["x"] + placed["width"] <= width
    assert min(350, width - 16) <= placed["width"] <= 480
    context.close()


def test_opening_a_popover_does_not_move_the_text(thread: Page):
    term = thread.locator("#mention-interp-4")
    hover(thread, term)
    before = (box(term), box(thread.locator("article")))
    expect(thread.locator(POPOVERS)).to_have_count(1)
    assert (box(term), box(thread.locator("article"))) == before


def test_no_popover_opens_while_the_page_scrolls(thread: Page):
    term = thread.locator("#mention-interp-4")
    term.scroll_into_view_if_needed()
    thread.wait_for_timeout(300)
    target = box(term)
    thread.mouse.move(target["x"] + 5, target["y"] + target["height"] / 2 - 200)
    thread.wait_for_timeout(700)
    expect(thread.locator(POPOVERS)).to_have_count(0)
    thread.mouse.wheel(0, 200)  # the term scrolls up under the resting pointer
    thread.wait_for_timeout(800)
    assert thread.evaluate("document.querySelector('#mention-interp-4').matches(':hover')")
    expect(thread.locator(POPOVERS)).to_have_count(0)


def test_popovers_work_after_instant_navigation(page: Page, site_url: str):
    goto(page, site_url)
    page.evaluate("window.notReloaded = true")
    page.locator("article").get_by_role("link", name="Which alignment agendas are on track? A comment thread").click()
    expect(page.locator("article h1")).to_contain_text("Which alignment agendas")
    assert page.evaluate("window.notReloaded === true"), "Material's instant navigation did not run"
    hover(page, page.locator("#mention-elk-1"))
    expect(page.locator(POPOVERS)).to_have_count(1)


def test_dark_palette_popover_is_dark(thread: Page):
    thread.locator("label[title='Switch to dark mode']").click()
    expect(thread.locator("body")).to_have_attribute("data-md-color-scheme", "slate")
    hover(thread, thread.locator("#mention-elk-1"))
    popover = thread.locator(POPOVERS)
    expect(popover).to_have_count(1)
    background = popover.evaluate("el => getComputedStyle(el).backgroundColor")
    channels = [int(c) for c in re.findall(r"\d+", background)[:3]]
    assert max(channels) < 80, background
    shot(thread, "popover-dark.png")


def test_print_hides_popovers_and_keeps_terms_readable(thread: Page):
    hover(thread, thread.locator("#mention-elk-1"))
    expect(thread.locator(POPOVERS)).to_have_count(1)
    thread.emulate_media(media="print")
    expect(thread.locator(POPOVERS)).to_be_hidden()
    term_color = thread.locator("#mention-elk-1").evaluate("el => getComputedStyle(el).color")
    text_color = thread.locator("#mention-elk-1").evaluate("el => getComputedStyle(el.closest('li, p')).color")
    assert term_color == text_color


def test_opening_popovers_makes_no_request(thread: Page):
    requests: list[str] = []
    thread.on("request", lambda request: requests.append(request.url))
    hover(thread, thread.locator("#mention-scalable-oversight-2"))
    expect(thread.locator(POPOVERS)).to_have_count(1)
    thread.locator(POPOVERS).first.locator("a.term").first.hover()
    expect(thread.locator(POPOVERS)).to_have_count(2)
    assert requests == []


PAGES = {"thread": THREAD + "/", "glossary": "glossary/", "entry": "glossary/e/", "home": ""}


@pytest.mark.parametrize("scheme", ["default", "slate"])
@pytest.mark.parametrize("name", PAGES)
def test_no_serious_or_critical_accessibility_violations(page: Page, site_url: str, name: str, scheme: str):
    goto(page, site_url + PAGES[name])
    if scheme == "slate":
        page.locator("label[title='Switch to dark mode']").click()
        expect(page.locator("body")).to_have_attribute("data-md-color-scheme", "slate")
    if name == "thread":
        page.locator("#mention-elk-1").focus()
        page.keyboard.press("Enter")
        expect(page.locator(POPOVERS)).to_have_count(1)
    results = Axe().run(page).response
    serious = [
        (v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3])
        for v in results["violations"]
        if v["impact"] in ("serious", "critical")
    ]
    assert serious == []


def test_a_popover_taller_than_the_screen_scrolls(browser: Browser, site_url: str):
    context = browser.new_context(viewport={"width": 390, "height": 420}, is_mobile=True, has_touch=True)
    page = context.new_page()
    goto(page, site_url + THREAD + "/")
    page.locator("#mention-elk-1").focus()
    page.keyboard.press("Enter")
    popover = page.locator(POPOVERS)
    expect(popover).to_be_visible()
    assert popover.evaluate("el => el.scrollHeight > el.clientHeight")
    popover.evaluate("el => { el.scrollTop = 60; el.dispatchEvent(new Event('scroll')); }")
    page.wait_for_timeout(100)
    assert popover.evaluate("el => el.scrollTop") == 60
    context.close()


def test_escape_under_a_still_pointer_stays_dismissed(thread: Page):
    term = thread.locator("#mention-debate-1")
    hover(thread, term)
    expect(thread.locator(POPOVERS)).to_have_count(1)
    thread.keyboard.press("Escape")
    expect(thread.locator(POPOVERS)).to_have_count(0)
    placed = box(term)
    thread.mouse.move(placed["x"] + 3, placed["y"] + 3)
    thread.wait_for_timeout(700)
    expect(thread.locator(POPOVERS)).to_have_count(0)


def test_touching_the_popover_then_the_term_again_follows_the_link(phone: Page):
    term = phone.locator("#mention-prosaic-alignment-1")
    term.scroll_into_view_if_needed()
    term.tap()
    popover = phone.locator(POPOVERS)
    expect(popover).to_have_count(1)
    popover.locator(".glossary-popover__name").tap()
    expect(popover).to_have_count(1)
    term.tap()
    expect(phone).to_have_url(re.compile(r"/glossary/p/#prosaic-alignment$"))


def test_a_malformed_fragment_breaks_nothing(page: Page, site_url: str):
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    goto(page, site_url + THREAD + "/#100%")
    notes = page.locator("article .sidenote")
    expect(page.locator("article .sidenote__toggle")).to_have_count(notes.count())
    assert errors == []
