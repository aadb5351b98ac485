"""House style of the annotation files: American spelling, curly apostrophes, short definitions
that lead with the idea. Each check is also run on a bad string, so it is known to bite."""

from __future__ import annotations

import re

import pytest

from annotation_engine.page.match import Matcher
from annotation_engine.read.catalog import Catalog, load_catalog
from conftest import ROOT

pytestmark = pytest.mark.unit

PROBLEMS: list[object] = []
CATALOG = load_catalog(ROOT / "annotations", PROBLEMS.append)

# British spellings a contributor could plausibly write here, as word stems.
BRITISH = re.compile(
    r"""\b(
    (recognis | organis | realis | generalis | optimis | minimis | maximis | characteris | categoris
     | summaris | emphasis | criticis | prioritis | specialis | formalis | penalis | utilis | analys
     | apologis | hypothesis | memoris | randomis | regularis | normalis | visualis | stabilis)
    (e|es|ed|ing|ation|ations|er|ers)\b
  | \w*(behaviour|colour|favour|honour|labour|neighbour) | centre | theatre | metre\b | modelling
  | modelled | labelled | labelling | travelled | signalled | cancelled | defence | offence
  | licence\b | catalogue | judgement | programme | whilst | amongst
)""",
    re.VERBOSE | re.IGNORECASE,
)
META_START = re.compile(
    r"^(A|The|This)?\s*(commenter|comment|term|label|word|phrase|name)\b"
    r"|^(In this thread|In the thread|Used|Term used|Here)\b",
    re.IGNORECASE,
)
# Words that tie a text to one discussion: a definition and details say what a term means anywhere;
# how one discussion uses it goes in `used_in`.
ONE_DISCUSSION = re.compile(r"\b(this|the|that) (thread|discussion|page|comment)\b|\bcommenters?\b", re.IGNORECASE)
CODE = re.compile(r"`[^`]*`")
URL = re.compile(r"\]\([^)]*\)|<https?://[^>]*>|https?://\S+")
SENTENCE = re.compile(r"(?<=[.?!])[”’)]*\s+(?=[A-Z“‘(*_])")
MAX_WORDS = 35


def prose(text: str) -> str:
    """The text a reader sees as prose: without code spans and link targets."""
    return URL.sub("", CODE.sub("", text))


def straight_apostrophes(text: str) -> list[str]:
    return [m.group() for m in re.finditer(r".{0,15}'.{0,15}", prose(text))]


def british(text: str) -> list[str]:
    return [m.group() for m in BRITISH.finditer(prose(text))]


def is_meta(definition: str) -> bool:
    return bool(META_START.match(prose(definition).lstrip("*_ ")))


def long_sentences(text: str) -> list[str]:
    sentences = SENTENCE.split(" ".join(prose(text).split()))
    return [s for s in sentences if len(s.split()) > MAX_WORDS]


def repeated_sentences(text: str) -> list[str]:
    """Sentences whose every longer word another sentence of the same text already says."""
    sentences = SENTENCE.split(" ".join(prose(text).split()))
    words = [{w.casefold() for w in re.findall(r"[^\W\d_][\w’-]{3,}", s)} for s in sentences]
    return [
        sentences[i]
        for i, said in enumerate(words)
        if len(said) >= 3 and any(j != i and said <= other for j, other in enumerate(words))
    ]


def about_one_discussion(text: str) -> list[str]:
    return [m.group() for m in ONE_DISCUSSION.finditer(prose(text))]


def fields():
    for term in CATALOG.terms.values():
        yield term.path, "term", term.name
        yield term.path, "definition", term.definition
        yield term.path, "details", term.details
        for page, use in term.used_in.items():
            yield term.path, f"used_in {page}", use
    for note in CATALOG.notes.values():
        yield note.path, "title", note.title
        yield note.path, "body", note.body


FIELDS = list(fields())


def test_the_catalog_loads():
    assert PROBLEMS == []
    assert len(CATALOG.terms) >= 30 and len(CATALOG.notes) >= 10


@pytest.mark.parametrize("path, key, text", FIELDS, ids=[f"{p.rsplit('/', 1)[1]}:{k}" for p, k, _ in FIELDS])
def test_prose_uses_curly_apostrophes_and_american_spelling(path, key, text):
    assert straight_apostrophes(text) == [], f"{path}: use ’ in {key}"
    assert british(text) == [], f"{path}: American spelling in {key}"


