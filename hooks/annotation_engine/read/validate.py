"""Validate one annotation file: its parsed YAML mapping becomes a `Term` or a `Note`, or problems.

A `Checker` reports every problem in one file, so a contributor sees them all in one build. The
field names come from the JSON Schemas (schemas.py); this adds what a schema cannot say well:
line numbers, "did you mean", and what to do.

A note's anchor follows the W3C Web Annotation TextQuoteSelector: `quote` is the exact text, and
the optional `prefix` and `suffix` are the text right before and after it, for when the quote
alone occurs more than once. Whitespace runs count as one space.
"""

from __future__ import annotations

import datetime
import difflib
import re
import unicodedata
from typing import Any
from urllib.parse import urlsplit

from ..model import Note, Problem, Report, Source, Term
from .load import LineDict
from .schemas import MATCH_KEYS, NOTE_KEYS, NOTE_KINDS, SOURCE_KEYS, TERM_KEYS

_LINK_TARGETS = re.compile(r"\]\(\s*<?([^)\s>]*)|^\s*\[[^\]]+\]:\s*<?(\S*?)>?\s*$", re.MULTILINE)


def did_you_mean(word: str, choices: list[str] | tuple[str, ...]) -> str:
    close = difflib.get_close_matches(word, choices, n=1)
    return f" Did you mean '{close[0]}'?" if close else ""


class Checker:
    """Reports each problem of one file; `failed` says whether there was any."""

    def __init__(self, path: str, report: Report) -> None:
        self.path = path
        self.report = report
        self.failed = False

    def add(self, message: str, fix: str, line: int | None) -> None:
        self.failed = True
        self.report(Problem(self.path, message, fix, line))

    def unknown_keys(self, doc: LineDict, allowed: tuple[str, ...], where: str) -> None:
        for key in doc:
            if key not in allowed:
                self.add(
                    f"unknown field '{key}' in {where}.{did_you_mean(key, allowed)}",
                    f"use only {', '.join(allowed)}.",
                    doc.line_of(key),
                )

    def text(self, doc: LineDict, key: str, required: bool) -> str:
        value = doc.get(key)
        if value is None:
            if key in doc:
                fix = f"write the text after '{key}: '" + ("." if required else ", or delete the line.")
                self.add(f"'{key}' is empty.", fix, doc.line_of(key))
            elif required:
                self.add(f"the required field '{key}' is missing.", f"add a line '{key}: ...'.", doc.line)
            return ""
        if not isinstance(value, str) or not value.strip():
            self.add(
                f"'{key}' must be non-empty text, not {describe(value)}.",
                f"write '{key}: \"{value}\"' in quotes, to make it text."
                if isinstance(value, (int, float, datetime.date))
                else f"write '{key}: some text' (quote it if it starts with a symbol).",
                doc.line_of(key),
            )
            return ""
        return value.strip()

    def one_line(self, doc: LineDict, key: str, values: tuple[str, ...]) -> None:
        if any("\n" in v for v in values):
            self.add(f"'{key}' must be on one line.", f"write the {key} without line breaks.", doc.line_of(key))

    def visible(self, doc: LineDict, key: str, values: tuple[str, ...]) -> None:
        """Names are matched in text: an invisible character would make them match nothing."""
        for value in values:
            hidden = next((c for c in value if unicodedata.category(c) in ("Cf", "Cc", "Co")), None)
            if hidden:
                self.add(
                    f"'{key}' contains the invisible character U+{ord(hidden):04X}.",
                    "retype the word: the character often comes with text copied from a web page.",
                    doc.line_of(key),
                )

    def text_list(self, doc: LineDict, key: str) -> tuple[str, ...]:
        value = doc.get(key, [])
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            self.add(
                f"'{key}' must be a list of non-empty text items.",
                f"write '{key}: [first, second]' or one '- item' per line.",
                doc.line_of(key),
            )
            return ()
        return tuple(v.strip() for v in value)

    def flag(self, doc: LineDict, key: str) -> bool | None:
        value = doc.get(key)
        if value is not None and not isinstance(value, bool):
            self.add(
                f"'{key}' must be true or false, not {describe(value)}.",
                f"write '{key}: true' or '{key}: false'.",
                doc.line_of(key),
            )
            return None
        return value


def describe(value: Any) -> str:
    if value is None or value == "":
        return "empty"
    if isinstance(value, datetime.date):
        return f"'{value.isoformat(sep=' ') if isinstance(value, datetime.datetime) else value.isoformat()}'"
    return {
        dict: "a mapping",
        LineDict: "a mapping",
        list: "a list",
        bool: "true/false",
        int: "a number",
        float: "a number",
    }.get(type(value), repr(value))


