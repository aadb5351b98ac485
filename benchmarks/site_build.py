"""Annotation cost as the site grows: builds of synthetic sites, with the hook, without it, and
with Material's glossary recipe (abbr + pymdownx.snippets auto_append) as the reference peer.

Run: make bench            (the full set of sizes; several minutes)
     make bench-quick      (tiny sizes: checks that the benchmark runs, not its timings)

For each size (P discussion pages, T terms) the three builds run in alternation, each in a
fresh process, ROUNDS times; the figures are medians of CPU time (user + system) and the peak
resident memory of the build process. "link ms/page" is the time the term linker itself spends
per discussion page, measured inside the annotated build. Results are printed and written to
docs/performance.md (not in quick mode).
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import random
import re
import statistics
import subprocess
import sys
import tempfile
import textwrap
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
THREAD = ROOT / "docs" / "discussions" / "alignment-postmortem-comments.md"
FULL = [(20, 200), (20, 2_000), (300, 2_000), (300, 10_000)]
QUICK = [(2, 10), (4, 40)]
VARIANTS = ("recipe", "plain", "annotated")  # annotated last: its site stays on disk to be measured

CHILD = textwrap.dedent("""\
    import json, resource, sys, time
    sys.path.insert(0, sys.argv[2])
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    link_seconds = 0.0
    if sys.argv[3] == "annotated":
        from annotation_engine import link
        run = link.TermLinker.run
        def timed(self, root):  # discussion pages only: glossary pages are counted in the build
            global link_seconds
            start = time.process_time()
            run(self, root)
            if self.linking.page is not None and self.linking.page.record:
                link_seconds += time.process_time() - start
        link.TermLinker.run = timed
    build(load_config(sys.argv[1]))
    usage = resource.getrusage(resource.RUSAGE_SELF)
    print(json.dumps({"cpu": usage.ru_utime + usage.ru_stime, "rss_mb": usage.ru_maxrss / 1024,
                      "link": link_seconds}))
