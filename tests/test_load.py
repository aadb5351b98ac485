import pytest

from annotation_engine.model import Problem
from annotation_engine.read.load import MAX_BYTES, parse_yaml, read_yaml
from factories import parsed_yaml

pytestmark = pytest.mark.unit


def problem(data: bytes) -> Problem:
    """The one problem `parse_yaml` reports for `data`, which it must refuse."""
    doc, problems = parsed_yaml(data, "annotations/terms/x.yml")
    assert doc is None
    [found] = problems
    return found


def test_mapping_keeps_the_line_of_each_key():
    doc, problems = parsed_yaml(b"term: ELK\n\ndefinition: text\nsources:\n  - title: t\n")
    assert problems == []
    assert doc["term"] == "ELK"
    assert doc.line_of("definition") == 3
    assert doc["sources"][0].line == 5


def test_duplicate_key_names_both_lines():
    found = problem(b"term: ELK\ndefinition: a\nterm: RLCT\n")
    assert found.line == 3
    assert "'term' appears twice (first on line 1)" in found.message
    assert str(found).startswith("annotations/terms/x.yml:3: ")


def test_syntax_error_gives_line_and_advice():
    found = problem(b"term: ELK\ndefinition: a: b: c\n")
    assert found.line == 2
    assert "YAML syntax error" in found.message
    assert "quot" in found.fix


@pytest.mark.parametrize(
    "data",
    [
        b'term: ELK\ndefinition: "open\n  more text\nsources: []\n',
        b"term: ELK\ndefinition: 'open\n\nsources: []\n",
        b'term: ELK\ndefinition: "open\n',
    ],
    ids=["double", "single", "at-the-end"],
)
def test_an_unclosed_quote_is_reported_where_it_opened(data):
    found = problem(data)
    assert found.line == 2  # not the end of the file, where the parser noticed
    assert "the quote opened on this line is never closed" in found.message
    assert "close the quote on this line" in found.fix


def test_a_closed_quote_with_a_bad_escape_is_not_called_unclosed():
    found = problem(b'term: ELK\ndefinition: "C:\\path"\n')
    assert found.line == 2
    assert "never closed" not in found.message


@pytest.mark.parametrize(
    "value",
    ["2024-02-30", "2024-13-01", "!!int abc", "!!float x", "!!timestamp x", "!!map [1]"],
)
def test_a_value_yaml_cannot_construct_is_a_problem_not_a_crash(value):
    found = problem(f"term: ELK\ndefinition: {value}\n".encode())
    assert found.line == 2


def test_aliases_are_refused_before_they_can_expand():
    found = problem(b"a: &x [1, 2]\nb: *x\n")
    assert found.line == 1  # the anchor's line: the composer shares one node between both places
    assert "anchors and aliases" in found.message


@pytest.mark.parametrize(
    "data, words",
    [
        (b"", "empty"),
        (b"# only a comment\n", "empty"),
        (b"- a\n- b\n", "a list, not a mapping"),
        (b"just text\n", "a str, not a mapping"),
    ],
)
def test_top_level_must_be_a_mapping(data, words):
    assert words in problem(data).message


def test_text_is_read_from_its_first_line_in_the_file_and_may_be_empty():
    doc, problems = parsed_yaml("title: x\n\ndate: 2024-01-05\n", "docs/p.md")
    assert problems == [] and doc.line_of("date") == 3
    empty, problems = parsed_yaml("", "docs/p.md")  # a page's front matter may be empty; a file may not
    assert problems == [] and empty == {}
    found: list[Problem] = []
    doc = parse_yaml("docs/p.md", "title: x\ndate: 2024-01-05\n", found.append, first_line=2)
    assert doc is not None and (doc.line, doc.line_of("date")) == (2, 3)
    assert parse_yaml("docs/p.md", "title: x\nbad: A: B\n", found.append, first_line=2) is None
    assert [(p.path, p.line) for p in found] == [("docs/p.md", 3)]


def test_invalid_utf8_names_the_line():
    found = problem(b"term: ELK\ndefinition: caf\xe9\n")
    assert found.line == 2
    assert "UTF-8" in found.message


def test_byte_order_mark_and_crlf_are_accepted():
    doc, problems = parsed_yaml("\ufeffterm: ELK\r\ndefinition: d\r\n".encode())
    assert problems == []
    assert doc["term"] == "ELK" and doc["definition"] == "d"


def test_non_text_key_is_refused():
    assert "is not text" in problem(b"1: a\n").message


def test_control_characters_name_the_line():
    found = problem(b"term: ELK\ndefinition: a\x0cb\n")
    assert found.line == 2
    assert "control character #x000c" in found.message


def test_deep_nesting_is_refused_cleanly():
    assert "nested too deeply" in problem(b"a: " + b"[" * 5000 + b"]" * 5000 + b"\n").message


def test_reading_a_file_names_it_as_shown_and_refuses_one_too_large(tmp_path):
    found: list[Problem] = []
    small, large = tmp_path / "small.yml", tmp_path / "large.yml"
    small.write_bytes(b"term: ELK\n")
    large.write_bytes(b"term: ELK\ndefinition: " + b"x" * MAX_BYTES + b"\n")
    assert read_yaml(small, "annotations/terms/small.yml", found.append) == {"term": "ELK"}
    assert read_yaml(large, "annotations/terms/large.yml", found.append) is None
    assert [(p.path, p.line) for p in found] == [("annotations/terms/large.yml", None)]
    assert "1.0 MB" in found[0].message
