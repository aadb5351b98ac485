"""Check the site as the strict build does, or list jargon no term covers yet.

Usage: python tools/annotate_cli.py check [-f mkdocs.yml]
       python tools/annotate_cli.py candidates [-f mkdocs.yml]

Both run the build itself (`mkdocs build --strict`, into a temporary folder), so a check converts
every page through the build's own path: the same extensions, tree processors and front matter,
and cannot pass where the build fails. `check` prints every problem (`file:line: what is wrong.
Fix: what to do`, and any other warning of the build) and exits 1 if there is any; `candidates`
also prints the list of candidate jargon.
"""

from __future__ import annotations

import argparse
import logging
import sys
import tempfile

from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort, MkDocsException

CANDIDATES_LOGGER = "mkdocs.plugins.annotations.candidates"
PREFIX = "annotations: "  # what MkDocs puts before the hook's messages


class _Collect(logging.Handler):
    """The build's warnings and errors, and the list of jargon candidates if asked for."""

    def __init__(self) -> None:
        super().__init__(logging.INFO)
        self.problems: list[str] = []
        self.candidates: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        if record.name == CANDIDATES_LOGGER:
            self.candidates.append(record.getMessage())
        elif record.levelno >= logging.WARNING:
            self.problems.append(record.getMessage())


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("command", choices=["check", "candidates"])
    parser.add_argument("-f", "--config-file", default="mkdocs.yml")
    args = parser.parse_args(argv)
    collect = _Collect()
    logger = logging.getLogger("mkdocs")
    level, propagate = logger.level, logger.propagate
    logger.addHandler(collect)
    logger.setLevel(logging.INFO)
    logger.propagate = False  # only what is collected is printed, once
    with tempfile.TemporaryDirectory() as site:
        try:
            config = load_config(args.config_file, strict=True, site_dir=site)
            if args.command == "candidates":
                config.extra.setdefault("annotations", {})["candidates"] = "list"
            build(config)
        except Abort:
            pass  # the build failed: its problems were logged
        except MkDocsException as error:  # a broken mkdocs.yml, before the build starts
            collect.problems.append(str(error))
        finally:  # the logger as it was: a caller in the same process (a test) logs on as before
            logger.removeHandler(collect)
            logger.setLevel(level)
            logger.propagate = propagate
    for line in collect.candidates:
        print(line.removeprefix(PREFIX))
    for problem in collect.problems:
        print(problem.removeprefix(PREFIX), file=sys.stderr)
    print(f"{len(collect.problems)} problems", file=sys.stderr)
    return 1 if collect.problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
