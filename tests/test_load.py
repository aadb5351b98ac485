import pytest

from annotation_engine.load import parse_yaml
from annotation_engine.model import ProblemError


def problem(data: bytes):
    with pytest.raises(ProblemError) as caught:
        parse_yaml("annotations/terms/x.yml", data)
    return caught.value.problem


def test_mapping_keeps_the_line_of_each_key():
    doc = parse_yaml("x.yml", b"term: ELK\n\ndefinition: text\nsources:\n  - title: t\n")
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


def test_invalid_utf8_names_the_line():
    found = problem(b"term: ELK\ndefinition: caf\xe9\n")
    assert found.line == 2
    assert "UTF-8" in found.message


def test_byte_order_mark_and_crlf_are_accepted():
    doc = parse_yaml("x.yml", "\ufeffterm: ELK\r\ndefinition: d\r\n".encode())
    assert doc["term"] == "ELK" and doc["definition"] == "d"


def test_non_text_key_is_refused():
    assert "is not text" in problem(b"1: a\n").message


def test_control_characters_name_the_line():
    found = problem(b"term: ELK\ndefinition: a\x0cb\n")
    assert found.line == 2
    assert "control character #x000c" in found.message


def test_deep_nesting_is_refused_cleanly():
    assert "nested too deeply" in problem(b"a: " + b"[" * 5000 + b"]" * 5000 + b"\n").message
