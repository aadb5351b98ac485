import pytest
from hypothesis import given
from hypothesis import strategies as st

from annotation_engine.page.candidates import _HYPHENATED, _WORD, JargonCounter, _hyphenated, _Words, candidates_summary
from factories import term

pytestmark = pytest.mark.unit  # the candidates command and the build's candidates line: test_collection.py

TERMS = [term("so", "scalable oversight")]


def test_candidates_are_acronyms_coinages_capitals_and_glossary_words():
    texts = [
        "The RLCT of NNs, a follow-up, as Watanabe showed (Superalignment) in 2023-24; ",
        "you want some form of oversight. Most text is fine, but not scalable or 10-15 pages.",
    ]
    counter = JargonCounter(TERMS)
    for text in texts:
        counter.add("d/a.md", text)
    found = {(c.text, c.kind, c.count) for c in counter.candidates()}
    assert found == {
        ("RLCT", "acronym", 1),
        ("NNs", "acronym", 1),
        ("follow-up", "hyphenated", 1),
        ("Watanabe", "capitalised", 1),
        ("Superalignment", "capitalised", 1),
        ("oversight", "word from the glossary's names", 1),
    }


def test_the_context_is_the_words_around_in_the_same_text_node_across_line_breaks():
    counter = JargonCounter([])
    counter.add("d/a.md", "Before.\x1fWe talk about\nRLHF and the Big Thing.\x1fAfter.")
    assert {c.text: c.context for c in counter.candidates()}["RLHF"] == "We talk about RLHF and the Big Thing."


def test_context_and_summary():
    text = "we discuss ELK here and ELK again"
    counter = JargonCounter([])
    counter.add("d/b.md", "ELK elsewhere")
    counter.add("d/a.md", text)
    counter.add("d/c.md", "then ELK", [(5, 8)])  # linked there: not a candidate
    [candidate] = counter.candidates()
    assert (candidate.text, candidate.count, candidate.page) == ("ELK", 3, "d/a.md")  # the first page's context
    assert candidate.context == "we discuss ELK here and ELK again"
    assert candidates_summary([candidate]).startswith(
        "jargon candidates: 1 candidate terms in the discussions have no annotation: ELK (×3)."
    )
    assert candidates_summary([]) == "jargon candidates: every candidate term in the discussions has an annotation."


@given(st.text(alphabet="ab-’' \n3_XÉé", max_size=40))
def test_the_hyphen_search_finds_what_the_pattern_finds_everywhere(text):
    assert [m.span() for m in _hyphenated(text)] == [m.span() for m in _HYPHENATED.finditer(text)]


PIECES = ["oversight", "sight", "over", "’", "'", " ", "-", "x", "X", "\n", "s", "é"]


@given(st.lists(st.sampled_from(PIECES), max_size=12))
def test_glossary_words_are_found_where_the_word_pattern_finds_them(parts):
    text = "".join(parts)
    words = {"oversight", "sight"}
    expected = [(m.group(), m.start()) for m in _WORD.finditer(text) if m.group() in words]
    assert list(_Words(words).find(text)) == expected
