"""Glossary popovers, as a reader uses them: pointer, keyboard, touch, nested, on any screen."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from playwright.sync_api import Browser, Locator, Page, expect

from conftest import (
    POSTMORTEM,
    ROOT,
    Built,
    box,
    goto,
    opened,
    pause,
    serious_violations,
    settle,
    shot,
    soup,
    use_palette,
)

pytestmark = pytest.mark.browser  # Chromium, driven by Playwright

POPOVERS = ".glossary-popover"


OPEN_DELAY = 400  # annotations.js: a pointer that rests this long on a trigger opens it; so does focus


def hover(page: Page, target: Locator) -> None:
    """Point at the target and rest there: its popover opens, the intent delay passed at once."""
    point(page, target)
    settle(page, OPEN_DELAY)


def point(page: Page, target: Locator) -> None:
    """Bring the target into view, let the quiet after a scroll pass, then move the pointer onto it.
    (The script ignores a pointer that a scroll brought onto a term: the page's clock runs past that
    quiet once the scroll event has come.)"""
    into_view(target)
    settle(page, 300)
    target.hover()


def into_view(target: Locator) -> None:
    """Scroll the target to the middle of the screen if it is not in view, at once, and return once
    the page has had the scroll event (it comes with the next frame)."""
    target.evaluate("""el => new Promise((done) => {
        const r = el.getBoundingClientRect(), before = scrollY;
        if (r.top >= 0 && r.bottom <= innerHeight) return done();
        el.scrollIntoView({ block: "center", behavior: "instant" });
        if (scrollY === before) return done();
        addEventListener("scroll", () => done(), { once: true });
    })""")


def dialogs(page: Page) -> Locator:
    """The glossary popovers open on the page, as assistive technology sees them. Each opens in the
    article, after its term; Material's search box is a dialog too, in the header."""
    return page.locator("article.md-content__inner").get_by_role("dialog")


def tap_outside(phone: Page, popovers: Locator) -> None:
    """Tap the page's margin, on no word and under no popover: a tap elsewhere."""
    covered = [box(popovers.nth(n)) for n in range(popovers.count())]
    for y in range(100, 800, 20):
        if not any(b["y"] - 10 <= y <= b["y"] + b["height"] + 10 for b in covered):
            phone.touchscreen.tap(4, y)
            return
    raise AssertionError("the popovers cover the whole screen")


