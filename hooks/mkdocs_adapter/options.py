"""The hook's options and how an engine is made from mkdocs.yml.

A hook cannot declare config keys, so the options live under `extra.annotations` and are
validated here by MkDocs' own typed `Config`.
"""

from __future__ import annotations

import os
import posixpath
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

from annotation_engine import Engine, MarkdownConfig, Report


class Options(base.Config):  # type: ignore[no-untyped-call]  # MkDocs' __init_subclass__
    """`extra.annotations` in mkdocs.yml."""

    dir = c.Type(str, default="annotations")
    """The folder of annotation files, relative to mkdocs.yml."""
    discussions = c.Type(str, default="discussions")
    """The folder inside docs_dir that holds the discussion pages: every Markdown file there is one."""
    glossary = c.Type(str, default="glossary")
    """The folder inside docs_dir the glossary is generated into; no page of the site may be there."""
    candidates = c.Choice(("summary", "list"), default="summary")
    """What the build says of jargon candidates no term covers: a one-line summary, or the whole list
    (`make candidates`)."""


def options(config: MkDocsConfig) -> Options:
    """The validated options, or a one-line error naming the key."""
    extra: dict[str, Any] = dict(config.extra or {})
    given = extra.get("annotations") or {}
    if not isinstance(given, dict):
        raise PluginError("mkdocs.yml: extra.annotations must be a mapping of options such as 'dir: annotations'.")
    if "coverage" in given:  # its name until the list was called what it is
        raise PluginError("mkdocs.yml: extra.annotations.coverage is now 'candidates: summary' or 'candidates: list'.")
    found = Options(config_file_path=config.config_file_path)
    found.load_dict(dict(given))
    failed, _ = found.validate()
    if failed:
        raise PluginError("mkdocs.yml: extra.annotations: " + "; ".join(f"'{key}': {error}" for key, error in failed))
    return found


def annotations_dir(config: MkDocsConfig) -> Path:
    return Path(config.config_file_path).parent / options(config).dir


def edit_url(config: MkDocsConfig) -> Callable[[str], str] | None:
    """Where to edit an annotation file, by MkDocs' rule for pages (`repo_url` joined with
    `edit_uri` and the path from docs_dir), or None when the site names no repository."""
    if not config.repo_url or not config.edit_uri or config.edit_uri_template or config.edit_uri[0] in "?#":
        return None  # a template or a query names files of docs_dir only: better no link than a wrong one
    base = urljoin(config.repo_url.rstrip("/") + "/", config.edit_uri)
    root = annotations_dir(config).parent

    def url(path: str) -> str:
        return urljoin(base, posixpath.relpath((root / path).as_posix(), Path(config.docs_dir).as_posix()))

    return url


def workflow_folder(config: MkDocsConfig) -> str | None:
    """Under GitHub Actions, mkdocs.yml's folder relative to the checkout ($GITHUB_WORKSPACE), ''
    at its root: problems are also printed as workflow commands naming paths from there. None
    elsewhere."""
    if os.environ.get("GITHUB_ACTIONS") != "true":
        return None
    workspace = os.environ.get("GITHUB_WORKSPACE") or Path.cwd()
    folder = Path(os.path.relpath(Path(config.config_file_path).parent, workspace)).as_posix()
    return "" if folder == "." else folder


def engine_for(config: MkDocsConfig, report: Report) -> Engine:
    """The engine for one build, with the site's own Markdown configuration."""
    chosen = options(config)
    markdown = MarkdownConfig(list(config.markdown_extensions), dict(config.mdx_configs))
    root = Path(config.config_file_path).parent
    docs = Path(os.path.relpath(config.docs_dir, root)).as_posix()
    return Engine(
        annotations_dir(config),
        report,
        markdown,
        chosen.glossary,
        chosen.discussions,
        root=root,
        docs_shown=docs,
        edit_url=edit_url(config),
    )
