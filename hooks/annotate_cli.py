"""Check the annotations, or list jargon no term covers yet, without building the site.

Usage: python hooks/annotate_cli.py check [-f mkdocs.yml]
       python hooks/annotate_cli.py coverage [-f mkdocs.yml]

It reads mkdocs.yml as MkDocs does, so the options and the Markdown configuration are the build's
own, and converts every page as the build does (term links, notes), without the theme. `check`
prints every problem as `file:line: what is wrong. Fix: what to do` and exits 1 if there is any.
"""

from __future__ import annotations

import argparse
import sys

from mkdocs.config import load_config
from mkdocs.structure.files import get_files
from mkdocs.utils.meta import get_data

from annotate_options import engine_for
from annotation_engine import Problem, report


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("command", choices=["check", "coverage"])
    parser.add_argument("-f", "--config-file", default="mkdocs.yml")
    args = parser.parse_args(argv)
    problems: list[Problem] = []
    config = load_config(args.config_file)
    engine = engine_for(config, problems.append)
    pages = {f.src_uri: f for f in get_files(config).documentation_pages()}
    engine.generated_pages(pages)
    markdown = engine.markdown.converter(*engine.markdown_extensions())
    for src_uri, file in sorted(pages.items()):
        engine.begin_page(src_uri)
        engine.end_page(src_uri, markdown.reset().convert(get_data(file.content_string)[0]))
    if args.command == "coverage":
        print(report(engine.coverage()))
    for problem in problems:
        print(problem, file=sys.stderr)
    print(
        f"{len(engine.catalog.terms)} terms, {len(engine.catalog.notes)} notes, {len(problems)} problems",
        file=sys.stderr,
    )
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