@pytest.mark.parametrize("path, key, text", FIELDS, ids=[f"{p.rsplit('/', 1)[1]}:{k}" for p, k, _ in FIELDS])
def test_prose_says_each_thing_once(path, key, text):
    assert repeated_sentences(text) == [], f"{path}: {key} says this twice"


@pytest.mark.parametrize("term", CATALOG.terms.values(), ids=lambda t: t.id)
def test_definitions_and_details_speak_of_no_one_discussion(term):
    assert about_one_discussion(term.definition) == [], f"{term.path}: say how a discussion uses it in used_in"
    assert about_one_discussion(term.details) == [], f"{term.path}: say how a discussion uses it in used_in"


@pytest.mark.parametrize("term", CATALOG.terms.values(), ids=lambda t: t.id)
def test_definitions_lead_with_the_idea_in_short_sentences(term):
    assert not is_meta(term.definition), f"{term.path}: start the definition with what the thing is"
    assert long_sentences(term.definition) == [], f"{term.path}: split sentences over {MAX_WORDS} words"


def test_the_checks_catch_bad_text():
    posed = "An open problem, posed by the Alignment Research Center in 2021. The Alignment Research Center posed it."
    assert repeated_sentences(posed) == ["The Alignment Research Center posed it."]
    assert repeated_sentences("Training asks whether it is cheap. Performance asks whether it is capable.") == []
    assert straight_apostrophes("The model's output") == ["The model's output"]
    assert straight_apostrophes("See `it's code` and [x](https://e.org/Goodhart's_law).") == []
    assert straight_apostrophes("Goodhart’s law") == []
    assert british("It recognises the behaviour of the centre; a labelled, modelling programme.") == [
        "recognises",
        "behaviour",
        "centre",
        "labelled",
        "modelling",
        "programme",
    ]
    assert british("It analyses and optimised; we generalise the organisation, in favour of colour.") == [
        "analyses",
        "optimised",
        "generalise",
        "organisation",
        "favour",
        "colour",
    ]
    assert british("Model organisms, an analysis, hypotheses, emphasis and behaviors.") == []
    assert british("It recognizes the behavior of the center; a labeled modeling program, analyzed.") == []
    assert british("See [x](https://e.org/behaviour) and `colour`.") == []
    for bad in [
        "A commenter’s label for a thing.",
        "In this thread, the word means x.",
        "Term used for x.",
        "A label for x.",
        "Used for x.",
        "The phrase means x.",
        "*A commenter’s* word.",
    ]:
        assert is_meta(bad), bad
    for good in ["A model is calibrated when…", "The problem of supervising…", "Informal for striking."]:
        assert not is_meta(good), good
    for bad in [
        "In this thread, x.",
        "The thread uses it.",
        "a commenter’s label",
        "This page reads it",
        "the comment says",
    ]:
        assert about_one_discussion(bad), bad
    assert about_one_discussion("The threads of a rope; a discussion of ELK; see `this page`.") == []
    long = " ".join(["word"] * 36) + ". Short one."
    assert long_sentences(long) == [" ".join(["word"] * 36) + "."]
    assert long_sentences(" ".join(["Word"] * 35) + ". " + " ".join(["Word"] * 35) + ".") == []
    assert long_sentences("Short, e.g. this one. Another “quoted.” Third (yes.) Fourth.") == []


def parts_unexplained(catalog: Catalog) -> list[tuple[str, str]]:
    """(term, part) for each term whose name or alias holds another term that its definition
    neither names nor links: the popover a reader meets first would not say what the part means."""
    terms = catalog.terms.values()
    matcher = Matcher(terms)
    missing = []
    for term in terms:
        parts = {m.term_id for name in (term.name, *term.aliases) for m in matcher.find(name, frozenset({term.id}))}
        linked = {m.term_id for m in matcher.find(" ".join(term.definition.split()), frozenset({term.id}))}
        missing += [(term.id, part) for part in sorted(parts - linked)]
    return missing


def test_a_term_whose_name_holds_another_term_explains_that_part():
    assert parts_unexplained(CATALOG) == []


def test_the_parts_check_bites(tmp_path):
    terms = tmp_path / "terms"
    terms.mkdir()
    for name, definition in (("reward model", "A model that scores outputs."), ("reward model hacking", "Gaming it.")):
        (terms / f"{name.replace(' ', '-')}.yml").write_text(
            f"term: {name}\ndefinition: {definition}\nsources:\n  - title: A source\n    url: https://example.org\n",
            encoding="utf-8",
        )
    problems: list[object] = []
    assert parts_unexplained(load_catalog(tmp_path, problems.append)) == [("reward-model-hacking", "reward-model")]
