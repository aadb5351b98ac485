from annotation_engine.load import parse_yaml
from annotation_engine.validate import parse_term

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


def parse(data: bytes, term_id: str = "elk"):
    return parse_term(term_id, f"annotations/terms/{term_id}.yml", parse_yaml("x.yml", data))


def messages(data: bytes, term_id: str = "elk") -> list[str]:
    term, problems = parse(data, term_id)
    assert term is None
    return [str(p) for p in problems]


def test_a_complete_term():
    term, problems = parse(GOOD)
    assert problems == []
    assert term.forms == ("ELK", "eliciting latent knowledge")
    assert term.sources[0].year == 2021 and term.sources[0].authors == "Christiano, Cotra, Xu"
    assert term.case_sensitive is True and term.plurals is False
    assert term.see_also == ("debate",)


def test_missing_required_fields_are_all_reported():
    found = messages(b"aliases: [x]\n")
    assert any("'term' is missing" in m for m in found)
    assert any("'definition' is missing" in m for m in found)
    assert any("at least one source" in m for m in found)


def test_unknown_key_suggests_the_nearest():
    found = messages(GOOD + b"defintion: typo\n")
    assert found == [
        "annotations/terms/elk.yml:14: unknown field 'defintion' in a term. "
        "Did you mean 'definition'? Fix: use only term, aliases, definition, details, "
        "sources, see_also, match."
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
    _, problems = parse(GOOD.replace(b"say what it knows.", b"say what it [knows](https://example.org/k)."))
    assert problems == []
