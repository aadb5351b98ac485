"""Two builds of the same tree give byte-identical pages, scripts, styles and search index."""

import pytest

from conftest import ROOT, build_site

pytestmark = pytest.mark.build  # whole-site builds

KINDS = (".html", ".js", ".css", ".json")


def test_two_builds_are_byte_identical(tmp_path):
    for name in ("one", "two"):
        built = build_site(ROOT / "mkdocs.yml", tmp_path / name, site_url="http://127.0.0.1:8000/")
        assert built.ok, built.log
    files = sorted(p.relative_to(tmp_path / "one") for p in (tmp_path / "one").rglob("*") if p.suffix in KINDS)
    assert len(files) > 40
    assert files == sorted(p.relative_to(tmp_path / "two") for p in (tmp_path / "two").rglob("*") if p.suffix in KINDS)
    differing = [str(f) for f in files if (tmp_path / "one" / f).read_bytes() != (tmp_path / "two" / f).read_bytes()]
    assert differing == []