def tab_to(page: Page, selector: str, limit: int = 80) -> None:
    """Press Tab, as a keyboard user would, until focus lands on `selector`."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("s => document.activeElement.matches(s)", selector):
            return
    pytest.fail(f"Tab never reached {selector}")


def test_hover_opens_after_an_intent_delay_with_the_definition(own_thread: Page):
    popovers = own_thread.locator(POPOVERS)
    pause(own_thread)
    point(own_thread, own_thread.locator("#mention-elk-1"))
    settle(own_thread, 150)
    expect(popovers).to_have_count(0)
    settle(own_thread, 300)
    expect(popovers).to_have_count(1)
    popover = popovers.first
    expect(popover).to_be_visible()
    expect(popover).to_have_attribute("role", "dialog")
    expect(popover.locator(".glossary-popover__name")).to_have_text("ELK")
    expect(popover.locator(".glossary-popover__definition")).to_contain_text("eliciting latent knowledge")
    expect(popover.locator(".glossary-popover__source a")).to_have_attribute("href", re.compile("^https://"))
    expect(popover.get_by_role("link", name=re.compile("^Full entry"))).to_be_visible()
    expect(own_thread.locator("#mention-elk-1")).to_have_attribute("aria-expanded", "true")
    shot(own_thread, "popover-desktop.png")


def test_hovering_a_term_opens_one_dialog_and_no_material_preview(thread: Page):
    requests: list[str] = []
    thread.on("request", lambda request: requests.append(request.url))
    hover(thread, thread.locator("#mention-debate-1"))
    expect(dialogs(thread)).to_have_count(1)
    settle(thread, 1000)  # Material's instant preview would fetch the entry's page, then show it
    assert [url for url in requests if "/glossary/" in url] == []
    expect(thread.locator("[role=dialog]:visible:not(.md-search)")).to_have_count(1)
    expect(thread.locator(".md-tooltip2")).to_have_count(0)


def test_passing_over_a_term_does_not_open_it(own_thread: Page):
    pause(own_thread)
    point(own_thread, own_thread.locator("#mention-elk-1"))
    own_thread.mouse.move(5, 880)
    settle(own_thread, 800)
    expect(own_thread.locator(POPOVERS)).to_have_count(0)


def test_pointer_moves_into_the_popover_and_follows_a_link(thread: Page):
    hover(thread, thread.locator("#mention-rlct-1"))
    popover = thread.locator(POPOVERS)
    expect(popover).to_have_count(1)
    popover.hover(position={"x": 20, "y": 10})
    settle(thread, 700)
    expect(popover).to_have_count(1)
    popover.get_by_role("link", name=re.compile("^Full entry")).click()
    expect(thread).to_have_url(re.compile(r"/glossary/r/#rlct$"))


def test_leaving_term_and_popover_closes_it_shortly_after(own_thread: Page):
    hover(own_thread, own_thread.locator("#mention-debate-1"))
    expect(own_thread.locator(POPOVERS)).to_have_count(1)
    pause(own_thread)
    own_thread.mouse.move(5, 880)
    settle(own_thread, 100)
    expect(own_thread.locator(POPOVERS)).to_have_count(1)
    settle(own_thread, 300)
    expect(own_thread.locator(POPOVERS)).to_have_count(0)
    expect(own_thread.locator("#mention-debate-1")).to_have_attribute("aria-expanded", "false")


def test_keyboard_focus_opens_and_escape_closes_leaving_focus_on_the_term(thread: Page):
    tab_to(thread, "a.term")
    settle(thread, OPEN_DELAY)
    expect(thread.locator(POPOVERS)).to_have_count(1)
    term_id = thread.evaluate("document.activeElement.id")
    thread.keyboard.press("Escape")
    expect(thread.locator(POPOVERS)).to_have_count(0)
    assert thread.evaluate("document.activeElement.id") == term_id
    settle(thread, 700)
    expect(thread.locator(POPOVERS)).to_have_count(0)


def test_enter_on_a_term_follows_its_link_like_any_link(thread: Page):
    tab_to(thread, "a.term")
    term_id = thread.evaluate("document.activeElement.dataset.term")
    thread.keyboard.press("Enter")
    expect(thread).to_have_url(re.compile(rf"/glossary/[a-z]/#{term_id}$"))
    expect(thread.locator(f"article h2#{term_id}")).to_be_in_viewport()


def test_focus_opens_after_the_delay_and_tab_reaches_pin_and_the_links_inside(own_thread: Page):
    pause(own_thread)
    tab_to(own_thread, "a.term")
    dialog = dialogs(own_thread)
    settle(own_thread, 150)
    expect(dialog).to_have_count(0)
    settle(own_thread, OPEN_DELAY - 150)
    expect(dialog).to_have_count(1)
    own_thread.keyboard.press("Tab")
    expect(dialog.get_by_role("button", name=re.compile("Pin"))).to_be_focused()
    own_thread.keyboard.press("Tab")
    expect(dialog.get_by_role("button", name="I know this")).to_be_focused()
    own_thread.keyboard.press("Tab")
    assert own_thread.evaluate("document.activeElement.matches('.glossary-popover a')")
    own_thread.keyboard.press("Tab")
    expect(dialog).to_have_count(1)


def test_nested_popovers_stack_and_escape_closes_the_top_one(thread: Page):
    term = thread.locator("#mention-scalable-oversight-2")
    term.focus()
    settle(thread, OPEN_DELAY)
    outer = thread.locator(POPOVERS).first
    expect(outer).to_be_visible()
    inner_term = outer.locator(".glossary-popover__definition a.term[data-term=debate]")
    inner_term.focus()
    settle(thread, OPEN_DELAY)
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
    settle(thread, 700)
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
    tap_outside(phone, popover)
    expect(popover).to_have_count(0)
    term.tap()
    popover.get_by_role("link", name=re.compile("^Full entry")).tap()
    expect(phone).to_have_url(re.compile(r"/glossary/e/#elk$"))


@pytest.mark.parametrize("width, height", [(1400, 900), (390, 844)])
def test_popover_fits_the_viewport_and_flips_above_near_the_bottom(browser: Browser, site_url: str, width, height):
    with opened(browser, viewport={"width": width, "height": height}) as page:
        fits_above(page, site_url, width)


def fits_above(page: Page, site_url: str, width: int) -> None:
    goto(page, site_url + POSTMORTEM + "/")
    term = page.locator("a.term[data-term=goodhart][id]").last
    term.scroll_into_view_if_needed()
    page.evaluate(
        "el => window.scrollBy(0, el.getBoundingClientRect().top - (innerHeight - 60))", term.element_handle()
    )
    settle(page, 300)
    term.focus()
    settle(page, OPEN_DELAY)
    popover = page.locator(POPOVERS)
    expect(popover).to_have_attribute("data-side", "above")
    placed, anchor = box(popover), box(term)
    assert placed["y"] >= 0 and placed["y"] + placed["height"] <= anchor["y"]
    assert placed["x"] >= 0 and placed["x"] + placed["width"] <= width
    assert min(350, width - 16) <= placed["width"] <= 560


def test_opening_a_popover_does_not_move_the_text(thread: Page):
    term = thread.locator("#mention-interp-4")
    hover(thread, term)
    before = (box(term), box(thread.locator("article.md-content__inner")))
    expect(thread.locator(POPOVERS)).to_have_count(1)
    assert (box(term), box(thread.locator("article.md-content__inner"))) == before


def test_no_popover_opens_while_the_page_scrolls(thread: Page):
    term = thread.locator("#mention-interp-4")
    term.scroll_into_view_if_needed()
    settle(thread, 300)
    target = box(term)
    thread.mouse.move(target["x"] + 5, target["y"] + target["height"] / 2 - 200)
    settle(thread, 700)
    expect(thread.locator(POPOVERS)).to_have_count(0)
    thread.mouse.wheel(0, 200)  # the term scrolls up under the resting pointer
    thread.wait_for_function("() => document.querySelector('#mention-interp-4').matches(':hover')")
    settle(thread, 800)
    assert thread.evaluate("document.querySelector('#mention-interp-4').matches(':hover')")
    expect(thread.locator(POPOVERS)).to_have_count(0)


def test_popovers_work_after_instant_navigation(page: Page, site_url: str):
    goto(page, site_url)
    page.evaluate("window.notReloaded = true")
    page.locator("article.md-content__inner").get_by_role(
        "link", name="Which alignment agendas are on track? A comment thread"
    ).click()
    expect(page.locator("article h1")).to_contain_text("Which alignment agendas")
    assert page.evaluate("window.notReloaded === true"), "Material's instant navigation did not run"
    hover(page, page.locator("#mention-elk-1"))
    expect(page.locator(POPOVERS)).to_have_count(1)


def test_dark_palette_popover_is_dark(thread: Page):
    use_palette(thread, "slate")
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


PAGES = {"thread": POSTMORTEM + "/", "glossary": "glossary/", "entry": "glossary/e/", "home": ""}


@pytest.mark.parametrize("scheme", ["default", "slate"])
@pytest.mark.parametrize("name", PAGES)
def test_no_serious_or_critical_accessibility_violations(page: Page, site_url: str, name: str, scheme: str):
    goto(page, site_url + PAGES[name])
    use_palette(page, scheme)
    if name == "thread":  # a pinned popover shows every control it has
        hover(page, page.locator("#mention-elk-1"))
        dialogs(page).get_by_role("button", name=re.compile("Pin")).click()
        expect(dialogs(page).get_by_role("button", name=re.compile("Close"))).to_be_visible()
    assert serious_violations(page) == []


def test_a_popover_taller_than_the_screen_scrolls(browser: Browser, site_url: str):
    with opened(browser, viewport={"width": 390, "height": 420}, is_mobile=True, has_touch=True) as page:
        goto(page, site_url + POSTMORTEM + "/")
        page.locator("#mention-elk-1").focus()
        settle(page, OPEN_DELAY)
        popover = page.locator(POPOVERS)
        expect(popover).to_be_visible()
        assert popover.evaluate("el => el.scrollHeight > el.clientHeight")
        # The way to the full entry is in sight before any scrolling, at the popover's foot.
        more, shown = box(popover.locator(".glossary-popover__more a")), box(popover)
        assert shown["y"] <= more["y"] and more["y"] + more["height"] <= shown["y"] + shown["height"]
        popover.evaluate("el => { el.scrollTop = 60; el.dispatchEvent(new Event('scroll')); }")
        settle(page, 100)
        assert popover.evaluate("el => el.scrollTop") == 60


def test_escape_under_a_still_pointer_stays_dismissed(thread: Page):
    term = thread.locator("#mention-debate-1")
    hover(thread, term)
    expect(thread.locator(POPOVERS)).to_have_count(1)
    thread.keyboard.press("Escape")
    expect(thread.locator(POPOVERS)).to_have_count(0)
    placed = box(term)
    thread.mouse.move(placed["x"] + 3, placed["y"] + 3)
    settle(thread, 700)
    expect(thread.locator(POPOVERS)).to_have_count(0)


def test_touching_the_popover_then_the_term_again_follows_the_link(phone: Page):
    term = phone.locator("#mention-prosaic-alignment-1")
    term.scroll_into_view_if_needed()
    term.tap()
    popover = phone.locator(POPOVERS)
    expect(popover).to_have_count(1)
    popover.locator(".glossary-popover__definition").tap()  # its words: the name shares a line with the buttons
    expect(popover).to_have_count(1)
    term.tap()
    expect(phone).to_have_url(re.compile(r"/glossary/p/#prosaic-alignment$"))


def test_a_malformed_fragment_breaks_nothing(page: Page, site_url: str):
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    goto(page, site_url + POSTMORTEM + "/#100%")
    notes = page.locator("article .sidenote")
    expect(page.locator("article .sidenote__toggle")).to_have_count(notes.count())
    assert errors == []


def test_a_later_use_in_a_comment_is_plain_text_that_opens_nothing(thread: Page):
    hover(thread, thread.locator("#mention-elk-3"))
    settle(thread, 700)
    expect(dialogs(thread)).to_have_count(0)


def test_terms_off_opens_no_popover_on_any_page(thread: Page, site_url: str):
    """Off also holds on the glossary's pages, whose term links stay links."""
    thread.get_by_role("group", name="Terms").get_by_role("radio", name="off").click()
    goto(thread, site_url + "glossary/e/")
    hover(thread, thread.locator("article a.term[href]").first)
    settle(thread, 700)
    expect(dialogs(thread)).to_have_count(0)


