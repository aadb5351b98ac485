"""The comment markup read from a page's Markdown (lines, tree, problems), rendered, and checked."""

from __future__ import annotations

import markdown
import pytest

from annotation_engine.model import Problem
from annotation_engine.page.comments import Said
from annotation_engine.page.fidelity import Fidelity
from annotation_engine.page.page_pass import AnnotationExtension
from annotation_engine.page.state import Converting, PageState
from annotation_engine.read.comments import PageComments, scan
from annotation_engine.read.scrape import Paragraph

pytestmark = pytest.mark.unit

PATH = "docs/discussions/talk.md"
THREAD = """\
/// comment | commenter A
    id: one

First words. Second sentence.

///

/// comment | commenter B
    id: two
    reply_to: one
    date: 2024-12-28

//// quote | one
First words.
////

A reply.

//// edit | commenter B
An edit.
////

///

/// comment | commenter C
    id: three
    reply_to: two
    url: https://example.org/c

Deeper.

///
"""


def scanned(text: str, first_line: int = 1) -> tuple[PageComments, list[str]]:
    problems: list[Problem] = []
    return scan(PATH, text, first_line, problems.append), [str(p) for p in problems]


def converted(page: PageComments) -> tuple[str, list[Said]]:
    """The page's Markdown as the engine converts it: its HTML, and its comments' paragraphs."""
    read: list[Said] = []
    converting = Converting(PageState("discussions/talk.md", comments=page))
    extension = AnnotationExtension(converting, read_comments=lambda _, comments, found, strays: read.extend(found))
    md = markdown.Markdown(extensions=["admonition", extension])
    return md.convert(page.markdown), read


def test_the_tree_depths_labels_and_quotes_come_from_the_markup():
    page, problems = scanned(THREAD, first_line=10)
    assert problems == []
    one, two, three = page.comments.values()
    assert [c.line for c in page.comments.values()] == [10, 17, 34]  # the file's lines
    assert (one.depth, two.depth, three.depth) == (0, 1, 2)
    assert (two.label, two.date, three.url) == ("Comment 2 · commenter B", "2024-12-28", "https://example.org/c")
    assert one.quoted_in == ["two"] and two.quotes == ["one"]
    assert [(o.kind, o.line) for o in page.openings if o.kind in ("quote", "edit")] == [("quote", 22), ("edit", 28)]


def test_the_built_comment_says_what_it_answers_where_it_is_quoted_and_how_deep_it_is():
    html, _ = converted(scanned(THREAD)[0])
    assert '<article class="comment" data-comment="two" data-depth="1" data-reply-to="one">' in html
    assert '<h3 class="comment__title" id="two">Comment 2 · commenter B</h3>' in html
    assert (
        '<p class="comment-meta">quoted in <a class="comment-ref" href="#two">comment 2</a>'
        '<span class="comment__self"> · <a class="comment__permalink" href="#one">permalink</a></span></p>'
    ) in html
    assert (
        '<blockquote class="comment-quote" data-quotes="one"><p>First words.</p>\n'
        '<p class="quote-source">Quoting <a class="comment-ref" href="#one">comment 1</a></p></blockquote>'
    ) in html
    assert '<p class="admonition-title">Later edit by commenter B</p>' in html
    assert '<h4 class="comment__title" id="three">' in html
    assert "annotations-" not in html and "///" not in html


def test_said_reads_each_paragraph_once_without_the_labels():
    assert converted(scanned(THREAD)[0])[1] == [
        Said("First words. Second sentence.", "one"),
        Said("First words.", "two", "one"),
        Said("A reply.", "two"),
        Said("An edit.", "two"),
        Said("Deeper.", "three"),
    ]


