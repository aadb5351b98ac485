"""MkDocs adapter: each build event hands its work to `annotation_engine`, which knows nothing of MkDocs.

The engine lives for one build: made in `on_config`, dropped when the build ends. Options are in
annotate_options.py.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page

from annotate_options import annotations_dir, engine_for
from annotation_engine import Engine, PageInfo, Problem, resolve, summary

log = get_plugin_logger("annotations")
ASSETS = Path(__file__).parent / "assets"
ASSETS_URI = "assets/annotations"
_engine: Engine | None = None
_files: Files | None = None


def report(problem: Problem) -> None:
    log.error(str(problem))  # an error, so that `mkdocs build -q --strict` counts it too


def _now() -> Engine:
    if _engine is None:
        raise PluginError("annotations: the hook ran outside a build; list hooks/annotate.py under 'hooks:'.")
    return _engine


def on_startup(command: str, dirty: bool) -> None:
    if dirty:
        raise PluginError(
            "annotations: --dirty rebuilds only the pages you changed, so the glossary and the "
            "popovers would miss the others. Run without --dirty; a full build takes seconds."
        )


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    global _engine
    if "attr_list" not in config.markdown_extensions:  # the glossary's headings carry their ids
        config.markdown_extensions.append("attr_list")
    _engine = engine_for(config, report)
    extensions: list[Any] = config.markdown_extensions  # MkDocs takes Extension instances here too
    extensions.extend(_engine.markdown_extensions())
    for asset in sorted(ASSETS.iterdir()):
        (config.extra_javascript if asset.suffix == ".js" else config.extra_css).append(f"{ASSETS_URI}/{asset.name}")
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    global _files
    existing = [file.src_uri for file in files.documentation_pages()]
    for src_uri, content in _now().generated_pages(existing).items():
        files.append(File.generated(config, src_uri, content=content))
    for asset in sorted(ASSETS.iterdir()):
        files.append(File.generated(config, f"{ASSETS_URI}/{asset.name}", abs_src_path=str(asset)))
    _files = files
    return files


def on_nav(nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
    """The sidebar shows the glossary's index; the index and each letter page link the letters."""
    letters = _now().letter_pages
    for section in nav.items:
        if isinstance(section, Section):
            section.children = [c for c in section.children if not (isinstance(c, Page) and c.file.src_uri in letters)]
    return nav


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    if markdown.startswith("---") and not page.meta and _now().is_discussion(page.file.src_uri):
        report(
            Problem(
                f"docs/{page.file.src_uri}",
                "the front matter between the '---' lines is not valid YAML, so MkDocs shows it as text.",
                "quote values that contain ': '.",
            )
        )
    _now().begin_page(page.file.src_uri, page.meta.get("link_terms"))
    return markdown


# Last, after every plugin's on_page_content: if one changed the HTML after the term links were
# lifted out (lift.py), finish_page could not put them back. (A plugin that reads pages here sees
# the glossary's entries before their definitions are filled in.)
@event_priority(-100)
def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    return _now().end_page(page.file.src_uri, html)


def on_env(env: Any, config: MkDocsConfig, files: Files) -> Any:
    """Every page has been parsed: the engine can produce what depends on all of them."""
    _now().collect(
        PageInfo(f.src_uri, f.page.title or f.name, str(f.page.meta.get("description") or ""))
        for f in files.documentation_pages()
        if f.page and _now().is_discussion(f.src_uri)
    )
    return env


def url_from(page: File) -> Callable[[str], str]:
    """The one URL function: from `page` to the page built from a source path, by MkDocs' File objects."""

    def url(src_uri: str) -> str:
        target = _files.get_file_from_path(src_uri) if _files else None
        if target is None:
            raise PluginError(f"docs/{page.src_uri}: the annotations link to {src_uri}, which is not a page.")
        return target.url_relative_to(page)

    return url


@event_priority(100)  # first: it finds the page's content, as on_page_content left it, in the output
def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    """The term links go back and the late parts join the page as it is written, after search has
    read it, and every reference becomes a URL: MkDocs keeps each page's content until the build
    ends; none of this needs keeping."""
    return _now().finish_page(page.file.src_uri, output, page.content or "", url_from(page.file))


@event_priority(100)  # first: the engine is let go before the search plugin serialises its index
def on_post_build(config: MkDocsConfig) -> None:
    for src_uri, term_id in _now().redirects.items():
        stub = File(src_uri, None, config.site_dir, config.use_directory_urls)
        Path(stub.abs_dest_path).parent.mkdir(parents=True, exist_ok=True)
        Path(stub.abs_dest_path).write_text(resolve(_now().redirect_html(term_id), url_from(stub)), encoding="utf-8")
    log.info(summary(_now().coverage()))
    _forget()


def on_build_error(error: Exception) -> None:
    _forget()


def _forget() -> None:
    """Nothing of one build outlives it: `mkdocs serve` runs the events again without re-importing."""
    global _engine, _files
    _engine = _files = None


def on_serve(server: Any, config: MkDocsConfig, builder: Callable[[], None]) -> Any:
    server.watch(str(annotations_dir(config)))  # an annotation edit rebuilds, as a page edit does
    return server