def uncovered_term(page: Page) -> Locator:
    """A closed term of the text, in view, that nothing covers: a pointer or a finger can reach it."""
    term_id = page.evaluate("""() => [...document.querySelectorAll("article a.term[href][id]")].find((term) => {
        const r = term.getBoundingClientRect();
        return term.getAttribute("aria-expanded") !== "true" && r.top > 0 && r.bottom < innerHeight
            && document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2) === term;
    })?.id""")
    assert term_id, "no term in view outside the popovers"
    return page.locator(f"#{term_id}")


@pytest.mark.parametrize("scheme", ["default", "slate"])
def test_a_pinned_popover_stays_through_pointer_scroll_and_other_popovers(thread: Page, scheme: str):
    use_palette(thread, scheme)
    hover(thread, thread.locator("#mention-elk-1"))
    elk = thread.locator("article.md-content__inner").get_by_role("dialog", name=re.compile("^ELK:"))
    expect(elk).to_be_visible()
    pin, close = elk.get_by_role("button", name=re.compile("Pin")), elk.get_by_role("button", name=re.compile("Close"))
    expect(pin).to_have_attribute("aria-pressed", "false")
    expect(close).to_be_hidden()
    pin.click()
    expect(pin).to_have_attribute("aria-pressed", "true")
    expect(close).to_be_visible()
    shot(thread, f"popover-pinned-{scheme}.png")

    thread.mouse.move(5, 880)
    scrolled = thread.evaluate("scrollY")
    thread.mouse.wheel(0, 300)
    thread.wait_for_function("y => scrollY >= y + 300", arg=scrolled)  # the wheel's scroll has ended
    settle(thread, 800)
    expect(elk).to_be_in_viewport()
    hover(thread, uncovered_term(thread))
    expect(dialogs(thread)).to_have_count(2)
    thread.mouse.move(5, 880)
    settle(thread, 400)
    expect(dialogs(thread)).to_have_count(1)
    expect(elk).to_be_visible()

    hover(thread, uncovered_term(thread))
    expect(dialogs(thread)).to_have_count(2)
    thread.keyboard.press("Escape")  # the popover on top closes first, then the pinned one
    expect(dialogs(thread)).to_have_count(1)
    expect(elk).to_be_visible()
    thread.keyboard.press("Escape")
    expect(dialogs(thread)).to_have_count(0)


