"""The benchmark's two sites load Material's script alike, so that their first paints compare
annotation and nothing else."""

import os
import subprocess
import sys

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config

import instructions_by_part
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


def test_a_build_counted_part_by_part_builds_the_same_site(tmp_path):
    """`instructions_by_part.py` runs each build with one function wrapped (so that valgrind counts
    only inside it): the wrapped build must be the build it measures. Run here without valgrind,
    on the hook's pass over each page and on a function of the build without hooks."""
    make_site(tmp_path, Size("the site", 0, 0))
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    for variant, site in [("annotated", "wrapped"), ("plain", "wrapped-plain")]:
        child = [sys.executable, "-c", instructions_by_part.CHILD, str(tmp_path / f"{variant}.yml")]
        part = "annotation_engine.page.page_pass:_Pass.run"
        done = subprocess.run([*child, str(tmp_path / site), part], cwd=tmp_path, env=env, capture_output=True)
        assert done.returncode == 0, done.stderr.decode()
    build(load_config(str(tmp_path / "annotated.yml"), site_dir=str(tmp_path / "unwrapped")))
    page = f"{POSTMORTEM}/index.html"
    wrapped, unwrapped = (tmp_path / "wrapped" / page).read_text(), (tmp_path / "unwrapped" / page).read_text()
    assert wrapped == unwrapped and 'class="term"' in wrapped
    assert (tmp_path / "wrapped-plain" / page).is_file()  # the hook's part is not in it: the build goes on
