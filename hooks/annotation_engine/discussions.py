"""A discussion page's front matter, checked like an annotation file, and the one order of discussions.

Any Markdown file in the discussions folder is a discussion. All it needs is a title, in its front
matter or as its first `# heading`; the keys it may set are those of `discussion.schema.json`.
Front matter is read as MkDocs reads it (a first line `---`, YAML, a line `---` or `...`), with
line numbers, so every problem names the page's line.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable

from .load import LineDict, parse_yaml
from .model import Discussion, Report
from .schemas import DISCUSSION_KEYS, LINK_SCOPES
from .validate import Checker, describe, valid_url

_OPENING = re.compile(r"-{3}[ \t]*\n")
_CLOSING = re.compile(r"^(?:-{3}|\.{3})[ \t]*$", re.MULTILINE)
_TITLE = re.compile(r"^#[ \t]+(.+?)(?:[ \t]+#+)?[ \t]*$", re.MULTILINE)
_ATTRIBUTES = re.compile(r"\s*\{[:#.][^}]*\}\s*$")  # attr_list's `{#id}` after a heading


def front_matter(path: str, text: str, report: Report) -> tuple[LineDict | None, str]:
    """The page's front matter as a mapping with line numbers (empty if it has none; None if it is
    broken, once what is wrong is reported), and the page's Markdown after it."""
    if not _OPENING.match(text):
        return LineDict(1), text
    closing = _CLOSING.search(text, 4)
    check = Checker(path, report)
    if closing is None or not text.startswith("\n", closing.end()):
        end = text.find("\n\n")
        last = text[: end if end >= 0 else len(text)].count("\n") + 1
        fix = (
            "end the line '---' with a line break."
            if closing
            else f"add a line '---' after the front matter's last key (line {last}), before the page's text."
        )
        check.add("the front matter that opens on line 1 is never closed.", fix, 1)
        return None, text
    return parse_yaml(path, text[4 : closing.start()], report, first_line=2), text[closing.end() + 1 :]


def title_of(body: str) -> str:
    """The page's first `# heading`, as MkDocs takes a title from it, or ''."""
    found = _TITLE.search(body)
    return _ATTRIBUTES.sub("", found.group(1)).strip() if found else ""


def read_discussion(src_uri: str, path: str, text: str, report: Report) -> Discussion:
    """A discussion from its page's Markdown; every problem in the front matter is reported.
    A discussion always comes back, so the rest of the build can go on and report more."""
    read, body = front_matter(path, text, report)
    meta = read if read is not None else LineDict(1)
    check = Checker(path, report)
    check.unknown_keys(meta, DISCUSSION_KEYS, "a discussion's front matter")
    title = check.text(meta, "title", False) or title_of(body)
    if not title and read is not None:  # a broken front matter may hold the title: its problem is enough
        check.add(
            "the discussion has no title.",
            "add 'title: ...' to its front matter, or start the page with a heading '# ...'.",
            meta.line_of("title") if meta else 1,
        )
    description = check.text(meta, "description", False)
    for key, value in (("title", title), ("description", description)):
        check.one_line(meta, key, (value,))
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
        title or src_uri,
        description,
        date,
        link_terms,
        source_url,
        source,
        basis,
        body_line,
        dict(meta.lines),
    )


_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def _date(check: Checker, meta: LineDict) -> datetime.date | None:
    value = meta.get("date")
    if value is None or (isinstance(value, datetime.date) and not isinstance(value, datetime.datetime)):
        return value
    try:
        if isinstance(value, str) and _DAY.fullmatch(value):
            return datetime.date.fromisoformat(value)
    except ValueError:
        pass
    check.add(
        f"'date' is {describe(value)}, which is not a date.",
        "write the day the discussion took place as YYYY-MM-DD, e.g. 'date: 2024-11-25'.",
        meta.line_of("date"),
    )
    return None


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


def ordered(discussions: Iterable[Discussion]) -> list[Discussion]:
    """The one order of discussions, for the navigation, the home page and "Mentioned in": newest
    first, then by title; undated ones after the dated, by title."""
    by_title = sorted(discussions, key=lambda d: (d.title.casefold(), d.src_uri))
    return sorted(by_title, key=lambda d: (d.date is None, -(d.date.toordinal() if d.date else 0)))
