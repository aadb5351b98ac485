"""A discussion page's front matter, checked like an annotation file, and the one order of discussions."""

import datetime

import pytest

from annotation_engine.model import Discussion, Problem
from annotation_engine.read.discussions import front_matter, ordered, read_discussion
from annotation_engine.read.schemas import DISCUSSION, DISCUSSION_KEYS, LINK_SCOPES
from factories import PAGE, discussion

pytestmark = pytest.mark.unit

SHOWN = f"docs/{PAGE}"  # how problems name the page


def read(text: str) -> tuple[Discussion, list[Problem]]:
    problems: list[Problem] = []
    return read_discussion(PAGE, SHOWN, text, problems.append), problems


def messages(text: str) -> list[str]:
    return [str(p) for p in read(text)[1]]


def test_everything_the_front_matter_may_say():
    found, problems = read(
        "---\n"
        "title: The talk\n"
        "description: One sentence.\n"
        "date: 2024-11-25\n"
        "link_terms: every-use\n"
        "source_url: https://example.org/talk\n"
        "source: sources/talk.txt\n"
        "basis: quoted for commentary\n"
        "---\n\n# A heading\n"
    )
    assert problems == []
    assert found == Discussion(
        PAGE,
        SHOWN,
        "The talk",
        "One sentence.",
        datetime.date(2024, 11, 25),
        "every-use",
        "https://example.org/talk",
        "sources/talk.txt",
        "quoted for commentary",
        body_line=11,  # the heading: MkDocs gives the page's Markdown from there
    )
    lines = {"title": 2, "description": 3, "date": 4, "link_terms": 5, "source_url": 6, "source": 7, "basis": 8}
    assert found.lines == lines


def test_a_source_needs_a_basis():
    assert messages("---\ntitle: T\nsource: sources/talk.txt\n---\n") == [
        f"{SHOWN}:3: the discussion quotes a source but does not say on what basis. "
        "Fix: add 'basis: quoted for commentary; copyright stays with the authors' (or the basis that applies)."
    ]


MATERIAL_KEYS = ("hide", "search", "template", "icon", "status", "subtitle")  # Material for MkDocs' own


def test_the_keys_and_scopes_come_from_the_schema():
    assert (
        DISCUSSION_KEYS
        == tuple(DISCUSSION["properties"])
        == (*("title", "description", "date", "link_terms", "source_url", "source", "basis"), *MATERIAL_KEYS)
    )
    assert LINK_SCOPES == ("first-use-per-section", "first-use-per-page", "every-use")
    assert list(LINK_SCOPES) == DISCUSSION["properties"]["link_terms"]["enum"]
    assert DISCUSSION["additionalProperties"] is False


def test_no_front_matter_at_all_is_fine():
    found, problems = read("# The title {#top}\n\n## A comment\n")
    assert problems == []
    assert (found.title, found.description, found.date, found.link_terms, found.source_url) == (
        "",  # a heading's title is the one MkDocs gives the page, once it is converted
        "",
        None,
        "first-use-per-section",
        "",
    )


def test_the_front_matter_gives_the_title():
    found, problems = read("---\ntitle: From front matter\n---\n\n# From the heading\n")
    assert (found.title, problems) == ("From front matter", [])


def test_front_matter_may_end_with_dots():
    assert read("---\ntitle: T\n...\n\nText.\n")[0].title == "T"


def test_empty_front_matter_is_reported_as_mkdocs_shows_it():
    assert messages("---\n---\n\n# Heading\n") == [
        f"{SHOWN}:1: empty front matter is not front matter to MkDocs: it shows the lines. Fix: delete both lines."
    ]


@pytest.mark.parametrize(
    "text, last",
    [
        ("---\ntitle: F\ndescription: d\n\n# H\n\nText.\n\n---\n\nMore.\n", 3),  # closed by a rule far below
        ("---\ntitle: F\n\nFirst comment: it says a lot.\n\n---\n\nMore.\n", 2),
        ("---\ntitle: x\ndescription: y\n", 3),
    ],
)
def test_front_matter_closed_only_by_a_rule_further_down_is_unclosed(text, last):
    assert messages(text) == [
        f"{SHOWN}:1: the front matter that opens on line 1 is never closed. "
        f"Fix: add a line '---' after the front matter's last key (line {last}), before the page's text."
    ]


def test_an_unknown_key_suggests_the_nearest_at_its_line_in_the_page():
    assert messages("---\ntitel: The talk\n---\n\n# The talk\n") == [
        f"{SHOWN}:2: unknown field 'titel' in a discussion's front matter. Did you mean 'title'? "
        "Fix: use only title, description, date, link_terms, source_url, source, basis, "
        "hide, search, template, icon, status, subtitle."
    ]


