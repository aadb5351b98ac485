"""MkDocs adapter: each build event hands its work to `annotation_engine`, which knows nothing of MkDocs.

Options live under `extra.annotations` in mkdocs.yml (a hook cannot declare config keys); `Options`
lists them. The engine's state lives for one build: made in `on_config`, dropped when it ends.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page

from annotation_engine import Engine, MarkdownConfig, PageInfo, Problem, Report, resolve, summary

log = get_plugin_logger("annotations")
ASSETS = Path(__file__).parent / "assets"
ASSETS_URI = "assets/annotations"


class Options(base.Config):
    """`extra.annotations` in mkdocs.yml."""

    dir = c.Type(str, default="annotations")
    """The folder of annotation files, relative to mkdocs.yml."""
    discussions = c.Type(str, default="discussions")
    """The folder inside docs/ that holds the discussion pages."""
    glossary = c.Type(str, default="glossary")
    """The folder inside docs/ the glossary is generated into; it must not exist in docs/."""


def options(config: MkDocsConfig) -> Options:
    """The validated options, or a one-line error naming the key."""
    found = Options(config_file_path=config.config_file_path)
    found.load_dict(dict((config.extra or {}).get("annotations") or {}))
    failed, _ = found.validate()
    if failed:
        raise PluginError("mkdocs.yml: extra.annotations: " + "; ".join(f"'{k}': {e}" for k, e in failed))
    return found


def report(problem: Problem) -> None:
    log.error(str(problem))  # an error, so that `mkdocs build -q --strict` counts it too


def engine_for(config: MkDocsConfig, report: Report = report) -> Engine:
    """The engine for one build, with the site's own Markdown configuration."""
    chosen = options(config)
    markdown = MarkdownConfig(list(config.markdown_extensions), dict(config.mdx_configs))
    return Engine(Path(config.config_file_path).parent / chosen.dir, report, markdown,
                  chosen.glossary, chosen.discussions)


_engine: Engine | None = None
_files: Files | None = None


def on_startup(command: str, dirty: bool) -> None:
    if dirty:
        raise PluginError("annotations: --dirty rebuilds only the pages you changed, so the glossary and the "
                          "popovers would miss the others. Run without --dirty; a full build takes a few seconds.")


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    global _engine
    config.markdown_extensions.extend(e for e in ("attr_list",) if e not in config.markdown_extensions)
    _engine = engine_for(config)
    config.markdown_extensions.extend(_engine.markdown_extensions())
    for asset in sorted(ASSETS.iterdir()):
        (config.extra_javascript if asset.suffix == ".js" else config.extra_css).append(f"{ASSETS_URI}/{asset.name}")
    return config


def _now() -> Engine:
    if _engine is None:
        raise PluginError("annotations: the hook ran outside a build; list hooks/annotate.py under 'hooks:'.")
    return _engine


def on_files(files: Files, config: MkDocsConfig) -> Files:
    global _files
    engine = _now()
    generated = engine.generated_pages()
    for src_uri in [*generated, *engine.redirects()]:
        if files.get_file_from_path(src_uri):
            raise PluginError(f"docs/{src_uri}: this path is generated from the annotations. "
                              "Move the file, or set extra.annotations.glossary to another folder.")
    for src_uri, content in generated.items():
        files.append(File.generated(config, src_uri, content=content))
    for asset in sorted(ASSETS.iterdir()):
        files.append(File.generated(config, f"{ASSETS_URI}/{asset.name}", abs_src_path=str(asset)))
    engine.check_pages(f.src_uri for f in files.documentation_pages())
    _files = files
    return files


def on_nav(nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
    """The sidebar shows the glossary's index; the index and each letter page link the letters."""
    letters = set(_now().letter_pages)
    for section in nav.items:
        if isinstance(section, Section):
            section.children = [c for c in section.children if not (isinstance(c, Page) and c.file.src_uri in letters)]
    return nav


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    engine = _now()
    if engine.is_discussion(page.file.src_uri) and markdown.startswith("---") and not page.meta:
        report(Problem(f"docs/{page.file.src_uri}", "the front matter between the '---' lines is not valid YAML, "
                       "so MkDocs shows it as text.", "quote values that contain ': '."))
    engine.begin_page(page.file.src_uri)
    return markdown


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    return _now().end_page(page.file.src_uri, html)


def on_env(env: Any, config: MkDocsConfig, files: Files) -> Any:
    """Every page has been parsed: the engine can produce what depends on all of them."""
    engine = _now()
    engine.resolve(PageInfo(f.src_uri, f.page.title or f.name, str(f.page.meta.get("description") or ""))
                   for f in files.documentation_pages() if f.page and engine.is_discussion(f.src_uri))
    return env


def url_from(page: File) -> Callable[[str], str]:
    """The one URL function: from `page` to the page built from a source path, by MkDocs' own File objects."""
    files = _files

    def url(src_uri: str) -> str:
        target = files.get_file_from_path(src_uri) if files else None
        if target is None:
            raise PluginError(f"docs/{page.src_uri}: the annotations link to {src_uri}, which is not a page.")
        return target.url_relative_to(page)
    return url


@event_priority(-100)  # after the search plugin has indexed page.content: late parts stay out of search
def on_page_context(context: dict[str, Any], page: Page, config: MkDocsConfig, nav: Navigation) -> dict[str, Any]:
    page.content = resolve(_now().finish_page(page.file.src_uri, page.content or ""), url_from(page.file))
    return context


def on_post_build(config: MkDocsConfig) -> None:
    global _engine, _files
    engine = _now()
    for src_uri, html in engine.redirects().items():
        stub = File(src_uri, None, config.site_dir, config.use_directory_urls)
        Path(stub.abs_dest_path).parent.mkdir(parents=True, exist_ok=True)
        Path(stub.abs_dest_path).write_text(resolve(html, url_from(stub)), encoding="utf-8")
    log.info(summary(engine.coverage()))
    _engine = _files = None


def on_build_error(error: Exception) -> None:
    global _engine, _files
    _engine = _files = None


def on_serve(server: Any, config: MkDocsConfig, builder: Callable[[], None]) -> Any:
    server.watch(str(Path(config.config_file_path).parent / options(config).dir))  # annotations rebuild too
    return server
