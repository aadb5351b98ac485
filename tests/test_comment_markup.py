"""The comment markup, written and read by one module: for generated comments, what `write` makes
reads back (`scan`, then `written`) as the same comments, without a problem; and what it cannot
hold it refuses."""

from __future__ import annotations

import datetime
from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from annotation_engine.markdown_text import escape_markdown
from annotation_engine.model import Problem
from annotation_engine.read.comments import Edit, Part, Quote, UnwritableError, Written, scan, write, written

pytestmark = pytest.mark.unit

LINE = st.text(
    st.characters(codec="utf-8", exclude_categories=("Cc", "Cs", "Zl", "Zp", "Co")), min_size=1, max_size=30
).map(str.strip)
WORDS = st.lists(LINE.filter(bool), min_size=1, max_size=3).map(
    lambda paragraphs: "\n\n".join(map(escape_markdown, paragraphs))
)
IDS = st.from_regex(r"[a-z0-9]{1,6}(-[a-z0-9]{1,4})?", fullmatch=True)
DAYS = st.dates().map(lambda day: day.isoformat())
TIMES = st.datetimes(timezones=st.just(datetime.UTC)).map(
    lambda time: time.isoformat(timespec="milliseconds").replace("+00:00", "Z")
)  # as forums give them: 2025-03-02T11:40:12.000Z
WHEN = st.one_of(st.just(""), DAYS, TIMES)
SOURCE_IDS = st.one_of(st.just(""), st.text("abcXYZ019", min_size=1, max_size=17), st.integers(1, 10**9).map(str))


@st.composite
def threads(draw: st.DrawFn) -> list[Written]:
    ids = draw(st.lists(IDS, min_size=1, max_size=6, unique=True))
    found = []
    for n, comment_id in enumerate(ids):
        others = [other for other in ids if other != comment_id]
        part = st.one_of(
            WORDS,
            st.builds(Edit, LINE.filter(bool), WORDS, st.one_of(st.just(""), DAYS)),
            *([st.builds(Quote, st.sampled_from(others), WORDS)] if others else []),
        )
        found.append(
            Written(
                draw(LINE.filter(bool)),
                comment_id,
                tuple(draw(st.lists(part, max_size=4))),
                draw(st.sampled_from(["", *ids[:n]])),
                draw(WHEN),
                draw(st.sampled_from(["", f"https://forum.example/posts/1#{comment_id}"])),
                draw(WHEN),
                draw(st.sampled_from(["", "deleted", "retracted"])),
                draw(SOURCE_IDS),
            )
        )
    return found


def canonical(comment: Written) -> Written:
    """The comment as the markup holds it: words next to words are one part."""
    parts: list[Part] = []
    for part in comment.parts:
        if isinstance(part, str) and parts and isinstance(parts[-1], str):
            parts[-1] = f"{parts[-1]}\n\n{part}"
        else:
            parts.append(part)
    return replace(comment, parts=tuple(parts))


@settings(max_examples=200, deadline=None)
@given(threads())
def test_written_comments_read_back_the_same(comments):
    problems: list[Problem] = []
    page = scan("docs/discussions/t.md", write(comments), 1, problems.append)
    assert [str(problem) for problem in problems] == []
    assert written(page) == [canonical(comment) for comment in comments]


def test_the_markup_of_a_comment_with_a_quote_and_an_edit():
    comment = Written(
        "commenter B",
        "two",
        ("A reply.", Quote("one", "First words."), Edit("commenter B", "An edit.", "2024-12-29")),
        reply_to="one",
        date="2024-12-28",
    )
    assert write([comment]) == (
        "/// comment | commenter B\n    id: two\n    reply_to: one\n    date: 2024-12-28\n\n"
        "A reply.\n\n//// quote | one\nFirst words.\n////\n\n"
        "//// edit | commenter B\n    date: 2024-12-29\n\nAn edit.\n////\n\n///"
    )


@pytest.mark.parametrize(
    "comment",
    [
        Written("two\nlines", "one", ("Words.",)),
        Written("A", "one", ("Words.\n///\nMore.",)),
        Written("A", "one", (Quote("two", "   "),)),
    ],
    ids=["an author on two lines", "a line that closes the comment", "a quote without words"],
)
def test_what_the_markup_cannot_hold_is_refused(comment):
    with pytest.raises(UnwritableError):
        write([comment])


@pytest.mark.parametrize(
    "code",
    [
        "```\n    ```\nstill code\n```",  # an indented fence line does not close it
        "````\n```\nstill code\n````",  # nor a shorter one
        "~~~ python\n```\nstill code\n~~~",  # nor the other kind
    ],
    ids=["indented", "shorter", "tildes"],
)
def test_a_code_block_closes_only_on_its_own_fence_as_python_markdown_reads_it(code):
    problems: list[Problem] = []
    page = scan("p.md", f"{code}\n\n/// comment | A\n    id: a\n\nWords.\n\n///\n", 1, problems.append)
    assert problems == [] and list(page.comments) == ["a"]
