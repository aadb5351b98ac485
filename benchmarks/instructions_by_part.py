"""Where a build's instructions go, part by part: what each named function costs, counted by valgrind.

Run: .venv/bin/python benchmarks/instructions_by_part.py [COPIES] [PART ...]
A PART is a function as `module:Qualified.name`; without any, the parts in PARTS. Builds the site
(as benchmarks/site_build.py makes it, both ways) and the site with COPIES thread copies more
(10 if not given), each under valgrind's callgrind once per part, collecting only while that part
runs; prints each part's instructions in both builds, and per discussion page added.

How only one part is counted: the build runs with the part wrapped in a call of
`functools.reduce`, which nothing else in a build calls, and callgrind's `--toggle-collect`
counts only inside that C function. Parts must not call each other (the inner one's toggle would
stop the count), and a part missing from a variant (the hook's, in the build without it) counts
what a build spends in `functools.reduce` elsewhere: about 0.1 million, the floor of every count.
Like `make bench`, the counts are the same on every run. `TOTAL` is the whole build.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import textwrap
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import site_build

PARTS = [
    "TOTAL",
    "annotation_engine.engine:Engine.__init__",  # the annotations loaded, checked and rendered
    "annotation_engine.engine:Engine.pages",  # the discussions' front matter and sources, the uses
    "annotation_engine.engine:Pages.begin_page",  # a discussion's comment markup read
    "annotation_engine.page.page_pass:_Pass.run",  # the one pass over each converted page
    "mkdocs.structure.pages:Page.render",  # Markdown to HTML, that pass included
    "material.plugins.search.plugin:SearchIndex.add_entry_from_context",  # Material's search parser
    "mkdocs_adapter.site:Site.write_page",  # each page finished: its parts, its popovers file
]

CHILD = textwrap.dedent("""\
    import functools, importlib, sys
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    config = load_config(sys.argv[1], site_dir=sys.argv[2])  # imports the hook, if the site has it

    def counted(function):
        @functools.wraps(function)
        def run(*args, **kwargs):
            result = []
            functools.reduce(lambda _, __: result.append(function(*args, **kwargs)), [0, 0])
            return result[0]
        return run

    for part in sys.argv[3:]:
        module, name = part.split(":")
        try:
            owner = importlib.import_module(module)
        except ImportError:  # the hook's modules, in the build without it
            continue
        *path, last = name.split(".")
        for step in path:
            owner = getattr(owner, step)
        setattr(owner, last, counted(getattr(owner, last)))
    build(config)
""")


def count(folder: Path, variant: str, part: str) -> int:
    """The instructions `variant`'s build spends inside `part` (the whole build for TOTAL)."""
    only = [] if part == "TOTAL" else ["--toggle-collect=functools_reduce"]
    command = [*site_build.callgrind(*only), sys.executable, "-c", CHILD]
    command += [str(folder / f"{variant}.yml"), str(folder / "site" / variant)] + ([] if part == "TOTAL" else [part])
    process = subprocess.Popen(
        command, cwd=folder, env=site_build.COUNTED_ENV, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True
    )
    return site_build.collected(process, f"{variant} build, counting {part},")


def main(copies: int, parts: list[str]) -> None:
    os.environ["NO_MKDOCS_2_WARNING"] = "1"
    with tempfile.TemporaryDirectory() as name, ThreadPoolExecutor(os.cpu_count()) as pool:
        folders = {size: Path(name) / str(size) for size in (0, copies)}
        for size, folder in folders.items():
            folder.mkdir()
            site_build.make_site(folder, site_build.Size("counted", size, 0))
        runs = {
            (variant, part, size): pool.submit(count, folder, variant, part)
            for size, folder in folders.items()
            for variant in ("annotated", "plain")
            for part in parts
        }
        counts = {key: run.result() for key, run in runs.items()}
    print(f"Million instructions: the site, the site + {copies} thread copies, and per discussion page added.")
    print(f"{'part':70} {'annotated':>26} {'without hooks':>26}")
    for part in parts:
        cells = []
        for variant in ("annotated", "plain"):
            alone, grown = counts[variant, part, 0], counts[variant, part, copies]
            cells.append(f"{alone / 1e6:8.1f} {grown / 1e6:8.1f} {(grown - alone) / copies / 1e6:8.2f}")
        print(f"{part:70} {cells[0]:>26} {cells[1]:>26}")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 10, sys.argv[2:] or PARTS)
