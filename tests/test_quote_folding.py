"""Quotes typed on a keyboard find the page's curly quotes and dashes, and mark the page's own characters."""

import xml.etree.ElementTree as etree

import markdown
import pytest

from annotation_engine.anchor import Anchoring, NoteAnchorExtension, fold_text
from annotation_engine.model import Note, Problem

pytestmark = pytest.mark.unit

PAGE = "discussions/talk.md"
BODY = """
## Comment 1

If you’re thinking mainly about **interp**, then I basically agree.
I don’t think of it as “prosaic alignment”.

- **model organisms**—trying to probe the minimal sets of assumptions
- generalization – in the wild … or not

## Comment 2

Don't count on it. Don’t count on it either.
"""


def note(quote: str, **fields: str) -> Note:
    return Note("n", "annotations/notes/n.yml", PAGE, quote, "context", "Title", "Body.", lines={"quote": 2}, **fields)


def render(*notes: Note) -> tuple[str, list[Problem]]:
    problems: list[Problem] = []
    anchoring = Anchoring({PAGE: list(notes)}, {n.id: "<span>Body.</span>" for n in notes}, problems.append, PAGE)
    md = markdown.Markdown(extensions=[NoteAnchorExtension(anchoring)])
    return md.convert(BODY), problems


def marked(html: str) -> str:
    """The page's characters inside the note's <mark>s, in order."""
    root = etree.fromstring(f"<root>{html}</root>")
    return "".join(mark.text or "" for mark in root.iter("mark"))


@pytest.mark.parametrize(
    "quote, on_the_page",
    [
        ("If you're thinking mainly about interp", "If you’re thinking mainly about interp"),
        ('I don\'t think of it as "prosaic alignment"', "I don’t think of it as “prosaic alignment”"),
        ("model organisms - trying to probe", "model organisms—trying to probe"),
        ("model organisms-trying to probe", "model organisms—trying to probe"),
        ("model organisms -- trying", "model organisms—trying"),
        ("generalization-in the wild", "generalization – in the wild"),
        ("in the wild ... or not", "in the wild … or not"),
        ("basically\tagree.\n  I don't", "basically agree.\nI don’t"),
    ],
)
def test_a_typed_quote_marks_the_pages_own_characters(quote, on_the_page):
    html, problems = render(note(quote))
    assert problems == []
    assert marked(html) == on_the_page


@pytest.mark.parametrize(
    "fields",
    [{"prefix": "I don't"}, {"suffix": '"prosaic'}, {"prefix": "don't\n", "suffix": ' "prosaic alignment".'}],
)
def test_prefix_and_suffix_are_folded_too(fields):
    html, problems = render(note("think of it as", **fields))
    assert problems == [] and marked(html) == "think of it as"


def test_a_dash_in_the_prefix_matches_the_pages_dash():
    html, problems = render(note("trying to probe", prefix="organisms -"))
    assert problems == [] and marked(html) == "trying to probe"


def test_folding_does_not_make_a_quote_that_matched_once_match_twice():
    for quote in ["Don't count on it", "Don’t count on it"]:  # each as written: once, though folded twice
        html, problems = render(note(quote))
        assert problems == [] and marked(html) == quote  # the mark's apostrophe tells which one
    _, problems = render(note("Don‘t count on it"))  # neither apostrophe as written: both, folded
    assert "the quote matches 2 places" in str(problems[0])


def test_folded_offsets_lead_back_to_the_original_characters():
    folded = fold_text("a \u2014 b\u2026 c\u2019d\n\te")
    assert folded.text == "a-b... c'd e"
    assert [folded.original[slice(*folded.span(i, i + 1))] for i in range(len(folded.text))] == list(
        "a\u2014b\u2026\u2026\u2026 c\u2019d\ne"
    )
