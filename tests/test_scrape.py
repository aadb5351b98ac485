"""A scrape read, split into its copies and merged into the thread once; and the import's draft:
its comments, its quotes, and Markdown that renders as the scrape's words."""

from __future__ import annotations

import difflib
import re

import markdown
import pytest
import yaml
from bs4 import BeautifulSoup
from hypothesis import given, settings
from hypothesis import strategies as st

from annotation_engine.markdown_text import escape_markdown
from annotation_engine.read.scrape import Paragraph, merge, provenance, read_scrape, split_copies
from conftest import POSTMORTEM_SOURCE, ROOT
from import_scrape import draft, letters, plan

pytestmark = pytest.mark.unit


def norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def texts(paragraphs: list[Paragraph]) -> list[str]:
    return [paragraph.text for paragraph in paragraphs]


def scrape(*copies: list[str]) -> list[list[Paragraph]]:
    """A made-up scrape of these copies, one after the other, split as a real one is."""
    return split_copies(read_scrape("\n".join(line for copy in copies for line in copy)))


# -- The real scrape ------------------------------------------------------------------------------


def real_lines() -> list[str]:
    return [norm(line) for line in POSTMORTEM_SOURCE.read_text(encoding="utf-8").splitlines() if line.strip()]


def the_thread_once(first: list[str], second: list[str]) -> list[str]:
    """The merge as tests/test_site.py has done it by hand, written again here to compare with."""
    merged: list[str] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=first, b=second, autojunk=False).get_opcodes():
        merged += first[i1:i2]
        if op in ("insert", "replace"):
            merged += second[j1:j2]
    return merged


def test_the_real_scrape_holds_two_copies_lines_1_to_17_and_18_to_33():
    copies = split_copies(read_scrape(POSTMORTEM_SOURCE.read_text(encoding="utf-8")))
    assert [len(copy) for copy in copies] == [17, 16]  # sources/README.md
    assert [(copy[0].line, copy[-1].line) for copy in copies] == [(1, 17), (18, 33)]


def test_the_real_scrape_merges_to_the_thread_the_page_shows():
    lines = real_lines()
    second = lines.index(lines[0], 1)
    expected = the_thread_once(lines[:second], lines[second:])
    merged = merge(split_copies(read_scrape(POSTMORTEM_SOURCE.read_text(encoding="utf-8"))))
    assert texts(merged) == expected
    assert len(merged) == 18  # six comments: 2 + 5 + 3 + 1 + 4 + 3 paragraphs
    # Each merged paragraph keeps its first line: copy 1's, and line 31 the one only copy 2 has.
    assert [paragraph.line for paragraph in merged] == [*range(1, 16), 31, 16, 17]


def test_the_real_scrape_each_copy_kept_what_sources_readme_says():
    copies = split_copies(read_scrape(POSTMORTEM_SOURCE.read_text(encoding="utf-8")))
    lost = [(paragraph.line, held) for paragraph, held in provenance(copies) if len(held) < 2]
    # Copy 1 keeps the two passages comment 5 quotes; copy 2 the first line of the sixth comment.
    assert lost == [(12, (0,)), (14, (0,)), (31, (1,))]
    by_line = {paragraph.line: paragraph.text for paragraph in copies[0] + copies[1]}
    assert by_line[12].startswith("All four of those I think are basically useless")
    assert by_line[12] in by_line[8] and by_line[12] != by_line[8]  # a quote of part of comment 3
    assert by_line[14] == by_line[7]  # the scalable oversight item, quoted whole
    assert by_line[31] == "Thanks for the list! I have two questions:"
    # The quoted item is kept twice, as the copy that kept the quote has it.
    merged = texts(merge(copies))
    assert merged.count(by_line[7]) == 2
    assert sorted(set(merged)) == sorted(set(texts(copies[0])) | set(texts(copies[1])))


# -- Made-up scrapes ------------------------------------------------------------------------------

THREAD = [f"Paragraph {n} of the thread." for n in range(1, 9)]


def without(lines: list[str], *lost: int) -> list[str]:
    return [line for n, line in enumerate(lines, 1) if n not in lost]


def test_two_copies_that_lose_different_paragraphs_give_every_paragraph_once_in_order():
    copies = scrape(without(THREAD, 3, 7), without(THREAD, 5))
    assert [len(copy) for copy in copies] == [6, 7]
    assert texts(merge(copies)) == THREAD
    held = {paragraph.text: copies_ for paragraph, copies_ in provenance(copies)}
    assert held[THREAD[2]] == held[THREAD[6]] == (1,)
    assert held[THREAD[4]] == (0,)
    assert held[THREAD[0]] == (0, 1)


def test_a_paragraph_lost_at_either_end_is_recovered():
    copies = scrape(THREAD[:-1], THREAD[:3], THREAD)  # the last paragraph, then most of it
    assert texts(merge(copies)) == THREAD
    assert texts(merge(scrape(THREAD, without(THREAD, 2)))) == THREAD


