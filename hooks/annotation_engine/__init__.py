"""The annotation engine: glossary terms and notes from YAML, merged into a site's pages.

Imports nothing from MkDocs: `hooks/annotate.py` adapts it to MkDocs' build events, and any other
Python-Markdown site generator could drive it the same way (see `Engine`).
"""

from .engine import Engine
from .model import Discussion, Note, Occurrence, Problem, Report, Source, Term
from .page.candidates import Candidate, candidates_list, candidates_summary
from .page.render import MarkdownConfig
from .read.catalog import Catalog, load_catalog
from .refs import resolve

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
    "candidates_list",
    "candidates_summary",
    "load_catalog",
    "resolve",
]
