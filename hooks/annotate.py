"""MkDocs adapter: hands each build event to `annotation_engine`, which knows nothing of MkDocs.

Options live under `extra.annotations` in mkdocs.yml (a hook cannot declare config keys):
`dir` (annotation folder, relative to mkdocs.yml; default `annotations`), `discussions`
(docs folder of discussion pages; default `discussions`), `glossary` (docs folder the glossary
is generated into; default `glossary`).
"""

from __future__ import annotations

import html
from pathlib import Path
from typing import Any

import jinja2

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url
from mkdocs.utils.meta import get_data

from annotation_engine.coverage import summary
from annotation_engine.engine import Engine
from annotation_engine.glossary import Discussion

log = get_plugin_logger("annotations")
ASSETS = Path(__file__).parent / "assets"
ASSETS_URI = "assets/annotations"
OPTIONS = {"dir": "annotations", "discussions": "discussions", "glossary": "glossary"}
_engine: Engine | None = None  # replaced on every build: `mkdocs serve` never re-imports hooks


class _CompiledTemplates(jinja2.BytecodeCache):
    """Theme templates compiled once per process instead of once per build. Each entry is checked
    against its template's source checksum, so an edited template is compiled again: this state
    outlives a build without ever making one stale. It saves `mkdocs serve` about 0.4 s a rebuild."""

    def __init__(self) -> None:
        self._compiled: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if bucket.key in self._compiled:
            bucket.bytecode_from_string(self._compiled[bucket.key])

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self._compiled[bucket.key] = bucket.bytecode_to_string()


_TEMPLATES = _CompiledTemplates()


def _options(config: MkDocsConfig) -> dict[str, str]:
    given = (config.extra or {}).get("annotations") or {}
    if not isinstance(given, dict) or any(k not in OPTIONS or not isinstance(v, str) for k, v in given.items()):
        raise PluginError(f"mkdocs.yml: extra.annotations may hold only text values for {', '.join(OPTIONS)}.")
    options = {**OPTIONS, **given}
    for key in ("discussions", "glossary"):
        folder = options[key].strip("/")
        if not folder or folder.startswith(".") or ".." in folder.split("/"):
            raise PluginError(f"mkdocs.yml: extra.annotations.{key} must name a folder inside docs/, "
                              f"such as '{OPTIONS[key]}'.")
    if options["discussions"].strip("/") == options["glossary"].strip("/"):
        raise PluginError("mkdocs.yml: extra.annotations.discussions and .glossary must be different folders.")
    return options


def _annotations_dir(config: MkDocsConfig) -> Path:
    return Path(config.config_file_path).parent / _options(config)["dir"]


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    global _engine
    options = _options(config)
    _engine = Engine(_annotations_dir(config), options["glossary"], options["discussions"],
                     config.use_directory_urls)
    for problem in _engine.problems:
        log.error(str(problem))
    for needed in ("attr_list", "md_in_html"):
        if needed not in config.markdown_extensions:
            config.markdown_extensions.append(needed)
    config.markdown_extensions.extend(_engine.markdown_extensions())
    for asset in sorted(ASSETS.iterdir()):
        scripts = config.extra_javascript if asset.suffix == ".js" else config.extra_css
        scripts.append(f"{ASSETS_URI}/{asset.name}")
    return config


def _engine_now() -> Engine:
    if _engine is None:
        raise PluginError("annotations: the hook ran before on_config; list hooks/annotate.py under 'hooks:'.")
    return _engine


def _discussion(file: File) -> Discussion:
    text = file.content_string
    _, meta = get_data(text)
    if text.startswith("---") and not meta:
        log.warning(f"docs/{file.src_uri}: the front matter between the '---' lines is not valid YAML, "
                    "so MkDocs shows it as text. Fix: quote values that contain ': '.")
    title = str(meta.get("title") or Path(file.src_uri).stem.replace("-", " ").capitalize())
    return Discussion(file.src_uri, title, str(meta.get("description") or ""))


def on_files(files: Files, config: MkDocsConfig) -> Files:
    engine = _engine_now()
    for src_uri, content in engine.generated_pages().items():
        if files.get_file_from_path(src_uri):
            raise PluginError(f"docs/{src_uri}: this path is generated from the annotations. "
                              f"Move the file, or set extra.annotations.glossary to another folder.")
        files.append(File.generated(config, src_uri, content=content))
    for asset in sorted(ASSETS.iterdir()):
        files.append(File.generated(config, f"{ASSETS_URI}/{asset.name}", abs_src_path=str(asset)))
    engine.set_discussions([_discussion(f) for f in files.documentation_pages() if engine.is_discussion(f.src_uri)])
    for problem in engine.check_note_pages({f.src_uri for f in files.documentation_pages()}):
        log.error(str(problem))
    return files


def on_nav(nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
    """The sidebar lists the glossary's A–Z index, not every entry: a long list helps nobody, and
    rendering it on every page made each page's cost grow with the number of terms."""
    index = f"{_engine_now().glossary_dir}/index.md"
    for section in nav.items:
        children = getattr(section, "children", None) or []
        if any(isinstance(child, Page) and child.file.src_uri == index for child in children):
            section.children = [c for c in children if not _is_entry(c, index)]
    return nav


def _is_entry(item: Any, index: str) -> bool:
    folder = index.rsplit("/", 1)[0] + "/"
    return isinstance(item, Page) and item.file.src_uri.startswith(folder) and item.file.src_uri != index


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    engine = _engine_now()
    src_uri = page.file.src_uri
    if src_uri.startswith(engine.glossary_dir + "/") and engine.unrendered_discussions():
        log.warning(f"docs/{src_uri}: rendered before {sorted(engine.unrendered_discussions())}, "
                    "so its 'Mentioned in' list is incomplete. Fix: do not reorder pages after this hook "
                    "(and do not use --dirty).")
    return engine.begin_page(src_uri, markdown)


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    engine = _engine_now()
    engine.end_page()
    for problem in engine.take_problems():
        log.error(str(problem))
    return html


def on_env(env: jinja2.Environment, config: MkDocsConfig, files: Files) -> jinja2.Environment:
    env.bytecode_cache = _TEMPLATES
    return env


@event_priority(-100)  # after the search plugins have indexed page.content: popovers stay out of search
def on_page_context(context: dict, page: Page, config: MkDocsConfig, nav: Any) -> dict:
    if page.meta.get("description"):  # Material writes it into an attribute unescaped
        page.meta["description"] = html.escape(str(page.meta["description"]))
    root = get_relative_url(".", page.url).rstrip("/") + "/"
    page.content = (page.content or "") + _engine_now().popover_template(page.file.src_uri, root)
    return context


def on_post_build(config: MkDocsConfig) -> None:
    log.info(summary(_engine_now().coverage()))


ANNOTATION_POLL_SECONDS = 0.1


def on_serve(server: Any, config: MkDocsConfig, builder: Any) -> Any:
    """Rebuild when an annotation changes, as for a page in docs/.

    MkDocs polls for changes every 0.5 s. The annotations folder is polled every 0.1 s so that an
    edit shows within a second: watchdog gives each watch its observer's interval at the moment
    it is scheduled, so the interval is lowered for this one watch and put back at once. Where
    that private attribute is missing, the folder is still watched, at MkDocs' interval.
    """
    observer = getattr(server, "observer", None)
    default = getattr(observer, "_timeout", None)
    if default is not None:
        observer._timeout = ANNOTATION_POLL_SECONDS
    try:
        server.watch(str(_annotations_dir(config)))
    finally:
        if default is not None:
            observer._timeout = default
    return server
