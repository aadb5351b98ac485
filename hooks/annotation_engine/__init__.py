"""The annotation engine: glossary terms and notes from YAML, merged into a site's pages.

Imports nothing from MkDocs: `hooks/annotate.py` adapts it to MkDocs' build events, and any other
Python-Markdown site generator could drive it the same way (see `Engine`).
"""

from .catalog import Catalog, load_catalog
from .coverage import Candidate, report, summary
from .engine import Engine
from .model import Discussion, Note, Occurrence, Problem, Report, Source, Term
from .refs import resolve
from .render import MarkdownConfig

__all__ = [
    "Candidate",
    "Catalog",
    "Discussion",
    "Engine",
    "MarkdownConfig",
    "Note",
    "Occurrence",
    "Problem",
    "Report",
    "Source",
    "Term",
    "load_catalog",
    "report",
    "resolve",
    "summary",
]
