"""What a reader does, in a real Chromium: read the thread, follow a term, come back to the text."""

import re
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Page, expect

from conftest import POSTMORTEM, POSTMORTEM_SOURCE

pytestmark = pytest.mark.browser  # Chromium, driven by Playwright


def test_the_reader_sees_every_line_of_the_thread(page: Page, site_url):
    page.goto(site_url + POSTMORTEM + "/")
    page.evaluate("document.querySelectorAll('article .sidenote, article .note-ref').forEach(n => n.remove())")
    text = re.sub(r"\s+", " ", page.locator("article.md-content__inner").inner_text())
    lines = {line.strip() for line in POSTMORTEM_SOURCE.read_text(encoding="utf-8").splitlines() if line.strip()}
    assert sorted(line for line in lines if line not in text) == []


def test_a_term_leads_to_its_entry_and_back_to_the_exact_occurrence(page: Page, site_url):
    page.goto(site_url + POSTMORTEM + "/")
    page.locator("article.comment[data-comment=comment-6] > p a.term[data-term=elk]").first.click()
    expect(page).to_have_url(re.compile(r"/glossary/e/#elk$"))
    expect(page.locator("article h2#elk")).to_have_text(re.compile("^ELK"))
    expect(page.locator("article h2#elk")).to_be_in_viewport()

    page.locator("#elk ~ .term-mentions").first.locator("li > a").nth(2).click()
    expect(page).to_have_url(re.compile(r"#mention-elk-3$"))
    occurrence = page.locator("#mention-elk-3")
    expect(occurrence).to_be_in_viewport()
    expect(occurrence).to_have_text("ELK")


def test_pages_request_nothing_from_other_hosts(page: Page, site_url):
    hosts = set()
    page.on("request", lambda request: hosts.add(urlsplit(request.url).netloc))
    for path in ["", POSTMORTEM + "/", "glossary/", "glossary/e/", "glossary/elk/"]:
        page.goto(site_url + path, wait_until="networkidle")
    assert hosts == {urlsplit(site_url).netloc}


def test_the_thread_fits_a_phone_screen(browser, site_url):
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.goto(site_url + POSTMORTEM + "/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    context.close()


def test_an_old_entry_address_lands_on_the_entry(page: Page, site_url):
    page.goto(site_url + "glossary/elk/")
    expect(page).to_have_url(re.compile(r"/glossary/e/#elk$"))
    expect(page.locator("article h2#elk")).to_be_in_viewport()
