"""What the site adds to every page, as one script and one stylesheet, minified and named by content.

A browser may keep a file whose name changes with its content for as long as it likes (a static
host can serve it with a year's cache), and one file of each kind is one request where there were
five. The minifier is minify-html's: it hands scripts to oxc, a JavaScript parser and minifier that
understands the language as browsers do, and stylesheets to Lightning CSS. Each source is minified
on its own and the results are joined in the order given, which is the order they run in: a
script that reads what another defines comes after it.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import minify_html

from ..model import Problem, Report

_KINDS = {".js": ("script", {"minify_js": True}), ".css": ("style", {"minify_css": True})}


@dataclass(frozen=True)
class Bundle:
    name: str  # `<stem>.<hash>.min<suffix>`: a new name whenever a byte changes
    content: bytes


def bundle(
    stem: str, sources: Sequence[Path], report: Report, shown: Path, settings: Mapping[str, str] | None = None
) -> Bundle:
    """`sources` (all .js or all .css) as one minified file; a source the minifier cannot read is
    reported (`shown`: the folder paths are given from) and shipped as written. Each of
    `settings`' names in a source is replaced by its value first: a value the stylesheets and the
    scripts share is defined once, by the build."""
    suffix = sources[0].suffix
    parts = [_minified(path, report, shown, settings or {}) for path in sources]
    content = "\n".join(parts).encode("utf-8")
    digest = hashlib.sha256(content).hexdigest()[:10]
    return Bundle(f"{stem}.{digest}.min{suffix}", content)


def _minified(path: Path, report: Report, shown: Path, settings: Mapping[str, str]) -> str:
    tag, options = _KINDS[path.suffix]
    source = path.read_text(encoding="utf-8")
    for name, value in settings.items():
        source = source.replace(name, value)
    if f"</{tag}" in source:  # it would end the element the minifier is handed
        report(_unreadable(path, shown, f"it holds '</{tag}', which a page would read as the end of the {tag}"))
        return source
    body = _without_header(source).strip()
    inner = minify_html.minify(f"<{tag}>{body}</{tag}>", **options)[len(tag) + 2 : -len(tag) - 3]
    if inner == body and ("\n" in inner or "  " in inner):  # what it cannot parse, it only trims
        report(_unreadable(path, shown, "the minifier could not parse it"))
        return source
    return inner


def _without_header(source: str) -> str:
    """A script without the comment lines it opens with, its header for readers of the source:
    oxc keeps the comments that stand before a statement, as licence headers are kept."""
    lines = source.split("\n")
    start = next((n for n, line in enumerate(lines) if not line.startswith("//")), len(lines))
    return "\n".join(lines[start:])


def _unreadable(path: Path, shown: Path, why: str) -> Problem:
    fix = "run 'node --check' on it" if path.suffix == ".js" else "check its braces and semicolons"
    return Problem(
        path.relative_to(shown).as_posix() if path.is_relative_to(shown) else str(path), f"{why}.", fix + "."
    )
