"""The term schema: turn one parsed YAML mapping into a validated `Term`, or into problems."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .fields import Checker, Source, check_links, parse_sources
from .load import LineDict
from .schemas import MATCH_KEYS, TERM_KEYS
from .problems import Problem

TERM_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
RESERVED_IDS = frozenset({"index"})  # glossary/index.md is the A–Z index


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


def parse_term(term_id: str, path: str, doc: LineDict) -> tuple[Term | None, list[Problem]]:
    """Validate one term file's mapping. Returns the term, or None and what is wrong."""
    check = Checker(path)
    if not TERM_ID.match(term_id) or term_id in RESERVED_IDS:
        check.add(f"the file name '{term_id}' cannot be a term id.",
                  "rename the file to lower-case letters, digits and hyphens, e.g. 'model-organisms.yml' "
                  f"(not {', '.join(sorted(RESERVED_IDS))}).", None)
    check.unknown_keys(doc, TERM_KEYS, "a term")
    name, definition = check.text(doc, "term", True), check.text(doc, "definition", True)
    check_links(check, doc, "definition", definition)
    aliases, see_also = check.text_list(doc, "aliases"), check.text_list(doc, "see_also")
    for key, values in (("term", (name,)), ("aliases", aliases)):
        check.one_line(doc, key, values)
        check.visible(doc, key, values)
    details, sources = check.text(doc, "details", False), parse_sources(check, doc)
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
