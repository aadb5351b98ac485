import pytest

from annotation_engine import Engine, Problem
from factories import PAGE, parsed_term, term, term_yaml, write_annotations

pytestmark = pytest.mark.unit

GOOD = b"""term: ELK
aliases: [eliciting latent knowledge]
definition: Getting a model to say what it knows.
details: Longer text.
sources:
  - title: ELK report
    url: https://example.org/elk
    authors: Christiano, Cotra, Xu
    year: 2021
see_also: [debate]
match:
  case_sensitive: true
  plurals: false
"""


def messages(data: bytes | str, term_id: str = "elk") -> list[str]:
    """The problems of a term file that must be refused, each as the build prints it."""
    found, problems = parsed_term(data, term_id)
    assert found is None
    return [str(p) for p in problems]


def test_a_complete_term():
    found, problems = parsed_term(GOOD)
    assert problems == []
    assert found.forms == ("ELK", "eliciting latent knowledge")
    assert found.sources[0].year == 2021 and found.sources[0].authors == "Christiano, Cotra, Xu"
    assert found.case_sensitive is True and found.plurals is False
    assert found.see_also == ("debate",)
    assert (found.used_in, found.only_in, found.renamed_from) == ({}, (), ())


def test_missing_required_fields_are_all_reported():
    found = messages(b"aliases: [x]\n")
    assert any("'term' is missing" in m for m in found)
    assert any("'definition' is missing" in m for m in found)
    assert any("at least one source" in m for m in found)


def test_a_required_key_without_a_value_is_empty_not_missing():
    found = messages(term_yaml().replace("term: ELK", "term:"))
    assert found == ["annotations/terms/elk.yml:1: 'term' is empty. Fix: write the text after 'term: '."]


def test_unknown_key_suggests_the_nearest():
    found = messages(GOOD + b"defintion: typo\n")
    assert found == [
        "annotations/terms/elk.yml:14: unknown field 'defintion' in a term. "
        "Did you mean 'definition'? Fix: use only term, aliases, definition, details, used_in, only_in, "
        "sources, see_also, renamed_from, match."
    ]


def test_wrong_types_name_the_line():
    found = messages(b"term: [ELK]\ndefinition: d\nsources: [{title: t, url: 'https://e.org', year: soon}]\n")
    assert any(m.startswith("annotations/terms/elk.yml:1: 'term' must be non-empty text, not a list") for m in found)
    assert any("'year' must be a number" in m for m in found)


def test_blank_alias_is_refused():
    assert any(
        "'aliases' must be a list of non-empty text" in m
        for m in messages(GOOD.replace(b"[eliciting latent knowledge]", b'["  "]'))
    )


def test_source_url_must_be_http():
    found = messages(GOOD.replace(b"https://example.org/elk", b"javascript:alert(1)"))
    assert any("is not an http(s) address" in m for m in found)


def test_file_name_must_be_a_slug():
    assert any("cannot be a term id" in m for m in messages(GOOD, "Bad Name"))


def test_match_flags_must_be_booleans():
    assert any(
        "'case_sensitive' must be true or false" in m
        for m in messages(GOOD.replace(b"case_sensitive: true", b"case_sensitive: yes please"))
    )


def test_names_must_be_one_line():
    assert any("'term' must be on one line" in m for m in messages(GOOD.replace(b"term: ELK", b'term: "ELK\\nfoo"')))


def test_malformed_url_is_a_problem_not_a_crash():
    assert any(
        "is not an http(s) address" in m for m in messages(GOOD.replace(b"https://example.org/elk", b"'https://[x'"))
    )


def test_definition_links_must_be_full_addresses():
    bad = GOOD.replace(
        b"definition: Getting a model to say what it knows.",
        b"definition: |\n  See [debate](debate.md) and [ref][r].\n\n  [r]: ../x",
    )
    found = messages(bad)
    assert any("links to 'debate.md', which is not a full http(s) address" in m for m in found)
    assert any("links to '../x'" in m for m in found)
    _, problems = parsed_term(GOOD.replace(b"say what it knows.", b"say what it [knows](https://example.org/k)."))
    assert problems == []


# used_in, only_in, renamed_from

