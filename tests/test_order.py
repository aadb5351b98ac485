"""Whole-site outputs do not depend on the order in which MkDocs happens to build pages."""

from pathlib import Path

import pytest
from click.testing import CliRunner
from mkdocs.__main__ import cli

from conftest import build_site, write_site
from factories import TERM_DEBATE, TERM_ELK
from test_collection import DOCS

pytestmark = pytest.mark.build

NAV = """\
nav:
  - index.md
  - discussions/first.md
  - discussions/second.md
  - Glossary: glossary/index.md
"""
GLOSSARY_FIRST = """\
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files


@event_priority(-200)  # after the annotations hook has added the glossary
def on_files(files, config):
    return Files(sorted(files, key=lambda f: not f.src_uri.startswith("glossary/")))
"""


def pages(site: Path) -> dict[str, bytes]:
    return {str(p.relative_to(site)): p.read_bytes() for p in sorted(site.rglob("*.html"))}


def test_the_glossary_built_first_gives_the_same_pages(tmp_path):
    terms = {"elk.yml": TERM_ELK, "debate.yml": TERM_DEBATE}
    usual = build_site(write_site(tmp_path / "usual", DOCS, terms, extra=NAV), tmp_path / "usual" / "site")
    assert usual.ok, usual.log
    (tmp_path / "first").mkdir()
    (tmp_path / "first" / "glossary_first.py").write_text(GLOSSARY_FIRST, encoding="utf-8")
    config = write_site(tmp_path / "first", DOCS, terms, extra=NAV)
    config.write_text(config.read_text().replace("hooks: [", f"hooks: [{tmp_path / 'first' / 'glossary_first.py'}, "))
    reordered = build_site(config, tmp_path / "first" / "site")
    assert reordered.ok, reordered.log
    assert "First thread" in (tmp_path / "first" / "site" / "glossary" / "e" / "index.html").read_text()
    assert pages(usual.site) == pages(reordered.site)


def test_a_dirty_build_is_refused_with_the_reason(tmp_path):
    config = write_site(tmp_path, DOCS, {"elk.yml": TERM_ELK, "debate.yml": TERM_DEBATE})
    result = CliRunner().invoke(cli, ["build", "--dirty", "-f", str(config)])
    assert result.exit_code != 0
    assert "annotations: --dirty rebuilds only the pages you changed" in result.output
