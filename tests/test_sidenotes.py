"""Sidenotes as a reader meets them: in the margin on a wide screen, opened in place on a phone."""

from __future__ import annotations

import itertools

import pytest
from playwright.sync_api import Page, expect

from conftest import POSTMORTEM, box, goto, shot

pytestmark = pytest.mark.browser  # Chromium, driven by Playwright


def test_wide_screens_show_every_note_in_the_margin_beside_its_anchor_without_overlap(thread: Page):
    notes = thread.locator("article .sidenote")
    assert notes.count() >= 8
    # The popovers file brings each note its sources line, and the notes are placed again a frame
    # later: wait until they stand clear of each other (a layout that never does fails here).
    thread.wait_for_function("""() => [...document.querySelectorAll("article .sidenote")]
        .map((note) => note.getBoundingClientRect()).sort((a, b) => a.top - b.top)
        .every((r, i, all) => i === 0 || r.top >= all[i - 1].bottom - 0.5)""")
    text_right = thread.evaluate("""() => Math.max(...[...document.querySelectorAll('article p, article li')]
        .filter(el => !el.closest('.terms-on-page')).map(el => el.getBoundingClientRect().right))""")
    boxes = []
    for index in range(notes.count()):
        note = notes.nth(index)
        note.scroll_into_view_if_needed()
        expect(note).to_be_visible()
        placed = box(note)
        ref = box(thread.locator(f"#note-ref-{note.get_attribute('id').removeprefix('note-')}"))
        assert placed["x"] >= text_right, "a note overlaps the text column"
        assert placed["y"] >= ref["y"] - 30, "a note stands above its anchor"
        boxes.append(
            thread.evaluate(
                "el => { const r = el.getBoundingClientRect(); return [r.top + scrollY, r.bottom + scrollY]; }",
                note.element_handle(),
            )
        )
    boxes.sort()
    for (_, bottom), (top, _) in itertools.pairwise(boxes):
        assert top >= bottom - 0.5, "two notes overlap"
    thread.locator(".note-ref").first.scroll_into_view_if_needed()
    shot(thread, "sidenotes-desktop.png")


def test_narrow_screens_hide_notes_until_their_number_is_followed(phone: Page):
    ref = phone.locator(".note-ref a").first
    note = phone.locator("#" + ref.get_attribute("href").split("#")[-1])
    expect(note).to_be_hidden()
    ref.tap()
    expect(note).to_be_visible()
    expect(note).to_be_in_viewport()  # the jump to the note has landed: a tap now hits what it aims at
    placed = box(note)
    assert placed["x"] >= 0 and placed["x"] + placed["width"] <= 390
    shot(phone, "sidenotes-phone.png")
    note.locator(".sidenote__back").tap()
    expect(note).to_be_hidden()
    expect(ref).to_be_in_viewport()


def test_a_window_widened_past_the_margin_gets_its_notes_shortened_with_a_button_each(page: Page, site_url: str):
    """A narrow window shows each note whole, so it has no "Show the whole note" button; widened
    to where notes go in the margin, each note is shortened and gets one."""
    page.set_viewport_size({"width": 800, "height": 900})
    goto(page, site_url + POSTMORTEM + "/")
    notes = page.locator("article .sidenote")
    buttons = page.get_by_role("button", name="Show the whole note", include_hidden=True)
    expect(buttons).to_have_count(0)
    page.set_viewport_size({"width": 1400, "height": 900})
    expect(buttons).to_have_count(notes.count())
    first = notes.first
    first.scroll_into_view_if_needed()
    first.get_by_role("button", name="Show the whole note").click()
    expect(first.get_by_role("button", name="Show less")).to_be_visible()


def test_keyboard_reaches_a_note_and_comes_back(phone: Page):
    ref = phone.locator(".note-ref a").nth(1)
    note = phone.locator("#" + ref.get_attribute("href").split("#")[-1])
    ref.focus()
    phone.keyboard.press("Enter")
    expect(note).to_be_visible()
    expect(note).to_have_attribute("role", "note")
    note.locator(".sidenote__back").focus()
    phone.keyboard.press("Enter")
    expect(note).to_be_hidden()


