"""MkDocs' build events, each handed to one build's `Site` (mkdocs_adapter/site.py), which tells
MkDocs about the work of `annotation_engine` (which knows nothing of MkDocs).

The `Site` is made in `on_config` and dropped when the build ends: `mkdocs serve` runs the events
again without re-importing this module, and nothing of one build outlives it. A `PluginError` only
stops a build that cannot go on at all (`--dirty`, invalid options); every other problem is
reported and the build goes on, so that `--strict` fails showing them all.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from mkdocs_adapter.options import annotations_dir
from mkdocs_adapter.site import ASSETS, Site

_site: Site | None = None


def _now() -> Site:
    if _site is None:
        raise PluginError("annotations: the hook ran outside a build; list hooks/annotate.py under 'hooks:'.")
    return _site


def on_startup(command: str, dirty: bool) -> None:
    if dirty:
        raise PluginError(
            "annotations: --dirty rebuilds only the pages you changed, so the glossary and the "
            "popovers would miss the others. Run without --dirty; a full build takes seconds."
        )


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    global _site
    _site = Site(config)
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    return _now().add_files(files)


def on_nav(nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
    return _now().arrange_nav(nav)


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    return _now().pages.begin_page(page.file.src_uri, markdown)


# Last, after every plugin's on_page_content: a plugin that reads pages here sees the page as
# converted, with its term links, and the markers of the parts that join it as it is written.
@event_priority(-100)
def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    return _now().pages.end_page(page.file.src_uri, html)


def on_env(env: Any, config: MkDocsConfig, files: Files) -> Any:
    _now().theme_globals(env)
    _now().every_page_parsed(files)
    return env


def on_page_context(context: dict[str, Any], page: Page, config: MkDocsConfig, nav: Navigation) -> dict[str, Any]:
    return _now().page_context(context, page)


@event_priority(100)  # first: the parts join the page before another plugin reads what is written
def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    return _now().write_page(output, page)


@event_priority(100)  # first: the build is let go before the search plugin serialises its index
def on_post_build(config: MkDocsConfig) -> None:
    _now().end()
    _forget()


def on_build_error(error: Exception) -> None:
    _forget()


def _forget() -> None:
    global _site
    if _site is not None:
        _site.close()
    _site = None


def on_serve(server: Any, config: MkDocsConfig, builder: Callable[[], None]) -> Any:
    server.watch(str(annotations_dir(config)))  # an annotation edit rebuilds, as a page edit does
    server.watch(str(ASSETS))  # and so does an edit of a script or a stylesheet the pages load
    return server