def test_unpinning_lets_a_popover_close_when_the_pointer_leaves(thread: Page):
    hover(thread, thread.locator("#mention-debate-1"))
    pin = dialogs(thread).get_by_role("button", name=re.compile("Pin"))
    pin.click()
    pin.click()
    expect(pin).to_have_attribute("aria-pressed", "false")
    expect(dialogs(thread).get_by_role("button", name=re.compile("Close"))).to_be_hidden()
    thread.mouse.move(5, 880)
    settle(thread, 400)
    expect(dialogs(thread)).to_have_count(0)


def test_close_returns_keyboard_focus_to_the_term(thread: Page):
    tab_to(thread, "a.term")
    settle(thread, OPEN_DELAY)
    term_id = thread.evaluate("document.activeElement.id")
    expect(dialogs(thread)).to_have_count(1)
    thread.keyboard.press("Tab")
    thread.keyboard.press("Enter")  # on Pin
    thread.keyboard.press("Tab")
    expect(dialogs(thread).get_by_role("button", name=re.compile("Close"))).to_be_focused()
    thread.keyboard.press("Enter")
    expect(dialogs(thread)).to_have_count(0)
    assert thread.evaluate("document.activeElement.id") == term_id


@pytest.mark.parametrize("scheme", ["default", "slate"])
def test_on_touch_close_shows_at_once_and_a_pinned_popover_outlasts_taps_and_scrolls(phone: Page, scheme: str):
    use_palette(phone, scheme)
    term = phone.locator("#mention-elk-2")
    term.scroll_into_view_if_needed()
    term.tap()
    elk = phone.locator("article.md-content__inner").get_by_role("dialog", name=re.compile("^ELK:"))
    close = elk.get_by_role("button", name=re.compile("Close"))
    expect(close).to_be_visible()
    pin = elk.get_by_role("button", name=re.compile("Pin"))
    pin.tap()
    expect(pin).to_have_attribute("aria-pressed", "true")
    shot(phone, f"popover-pinned-phone-{scheme}.png")

    phone.evaluate("window.scrollBy(0, 150)")
    settle(phone, 300)
    uncovered_term(phone).tap()  # opens a second popover; the pinned one stays
    expect(dialogs(phone)).to_have_count(2)
    expect(elk).to_be_in_viewport()
    tap_outside(phone, dialogs(phone))  # a tap elsewhere closes all but the pinned one
    expect(dialogs(phone)).to_have_count(1)
    expect(elk).to_be_visible()
    close.tap()
    expect(dialogs(phone)).to_have_count(0)


