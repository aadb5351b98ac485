"""Quotes typed on a keyboard find the page's curly quotes and dashes; near misses name the closest passage."""

import xml.etree.ElementTree as etree

import markdown
import pytest

import factories
from annotation_engine.folding import fold_text
from annotation_engine.model import Note, Problem
from annotation_engine.page.anchor import Anchoring, markdown_line
from annotation_engine.page.page_pass import AnnotationExtension
from annotation_engine.page.state import Converting, PageState

pytestmark = pytest.mark.unit

PAGE = "discussions/talk.md"
FRONT = """\
---
title: Talk
description: “If you’re thinking mainly about interp” and other remarks
---
"""
BODY = """
## Comment 1

If you’re thinking mainly about **interp**, then I basically agree.
I don’t think of it as “prosaic alignment”.

- **model organisms**—trying to probe the minimal sets of assumptions
- generalization – in the wild … or not

## Comment 2

Don't count on it. Don’t count on it either.
"""
SOURCE = FRONT + BODY  # the page's file: "If you’re" is on line 8, "- **model organisms**" on line 11


def note(quote: str, **fields: str) -> Note:
    return factories.note("n", quote, page=PAGE, **fields)


def render(*notes: Note, source: str | None = SOURCE) -> tuple[str, list[Problem]]:
    problems: list[Problem] = []
    files = {PAGE: source} if source is not None else {}
    anchoring = Anchoring({n.id: factories.note_body() for n in notes}, problems.append)
    converting = Converting(PageState(PAGE, notes=notes, source=lambda: files.get(PAGE)))
    md = markdown.Markdown(extensions=[AnnotationExtension(converting, anchoring=anchoring)])
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


def test_a_near_miss_names_the_closest_passage_and_its_markdown_line():
    _, problems = render(note("If you are thinking mainly about interp"))
    assert [str(p) for p in problems] == [
        f"annotations/notes/n.yml:2: the quote matches nothing on {PAGE}. "
        "Did you mean: “If you’re thinking mainly about interp,” (line 8)? "
        "Fix: copy the words from that passage; check 'prefix' and 'suffix' too."
    ]


def test_a_near_miss_in_marked_up_words_finds_their_line():
    _, problems = render(note("model organisms trying to probe the minimal set"))
    assert "Did you mean: “model organisms—trying to probe the minimal sets” (line 11)?" in problems[0].message


def test_without_the_pages_file_a_near_miss_has_no_line():
    _, problems = render(note("If you are thinking mainly about interp"), source=None)
    assert problems[0].message.endswith("Did you mean: “If you’re thinking mainly about interp,”?")


def test_a_quote_like_nothing_on_the_page_says_so():
    _, problems = render(note("purple elephants juggle quantum bananas"))
    assert [str(p) for p in problems] == [
        f"annotations/notes/n.yml:2: the quote matches nothing on {PAGE}. No passage there is close to it either. "
        "Fix: copy the quote from the page; check that 'page' names the page it is on."
    ]


def test_a_unique_quote_with_a_wrong_prefix_blames_the_prefix():
    _, problems = render(note("thinking mainly about", prefix="If we are", suffix="interp"))
    assert [str(p) for p in problems] == [
        f"annotations/notes/n.yml:2: the quote is on {PAGE} once, but its 'prefix' does not match the words "
        "around it there: “If you’re [thinking mainly about] interp,”. "
        "Fix: copy 'prefix' and 'suffix' from the words around the quote, or leave them out: the quote is unique."
    ]


def test_a_repeated_quote_with_a_wrong_suffix_blames_the_suffix():
    _, problems = render(note("count on it", suffix="forever"))
    assert problems[0].message == (
        f"the quote is on {PAGE} 2 times, but its 'suffix' does not match the words around any of them."
    )


def test_markdown_line_skips_the_front_matter_and_looks_through_markup():
    assert markdown_line(SOURCE, "If you're thinking mainly about interp") == 8  # not the description, line 3
    assert markdown_line(SOURCE, "generalization - in the wild") == 12
    assert markdown_line(SOURCE, "If you’re thinking mainly about interp, then I basically") == 8  # across **…**
    assert markdown_line(SOURCE, "nothing of the sort") is None


def test_folded_offsets_lead_back_to_the_original_characters():
    folded = fold_text("a \u2014 b\u2026 c\u2019d\n\te")
    assert folded.text == "a-b... c'd e"
    assert [folded.original[slice(*folded.span(i, i + 1))] for i in range(len(folded.text))] == list(
        "a\u2014b\u2026\u2026\u2026 c\u2019d\ne"
    )