def test_a_quote_repeated_within_one_copy_is_kept_as_often_as_that_copy_has_it():
    quoted = [*THREAD[:4], THREAD[1], *THREAD[4:]]  # the fifth paragraph quotes the second
    assert texts(merge(scrape(quoted, THREAD))) == quoted  # the second copy lost the quote
    assert texts(merge(scrape(THREAD, quoted))) == quoted  # the first did
    assert texts(merge(scrape(quoted, quoted))) == quoted  # both kept it: twice, not four times
    twice = [*quoted, THREAD[1]]
    assert texts(merge(scrape(twice, quoted))) == twice


def test_three_copies_fold_in_one_after_the_other():
    copies = scrape(without(THREAD, 2), without(THREAD, 4, 6), without(THREAD, 8))
    assert len(copies) == 3
    merged = provenance(copies)
    assert [paragraph.text for paragraph, _ in merged] == THREAD
    held = [copies_ for _, copies_ in merged]
    assert held[1] == (1, 2) and held[3] == held[5] == (0, 2) and held[7] == (0, 1)
    assert held[0] == (0, 1, 2)
    # A paragraph keeps the line of the earliest copy that has it.
    assert [paragraph.line for paragraph, _ in merged] == [1, 9, 2, 3, 4, 5, 6, 7]


def test_one_copy_is_the_thread_as_it_is():
    paragraphs = read_scrape("\n".join(THREAD))
    assert split_copies(paragraphs) == [paragraphs]
    assert merge(split_copies(paragraphs)) == paragraphs
    assert split_copies([]) == [] and merge([]) == [] and provenance([]) == []


def test_a_copy_starts_wherever_the_first_paragraph_recurs():
    copies = scrape(["a b", "c"], ["a b", "d"], ["a  b", "c"])
    assert [texts(copy) for copy in copies] == [["a b", "c"], ["a b", "d"], ["a b", "c"]]
    assert texts(merge(copies)) == ["a b", "c", "d"]


def test_blank_lines_and_spacing_are_ignored_and_lines_are_the_files():
    text = "\ufeff  First \t paragraph.  \n\n   \nSecond\u00a0one.\r\n\r\nThird.\rFourth. \n\n"
    assert read_scrape(text) == [
        Paragraph("First paragraph.", 1),
        Paragraph("Second one.", 4),
        Paragraph("Third.", 6),
        Paragraph("Fourth.", 7),
    ]
    spaced = "one\n\n  two  \n\t\none\ntwo\t\t\n"
    assert [[(p.text, p.line) for p in copy] for copy in split_copies(read_scrape(spaced))] == [
        [("one", 1), ("two", 3)],
        [("one", 5), ("two", 6)],
    ]
    assert read_scrape("") == read_scrape("\n \n\t") == []


# -- The draft: its comments and quotes --------------------------------------------------------------


def test_one_comment_per_paragraph_and_a_quote_opens_the_next_ones_comment():
    quoted = [*THREAD[:4], THREAD[1], *THREAD[4:]]
    comments = plan(scrape(quoted)).comments
    assert [[b.paragraph.text for b in c.blocks] for c in comments] == [
        [THREAD[0]],
        [THREAD[1]],
        [THREAD[2]],
        [THREAD[3]],
        [THREAD[1], THREAD[4]],
        *[[line] for line in THREAD[5:]],
    ]
    assert [(c.id, c.label) for c in comments[:2]] == [("comment-1", "commenter A"), ("comment-2", "commenter B")]
    assert [(b.repeats, b.quote) for b in comments[4].blocks] == [(2, True), (None, False)]


def test_part_of_an_earlier_paragraph_is_a_quote_if_long_enough():
    long = "one two three four five six seven eight nine."
    short = "Thanks for that."
    lines = [long, f"{short} And more.", "three four five six seven eight", "reply", short, "reply two"]
    blocks = [(b.paragraph.text, b.repeats) for c in plan(scrape(lines)).comments for b in c.blocks]
    assert blocks == [
        (long, None),
        (f"{short} And more.", None),
        ("three four five six seven eight", 1),  # six words: a quote of comment 1
        ("reply", None),
        (short, None),  # three words: too few to call it a quote
        ("reply two", None),
    ]


def test_quotes_at_the_end_join_the_comment_before_them():
    comments = plan(scrape(["x", "a", "b", "a"])).comments
    assert [[(b.paragraph.text, b.repeats, b.quote) for b in c.blocks] for c in comments] == [
        [("x", None, False)],
        [("a", None, False)],
        [("b", None, False), ("a", 2, True)],
    ]
    # A repeat of its own comment's words cannot be a quote of it: it stays plain text.
    comments = plan(scrape(["x", "a", "b", "b"])).comments
    assert [[(b.paragraph.text, b.repeats, b.quote) for b in c.blocks] for c in comments] == [
        [("x", None, False)],
        [("a", None, False)],
        [("b", None, False), ("b", 3, False)],
    ]


