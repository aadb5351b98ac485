"""The benchmark's two sites load Material's script alike, so that their first paints compare
annotation and nothing else."""

import os

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config

from conftest import POSTMORTEM, soup
from site_build import Size, make_site

pytestmark = pytest.mark.build  # whole-site builds


def test_the_build_without_hooks_defers_materials_script_as_the_annotated_one_does(tmp_path, monkeypatch):
    make_site(tmp_path, Size("the site", 0, 0))
    monkeypatch.chdir(tmp_path)
    monkeypatch.setitem(os.environ, "NO_MKDOCS_2_WARNING", "1")
    build(load_config(str(tmp_path / "plain.yml"), site_dir=str(tmp_path / "plain")))
    page = soup((tmp_path / "plain" / POSTMORTEM / "index.html").read_text(encoding="utf-8"))
    script = page.select_one('script[src*="assets/javascripts/bundle."]')
    assert script is not None and script.has_attr("defer")
