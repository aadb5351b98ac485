"""The term schema: turn one parsed YAML mapping into a validated `Term`, or into problems."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from .load import LineDict
from .problems import Problem

TERM_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
RESERVED_IDS = frozenset({"index"})  # glossary/index.md is the A–Z index
TERM_KEYS = ("term", "aliases", "definition", "details", "sources", "see_also", "match")
SOURCE_KEYS = ("title", "url", "authors", "year")
MATCH_KEYS = ("case_sensitive", "plurals")
_LINK_TARGETS = re.compile(r"\]\(\s*<?([^)\s>]*)|^\s*\[[^\]]+\]:\s*<?(\S*?)>?\s*$", re.MULTILINE)


@dataclass(frozen=True)
class Source:
    title: str
    url: str
    authors: str = ""
    year: int | None = None


@dataclass(frozen=True)
class Term:
    """A glossary entry. `id` is the file name without `.yml`."""

    id: str
    name: str
    definition: str
    sources: tuple[Source, ...]
    path: str
    aliases: tuple[str, ...] = ()
    details: str = ""
    see_also: tuple[str, ...] = ()
    case_sensitive: bool | None = None
    plurals: bool = True
    lines: dict[str, int] = field(default_factory=dict, compare=False, repr=False)

    @property
    def forms(self) -> tuple[str, ...]:
        """Every surface form the contributor wrote: the name first, then the aliases."""
        return (self.name, *self.aliases)


def did_you_mean(word: str, choices: list[str] | tuple[str, ...]) -> str:
    close = difflib.get_close_matches(word, choices, n=1)
    return f" Did you mean '{close[0]}'?" if close else ""


class _Checker:
    """Collects every problem in one file, so a contributor sees them all in one build."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.problems: list[Problem] = []

    def add(self, message: str, fix: str, line: int | None) -> None:
        self.problems.append(Problem(self.path, message, fix, line))

    def unknown_keys(self, doc: LineDict, allowed: tuple[str, ...], where: str) -> None:
        for key in doc:
            if key not in allowed:
                self.add(f"unknown field '{key}' in {where}.{did_you_mean(key, allowed)}",
                         f"use only {', '.join(allowed)}.", doc.line_of(key))

    def text(self, doc: LineDict, key: str, required: bool) -> str:
        value = doc.get(key)
        if value is None:
            if required:
                self.add(f"the required field '{key}' is missing.",
                         f"add a line '{key}: ...'.", doc.line)
            return ""
        if not isinstance(value, str) or not value.strip():
            self.add(f"'{key}' must be non-empty text, not {_describe(value)}.",
                     f"write '{key}: some text' (quote it if it starts with a symbol).", doc.line_of(key))
            return ""
        return value.strip()

    def one_line(self, doc: LineDict, key: str, values: tuple[str, ...]) -> None:
        if any("\n" in v for v in values):
            self.add(f"'{key}' must be on one line.", "write the name or alias without line breaks.",
                     doc.line_of(key))

    def text_list(self, doc: LineDict, key: str) -> tuple[str, ...]:
        value = doc.get(key, [])
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            self.add(f"'{key}' must be a list of non-empty text items.",
                     f"write '{key}: [first, second]' or one '- item' per line.", doc.line_of(key))
            return ()
        return tuple(v.strip() for v in value)

    def flag(self, doc: LineDict, key: str) -> bool | None:
        value = doc.get(key)
        if value is not None and not isinstance(value, bool):
            self.add(f"'{key}' must be true or false, not {_describe(value)}.",
                     f"write '{key}: true' or '{key}: false'.", doc.line_of(key))
            return None
        return value


def _describe(value: Any) -> str:
    if value is None or value == "":
        return "empty"
    return {dict: "a mapping", LineDict: "a mapping", list: "a list", bool: "true/false",
            int: "a number", float: "a number"}.get(type(value), repr(value))


def _valid_url(url: str) -> bool:
    try:
        parts = urlsplit(url)
    except ValueError:  # e.g. an unclosed IPv6 bracket
        return False
    return parts.scheme in ("http", "https") and bool(parts.netloc) and not any(c.isspace() for c in url)


def _check_definition_links(check: _Checker, doc: LineDict, definition: str) -> None:
    """A definition is also shown in popovers on every page, where a relative link would break."""
    for match in _LINK_TARGETS.finditer(definition):
        target = match.group(1) or match.group(2) or ""
        if not _valid_url(target):
            check.add(f"the definition links to '{target}', which is not a full http(s) address.",
                      "write other terms' names as plain text (they are linked for you); "
                      "give other links as https://… addresses.", doc.line_of("definition"))


def _source(check: _Checker, item: Any, line: int) -> Source | None:
    if not isinstance(item, LineDict):
        check.add("each source must be a mapping with 'title' and 'url'.",
                  "write '- title: ...' and '  url: https://...' for each source.", line)
        return None
    check.unknown_keys(item, SOURCE_KEYS, "a source")
    title, url = check.text(item, "title", True), check.text(item, "url", True)
    if url and not _valid_url(url):
        check.add(f"the source URL '{url}' is not an http(s) address.",
                  "give the full address, starting with https://.", item.line_of("url"))
    year = item.get("year")
    if year is not None and (not isinstance(year, int) or isinstance(year, bool)):
        check.add(f"'year' must be a number such as 2021, not {_describe(year)}.",
                  "write the year of publication as four digits.", item.line_of("year"))
        year = None
    authors = check.text(item, "authors", False)
    return Source(title, url, authors, year) if title and url else None


def _sources(check: _Checker, doc: LineDict) -> tuple[Source, ...]:
    value = doc.get("sources")
    if not isinstance(value, list) or not value:
        check.add("a term needs at least one source in 'sources'.",
                  "add 'sources:' with '- title: ...' and 'url: https://...' for a primary reference.",
                  doc.line_of("sources"))
        return ()
    sources = [_source(check, item, doc.line_of("sources")) for item in value]
    return tuple(s for s in sources if s)


def parse_term(term_id: str, path: str, doc: LineDict) -> tuple[Term | None, list[Problem]]:
    """Validate one term file's mapping. Returns the term, or None and what is wrong."""
    check = _Checker(path)
    if not TERM_ID.match(term_id) or term_id in RESERVED_IDS:
        check.add(f"the file name '{term_id}' cannot be a term id.",
                  "rename the file to lower-case letters, digits and hyphens, e.g. 'model-organisms.yml' "
                  f"(not {', '.join(sorted(RESERVED_IDS))}).", None)
    check.unknown_keys(doc, TERM_KEYS, "a term")
    name, definition = check.text(doc, "term", True), check.text(doc, "definition", True)
    _check_definition_links(check, doc, definition)
    aliases, see_also = check.text_list(doc, "aliases"), check.text_list(doc, "see_also")
    check.one_line(doc, "term", (name,))
    check.one_line(doc, "aliases", aliases)
    details, sources = check.text(doc, "details", False), _sources(check, doc)
    match = doc.get("match", LineDict(doc.line))
    if not isinstance(match, LineDict):
        check.add("'match' must be a mapping.", "write 'match:' then '  case_sensitive: true'.", doc.line_of("match"))
        match = LineDict(doc.line)
    check.unknown_keys(match, MATCH_KEYS, "'match'")
    case_sensitive, plurals = check.flag(match, "case_sensitive"), check.flag(match, "plurals")
    if check.problems:
        return None, check.problems
    term = Term(term_id, name, definition, sources, path, aliases, details, see_also,
                case_sensitive, plurals is not False, dict(doc.lines))
    return term, []
