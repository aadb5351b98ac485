"""Check annotation files without building the site.

Usage: PYTHONPATH=hooks python -m annotation_engine.check [ANNOTATIONS_DIR]
Prints every problem as `file:line: message Fix: ...` and exits 1 if there is any.
"""

from __future__ import annotations

import sys
from pathlib import Path

from .catalog import load_catalog


def main(argv: list[str]) -> int:
    root = Path(argv[0] if argv else "annotations")
    catalog = load_catalog(root)
    for problem in catalog.problems:
        print(problem, file=sys.stderr)
    print(f"{len(catalog.terms)} terms, {len(catalog.problems)} problems")
    return 1 if catalog.problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
