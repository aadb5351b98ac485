"""What the hook does with MkDocs' own objects that is not an event: one build's `Site`.

The event functions in `hooks/annotate.py` each hand their work to one method here, and the
engine (which knows nothing of MkDocs) does the annotation work. What lives here is how MkDocs
is told about it: the Markdown extension and the bundled assets in the config, the generated
files in the collection, the nav entry that stands for the discussions folder, the discussions'
order in the nav, the one URL function, the redirect pages, and the one channel for problems.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from mkdocs.config.config_options import ExtraScriptValue
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page

from annotation_engine import Problem, candidates_list, candidates_summary
from annotation_engine.engine import Pages, Whole
from annotation_engine.site.bundle import Bundle, bundle
from annotation_engine.site.export import DATA, SCHEMA, SCHEMA_FILE
from annotation_engine.workflow import workflow_command

from .nav import in_order, with_discussions
from .options import engine_for, options, workflow_folder
from .theme import MATERIAL_SCRIPT, material_scripts

log = get_plugin_logger("annotations")
candidates_log = get_plugin_logger("annotations.candidates")  # the whole list, when asked for
ASSETS = Path(__file__).parent.parent / "assets"
ASSETS_URI = "assets/annotations"
STORE_SUFFIX = ".popovers.html"  # index.html's popovers are in index.popovers.html
# What the bundles join, in this order: shared.js first, since the others read what it defines as
# they load; the site's own stylesheets come after these, to win ties.
SCRIPTS = ("shared.js", "annotations.js", "reader.js", "sidenotes.js")
STYLESHEETS = ("annotations.css", "comments.css")
# What the stylesheets and the scripts share, defined here once and written in by the bundle where
# they name it: the width from which notes sit in the margin, and where the Terms setting is kept
# (which the page's head also reads, before the first paint: overrides/main.html).
TERMS_KEY = "annotations.terms"
KNOWN_KEY = "annotations.known"  # the terms a reader marked as known: a JSON list of their ids
SETTINGS = {
    "(--annotations-wide)": "(min-width: 76.25em)",
    "--annotations-terms-key": TERMS_KEY,
    "--annotations-known-key": KNOWN_KEY,
}


class Site:
    """One build, as MkDocs sees it: made by `on_config`, dropped when the build ends."""

    def __init__(self, config: MkDocsConfig) -> None:
        self.config = config
        self.on_the_diff = workflow_folder(config)  # under GitHub Actions: mkdocs.yml's folder from the repository's
        if "attr_list" not in config.markdown_extensions:  # the glossary's headings carry their ids
            config.markdown_extensions.append("attr_list")
        self.engine = engine_for(config, self.report)
        extensions: list[Any] = config.markdown_extensions  # MkDocs takes Extension instances here too
        extensions.extend(self.engine.markdown_extensions())
        self.bundles, self.bundled = self._bundle_assets()
        self.files: Files | None = None
        self.nav: Navigation | None = None
        self.scratch = tempfile.TemporaryDirectory(prefix="annotations-")  # files this build publishes; see `close`
        self._pages: Pages | None = None  # the engine's stage 2, once on_files has run
        self._whole: Whole | None = None  # its stage 3, once on_env has run

    @property
    def pages(self) -> Pages:
        if self._pages is None:
            raise PluginError("annotations: a page was converted before on_files ran.")
        return self._pages

    @property
    def whole(self) -> Whole:
        if self._whole is None:
            raise PluginError("annotations: a page was written before on_env ran.")
        return self._whole

    def close(self) -> None:
        """The build is over, or failed: the files it wrote for MkDocs to copy go."""
        self.scratch.cleanup()

    def report(self, problem: Problem) -> None:
        """The one channel for problems: an error in the log, so that `--strict` fails and the rest
        of the build still shows every other problem; under GitHub Actions also a workflow command,
        so that a pull request shows it on the line it names."""
        log.error(str(problem))
        if self.on_the_diff is not None:
            print(workflow_command(problem, self.on_the_diff), flush=True)

    def _bundle_assets(self) -> tuple[list[Bundle], set[str]]:
        """The hook's scripts, and its stylesheets followed by the site's own (mkdocs.yml's
        `extra_css` files in docs_dir, which keep the last word), as one file of each kind in
        place of them all; returns the two bundles and the site's stylesheets now inside one."""
        config = self.config
        docs = Path(config.docs_dir)
        bundled = {uri for uri in config.extra_css if (docs / uri).is_file()}
        styles = [ASSETS / name for name in STYLESHEETS] + [docs / uri for uri in config.extra_css if uri in bundled]
        root = Path(config.config_file_path).parent
        script = bundle("annotations", [ASSETS / name for name in SCRIPTS], self.report, root, SETTINGS)
        stylesheet = bundle("annotations", styles, self.report, root, SETTINGS)
        config.extra_css[:] = [uri for uri in config.extra_css if uri not in bundled]
        config.extra_css.append(f"{ASSETS_URI}/{stylesheet.name}")
        deferred = ExtraScriptValue(f"{ASSETS_URI}/{script.name}")
        deferred.defer = True  # it runs once the page is parsed: the first paint never waits for it
        config.extra_javascript.append(deferred)
        return [script, stylesheet], bundled

    def add_files(self, files: Files) -> Files:
        """The glossary's pages, the schema of its data and the assets join the site; the
        discussions join the navigation."""
        config, engine = self.config, self.engine
        sources = {file.src_uri: _reader(file) for file in files.documentation_pages()}
        self._pages = engine.pages(sources)
        for src_uri, content in self._pages.generated.items():
            files.append(File.generated(config, src_uri, content=content))
        self.publish(files, File.generated(config, SCHEMA, abs_src_path=str(SCHEMA_FILE)))
        for src_uri in self.bundled:
            found = files.get_file_from_path(src_uri)
            if found is not None:
                files.remove(found)
        for made in self.bundles:
            files.append(File.generated(config, f"{ASSETS_URI}/{made.name}", content=made.content))
        self.files = files
        if config.nav is not None:
            folder = engine.discussions_dir + "/"
            config.nav, unlisted = with_discussions(config.nav, self._pages.discussion_order(), folder)
            for src_uri in unlisted:
                self.report(
                    Problem(
                        engine.page_path(src_uri),
                        "this discussion is not in the nav, and the nav has no entry for the folder of discussions.",
                        f"list them all with one entry '- Discussions: {folder}' in mkdocs.yml's nav.",
                    )
                )
        return files

    def publish(self, files: Files, file: File) -> None:
        """A file of the glossary's data joins the site; a file of the site's own at its path is
        reported and kept, never silently replaced."""
        if files.get_file_from_path(file.src_uri) is None:
            files.append(file)
            return
        self.report(
            Problem(
                self.engine.page_path(file.src_uri),
                "this path is generated from the annotations: the glossary's data is published there.",
                "rename or move the file.",
            )
        )

    def arrange_nav(self, nav: Navigation) -> Navigation:
        """The sidebar shows the glossary's index; the index and each letter page link the letters."""
        letters = self.engine.letter_pages
        for section in nav.items:
            if isinstance(section, Section):
                section.children = [
                    c for c in section.children if not (isinstance(c, Page) and c.file.src_uri in letters)
                ]
        self.nav = nav
        return nav

    def theme_globals(self, env: Any) -> None:
        """What every template may use, pages and the theme's own (404.html) alike: Material's
        script (`theme_script`) and the storage keys of the Terms setting and of the known terms,
        which the head reads."""
        env.globals["annotations_terms_key"] = TERMS_KEY
        env.globals["annotations_known_key"] = KNOWN_KEY
        self.theme_script(env)

    def theme_script(self, env: Any) -> None:
        """Material's own script for overrides/main.html, which loads it deferred (theme.py)."""
        found = material_scripts(self.config.theme.dirs)
        if len(found) != 1:
            self.report(
                Problem(
                    "overrides/main.html",
                    f"the theme has {len(found)} files named {MATERIAL_SCRIPT}, and the page loads one.",
                    "check the mkdocs-material version in requirements.txt, and its script's name.",
                )
            )
        env.globals["material_script"] = found[0] if found else ""

    def every_page_parsed(self, files: Files) -> None:
        """The engine produces what depends on every page, and the glossary's data joins the site
        (MkDocs copies files once `on_env` has run): into `files`, the collection as every plugin
        left it, which the URL function reads from now on (a plugin after this hook's on_files may
        have replaced the one it saw)."""
        self.files = files
        titles = {f.src_uri: f.page.title for f in files.documentation_pages() if f.page}
        given = {src_uri: title for src_uri, title in titles.items() if isinstance(title, str) and title}
        self._whole = self.pages.every_page_parsed(given)
        # Written to a file MkDocs copies, not held as a File's content: on a large glossary the
        # text is megabytes, and MkDocs keeps a File's content until the build ends.
        written = Path(self.scratch.name) / DATA
        data = File.generated(self.config, DATA, abs_src_path=str(written))
        written.write_text(self._whole.glossary_export(self.url_from(data)), encoding="utf-8")
        self.publish(files, data)
        if self.nav is not None:
            in_order(self.nav, self._whole.discussion_order())

    def url_from(self, page: File) -> Callable[[str], str]:
        """The one URL function: from `page` to the page built from a source path, by MkDocs' File objects."""

        def url(src_uri: str) -> str:
            target = self.files.get_file_from_path(src_uri) if self.files else None
            if target is None:
                self.report(
                    Problem(
                        self.engine.page_path(page.src_uri),
                        f"the annotations link to {src_uri}, which is not a page of the site.",
                        "report this: a term or note links to a page that was never added.",
                    )
                )
                return "#"
            return target.url_relative_to(page)

        return url

    def page_context(self, context: dict[str, Any], page: Page) -> dict[str, Any]:
        """What the theme's templates add for a page: `annotations_head`, which overrides/main.html
        writes at the end of the head (a glossary page's JSON-LD)."""
        url = self.url_from(page.file)
        context["annotations_head"] = self.whole.head(page.file.src_uri, url, page.canonical_url or "")
        return context

    def write_page(self, output: str, page: Page) -> str:
        """The page as it is written: the engine finishes it with the URL function, and its
        popovers are written beside it (popovers.py says why)."""
        written = Path(page.file.abs_dest_path)
        store = written.with_name(written.stem + STORE_SUFFIX)
        finished = self.whole.finish_page(
            page.file.src_uri,
            output,
            self.url_from(page.file),
            store_url=store.name,
        )
        if finished.popovers:
            store.parent.mkdir(parents=True, exist_ok=True)
            store.write_text(finished.popovers, encoding="utf-8")
        return finished.html

    def end(self) -> None:
        """The pages at the glossary entries' old addresses, and what the build says of jargon
        candidates: the one-line summary, or the whole list if asked for (`make candidates`)."""
        config = self.config
        for src_uri, term_id in self.whole.redirects.items():
            stub = File(src_uri, None, config.site_dir, config.use_directory_urls)
            Path(stub.abs_dest_path).parent.mkdir(parents=True, exist_ok=True)
            html = self.engine.redirect_html(term_id, self.url_from(stub))
            Path(stub.abs_dest_path).write_text(html, encoding="utf-8")
        found = self.whole.candidates()
        if options(config).candidates == "list":
            candidates_log.info(candidates_list(found))
        log.info(candidates_summary(found))


def _reader(file: File) -> Callable[[], str]:
    return lambda: file.content_string
