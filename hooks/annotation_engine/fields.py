"""Field checks shared by every annotation kind: text, lists, flags, URLs and sources.

A `Checker` collects every problem in one file, so a contributor sees them all in one build.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from .load import LineDict
from .problems import Problem
from .schemas import SOURCE_KEYS

_LINK_TARGETS = re.compile(r"\]\(\s*<?([^)\s>]*)|^\s*\[[^\]]+\]:\s*<?(\S*?)>?\s*$", re.MULTILINE)


@dataclass(frozen=True)
class Source:
    title: str
    url: str
    authors: str = ""
    year: int | None = None


def did_you_mean(word: str, choices: list[str] | tuple[str, ...]) -> str:
    close = difflib.get_close_matches(word, choices, n=1)
    return f" Did you mean '{close[0]}'?" if close else ""


class Checker:
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
            self.add(f"'{key}' must be non-empty text, not {describe(value)}.",
                     f"write '{key}: some text' (quote it if it starts with a symbol).", doc.line_of(key))
            return ""
        return value.strip()

    def one_line(self, doc: LineDict, key: str, values: tuple[str, ...]) -> None:
        if any("\n" in v for v in values):
            self.add(f"'{key}' must be on one line.", "write the name or alias without line breaks.",
                     doc.line_of(key))

    def visible(self, doc: LineDict, key: str, values: tuple[str, ...]) -> None:
        """Names are matched in text: an invisible character would make them match nothing."""
        for value in values:
            hidden = next((c for c in value if unicodedata.category(c) in ("Cf", "Cc", "Co")), None)
            if hidden:
                self.add(f"'{key}' contains the invisible character U+{ord(hidden):04X}.",
                         "retype the word: the character often comes with text copied from a web page.",
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
            self.add(f"'{key}' must be true or false, not {describe(value)}.",
                     f"write '{key}: true' or '{key}: false'.", doc.line_of(key))
            return None
        return value


def describe(value: Any) -> str:
    if value is None or value == "":
        return "empty"
    return {dict: "a mapping", LineDict: "a mapping", list: "a list", bool: "true/false",
            int: "a number", float: "a number"}.get(type(value), repr(value))


def valid_url(url: str) -> bool:
    try:
        parts = urlsplit(url)
    except ValueError:  # e.g. an unclosed IPv6 bracket
        return False
    return parts.scheme in ("http", "https") and bool(parts.netloc) and not any(c.isspace() for c in url)


def check_links(check: Checker, doc: LineDict, key: str, markdown: str) -> None:
    """Text shown on other pages (popovers, sidenotes) must not use relative links: they would break."""
    for match in _LINK_TARGETS.finditer(markdown):
        target = match.group(1) or match.group(2) or ""
        if not valid_url(target):
            check.add(f"the {key} links to '{target}', which is not a full http(s) address.",
                      "write other terms' names as plain text (they are linked for you); "
                      "give other links as https://… addresses.", doc.line_of(key))


def _source(check: Checker, item: Any, line: int) -> Source | None:
    if not isinstance(item, LineDict):
        check.add("each source must be a mapping with 'title' and 'url'.",
                  "write '- title: ...' and '  url: https://...' for each source.", line)
        return None
    check.unknown_keys(item, SOURCE_KEYS, "a source")
    title, url = check.text(item, "title", True), check.text(item, "url", True)
    if url and not valid_url(url):
        check.add(f"the source URL '{url}' is not an http(s) address.",
                  "give the full address, starting with https://.", item.line_of("url"))
    year = item.get("year")
    if year is not None and (not isinstance(year, int) or isinstance(year, bool)):
        check.add(f"'year' must be a number such as 2021, not {describe(year)}.",
                  "write the year of publication as four digits.", item.line_of("year"))
        year = None
    authors = check.text(item, "authors", False)
    return Source(title, url, authors, year) if title and url else None


def parse_sources(check: Checker, doc: LineDict, required: bool = True) -> tuple[Source, ...]:
    value = doc.get("sources")
    if value is None and not required:
        return ()
    if not isinstance(value, list) or not value:
        check.add("'sources' needs at least one source.",
                  "add 'sources:' with '- title: ...' and 'url: https://...' for a primary reference.",
                  doc.line_of("sources"))
        return ()
    sources = [_source(check, item, doc.line_of("sources")) for item in value]
    return tuple(s for s in sources if s)
