"""A renamed term's old addresses, followed in Chromium."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from conftest import serving
from test_discussions_site import renamed_site

pytestmark = pytest.mark.browser  # Chromium, driven by Playwright
__all__ = ["renamed_site"]  # the fixture: the project with two terms renamed


@pytest.mark.parametrize(
    "old, entry_url",
    [("glossary/e/#elk", r"glossary/e/#elk$"), ("glossary/d/#debate", r"glossary/a/#ai-safety-via-debate$")],
    ids=["same page", "another page"],
)
def test_an_old_fragment_lands_on_the_renamed_entry(renamed_site, browser, old, entry_url):
    """ELK's entry stays on the E page under a new id; debate's moves to the A page."""
    with serving(renamed_site.site) as url:
        page = browser.new_page(viewport={"width": 1400, "height": 900})
        page.goto(url + old)
        page.wait_for_url(re.compile(entry_url))
        heading = page.locator("h2", has_text=re.compile("^(ELK|AI safety via debate)"))
        expect(heading).to_be_in_viewport()
        page.close()
