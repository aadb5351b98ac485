"""The adapter's MkDocs side that is not an event: the nav entry that stands for the discussions
folder, the discussions' order in the nav, and the bundles' list of assets."""

from pathlib import Path

import pytest
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation, Section, get_navigation
from mkdocs.structure.pages import Page

from mkdocs_adapter.nav import in_order, with_discussions
from mkdocs_adapter.site import ASSETS, SCRIPTS, STYLESHEETS

pytestmark = pytest.mark.unit

ORDER = ["discussions/b.md", "discussions/a.md", "discussions/c.md"]


def test_the_folder_entry_stands_for_every_discussion_the_nav_does_not_name():
    nav = ["index.md", {"Threads": "discussions/"}, {"Pinned": ["discussions/a.md"]}]
    expanded, unlisted = with_discussions(nav, ORDER, "discussions/")
    assert expanded == [
        "index.md",
        {"Threads": ["discussions/b.md", "discussions/c.md"]},
        {"Pinned": ["discussions/a.md"]},
    ]
    assert unlisted == []


def test_a_bare_folder_entry_in_a_list_is_replaced_in_place():
    expanded, _ = with_discussions(["index.md", "discussions", "about.md"], ORDER, "discussions/")
    assert expanded == ["index.md", *ORDER, "about.md"]


def test_without_the_folder_entry_each_discussion_left_out_is_named():
    expanded, unlisted = with_discussions(["index.md", "discussions/a.md"], ORDER, "discussions/")
    assert expanded == ["index.md", "discussions/a.md"]
    assert unlisted == ["discussions/b.md", "discussions/c.md"]


def navigation(tmp_path: Path, nav: list[object]) -> Navigation:
    config = MkDocsConfig()
    config.load_dict({"site_name": "t", "docs_dir": str(tmp_path), "nav": nav})
    failed, _ = config.validate()
    assert not failed
    names = ["index.md", "about.md", *ORDER]
    files = Files([File(name, str(tmp_path), str(tmp_path / "site"), True) for name in names])
    return get_navigation(files, config)


def titles(items: list[object]) -> list[object]:
    return [
        item.file.src_uri if isinstance(item, Page) else titles(item.children) if isinstance(item, Section) else None
        for item in items
    ]


def test_discussions_take_the_sites_order_in_every_section_and_in_previous_and_next(tmp_path):
    nav = navigation(tmp_path, ["index.md", {"Threads": ["discussions/a.md", "discussions/c.md", "discussions/b.md"]}])
    in_order(nav, ORDER)
    assert titles(nav.items) == ["index.md", ["discussions/b.md", "discussions/a.md", "discussions/c.md"]]
    assert [page.file.src_uri for page in nav.pages] == ["index.md", *ORDER]
    first, second = nav.pages[0], nav.pages[1]
    assert first.next_page is second and second.previous_page is first and nav.pages[-1].next_page is None


def test_other_pages_keep_their_places_among_the_discussions(tmp_path):
    nav = navigation(tmp_path, ["discussions/c.md", "about.md", "discussions/b.md"])
    in_order(nav, ORDER)
    assert titles(nav.items) == ["discussions/b.md", "about.md", "discussions/c.md"]


def test_the_bundles_list_every_asset_once():
    """An asset added to the folder but not to the lists would never reach a page."""
    assert sorted([*SCRIPTS, *STYLESHEETS]) == sorted(path.name for path in ASSETS.iterdir())