_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def parse_day(value: Any) -> datetime.date | None:
    """A day written as YYYY-MM-DD (YAML may have made it a date already), or None: a time of
    day, another format or an impossible day is not one."""
    if isinstance(value, datetime.date) and not isinstance(value, datetime.datetime):
        return value
    try:
        return datetime.date.fromisoformat(value) if isinstance(value, str) and _DAY.fullmatch(value) else None
    except ValueError:
        return None


def parse_when(value: Any) -> str:
    """A day (YYYY-MM-DD) or a time (ISO 8601, as forums give them, usually with a zone), as
    text; "" if `value` is neither.
    YAML may have read either already."""
    if isinstance(value, datetime.datetime):
        return value.isoformat().replace("+00:00", "Z")
    day = parse_day(value)
    if day is not None:
        return day.isoformat()
    if not isinstance(value, str) or "T" not in value:
        return ""
    try:
        datetime.datetime.fromisoformat(value)
    except ValueError:
        return ""
    return value


_SPACE = re.compile(r"\s")


def valid_url(url: str) -> bool:
    try:
        parts = urlsplit(url)
    except ValueError:  # e.g. an unclosed IPv6 bracket
        return False
    return parts.scheme in ("http", "https") and bool(parts.netloc) and _SPACE.search(url) is None


def check_links(check: Checker, doc: LineDict, key: str, markdown: str, label: str = "") -> None:
    """Text shown on other pages (popovers, sidenotes) must not use relative links: they would break.
    `label` names the text in the message (default: `key`)."""
    for match in _LINK_TARGETS.finditer(markdown):
        target = match.group(1) or match.group(2) or ""
        if not valid_url(target):
            check.add(
                f"the {label or key} links to '{target}', which is not a full http(s) address.",
                "write other terms' names as plain text (they are linked for you); "
                "give other links as https://… addresses.",
                doc.line_of(key),
            )


def _source(check: Checker, item: Any, line: int) -> Source | None:
    if not isinstance(item, LineDict):
        check.add(
            "each source must be a mapping with 'title' and 'url'.",
            "write '- title: ...' and '  url: https://...' for each source.",
            line,
        )
        return None
    check.unknown_keys(item, SOURCE_KEYS, "a source")
    title, url = check.text(item, "title", True), check.text(item, "url", True)
    if url and not valid_url(url):
        check.add(
            f"the source URL '{url}' is not an http(s) address.",
            "give the full address, starting with https://.",
            item.line_of("url"),
        )
    year = item.get("year")
    if year is not None and (not isinstance(year, int) or isinstance(year, bool)):
        check.add(
            f"'year' must be a number such as 2021, not {describe(year)}.",
            "write the year of publication as four digits.",
            item.line_of("year"),
        )
        year = None
    authors = check.text(item, "authors", False)
    return Source(title, url, authors, year) if title and url else None


def parse_sources(check: Checker, doc: LineDict, required: bool = True) -> tuple[Source, ...]:
    value = doc.get("sources")
    if value is None and not required:
        return ()
    if not isinstance(value, list) or not value:
        check.add(
            "'sources' needs at least one source.",
            "add 'sources:' with '- title: ...' and 'url: https://...' for a primary reference.",
            doc.line_of("sources"),
        )
        return ()
    sources = [_source(check, item, doc.line_of("sources")) for item in value]
    return tuple(s for s in sources if s)


ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")  # a term's or a note's id: its file name
RESERVED_IDS = frozenset({"index", "other"})  # the glossary's index, and its page for names not starting with a letter


def _a_page(check: Checker, key: str, page: str, line: int) -> None:
    """A discussion's page must be a Markdown path; whether it exists is checked once the site's
    pages are known (engine.py)."""
    if not page.endswith(".md"):
        check.add(
            f"'{key}' names '{page}', which is not a Markdown page.",
            "give a discussion's path inside the docs folder, e.g. 'discussions/alignment-postmortem-comments.md'.",
            line,
        )


def _pages(check: Checker, doc: LineDict, key: str) -> tuple[str, ...]:
    """`only_in`: a list of discussions' pages."""
    pages = check.text_list(doc, key)
    if doc.get(key) == []:
        fix = f"name at least one discussion's page, or delete '{key}'."
        check.add(f"'{key}' lists no discussion.", fix, doc.line_of(key))
    for page in pages:
        _a_page(check, key, page, doc.line_of(key))
    for page in {page for page in pages if pages.count(page) > 1}:
        check.add(f"'{key}' names {page} twice.", "name each discussion once.", doc.line_of(key))
    return pages