""")


@dataclass
class Result:
    cpu: float | None  # None: the time limit was exceeded
    rss_mb: float | None
    link: float = 0.0


def words(rnd: random.Random) -> str:
    syllables = ["bla", "vor", "tex", "quin", "dral", "mox", "ser", "pim", "lut", "gen", "zar", "fol"]
    return "".join(rnd.choice(syllables) for _ in range(3))


def terms(count: int) -> list[tuple[str, str]]:
    rnd = random.Random(count)
    made, seen = [], set()
    while len(made) < count:
        name = f"{words(rnd)} {words(rnd)}"
        alias = f"{words(rnd)}-{len(made)}"
        if name not in seen:
            seen.add(name)
            made.append((name, alias))
    return made


def write_site(folder: Path, pages: int, vocabulary: list[tuple[str, str]]) -> None:
    body = THREAD.read_text(encoding="utf-8").split("---", 2)[2]
    rnd = random.Random(pages)
    (folder / "docs" / "discussions").mkdir(parents=True)
    (folder / "docs" / "index.md").write_text("# Home\n\nSynthetic benchmark site.\n", encoding="utf-8")
    for n in range(pages):
        used = rnd.sample(vocabulary, min(20, len(vocabulary)))
        mentions = ", ".join(name if i % 2 else alias for i, (name, alias) in enumerate(used))
        text = f'---\ntitle: "Page {n}"\n---\n\n# Page {n}\n\nThis page mentions {mentions}.\n{body}'
        (folder / "docs" / "discussions" / f"page-{n:03}.md").write_text(text, encoding="utf-8")
    (folder / "annotations" / "terms").mkdir(parents=True)
    for i, (name, alias) in enumerate(vocabulary):
        (folder / "annotations" / "terms" / f"t{i:05}.yml").write_text(
            f"term: {name}\naliases: [{alias}]\ndefinition: The synthetic term number {i}.\n"
            f"sources:\n  - title: Synthetic source {i}\n    url: https://example.org/{i}\n",
            encoding="utf-8",
        )
    (folder / "includes").mkdir()
    (folder / "includes" / "abbreviations.md").write_text(
        "".join(
            f"*[{n}]: The synthetic term number {i}.\n*[{a}]: The synthetic term number {i}.\n"
            for i, (n, a) in enumerate(vocabulary)
        ),
        encoding="utf-8",
    )
    theme = "theme: {name: material, font: false, features: [navigation.indexes, navigation.prune]}"
    base = f"site_name: Benchmark\n{theme}\nsite_dir: {folder / 'site'}\n"
    extensions = "markdown_extensions: [admonition, attr_list, md_in_html, toc]\n"
    (folder / "plain.yml").write_text(base + extensions, encoding="utf-8")
    (folder / "annotated.yml").write_text(
        base + extensions + f"hooks: [{ROOT / 'hooks' / 'annotate.py'}]\n", encoding="utf-8"
    )
    (folder / "recipe.yml").write_text(
        base
        + textwrap.dedent(f"""\
        markdown_extensions:
          - admonition
          - attr_list
          - md_in_html
          - toc
          - abbr
          - pymdownx.snippets:
              auto_append: [abbreviations.md]
              base_path: [{folder / "includes"}]
        """),
        encoding="utf-8",
    )


def run(folder: Path, variant: str, limit: float) -> Result:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    command = [sys.executable, "-c", CHILD, str(folder / f"{variant}.yml"), str(ROOT / "hooks"), variant]
    try:
        done = subprocess.run(command, cwd=folder, env=env, capture_output=True, text=True, timeout=limit)
    except subprocess.TimeoutExpired:
        return Result(None, None)
    if done.returncode != 0:
        raise RuntimeError(f"{variant} build failed:\n{done.stderr[-2000:]}")
    figures = json.loads(done.stdout.strip().splitlines()[-1])
    return Result(figures["cpu"], figures["rss_mb"], figures["link"])


def median(results: list[Result], field: str) -> float | None:
    values = [getattr(r, field) for r in results]
    return None if any(v is None for v in values) else statistics.median(values)


def popover_bytes(site: Path) -> int:
    sizes = []
    for page in (site / "discussions").glob("*/index.html"):
        found = re.search(r'<template id="glossary-popovers">.*?</template>', page.read_text(encoding="utf-8"), re.S)
        sizes.append(len(found.group(0).encode()) if found else 0)
    return int(statistics.median(sizes)) if sizes else 0


def assets_gzipped() -> int:
    files = [*sorted((ROOT / "hooks" / "assets").iterdir()), ROOT / "docs" / "assets" / "site.css"]
    return sum(len(gzip.compress(f.read_bytes(), 9)) for f in files)


def measure(pages: int, count: int, rounds: int, recipe_limit: float) -> dict:
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        write_site(folder, pages, terms(count))
        results: dict[str, list[Result]] = {v: [] for v in VARIANTS}
        recipe_exceeded = False
        for _ in range(rounds):
            for variant in VARIANTS:
                if variant == "recipe" and recipe_exceeded:
                    continue
                result = run(folder, variant, recipe_limit if variant == "recipe" else 3600)
                results[variant].append(result)
                recipe_exceeded = recipe_exceeded or (variant == "recipe" and result.cpu is None)
        popovers = popover_bytes(folder / "site")
    plain, annotated = median(results["plain"], "cpu"), median(results["annotated"], "cpu")
    return {
        "P": pages,
        "T": count,
        "plain": plain,
        "annotated": annotated,
        "recipe": None if recipe_exceeded else median(results["recipe"], "cpu"),
        "ratio": annotated / plain,
        "link_ms_per_page": 1000 * median(results["annotated"], "link") / pages,
        "rss_ratio": median(results["annotated"], "rss_mb") / median(results["plain"], "rss_mb"),
        "rss_mb": median(results["annotated"], "rss_mb"),
        "popover_bytes": popovers,
    }


def table(rows: list[dict], recipe_limit: float) -> str:
    lines = [
        "| pages × terms | plain CPU s | annotated CPU s | annotated / plain | recipe CPU s | "
        "link ms / page | peak memory (annotated / plain) | popover data / page |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for r in rows:
        recipe = f"{r['recipe']:.1f}" if r["recipe"] is not None else f"> {recipe_limit:.0f} (limit)"
        lines.append(
            f"| {r['P']} × {r['T']:,} | {r['plain']:.2f} | {r['annotated']:.2f} | {r['ratio']:.2f}× | "
            f"{recipe} | {r['link_ms_per_page']:.2f} | {r['rss_mb']:.0f} MB ({r['rss_ratio']:.2f}×) | "
            f"{r['popover_bytes'] / 1024:.1f} KB |"
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="tiny sizes, one round: a smoke test")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--recipe-limit", type=float, default=150.0, help="seconds before the recipe is stopped")
    args = parser.parse_args()
    sizes, rounds = (QUICK, 1) if args.quick else (FULL, args.rounds)
    rows = []
    for pages, count in sizes:
        rows.append(measure(pages, count, rounds, args.recipe_limit))
        print(table(rows[-1:], args.recipe_limit).splitlines()[-1], flush=True)
    report = table(rows, args.recipe_limit)
    base = rows[0]["link_ms_per_page"]
    spread = max(r["link_ms_per_page"] for r in rows) / base if base else float("nan")
    summary = (
        f"JS + CSS added per page: {assets_gzipped():,} bytes gzipped. Linker cost per page, "
        f"largest against smallest glossary: {spread:.2f}×."
    )
    print(report, summary, sep="\n\n")
    if not args.quick:
        write_page(report, summary, rounds, args.recipe_limit)


def write_page(report: str, summary: str, rounds: int, recipe_limit: float) -> None:
    page = ROOT / "docs" / "performance.md"
    text = page.read_text(encoding="utf-8")
    start, end = "<!-- benchmark:start -->", "<!-- benchmark:end -->"
    measured = (
        f"{start}\n\n{report}\n\n{summary}\n\nMedians of {rounds} alternating rounds; the recipe was "
        f"stopped after {recipe_limit:.0f} s. Measured with `make bench` on a 2-core machine.\n\n{end}"
    )
    page.write_text(re.sub(f"{start}.*?{end}", lambda _: measured, text, flags=re.S), encoding="utf-8")


if __name__ == "__main__":
    main()
