"""A discussion page's front matter, checked like an annotation file, and the one order of discussions.

Any Markdown file in the discussions folder is a discussion. All it needs is a title, in its front
matter or as a `# heading` at its very top (MkDocs' rule; the engine sees the heading when the page
is converted); the keys its front matter may set are those of `discussion.schema.json`. Front
matter is found exactly as MkDocs finds it (`FRONT_MATTER`), and read with line numbers, so every
problem names the page's line.
"""

from __future__ import annotations

import dataclasses
import datetime
import re
from collections.abc import Iterable

import nh3

from ..model import Discussion, Report
from .load import FRONT_MATTER, LineDict, parse_yaml
from .schemas import DISCUSSION_KEYS, LINK_SCOPES
from .validate import Checker, describe, parse_day, valid_url

_OPENING = re.compile(r"-{3}[ \t]*\n")
_NOT_YAML = re.compile(r"\n\n+(?![ \t]|[\w-]+:|- )", re.UNICODE)  # a blank line, then a line no key could start


def front_matter(path: str, text: str, report: Report) -> tuple[LineDict | None, str]:
    """The page's front matter as a mapping with line numbers (empty if it has none; None if it is
    broken, once what is wrong is reported), and the page's Markdown after it."""
    found = FRONT_MATTER.match(text)
    if found is None and not _OPENING.match(text):
        return LineDict(1), text
    prose = _NOT_YAML.search(found.group(1) if found else text, 0 if found else 4)
    if found is not None and prose is None:
        return parse_yaml(path, found.group(1), report, first_line=2), text[found.end() :]
    check = Checker(path, report)
    if re.match(r"-{3}[ \t]*\n(?:-{3}|\.{3})[ \t]*(\n|$)", text):
        check.add("empty front matter is not front matter to MkDocs: it shows the lines.", "delete both lines.", 1)
    elif found is None and re.search(r"\n(?:-{3}|\.{3})[ \t]*$", text) and prose is None:
        check.add("the front matter's closing '---' is the file's last line.", "end it with a line break.", 1)
    else:  # unclosed; or closed only by a rule further down the page
        last = (
            text[: prose.start() + (4 if found else 0)].count("\n") + 1 if prose else text.rstrip("\n").count("\n") + 1
        )
        check.add(
            "the front matter that opens on line 1 is never closed.",
            f"add a line '---' after the front matter's last key (line {last}), before the page's text.",
            1,
        )
    return None, text


def read_discussion(src_uri: str, path: str, text: str, report: Report) -> Discussion:
    """A discussion from its page's Markdown; every problem in the front matter is reported.
    A discussion always comes back, so the rest of the build can go on and report more."""
    read, body = front_matter(path, text, report)
    meta = read if read is not None else LineDict(1)
    check = Checker(path, report)
    check.unknown_keys(meta, DISCUSSION_KEYS, "a discussion's front matter")
    title = check.text(meta, "title", False)
    description = check.text(meta, "description", False)
    for key, value in (("title", title), ("description", description)):
        check.one_line(meta, key, (value,))
    if nh3.is_html(title):
        check.add(
            f"the title holds HTML markup ({title!r}), which the theme would show as markup in every page's nav.",
            "write it as text: &lt; for <, or leave the markup out.",
            meta.line_of("title"),
        )
    date = _date(check, meta)
    link_terms = _link_terms(check, meta)
    source_url = check.text(meta, "source_url", False)
    if source_url and not valid_url(source_url):
        check.add(
            f"'source_url' is '{source_url}', which is not an http(s) address.",
            "give the discussion's full address, starting with https://.",
            meta.line_of("source_url"),
        )
    source, basis = check.text(meta, "source", False), check.text(meta, "basis", False)
    if source and not basis:
        check.add(
            "the discussion quotes a source but does not say on what basis.",
            "add 'basis: quoted for commentary; copyright stays with the authors' (or the basis that applies).",
            meta.line_of("source"),
        )
    body_line = text[: len(text) - len(body.lstrip("\n"))].count("\n") + 1  # MkDocs strips the blank lines too
    return Discussion(
        src_uri,
        path,
        title,
        description,
        date,
        link_terms,
        source_url,
        source,
        basis,
        body_line,
        dict(meta.lines),
    )


def _date(check: Checker, meta: LineDict) -> datetime.date | None:
    value = meta.get("date")
    day = parse_day(value)
    if value is not None and day is None:
        check.add(
            f"'date' is {describe(value)}, which is not a date.",
            "write the day the discussion took place as YYYY-MM-DD, e.g. 'date: 2024-11-25'.",
            meta.line_of("date"),
        )
    return day


def _link_terms(check: Checker, meta: LineDict) -> str:
    value = meta.get("link_terms", LINK_SCOPES[0])
    if value not in LINK_SCOPES:
        check.add(
            f"'link_terms' is {describe(value)}.",
            f"write 'link_terms: ' and one of {', '.join(LINK_SCOPES)}, or leave it out.",
            meta.line_of("link_terms"),
        )
        return LINK_SCOPES[0]
    return str(value)


def titled(discussion: Discussion, title: str) -> Discussion:
    """The discussion with the title its page got (MkDocs': front matter, first heading or file name)."""
    return dataclasses.replace(discussion, title=title)


def ordered(discussions: Iterable[Discussion]) -> list[Discussion]:
    """The one order of discussions, for the navigation, the home page and "Mentioned in": newest
    first, then by title; undated ones after the dated, by title."""
    by_title = sorted(discussions, key=lambda d: (d.title.casefold(), d.src_uri))
    return sorted(by_title, key=lambda d: (d.date is None, -(d.date.toordinal() if d.date else 0)))
