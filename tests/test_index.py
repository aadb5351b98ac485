import pytest

from annotation_engine.folding import fold
from annotation_engine.page.match import Matcher
from factories import term

pytestmark = pytest.mark.unit


def found(matcher: Matcher, text: str, excluded: frozenset[str] = frozenset()) -> list[tuple[str, str]]:
    return [(text[m.start : m.end], m.term_id) for m in matcher.find(text, excluded)]


@pytest.fixture
def matcher() -> Matcher:
    return Matcher(
        [
            term("elk", "ELK", "eliciting latent knowledge"),
            term("rlct", "RLCT"),
            term("alignment", "alignment"),
            term("deceptive-alignment", "deceptive alignment"),
            term("goodhart", "Goodhart’s law", "goodhart"),
            term("goodhart-robustness", "Goodhart robustness"),
            term("streetlight", "streetlight-y"),
            term("cpp", "C++"),
        ]
    )


def test_longest_match_wins(matcher):
    assert found(matcher, "the deceptive alignment arguments") == [("deceptive alignment", "deceptive-alignment")]


def test_acronyms_match_only_in_capitals(matcher):
    assert found(matcher, "An elk is not ELK; Eliciting Latent Knowledge is.") == [
        ("ELK", "elk"),
        ("Eliciting Latent Knowledge", "elk"),
    ]


def test_plurals_and_possessives(matcher):
    assert found(matcher, "calculation of RLCTs and ELK’s reporter") == [("RLCTs", "rlct"), ("ELK", "elk")]


def test_word_boundaries(matcher):
    assert found(matcher, "misalignment, ELKS, goodharting, RLCTx") == []


def test_curly_and_straight_apostrophes(matcher):
    assert found(matcher, "Goodhart's law and Goodhart’s law") == [
        ("Goodhart's law", "goodhart"),
        ("Goodhart’s law", "goodhart"),
    ]


def test_hyphenated_forms_inside_longer_words(matcher):
    assert found(matcher, "a non-streetlight-y field") == [("streetlight-y", "streetlight")]


def test_regex_metacharacters_are_plain_text(matcher):
    assert found(matcher, "C++ is not C+ or Cpp") == [("C++", "cpp")]


def test_fold_keeps_positions_when_lowercase_grows():
    text = "İstanbul ELK"
    assert len(fold(text)) == len(text)
    assert found(Matcher([term("elk", "ELK")]), text) == [("ELK", "elk")]


def test_case_rule_can_be_set_per_term():
    matcher = Matcher([term("agi", "AGI", case_sensitive=False), term("debate", "Debate", case_sensitive=True)])
    assert found(matcher, "agi and debate and Debate") == [("agi", "agi"), ("Debate", "debate")]


def test_plurals_can_be_switched_off():
    assert found(Matcher([term("nn", "NN", plurals=False)]), "NNs and NN") == [("NN", "nn")]


def test_no_terms_finds_nothing():
    assert Matcher([]).find("anything") == []


def test_thousands_of_terms_match_exactly():
    many = Matcher([term(f"t{i}", f"word{i}") for i in range(5000)] + [term("elk", "ELK")])
    assert found(many, "ELK word4999 word5000") == [("ELK", "elk"), ("word4999", "t4999")]


def test_multi_word_forms_match_across_line_breaks_and_double_spaces():
    matcher = Matcher(
        [term("so", "scalable oversight"), term("elk", "Eliciting Latent Knowledge", case_sensitive=True)]
    )
    text = "scalable\noversight, scalable  oversight and Eliciting  Latent\nKnowledge"
    assert found(matcher, text) == [
        ("scalable\noversight", "so"),
        ("scalable  oversight", "so"),
        ("Eliciting  Latent\nKnowledge", "elk"),
    ]


def test_plural_rules():
    matcher = Matcher([term("cap", "capability"), term("nn", "NNs"), term("loss", "loss"), term("key", "key")])
    assert found(matcher, "capabilities, NNs, losses, keys, NNses") == [
        ("capabilities", "cap"),
        ("NNs", "nn"),
        ("losses", "loss"),
        ("keys", "key"),
    ]


def test_combining_marks_are_part_of_a_word():
    assert found(Matcher([term("mode", "mode")]), "mode\u0301 (modé, decomposed) and mode") == [("mode", "mode")]


def test_an_excluded_term_is_not_found(matcher):
    text = "ELK and RLCT"
    assert found(matcher, text, frozenset({"elk"})) == [("RLCT", "rlct")]
    assert found(matcher, text, frozenset({"elk", "rlct"})) == []
    assert found(matcher, text) == [("ELK", "elk"), ("RLCT", "rlct")]  # nothing is left out for good


def test_a_shorter_term_inside_an_excluded_longer_one_still_matches(matcher):
    text = "goodhart robustness and deceptive alignment"
    assert found(matcher, text) == [
        ("goodhart robustness", "goodhart-robustness"),
        ("deceptive alignment", "deceptive-alignment"),
    ]
    assert found(matcher, text, frozenset({"goodhart-robustness", "deceptive-alignment"})) == [
        ("goodhart", "goodhart"),
        ("alignment", "alignment"),
    ]


def test_excluding_one_of_two_terms_with_the_same_form_leaves_the_other():
    matcher = Matcher([term("a", "model"), term("b", "model")])  # the catalog refuses this; the matcher copes
    assert found(matcher, "a model", frozenset({"a"})) == [("model", "b")]
    assert found(matcher, "a model", frozenset({"a", "b"})) == []