def built_pages(site: Path) -> list[str]:
    """Every page of the built site, by address, but the old entry addresses that only redirect."""
    return [
        path.relative_to(site).as_posix().removesuffix("index.html")
        for path in sorted(site.rglob("index.html"))
        if soup(path.read_text(encoding="utf-8")).find("meta", attrs={"http-equiv": "refresh"}) is None
    ]


@pytest.mark.long
def test_every_term_on_every_page_opens_its_popover(page: Page, real_site: Built, site_url: str):
    """Each page holds the popovers of every term a reader can see on it (links, and the plain later
    uses that open under the reader setting "every"), and focusing one link per term (as a
    keyboard user would) opens a dialog with that term's name."""
    names = {
        path.stem: yaml.safe_load(path.read_text(encoding="utf-8"))["term"]
        for path in (ROOT / "annotations" / "terms").glob("*.yml")
    }
    pages = built_pages(real_site.site)
    assert {"", POSTMORTEM + "/", "glossary/", "glossary/e/"} <= set(pages)
    assert not [path for path in pages if path.startswith("glossary/elk")]
    for path in pages:
        goto(page, site_url + path)
        seen = page.eval_on_selector_all(
            "article .term[data-term]", "terms => terms.filter(t => t.checkVisibility()).map(t => t.dataset.term)"
        )
        missing = page.evaluate(
            """ids => ids.filter((id) => {
                const store = document.getElementById("glossary-popovers");
                return !store || !(store.content || store).querySelector(`[data-popover="${CSS.escape(id)}"]`);
            })""",
            sorted(set(seen)),
        )
        assert missing == [], f"{path}: term links without a popover: {missing}"
        for term_id in sorted(set(seen)):
            term = page.locator(f"article a.term[data-term='{term_id}'][href]").filter(visible=True).first
            term.focus()
            settle(page, OPEN_DELAY)
            expect(dialogs(page), f"{path}: {term_id}").to_have_count(1)
            expect(dialogs(page).get_by_text(names[term_id], exact=True).first).to_be_visible()
            page.keyboard.press("Escape")
            expect(dialogs(page)).to_have_count(0)


