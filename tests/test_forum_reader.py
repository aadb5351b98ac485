"""A thread imported from a forum's own data, as a reader sees it in Chromium: the date that links
to the comment on the forum, a deleted comment's line, a retracted comment struck through."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from conftest import build_site, opened, project_copy, serving
from test_import import run_import

pytestmark = pytest.mark.browser

FIXTURE = Path(__file__).parent / "fixtures" / "forums" / "forummagnum.json"


@pytest.fixture(scope="module")
def thread(browser: Browser, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Page]:
    root = tmp_path_factory.mktemp("forum-reader")
    config = project_copy(root / "project", second_discussion=False)
    done = run_import(root / "project", str(FIXTURE), "lw")
    assert done.returncode == 0, done.stderr
    with serving(root / "site") as url:
        built = build_site(config, root / "site", site_url=url)
        assert built.ok, built.log
        with opened(browser) as page:
            page.goto(url + "discussions/lw/")
            yield page


def comment(page: Page, number: int):
    return page.locator("article.comment").nth(number - 1)


def test_the_date_links_to_the_comment_on_the_forum(thread: Page):
    posted = comment(thread, 2).locator(".comment-meta a.comment__source")
    expect(posted).to_have_text("2 March 2025")
    expect(posted).to_have_attribute("href", FIXTURE_COMMENT_URL)
    expect(comment(thread, 2).locator(".comment-meta")).to_contain_text("edited 3 March 2025")


def test_a_deleted_comment_keeps_its_place_and_says_so(thread: Page):
    deleted = comment(thread, 4)
    expect(deleted.locator(".comment-status")).to_be_visible()
    expect(deleted.locator(".comment-status")).to_contain_text("Deleted on the forum")
    expect(comment(thread, 5).locator(".comment-meta")).to_contain_text("in reply to comment 4")


def test_a_retracted_comment_is_struck_through_but_its_labels_are_not(thread: Page):
    retracted = comment(thread, 5)
    words = retracted.locator(":scope > p:not(.comment-meta, .comment-status)").first
    expect(words).to_have_css("text-decoration-line", "line-through")
    expect(retracted.locator(".comment-status")).to_have_css("text-decoration-line", "none")
    expect(retracted.locator(".comment-status")).to_contain_text("Retracted by its author")


FIXTURE_COMMENT_URL = (
    "https://www.lesswrong.com/posts/pQ7rSt2uVw9xYz3Ab/how-would-we-notice-a-model-hiding-what-it-knows"
    "?commentId=c1AaBbCcDdEeFfGg1"
)
