"""The reader's assets as one minified file per kind, named by content; what the minifier cannot read is reported."""

import hashlib

import pytest

from annotation_engine.model import Problem
from annotation_engine.site.bundle import bundle

pytestmark = pytest.mark.unit


def test_sources_are_minified_joined_in_order_and_named_by_a_hash_of_the_result(tmp_path):
    script = "// first\n(() => {\n  const greeting = `hi ${1 + 1}`;\n  console.log(greeting);\n})();\n"
    (tmp_path / "b.js").write_text(script)
    (tmp_path / "a.js").write_text("(() => { console.log('second'); })();\n")
    made = bundle("annotations", [tmp_path / "b.js", tmp_path / "a.js"], pytest.fail, tmp_path)
    text = made.content.decode()
    assert text.index("hi") < text.index("second") and len(text) < 100
    assert made.name == f"annotations.{hashlib.sha256(made.content).hexdigest()[:10]}.min.js"


def test_a_stylesheet_is_minified_and_a_change_of_one_byte_changes_the_name(tmp_path):
    style = tmp_path / "a.css"
    style.write_text("a {\n  color: red;\n}\n")
    first = bundle("annotations", [style], pytest.fail, tmp_path)
    style.write_text("a {\n  color: blue;\n}\n")
    second = bundle("annotations", [style], pytest.fail, tmp_path)
    assert first.content == b"a{color:red}" and first.name != second.name


@pytest.mark.parametrize(
    ("name", "source", "why"),
    [("broken.js", "let a = ;;\nfunction( {\n", "could not parse"), ("end.js", "x = '</script>';\n", "'</script'")],
)
def test_a_source_the_minifier_cannot_read_is_reported_by_file_and_shipped_as_written(tmp_path, name, source, why):
    (tmp_path / name).write_text(source)
    problems: list[Problem] = []
    made = bundle("annotations", [tmp_path / name], problems.append, tmp_path)
    assert [p.path for p in problems] == [name] and why in problems[0].message and "node --check" in problems[0].fix
    assert made.content.decode() == source
