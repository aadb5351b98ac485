"""Broken annotation files, run through the real `mkdocs build` command as a contributor would."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import TERM_DEBATE, TERM_ELK, write_site

DOCS = {"index.md": "# Home\n", "discussions/one.md": "# One\n\nELK and debate.\n"}
CASES = {
    "broken YAML": ({"bad.yml": "term: X\ndefinition: [unclosed\n"},
                    "annotations/terms/bad.yml:3: YAML syntax error"),
    "missing fields": ({"bad.yml": "term: X\n"},
                       "annotations/terms/bad.yml:1: the required field 'definition' is missing."),
    "duplicate keys": ({"bad.yml": TERM_DEBATE.replace("debate", "x") + "term: Y\n"},
                       "annotations/terms/bad.yml:8: the key 'term' appears twice (first on line 1)."),
    "duplicate terms": ({"other.yml": TERM_DEBATE.replace("term: debate", "term: Debate")},
                        "annotations/terms/other.yml:1: 'Debate' would also match 'debate'"),
    "unknown see-also": ({"bad.yml": TERM_DEBATE.replace("term: debate", "term: X") + "see_also: [elks]\n"},
                         "annotations/terms/bad.yml:8: see_also names 'elks', which is not a term id. "
                         "Did you mean 'elk'?"),
    "unknown key": ({"bad.yml": TERM_DEBATE.replace("term: debate", "term: X") + "alias: [Y]\n"},
                    "annotations/terms/bad.yml:8: unknown field 'alias' in a term. Did you mean 'aliases'?"),
}


def mkdocs(site: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", *args], cwd=site,
                          capture_output=True, text=True, env=env, timeout=120)


@pytest.mark.parametrize("case", CASES)
def test_bad_annotation_fails_strict_build_with_a_clear_message(tmp_path, case):
    files, expected = CASES[case]
    write_site(tmp_path, DOCS, {"elk.yml": TERM_ELK, "debate.yml": TERM_DEBATE, **files})

    strict = mkdocs(tmp_path, "--strict")
    assert strict.returncode != 0
    assert expected in strict.stderr
    assert "Traceback" not in strict.stderr
    assert "Fix: " in strict.stderr

    lenient = mkdocs(tmp_path)
    assert lenient.returncode == 0, lenient.stderr
    assert expected in lenient.stderr
    page = (tmp_path / "site" / "discussions" / "one" / "index.html").read_text()
    assert 'data-term="elk"' in page and 'data-term="debate"' in page