def _uses(check: Checker, doc: LineDict) -> dict[str, str]:
    """`used_in`: a discussion's path → how it uses the term (Markdown)."""
    value = doc["used_in"]
    if not isinstance(value, LineDict) or not value:
        check.add(
            "'used_in' must be a mapping from a discussion's path to a paragraph.",
            "write 'used_in:' and below it '  discussions/<name>.md: How that discussion uses the term.'",
            doc.line_of("used_in"),
        )
        return {}
    for page in value:
        _a_page(check, "used_in", page, value.line_of(page))
    uses = {page: check.text(value, page, True) for page in value}
    for page, text in uses.items():
        check_links(check, value, page, text, f"use in {page}")
    return uses


def _former_ids(check: Checker, doc: LineDict, term_id: str) -> tuple[str, ...]:
    former = check.text_list(doc, "renamed_from")
    for old in former:
        if not ID.match(old) or old in RESERVED_IDS or old == term_id:
            reason = "is this term's own id" if old == term_id else "cannot be a term id"
            check.add(
                f"'renamed_from' names '{old}', which {reason}.",
                "list the term's former file names without .yml (lower-case letters, digits and hyphens).",
                doc.line_of("renamed_from"),
            )
    return former


def parse_term(term_id: str, path: str, doc: LineDict, report: Report) -> Term | None:
    """Validate one term file's mapping: the term, or None once every problem is reported."""
    check = Checker(path, report)
    if not ID.match(term_id) or term_id in RESERVED_IDS:
        check.add(
            f"the file name '{term_id}' cannot be a term id.",
            "rename the file to lower-case letters, digits and hyphens, e.g. 'model-organisms.yml' "
            f"(not {', '.join(sorted(RESERVED_IDS))}).",
            None,
        )
    check.unknown_keys(doc, TERM_KEYS, "a term")
    name, definition = check.text(doc, "term", True), check.text(doc, "definition", True)
    check_links(check, doc, "definition", definition)
    aliases, see_also = check.text_list(doc, "aliases"), check.text_list(doc, "see_also")
    for key, values in (("term", (name,)), ("aliases", aliases)):
        check.one_line(doc, key, values)
        check.visible(doc, key, values)
    details, sources = check.text(doc, "details", False), parse_sources(check, doc)
    used_in = _uses(check, doc) if "used_in" in doc else {}
    only_in, renamed_from = _pages(check, doc, "only_in"), _former_ids(check, doc, term_id)
    match = doc.get("match", LineDict(doc.line))
    if not isinstance(match, LineDict):
        check.add("'match' must be a mapping.", "write 'match:' then '  case_sensitive: true'.", doc.line_of("match"))
        match = LineDict(doc.line)
    check.unknown_keys(match, MATCH_KEYS, "'match'")
    case_sensitive, plurals = check.flag(match, "case_sensitive"), check.flag(match, "plurals")
    every_use = check.flag(match, "every_use")
    if check.failed:
        return None
    used_lines = {f"used_in/{page}": doc["used_in"].line_of(page) for page in used_in}
    return Term(
        term_id,
        name,
        definition,
        sources,
        path,
        aliases,
        details,
        see_also,
        case_sensitive,
        plurals is not False,
        every_use is True,
        used_in,
        only_in,
        renamed_from,
        dict(doc.lines) | used_lines,
    )


def _exact_text(check: Checker, doc: LineDict, key: str, required: bool) -> str:
    """Like Checker.text, but unstripped: a prefix may end with a space."""
    return doc[key] if check.text(doc, key, required) else ""


def parse_note(note_id: str, path: str, doc: LineDict, report: Report) -> Note | None:
    """Validate one note file's mapping: the note, or None once every problem is reported."""
    check = Checker(path, report)
    if not ID.match(note_id):
        check.add(
            f"the file name '{note_id}' cannot be a note id.",
            "rename the file to lower-case letters, digits and hyphens, e.g. 'ten-x-more-time.yml'.",
            None,
        )
    check.unknown_keys(doc, NOTE_KEYS, "a note")
    page, title, body = (check.text(doc, key, True) for key in ("page", "title", "body"))
    quote = _exact_text(check, doc, "quote", True)
    prefix, suffix = _exact_text(check, doc, "prefix", False), _exact_text(check, doc, "suffix", False)
    kind = check.text(doc, "kind", True)
    if kind and kind not in NOTE_KINDS:
        check.add(
            f"'kind' is '{kind}', which is not a kind of note.",
            f"use one of {', '.join(NOTE_KINDS)}.",
            doc.line_of("kind"),
        )
    if page and not page.endswith(".md"):
        check.add(
            f"'page' is '{page}', which is not a Markdown page.",
            "give the page's path inside the docs folder, e.g. 'discussions/alignment-postmortem-comments.md'.",
            doc.line_of("page"),
        )
    check_links(check, doc, "body", body)
    sources = parse_sources(check, doc, required=False)
    if check.failed:
        return None
    return Note(note_id, path, page, quote, kind, title, body, prefix, suffix, sources, dict(doc.lines))