def test_the_popovers_are_asked_for_only_once_the_page_has_loaded_and_painted(browser: Browser, site_url: str):
    """What the reader sees first never waits on the popovers file: the page asks for it after its
    load event and its first paint, and the terms list's items (which come with it) then appear."""
    with opened(browser, clock=False) as page:
        asked_once_loaded_and_painted(page, site_url)


def asked_once_loaded_and_painted(page: Page, site_url: str) -> None:
    page.add_init_script(
        """const fetched = window.fetch;
        window.asked = [];
        window.fetch = (url, ...rest) => {
          window.asked.push([String(url), document.readyState, performance.getEntriesByType("paint").length]);
          return fetched(url, ...rest);
        };"""
    )
    goto(page, site_url + POSTMORTEM + "/")
    asked = [entry for entry in page.evaluate("window.asked") if entry[0].endswith("index.popovers.html")]
    assert len(asked) == 1, asked
    _, state, paints = asked[0]
    assert state == "complete" and paints > 0, asked[0]
    expect(page.locator("article .terms-on-page ol > li").first).to_be_attached()


def test_a_term_pointed_at_before_the_popovers_arrive_says_loading_then_shows_its_definition(page: Page, site_url: str):
    """The popovers come in a file after the page: a reader quicker than the network waits in place."""
    held: list = []
    page.route("**/index.popovers.html", lambda route: held.append(route))  # noqa: PLW0108 (Playwright reads its arity)
    page.goto(site_url + POSTMORTEM + "/", wait_until="domcontentloaded")
    term = page.locator("article a.term[data-term=elk]").first
    expect(page.locator("section#glossary-popovers[data-src]")).to_have_count(1)
    page.wait_for_function("() => document.querySelector('article a.term[aria-expanded]') !== null")
    hover(page, term)
    expect(dialogs(page)).to_contain_text("Loading…")
    assert held, "the page asked for its popovers file"
    held[0].continue_()
    expect(dialogs(page)).to_contain_text("Eliciting Latent Knowledge")
    expect(dialogs(page)).not_to_contain_text("Loading…")
    expect(page.locator(".sidenote__sources").first).to_contain_text("Source")  # notes got their sources


@pytest.mark.parametrize("width, height", [(1400, 900), (390, 844)])
def test_every_term_popover_on_the_thread_shows_all_it_holds_without_scrolling(
    browser: Browser, site_url: str, width: int, height: int
):
    """With its term in the middle of the screen, each popover shows its definition, how the thread
    uses the term, its first source and the way to the full entry, with nothing to scroll to."""
    with opened(browser, viewport={"width": width, "height": height}) as page:
        goto(page, site_url + POSTMORTEM + "/")
        terms = page.eval_on_selector_all(
            "article.comment a.term[href]", "links => [...new Set(links.map((link) => link.dataset.term))]"
        )
        cut, slack = {}, {}
        for term_id in terms:
            term = page.locator(f"article.comment a.term[href][data-term='{term_id}']").first
            term.evaluate("""el => new Promise((done) => {  // to the middle, once the page has had the scroll
                const before = scrollY;
                el.scrollIntoView({ block: "center", behavior: "instant" });
                if (scrollY === before) return done();
                addEventListener("scroll", () => done(), { once: true });
            })""")
            settle(page, 300)
            term.hover()
            settle(page, OPEN_DELAY)
            popover = page.locator(POPOVERS)
            expect(popover).to_have_count(1)
            scroll, client, room = popover.evaluate(
                "el => [el.scrollHeight, el.clientHeight, parseFloat(el.style.maxHeight)]"
            )
            slack[term_id] = room - scroll  # the room left on the side it opened: in the message if one is cut
            if scroll > client:
                cut[term_id] = (scroll, client)
            else:
                for part in (".glossary-popover__definition", ".glossary-popover__source", ".glossary-popover__more a"):
                    assert 0 <= box(popover.locator(part).first)["y"] <= height, (term_id, part)
            page.mouse.move(width - 2, 2)
            settle(page, 1000)
            expect(popover).to_have_count(0)
        assert len(terms) >= 18 and cut == {}, sorted(slack.items(), key=lambda item: item[1])[:5]
