"""Where an annotated build's time goes, by kind of page: the profile behind docs/about/performance.md.

Run: .venv/bin/python benchmarks/profile_build.py [PAGES] [TERMS]
Builds one grown copy of this project (as benchmarks/site_build.py makes them) with the hook, timing MkDocs'
two per-page steps (Markdown to HTML; HTML into the theme: page_steps.py, a hook) for discussion pages, glossary pages
and the rest, and the hook's own work, with cProfile's top functions for the whole build. Then it
builds the same copy without the hook and lists the modules the annotated build spends more time
in: the hook's own, and those of MkDocs, Material and Markdown that its richer pages cost more.
"""

from __future__ import annotations

import cProfile
import io
import os
import pstats
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
import site_build


def main(pages: int, count: int) -> None:
    os.environ["NO_MKDOCS_2_WARNING"] = "1"
    sys.path.insert(0, str(site_build.ROOT / "hooks"))
    from mkdocs.commands import build as mkdocs_build
    from mkdocs.config import load_config

    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        site_build.make_site(folder, site_build.Size("profiled", pages - 1, count))
        plain_config = load_config(str(folder / "plain.yml"), site_dir=str(folder / "plain"))
        mkdocs_build.build(plain_config)  # a first build in this process warms what both builds use
        steps = str(Path(__file__).with_name("page_steps.py"))
        config = load_config(str(folder / "annotated.yml"), hooks=["hooks/annotate.py", steps])
        spent = config.hooks[steps].spent
        profile = cProfile.Profile()
        start = time.process_time()
        profile.runcall(mkdocs_build.build, config)
        total = time.process_time() - start
        by_kind = dict(spent)
        plain = cProfile.Profile()
        plain.runcall(mkdocs_build.build, plain_config)
    print(f"{pages} pages × {count:,} terms: {total:.1f} s CPU under the profiler")
    for key in sorted(by_kind):
        print(f"  {key:40} {by_kind[key]:6.1f} s  {100 * by_kind[key] / total:4.0f}%")
    out = io.StringIO()
    pstats.Stats(profile, stream=out).sort_stats("cumulative").print_stats(r"annotation_engine|annotate\.py", 12)
    print("\nThe hook's own functions, by cumulative time:")
    print(
        "\n".join(line for line in out.getvalue().splitlines() if "annotation_engine" in line or "annotate.py" in line)
    )

    print("\nWhere the annotated build spends more than the same site without the hook (s under the profiler):")
    annotated, without = by_module(profile), by_module(plain)
    for module in sorted(annotated, key=lambda m: without.get(m, 0) - annotated[m])[:15]:
        before, after = without.get(module, 0), annotated[module]
        print(f"  {module:60} {before:6.2f} {after:6.2f} {after - before:+6.2f}")


def by_module(profile: cProfile.Profile) -> dict[str, float]:
    """Own time per source file (built-in functions each by name), with paths shortened."""
    spent: dict[str, float] = defaultdict(float)
    for name, function in pstats.Stats(profile).get_stats_profile().func_profiles.items():
        module = f"built-in {name}" if function.file_name == "~" else function.file_name.split("site-packages/")[-1]
        spent[module.split("/hooks/")[-1]] += function.tottime
    return spent


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 300, int(sys.argv[2]) if len(sys.argv) > 2 else 2000)
