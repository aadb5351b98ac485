"""Search, as a reader uses it: a definition's words find the term's entry first.

That popover text adds nothing to the thread's own entry in the index is checked on the built
index itself (tests/test_site.py), where it can be asserted exactly.
"""

import pytest
from playwright.sync_api import Page, expect

from conftest import goto

pytestmark = pytest.mark.browser  # Chromium, driven by Playwright


@pytest.mark.parametrize(
    "query, first",
    [
        ("latent knowledge", "ELK"),
        ("real log canonical threshold", "RLCT"),
        ("goodhart", "Goodhart’s law"),
    ],
)
def test_a_definitions_words_find_its_entry_first(page: Page, site_url: str, query: str, first: str):
    goto(page, site_url)
    page.locator(".md-search__input").click()
    page.locator(".md-search__input").press_sequentially(query)
    results = page.locator(".md-search-result__item")
    expect(results.first.locator("h2").first).to_have_text(first)  # the entry: a section of its letter page
