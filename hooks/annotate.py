"""MkDocs adapter: each build event hands its work to `annotation_engine`, which knows nothing of MkDocs.

The engine lives for one build: made in `on_config`, dropped when the build ends. Options are in
annotate_options.py. Every problem goes to `report`, which logs it as an error (so `--strict`
fails and the rest of the build still shows every other problem); a `PluginError` only stops a
build that cannot go on at all (`--dirty`, invalid options).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from mkdocs.config.config_options import ExtraScriptValue
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page

from annotate_options import annotations_dir, engine_for, options, workflow_folder
from annotation_engine import Engine, Problem, resolve, summary
from annotation_engine import report as report_of
from annotation_engine.bundle import Bundle, bundle
from annotation_engine.export import DATA, SCHEMA, SCHEMA_FILE
from annotation_engine.workflow import workflow_command

log = get_plugin_logger("annotations")
coverage_log = get_plugin_logger("annotations.coverage")  # the whole list, when asked for
ASSETS = Path(__file__).parent / "assets"
ASSETS_URI = "assets/annotations"
STORE_SUFFIX = ".popovers.html"  # index.html's popovers are in index.popovers.html
_engine: Engine | None = None
_files: Files | None = None
_nav: Navigation | None = None
_bundles: list[Bundle] = []  # the one script and the one stylesheet every page loads
_bundled: set[str] = set()  # the site's own stylesheets in docs_dir, now inside the bundle
_on_the_diff: str | None = None  # under GitHub Actions: mkdocs.yml's folder, from the repository's root


def report(problem: Problem) -> None:
    log.error(str(problem))  # an error, so that `mkdocs build -q --strict` counts it too
    if _on_the_diff is not None:  # a pull request shows it on the line it names
        print(workflow_command(problem, _on_the_diff), flush=True)


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
    global _engine, _on_the_diff
    _on_the_diff = workflow_folder(config)
    if "attr_list" not in config.markdown_extensions:  # the glossary's headings carry their ids
        config.markdown_extensions.append("attr_list")
    _engine = engine_for(config, report)
    extensions: list[Any] = config.markdown_extensions  # MkDocs takes Extension instances here too
    extensions.extend(_engine.markdown_extensions())
    _bundle_assets(config)
    return config


def _bundle_assets(config: MkDocsConfig) -> None:
    """The hook's scripts, and its stylesheets followed by the site's own (mkdocs.yml's `extra_css`
    files in docs_dir, which keep the last word), as one file of each kind in place of them all."""
    global _bundles, _bundled
    docs = Path(config.docs_dir)
    _bundled = {uri for uri in config.extra_css if (docs / uri).is_file()}
    styles = sorted(ASSETS.glob("*.css")) + [docs / uri for uri in config.extra_css if uri in _bundled]
    root = Path(config.config_file_path).parent
    script = bundle("annotations", sorted(ASSETS.glob("*.js")), report, root)
    stylesheet = bundle("annotations", styles, report, root)
    _bundles = [script, stylesheet]
    config.extra_css[:] = [uri for uri in config.extra_css if uri not in _bundled]
    config.extra_css.append(f"{ASSETS_URI}/{stylesheet.name}")
    deferred = ExtraScriptValue(f"{ASSETS_URI}/{script.name}")
    deferred.defer = True  # it runs once the page is parsed: the first paint never waits for it
    config.extra_javascript.append(deferred)


def on_files(files: Files, config: MkDocsConfig) -> Files:
    """The glossary's pages, the schema of its data and the assets join the site; the discussions
    join the navigation."""
    global _files
    sources = {file.src_uri: _reader(file) for file in files.documentation_pages()}
    for src_uri, content in _now().generated_pages(sources).items():
        files.append(File.generated(config, src_uri, content=content))
    _publish(files, File.generated(config, SCHEMA, abs_src_path=str(SCHEMA_FILE)))
    for src_uri in _bundled:
        bundled = files.get_file_from_path(src_uri)
        if bundled is not None:
            files.remove(bundled)
    for found in _bundles:
        files.append(File.generated(config, f"{ASSETS_URI}/{found.name}", content=found.content))
    _files = files
    if config.nav is not None:
        config.nav = with_discussions(config.nav, _now(), _now().discussions_dir + "/")
    return files


def _publish(files: Files, file: File) -> None:
    """A file of the glossary's data joins the site; a file of the site's own at its path is
    reported and kept, never silently replaced."""
    if files.get_file_from_path(file.src_uri) is None:
        files.append(file)
        return
    _now().report(
        Problem(
            _now().page_path(file.src_uri),
            "this path is generated from the annotations: the glossary's data is published there.",
            "rename or move the file.",
        )
    )


def _reader(file: File) -> Callable[[], str]:
    return lambda: file.content_string


def with_discussions(nav: Any, engine: Engine, folder: str) -> Any:
    """`nav` with the entry that names the discussions folder (`- Discussions: discussions/`, or
    `- discussions/` in a list) replaced by every discussion it does not list already; `on_env`
    puts them in the site's order once their titles are known. A discussion left out of a nav
    without that entry is a problem: the nav would need a line for each new one."""
    folders = {folder, folder.rstrip("/")}
    named = set(_leaves(nav))
    discussions = [src for src in engine.discussion_order() if src not in named]
    if not folders & named:
        for src_uri in discussions:
            engine.report(
                Problem(
                    engine.page_path(src_uri),
                    "this discussion is not in the nav, and the nav has no entry for the folder of discussions.",
                    f"list them all with one entry '- Discussions: {folder}' in mkdocs.yml's nav.",
                )
            )

    def expand(item: Any) -> Any:
        if isinstance(item, list):
            return [new for child in item for new in (discussions if _is(child, folders) else [expand(child)])]
        if isinstance(item, dict):
            return {title: discussions if _is(value, folders) else expand(value) for title, value in item.items()}
        return item

    return expand(nav)


def _is(item: Any, folders: set[str]) -> bool:
    return isinstance(item, str) and item in folders


def _leaves(nav: Any) -> Iterator[str]:
    """Every path or URL the nav names."""
    if isinstance(nav, list):
        for child in nav:
            yield from _leaves(child)
    elif isinstance(nav, dict):
        for child in nav.values():
            yield from _leaves(child)
    else:
        yield str(nav)


def on_nav(nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
    """The sidebar shows the glossary's index; the index and each letter page link the letters."""
    global _nav
    letters = _now().letter_pages
    for section in nav.items:
        if isinstance(section, Section):
            section.children = [c for c in section.children if not (isinstance(c, Page) and c.file.src_uri in letters)]
    _nav = nav
    return nav