SCOPED = term_yaml(
    extra=(
        "used_in:\n"
        f"  {PAGE}: How *this* talk uses it, see [the post](https://example.org/p).\n"
        "  discussions/other.md: >-\n    Another use,\n    folded.\n"
        f"only_in: [{PAGE}, discussions/other.md]\n"
        "renamed_from: [latent-knowledge, old-elk]\n"
    )
)


def test_a_term_can_say_how_each_discussion_uses_it_where_it_is_linked_and_its_former_ids():
    found, problems = parsed_term(SCOPED, "eliciting-latent-knowledge")
    assert problems == []
    assert found.used_in == {
        PAGE: "How *this* talk uses it, see [the post](https://example.org/p).",
        "discussions/other.md": "Another use, folded.",
    }
    assert found.only_in == (PAGE, "discussions/other.md")
    assert found.renamed_from == ("latent-knowledge", "old-elk")
    assert found.lines["used_in"] == 2 and found.lines["renamed_from"] == 8


@pytest.mark.parametrize(
    "extra",
    [f"only_in: {PAGE}\n", "renamed_from: old-elk\n"],
    ids=["only_in", "renamed_from"],
)
def test_one_page_or_one_former_id_may_be_written_without_a_list(extra):
    found, problems = parsed_term(term_yaml(extra=extra))
    assert problems == []
    assert (found.only_in or found.renamed_from) == ((PAGE,) if "only_in" in extra else ("old-elk",))


def test_a_term_limited_to_some_discussions_is_linked_only_on_them():
    assert term("elk").linked_on(PAGE) and term("elk").linked_on("discussions/other.md")
    scoped = term("elk", only_in=(PAGE,))
    assert scoped.linked_on(PAGE) and not scoped.linked_on("discussions/other.md")


@pytest.mark.parametrize(
    "extra, line, words",
    [
        ("used_in: [discussions/a.md]\n", 2, "'used_in' must be a mapping from a discussion's path to a paragraph"),
        ("used_in: {}\n", 2, "'used_in' must be a mapping"),
        ("used_in:\n", 2, "'used_in' must be a mapping"),
        ("used_in:\n  discussions/a: text\n", 3, "'used_in' names 'discussions/a', which is not a Markdown page"),
        ("used_in:\n  discussions/a.md:\n", 3, "'discussions/a.md' is empty"),
        ("used_in:\n  discussions/a.md: '  '\n", 3, "'discussions/a.md' must be non-empty text"),
        ("used_in:\n  discussions/a.md: [a, b]\n", 3, "'discussions/a.md' must be non-empty text, not a list"),
        ("used_in:\n\n  discussions/a.md: See [b](b.md).\n", 4, "links to 'b.md', which is not a full http(s)"),
        ("only_in: discussions/a\n", 2, "'only_in' names 'discussions/a', which is not a Markdown page"),
        ("only_in: [discussions/a.md, 3]\n", 2, "'only_in' must be a list of non-empty text items"),
        ("only_in: {discussions/a.md: x}\n", 2, "'only_in' must be a list of non-empty text items"),
        ("renamed_from: [Old_Name]\n", 2, "'renamed_from' names 'Old_Name', which cannot be a term id"),
        ("renamed_from: [index]\n", 2, "'renamed_from' names 'index', which cannot be a term id"),
        ("renamed_from: [old, elk]\n", 2, "'renamed_from' names 'elk', which is this term's own id"),
        ("renamed_from: {old: x}\n", 2, "'renamed_from' must be a list of non-empty text items"),
    ],
)
def test_bad_uses_scopes_and_former_ids_name_their_line(extra, line, words):
    [found] = messages(term_yaml(extra=extra))
    assert found.startswith(f"annotations/terms/elk.yml:{line}: ")
    assert words in found


def test_a_use_or_scope_naming_no_discussion_is_reported_at_its_line(tmp_path):
    extra = f"used_in:\n  {PAGE}: Here.\n  discussions/gone.md: There.\nonly_in: [discussions/gone.md]\n"
    problems: list[Problem] = []
    engine = Engine(write_annotations(tmp_path, {"terms/elk.yml": term_yaml(extra=extra)}), problems.append)
    engine.pages({PAGE: lambda: "# Talk\n\nELK.\n"})
    assert sorted((p.line, p.message.split(",")[0]) for p in problems) == [
        (4, "'used_in' names discussions/gone.md"),
        (5, "'only_in' names discussions/gone.md"),
    ]