@pytest.mark.parametrize(
    "text, message",
    [
        ("/// comment | A\n\nWords.\n", f"{PATH}:1: a 'comment' block is never closed."),
        ("/// comment\n    id: a\n\nWords.\n///\n", f"{PATH}:1: the comment has no author."),
        ("/// comment | A\n\nWords.\n///\n", f"{PATH}:1: the comment has no id."),
        ("/// comment | A\n    id: A_1\n\nW.\n///\n", f"{PATH}:1: 'A_1' cannot be a comment's id."),
        ("//// quote | a\nWords.\n////\n", f"{PATH}:1: a 'quote' block must be inside a comment."),
        (
            "/// comment | A\n    id: a\n    date: soon\n\nW.\n///\n",
            f"{PATH}:3: 'date' is 'soon', which is not a day or a time.",
        ),
        (
            "/// comment | A\n    id: a\n    edited: yesterday\n\nW.\n///\n",
            f"{PATH}:3: 'edited' is 'yesterday', which is not a day or a time.",
        ),
        (
            "/// comment | A\n    id: a\n    status: removed\n\nW.\n///\n",
            f"{PATH}:1: 'status' is 'removed'.",
        ),
        (
            "//// comment | A\n    id: a\n\n/// comment | B\n    id: b\n\nW.\n///\n////\n",
            f"{PATH}:4: a comment cannot hold a comment.",
        ),
        (
            "/// comment | A\n    id: a\n    reply_to: b\n\nW.\n///\n\n/// comment | B\n    id: b\n\nW.\n///\n",
            f"{PATH}:1: comment a replies to 'b', which is not above it: a reply comes after what it answers.",
        ),
        (
            "/// comment | A\n    id: a\n\n//// quote | a\nW.\n////\n///\n",
            f"{PATH}:1: comment a quotes 'a', which is itself",
        ),
    ],
)
def test_each_mistake_in_the_markup_is_a_problem_at_its_line(text, message):
    _, problems = scanned(text)
    assert any(p.startswith(message) and "Fix: " in p for p in problems), problems


def test_code_fences_are_not_markup():
    _, problems = scanned("```\n/// comment | A\n```\n")
    assert problems == []


SOURCE = [Paragraph("First words. Second sentence.", 1), Paragraph("A reply.", 2), Paragraph("Deeper.", 3)]


def fidelity(page: list[str]) -> list[str]:
    problems: list[Problem] = []
    Fidelity(PATH, lambda: None, "sources/talk.txt", problems.append).against(
        [Said(text, "c") for text in page], SOURCE
    )
    return [p.message for p in problems]


def test_the_comments_equal_to_the_source_pass():
    assert fidelity(["First words. Second sentence.", "A reply.", "Deeper."]) == []


def test_a_changed_a_lost_and_an_added_sentence_are_each_named():
    assert fidelity(["First words. Second sentences.", "A reply.", "Deeper."]) == [
        "the comments say “Second sentences.”, which is not in the source: its line 1 (sources/talk.txt) has "
        "“Second sentence.”."
    ]
    assert fidelity(["First words.", "A reply.", "Deeper."]) == [
        "the comments lost “Second sentence.” of the source's line 1 (sources/talk.txt)."
    ]
    assert fidelity(["First words. Second sentence.", "Deeper."]) == [
        "the source's line 2 (sources/talk.txt), “A reply.”, is missing from the comments. "
        "It comes after “First words. Second sentence.”."
    ]
    assert fidelity(["First words. Second sentence.", "A reply.", "Ours.", "Deeper."]) == [
        "the comments say “Ours.”, which is not in the source sources/talk.txt."
    ]


def test_a_quote_must_be_words_of_the_comment_it_names():
    problems: list[Problem] = []
    check = Fidelity(PATH, lambda: None, "", problems.append)
    check.quotes([Said("First words. Second.", "one"), Said("First words.", "two", "one")])
    assert problems == []
    check.quotes([Said("First words. Second.", "one"), Said("Other words.", "two", "one")])
    assert [p.message for p in problems] == ["the quote “Other words.” in comment two is not words of one."]


def test_the_converter_gets_the_page_without_the_options_the_engine_has_read():
    page, _ = scanned(THREAD)
    assert "id: two" not in page.markdown and "reply_to" not in page.markdown and "///" not in page.markdown
    dated, _ = scanned(THREAD.replace("//// edit | commenter B\n", "//// edit | commenter B\n    date: 2025-01-02\n"))
    assert '<p class="admonition-title">Later edit by commenter B, 2025-01-02</p>' in converted(dated)[0]