def in_order(nav: Navigation, order: list[str]) -> None:
    """The discussions of every section of `nav` in `order`, and every page's previous and next
    page with them: the titles that decide the order are known only once every page is parsed."""
    place = {src_uri: n for n, src_uri in enumerate(order)}

    def arrange(items: list[Any]) -> None:
        ranks = [place.get(item.file.src_uri) if isinstance(item, Page) else None for item in items]
        slots = [n for n, rank in enumerate(ranks) if rank is not None]
        for slot, item in zip(
            slots, sorted((items[n] for n in slots), key=lambda p: place[p.file.src_uri]), strict=True
        ):
            items[slot] = item
        for item in items:
            if isinstance(item, Section):
                arrange(item.children)

    arrange(nav.items)
    pages: list[Page] = []

    def collect(items: list[Any]) -> None:
        for item in items:
            if isinstance(item, Page):
                pages.append(item)
            elif isinstance(item, Section):
                collect(item.children)

    collect(nav.items)
    nav.pages[:] = pages
    for before, page, after in zip([None, *pages[:-1]], pages, [*pages[1:], None], strict=True):
        page.previous_page, page.next_page = before, after


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    return _now().begin_page(page.file.src_uri, markdown)


# Last, after every plugin's on_page_content: if one changed the HTML after the term links were
# lifted out (lift.py), finish_page could not put them back. (A plugin that reads pages here sees
# the glossary's entries before their definitions are filled in.)
@event_priority(-100)
def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    return _now().end_page(page.file.src_uri, html)


def on_env(env: Any, config: MkDocsConfig, files: Files) -> Any:
    """Every page has been parsed: the engine can produce what depends on all of them, and the
    glossary's data joins the site (MkDocs copies files once this event has run): into `files`, the
    collection as every plugin left it, which the URL function reads from now on (a plugin after
    this hook's on_files may have replaced the one it saw)."""
    global _files
    engine, _files = _now(), files
    titles = {f.src_uri: f.page.title for f in files.documentation_pages() if f.page}
    engine.collect({src_uri: title for src_uri, title in titles.items() if isinstance(title, str) and title})
    data = File.generated(config, DATA, content="")
    data.content_string = engine.glossary_export(url_from(data))
    _publish(files, data)
    if _nav is not None:
        in_order(_nav, engine.discussion_order())
    return env


def url_from(page: File) -> Callable[[str], str]:
    """The one URL function: from `page` to the page built from a source path, by MkDocs' File objects."""

    def url(src_uri: str) -> str:
        target = _files.get_file_from_path(src_uri) if _files else None
        if target is None:
            report(
                Problem(
                    _now().page_path(page.src_uri),
                    f"the annotations link to {src_uri}, which is not a page of the site.",
                    "report this: a term or note links to a page that was never added.",
                )
            )
            return "#"
        return target.url_relative_to(page)

    return url


@event_priority(100)  # first: it finds the page's content, as on_page_content left it, in the output
def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    """The term links go back and the late parts join the page as it is written, after search has
    read it, and every reference becomes a URL; the page's popovers are written beside it. MkDocs
    keeps each page's content until the build ends; none of this needs keeping."""
    written = Path(page.file.abs_dest_path)
    store = written.with_name(written.stem + STORE_SUFFIX)
    finished = _now().finish_page(
        page.file.src_uri,
        output,
        page.content or "",
        url_from(page.file),
        store_url=store.name,
        base=page.canonical_url or "",
    )
    if finished.popovers:
        store.parent.mkdir(parents=True, exist_ok=True)
        store.write_text(finished.popovers, encoding="utf-8")
    return finished.html


@event_priority(100)  # first: the engine is let go before the search plugin serialises its index
def on_post_build(config: MkDocsConfig) -> None:
    for src_uri, term_id in _now().redirects.items():
        stub = File(src_uri, None, config.site_dir, config.use_directory_urls)
        Path(stub.abs_dest_path).parent.mkdir(parents=True, exist_ok=True)
        Path(stub.abs_dest_path).write_text(resolve(_now().redirect_html(term_id), url_from(stub)), encoding="utf-8")
    candidates = _now().coverage()
    if options(config).coverage == "report":
        coverage_log.info(report_of(candidates))
    log.info(summary(candidates))
    _forget()


def on_build_error(error: Exception) -> None:
    _forget()


def _forget() -> None:
    """Nothing of one build outlives it: `mkdocs serve` runs the events again without re-importing."""
    global _engine, _files, _nav
    _engine, _files, _nav = None, None, None


def on_serve(server: Any, config: MkDocsConfig, builder: Callable[[], None]) -> Any:
    server.watch(str(annotations_dir(config)))  # an annotation edit rebuilds, as a page edit does
    server.watch(str(ASSETS))  # and so does an edit of a script or a stylesheet the pages load
    return server