@pytest.mark.parametrize(
    "key, value, message",
    [
        ("title", "[a]", "'title' must be non-empty text, not a list."),
        ("description", "{a: b}", "'description' must be non-empty text, not a mapping."),
        ("date", "soon", "'date' is 'soon', which is not a date."),
        ("date", "2024", "'date' is a number, which is not a date."),
        ("link_terms", "sometimes", "'link_terms' is 'sometimes'."),
        ("source_url", "ftp://x", "'source_url' is 'ftp://x', which is not an http(s) address."),
    ],
)
def test_a_value_of_the_wrong_kind_is_named_with_its_line(key, value, message):
    before = "description: D\n\n" if key == "title" else "title: T\n\n"
    [problem] = messages(f"---\n{before}{key}: {value}\n---\n\n# Heading\n")
    assert problem.startswith(f"{SHOWN}:4: {message} Fix: ")


def test_every_problem_in_the_front_matter_is_reported_and_the_page_still_read():
    found, problems = read("---\ntitle: T\ndate: soon\nlink_terms: sometimes\nsource_url: x\nsummary: s\n---\n")
    assert [p.line for p in problems] == [6, 3, 4, 5]  # unknown keys first, then each value
    assert (found.title, found.date, found.link_terms) == ("T", None, "first-use-per-section")
    assert "write the day the discussion took place as YYYY-MM-DD" in problems[1].fix
    assert "one of first-use-per-section, first-use-per-page, every-use" in problems[2].fix


def test_invalid_yaml_in_the_front_matter_is_reported_at_its_line_in_the_page():
    found, problems = read("---\ntitle: T\ndescription: a: b\n---\n\n# Heading\n")
    assert [(p.path, p.line) for p in problems] == [(SHOWN, 3)]
    assert "YAML syntax error" in problems[0].message
    assert found.title == ""  # the broken front matter is left out, the rest read


def test_an_unclosed_quote_in_the_front_matter_is_reported_where_it_opened():
    problems = read('---\ntitle: T\ndescription: "open\n---\n\n# Heading\n')[1]
    assert [p.line for p in problems] == [3]
    assert "never closed" in problems[0].message


def test_unclosed_front_matter_is_reported_at_its_first_line_with_where_to_close_it():
    found, problems = read("---\ntitle: x\n\n# Heading\n")
    assert [str(p) for p in problems] == [
        f"{SHOWN}:1: the front matter that opens on line 1 is never closed. "
        "Fix: add a line '---' after the front matter's last key (line 2), before the page's text."
    ]
    assert found.title == ""


def test_a_closing_line_at_the_very_end_needs_a_line_break():
    problems = read("---\ntitle: x\n---")[1]
    assert (problems[0].line, problems[0].fix) == (1, "end it with a line break.")


def test_front_matter_keeps_lines_and_is_empty_when_absent():
    reported: list[Problem] = []
    meta, body = front_matter(SHOWN, "---\ntitle: x\n\ndate: 2024-01-05\n---\n# Body\n", reported.append)
    assert meta is not None and body == "# Body\n"
    assert (dict(meta), meta.line_of("date"), reported) == ({"title": "x", "date": datetime.date(2024, 1, 5)}, 4, [])
    assert front_matter(SHOWN, "# No front matter\n", reported.append) == ({}, "# No front matter\n")
    four_dashes = "----\ntitle: x\n----\n"  # a rule, not front matter
    assert front_matter(SHOWN, four_dashes, reported.append) == ({}, four_dashes)
    assert reported == []


def test_a_comment_in_the_front_matter_is_not_the_title():
    found, problems = read("---\n# Written for the 2024 retreat\ndate: 2024-01-05\n---\n\n# The real title\n")
    assert (found.title, problems) == ("", [])


def test_an_impossible_date_is_a_problem_not_a_crash():
    problems = read("---\ntitle: T\ndate: 2024-02-30\n---\n")[1]
    assert [p.line for p in problems] == [3]


# The one order of discussions


def test_discussions_are_newest_first_then_by_title_and_undated_last():
    discussions = [
        discussion("b", "beta"),
        discussion("z", "Zulu", "2024-01-05"),
        discussion("a", "Alpha"),
        discussion("o", "old", "2023-12-31"),
        discussion("p", "apple", "2024-01-05"),
        discussion("n", "Newest", "2025-06-01"),
    ]
    assert [d.title for d in ordered(discussions)] == ["Newest", "apple", "Zulu", "old", "Alpha", "beta"]
    assert [d.title for d in ordered(reversed(discussions))] == ["Newest", "apple", "Zulu", "old", "Alpha", "beta"]
    assert ordered([]) == []
