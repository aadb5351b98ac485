"""Rules of the project's own code that a reader of it can rely on: no other library's private
names, Python-Markdown's placeholders read by no module, no theme file named by its hash."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from conftest import ROOT

pytestmark = pytest.mark.unit

CODE = sorted(path for folder in ("hooks", "tools", "benchmarks") for path in (ROOT / folder).rglob("*.py"))
OWN = {
    "annotation_engine",
    "mkdocs_adapter",
    "annotate",
    "import_scrape",
    "import_forum",
    "import_discussion",
    "forum_api",
    "annotate_cli",
    "site_build",
}
PLACEHOLDERS = {
    "STX",
    "ETX",
    "HTML_PLACEHOLDER",
    "HTML_PLACEHOLDER_RE",
    "INLINE_PLACEHOLDER",
    "htmlStash",
    "rawHtmlBlocks",
}
PLACEHOLDER_MODULE = ROOT / "hooks" / "annotation_engine" / "page" / "text.py"


def names(path: Path) -> list[tuple[int, str]]:
    """Every attribute and imported name the module uses, with its line."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Attribute):
            found.append((node.lineno, node.attr))
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module.split(".")[0] not in OWN:
            found += [(node.lineno, alias.name) for alias in node.names]
    return found


def private_uses(path: Path) -> list[str]:
    """Private attributes of anything but the module's own objects (self, cls), and private names
    imported from other libraries."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Attribute) and node.attr.startswith("_") and not node.attr.startswith("__"):
            owner = node.value.id if isinstance(node.value, ast.Name) else ""
            if owner not in {"self", "cls"}:
                found.append(f"{path.relative_to(ROOT)}:{node.lineno}: .{node.attr}")
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module.split(".")[0] not in OWN:
            found += [f"{path.relative_to(ROOT)}:{node.lineno}: {a.name}" for a in node.names if a.name[0] == "_"]
    return found


@pytest.mark.parametrize("path", CODE, ids=lambda path: str(path.relative_to(ROOT)))
def test_no_module_touches_another_library_s_private_names(path):
    assert private_uses(path) == []


def test_no_module_reads_python_markdown_s_placeholders():
    """page/text.py resolves them through Python-Markdown's own steps (its `raw_html` postprocessor,
    an `UnescapeTreeprocessor`): no module knows what a placeholder looks like or where the stash keeps it."""
    readers = {
        f"{path.relative_to(ROOT)}:{line}: {name}"
        for path in CODE
        for line, name in names(path)
        if name in PLACEHOLDERS
    }
    assert readers == set()
    assert {"postprocessors", "UnescapeTreeprocessor"} <= {name for _, name in names(PLACEHOLDER_MODULE)}, (
        "the rule would pass for nothing"
    )


def test_no_theme_file_is_named_by_its_hash():
    hashed = re.compile(r"\.[0-9a-f]{8}\.min\.(?:js|css)")
    files = [*CODE, *(ROOT / "overrides").rglob("*.html")]
    assert [str(path.relative_to(ROOT)) for path in files if hashed.search(path.read_text(encoding="utf-8"))] == []