def test_every_comment_has_a_label():
    assert [letters(n) for n in (1, 2, 26, 27, 52, 53, 702, 703)] == ["A", "B", "Z", "AA", "AZ", "BA", "ZZ", "AAA"]


# -- Markdown that renders as the words -----------------------------------------------------------


class _Loader(yaml.SafeLoader):
    pass


_Loader.add_constructor("!ENV", lambda loader, node: None)
_Loader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)
# What turns `///`, `???`, tables, definitions, footnotes and fences on: a site may add them.
MORE = ["pymdownx.blocks.admonition", "pymdownx.blocks.details", "pymdownx.blocks.html"]
MORE += ["tables", "def_list", "footnotes", "abbr", "fenced_code"]


def site_markdown() -> markdown.Markdown:
    """Python-Markdown with the site's extensions, as mkdocs.yml lists them (Python-Markdown's own
    and PyMdown's, without options that name Python objects), and more that a site may add."""
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_Loader)
    names: list[str] = []
    options: dict[str, dict] = {}
    for item in config["markdown_extensions"]:
        name, settings_ = next(iter(item.items())) if isinstance(item, dict) else (item, None)
        if (name.startswith("pymdownx.") or "." not in name) and None not in (settings_ or {}).values():
            names.append(name)
            options[name] = settings_ or {}
    return markdown.Markdown(extensions=list(dict.fromkeys(names + MORE)), extension_configs=options)


def rendered(text: str, md: markdown.Markdown | None = None) -> str:
    md = md or site_markdown()
    md.reset()
    return norm(BeautifulSoup(md.convert(text), "html.parser").get_text())


@pytest.mark.parametrize(
    "text",
    [
        "- a list item, as scraped",
        "+ another",
        "* and another, with *stars*",
        "1. the first of a numbered list",
        "12. and the twelfth",
        "# a heading, or the number sign",
        "> 25% is a lot",
        "!!! note not an admonition",
        "??? note not a fold either",
        "/// details | nor a block",
        ": not a definition",
        "--- not a rule",
        "*emphasis* and **strong** and _under_ and snake_case_words",
        "`code` and ``more``",
        "[a link](https://example.org) and [a ref][1] and ![an image](x.png)",
        "<b>bold</b>, <!-- a comment -->, <https://example.org> and a < b",
        "&amp; &copy; &#35; &#0 &nbsp and Q&A, R&D",
        "a backslash \\* and \\\\ and C:\\path",
        "an attribute list at the end {: .class } and {#id}",
        "[TOC]",
        "| a | table |",
        "1: two questions, as the thread numbers them",
        "ends with two spaces is impossible, but a tab\tis a space",
    ],
)
def test_escaped_text_renders_as_itself(text):
    words = norm(text)
    assert rendered(escape_markdown(words)) == words, escape_markdown(words)


MD = site_markdown()
CHARACTERS = list("\\`*_[]{}()<>&#;!?/~:|=-+.'\"^%$@ 0123456789abcé“—")
TOKENS = ["&amp;", "&#35;", "&copy", "&#x41", "Q&A", "<b>", "http://x.y", "[^1]", "*[abc]", "///", "???", "1. "]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(CHARACTERS + TOKENS), min_size=1, max_size=12).map("".join))
def test_any_escaped_line_renders_as_itself(raw):
    words = norm(raw)
    if words:
        assert rendered(escape_markdown(words), MD) == words, escape_markdown(words)


def draft_words(page: str) -> list[list[tuple[str | None, str]]]:
    """The words of each comment of a draft, as (the id it quotes or None, the text it renders)."""
    comments: list[list[tuple[str | None, str]]] = []
    quoting: str | None = None
    lines = iter(page.splitlines())
    for line in lines:
        if line.startswith("/// comment | "):
            comments.append([])
            assert next(lines).startswith("    id: comment-")
        elif line.startswith("//// quote | "):
            quoting = line.removeprefix("//// quote | ")
        elif line == "////":
            quoting = None
        elif line == "///":
            assert quoting is None
        elif line and comments and not line.startswith("    "):
            comments[-1].append((quoting, rendered(line, MD)))
    return comments


def test_the_draft_of_the_real_scrape_holds_its_merged_paragraphs_as_comments():
    copies = split_copies(read_scrape(POSTMORTEM_SOURCE.read_text(encoding="utf-8")))
    page = draft("thread", plan(copies))
    words = draft_words(page)
    assert [text for comment in words for _, text in comment] == texts(merge(copies))
    assert len(words) == 16  # 18 paragraphs; each quote opens the comment of the one after it
    assert [(n, quoted) for n, comment in enumerate(words, 1) for quoted, _ in comment if quoted] == [
        (12, "comment-8"),
        (13, "comment-7"),
    ]
    assert page.startswith(
        '---\ntitle: "TODO: a title for thread"\nsource: sources/thread.txt\n'
        'basis: "quoted for commentary; copyright stays with the authors"\n---\n\n# TODO: a title for thread\n\n'
        '??? info no-annotate "About this draft"\n\n    '
    )