def test_the_quoted_words_are_highlighted(thread: Page):
    mark = thread.locator("mark.note-anchor").first
    background = mark.evaluate("el => getComputedStyle(el).backgroundColor")
    assert background not in ("rgba(0, 0, 0, 0)", "transparent")


def test_a_long_note_opens_in_full_and_pushes_the_next_note_down(thread: Page):
    first, second = thread.locator("article .sidenote").nth(1), thread.locator("article .sidenote").nth(2)
    button = first.get_by_role("button", name="Show the whole note")
    button.scroll_into_view_if_needed()
    height, second_top = box(first)["height"], box(second)["y"]
    expect(button).to_have_attribute("aria-expanded", "false")
    button.click()
    expect(first.get_by_role("button", name="Show less")).to_have_attribute("aria-expanded", "true")
    thread.wait_for_function(  # the notes are placed again once the opened one has grown
        """([first, second, height, top]) => {
            const a = first.getBoundingClientRect(), b = second.getBoundingClientRect();
            return a.height > height && b.top > top && b.top >= a.bottom;
        }""",
        arg=[first.element_handle(), second.element_handle(), height, second_top],
    )
    assert box(first)["height"] > height
    assert box(second)["y"] >= box(first)["y"] + box(first)["height"]
    assert box(second)["y"] > second_top


def test_a_note_permalink_opens_that_note_in_full(page: Page, site_url: str):
    goto(page, site_url + POSTMORTEM + "/#note-agendas-origin")
    note = page.locator("#note-agendas-origin")
    expect(note).to_have_class("sidenote sidenote--reference is-open")
    expect(note).to_be_in_viewport()


def test_a_note_shows_its_opening_at_once_and_the_rest_once_the_popovers_file_has_come(page: Page, site_url: str):
    """The page holds a note's first sentences; its popovers file, fetched once the page is shown,
    the rest, which runs on in the same paragraph."""
    page.set_viewport_size({"width": 390, "height": 844})
    held: list = []
    page.route("**/index.popovers.html", lambda route: held.append(route))  # noqa: PLW0108 (Playwright reads its arity)
    with page.expect_request("**/index.popovers.html"):
        page.goto(site_url + POSTMORTEM + "/#note-agendas-origin", wait_until="load")
    note = page.locator("#note-agendas-origin .sidenote__body")
    expect(note).to_be_visible()
    expect(note).to_contain_text("proposed as a research pillar by Hubinger and colleagues at Anthropic in 2023.")
    expect(note).not_to_contain_text("Science of generalization")
    assert held, "the page asked for its popovers file"
    held[0].continue_()
    expect(note).to_contain_text("at Anthropic in 2023. Science of generalization matches a priority")
    expect(note.locator(".sidenote__para:not(.sidenote__sources)").last).to_have_text(
        "The sketches sometimes use the names more narrowly than these sources. The scalable oversight item, "
        "for instance, is about experiments with human participants only."
    )


def test_an_open_note_that_grows_by_its_rest_pushes_the_next_note_down(page: Page, site_url: str):
    """On a page where nothing else changes size when the popovers file comes (here, the thread
    without its terms list), an open note still grows by its rest and the next note makes room."""
    page.set_viewport_size({"width": 1400, "height": 900})
    held: list = []
    page.route("**/index.popovers.html", lambda route: held.append(route))  # noqa: PLW0108 (Playwright reads its arity)
    with page.expect_request("**/index.popovers.html"):
        page.goto(site_url + POSTMORTEM + "/", wait_until="load")
    page.locator(".terms-on-page").evaluate("el => el.remove()")
    first, second = page.locator("article .sidenote").nth(0), page.locator("article .sidenote").nth(1)
    first.get_by_role("button", name="Show the whole note").click()
    expect(first.get_by_role("button", name="Show less")).to_be_visible()
    height = box(first)["height"]
    assert held, "the page asked for its popovers file"
    held[0].continue_()
    expect(first.locator(".sidenote__sources")).to_be_visible()
    page.wait_for_function(
        "([first, second, height]) => first.getBoundingClientRect().height > height"
        " && second.getBoundingClientRect().top >= first.getBoundingClientRect().bottom",
        arg=[first.element_handle(), second.element_handle(), height],
    )
