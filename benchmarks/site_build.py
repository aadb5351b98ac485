"""What annotation costs, measured on the project's own configuration as the site grows.

Run: make bench            (every size, several minutes; writes docs/about/performance.md)
     make bench-quick      (tiny sizes, one round: checks that the benchmark runs)
Both pass --instructions, which needs valgrind; without it (as the test of the quick run does)
nothing is counted and the report says so.

Each size is a copy of this project (mkdocs.yml with its theme features, validation and
extensions; docs/; annotations/; hooks/; overrides/) grown by copies of the thread and by generated
terms that the copies mention. It is built in alternation with the hook and without it, each
build a fresh process, ROUNDS times. Without it means the same mkdocs.yml with its hook replaced
by `plain_site_hook.py` (which only names Material's script, so both sites load it deferred), and
each discussion written as a Material site without the hook writes a thread (`plain_markdown`):
the comparison is the same page, not the comment markup printed as text; the figures are medians
of CPU time (user + system) and of the build process's peak resident memory; a size marked
`counted` is also built once more each way under valgrind (with --instructions), whose instruction counts do not move
with the machine's load as CPU time does (`instructions`). The thread's page
weight is what a reader downloads to open it, gzipped as a static host serves it. The reload
time comes from benchmarks/serve_reload.py, the first paint on a throttled phone from
benchmarks/reader_paint.py.
"""

from __future__ import annotations

import argparse
import compileall
import gzip
import io
import json
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tarfile
import tempfile
import textwrap
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import reader_paint
import serve_reload

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "hooks"))
sys.path.insert(0, str(ROOT / "tools"))
import import_forum
from annotation_engine.read.comments import COMMENT, EDIT, QUOTE, PageComments, scan
from annotation_engine.read.forums import read_thread

THREAD = "discussions/alignment-postmortem-comments"
COPY = ("docs", "annotations", "hooks", "overrides", "sources", "mkdocs.yml")


@dataclass(frozen=True)
class Size:
    name: str
    copies: int  # thread copies added: discussion pages = copies + 1
    terms: int  # generated terms added to the project's own
    counted: bool = False  # also count each build's instructions (valgrind: minutes)
    comments: int = 0  # a generated forum thread of this many comments, imported as `make import` does


FULL = [
    Size("the site", 0, 0, counted=True),
    Size("the site + 100 thread copies", 100, 0, counted=True),
    Size("21 discussion pages, 2,000 more terms", 20, 2_000),
    Size("300 discussion pages, 2,000 more terms", 299, 2_000),
    Size("the site + a forum thread of 2,000 comments", 0, 0, counted=True, comments=2_000),
]
QUICK = [
    Size("the site", 0, 0, counted=True),
    Size("3 discussion pages, 40 more terms", 2, 40),
    Size("the site + a forum thread of 40 comments", 0, 0, comments=40),
]
PLAIN_HOOK = Path(__file__).with_name("plain_site_hook.py")  # the build without hooks defers Material's script too
FORUM_THREAD = "discussions/forum-thread"
DEEPEST = 12  # levels of replies in the generated forum thread

CHILD = textwrap.dedent("""\
    import json, resource, sys
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    build(load_config(sys.argv[1], site_dir=sys.argv[2]))
    usage = resource.getrusage(resource.RUSAGE_SELF)
    print(json.dumps({"cpu": usage.ru_utime + usage.ru_stime, "rss_mb": usage.ru_maxrss / 1024}))
""")


def words(rnd: random.Random) -> str:
    syllables = ["bla", "vor", "tex", "quin", "dral", "mox", "ser", "pim", "lut", "gen", "zar", "fol"]
    return "".join(rnd.choice(syllables) for _ in range(3))


def vocabulary(count: int) -> list[tuple[str, str]]:
    """`count` made-up terms, each with an alias, none of them an English word."""
    rnd, made, seen = random.Random(count), [], set()
    while len(made) < count:
        name, alias = f"{words(rnd)} {words(rnd)}", f"{words(rnd)}-{len(made)}"
        if name not in seen:
            seen.add(name)
            made.append((name, alias))
    return made


def plain_markdown(markdown: str) -> str:
    """A discussion as a Material site without the hook writes it, so that the build without hooks
    shows the same thread: each comment a heading with its id (deeper for a reply), a reply line
    linking to what it answers, a quote as a block quote under its source, a later edit as a note.
    (Without the hook, the comment markup would be printed as text: a cheaper page than the thread.)
    The markup is read by the build's own reader (`scan`)."""
    page = scan("page", markdown, 1, lambda problem: None)
    out: list[str] = []
    inside = ""  # the kind of the quote or edit being copied
    for piece in page.pieces():
        if isinstance(piece, str):
            indent = {"quote": "> ", "edit": "    "}.get(inside, "")
            out.append("\n".join(indent + line if line else line for line in piece.split("\n")))
        elif piece.kind == COMMENT and piece.comment is not None:
            comment = piece.comment
            heading = "#" * (2 + comment.depth)
            out.append(f"{heading} {comment.label} {{#{comment.id}}}\n")
            if comment.reply_to:
                out.append(f"in reply to {reference(page, comment.reply_to)}\n{{: .comment-meta }}\n")
        elif piece.kind == QUOTE:
            inside = "quote"
            out.append(f"Quoting {reference(page, piece.who)}\n{{: .quote-source }}\n")
        elif piece.kind == EDIT:
            inside = "edit"
            out.append(f'!!! note "Later edit by {piece.who}"\n')
        else:
            inside = ""
    return "\n".join(out)


def reference(page: PageComments, target: str) -> str:
    """A link to a comment of the page, as its reply line and a quote's source say it."""
    found = page.comments.get(target)
    return f"[comment {found.number if found else target}](#{target})"


def forum_answer(count: int) -> dict[str, Any]:
    """A ForumMagnum answer for a thread of `count` made-up comments, replies nested up to DEEPEST
    levels, each of one to four paragraphs of made-up words with a glossary term about one word in
    fifty, as often as the real thread has them."""
    rnd = random.Random(count)
    vocabulary = ["ELK", "debate", "reporter", "interp", "scalable oversight", "RLCT", "model organisms"]

    def word() -> str:
        return rnd.choice(vocabulary) if rnd.random() < 0.02 else words(rnd)

    comments: list[dict[str, Any]] = []
    depths: list[int] = []
    for n in range(count):
        recent = [i for i in range(max(0, n - 40), n) if depths[i] < DEEPEST - 1]
        parent = rnd.choice(recent) if recent and rnd.random() < 0.85 else None
        depths.append(0 if parent is None else depths[parent] + 1)
        paragraphs = "".join(
            f"<p>{words(rnd).capitalize()} {' '.join(word() for _ in range(rnd.randint(8, 40)))}.</p>"
            for _ in range(rnd.randint(1, 4))
        )
        comments.append(
            {
                "_id": f"generated{n:08d}",
                "parentCommentId": None if parent is None else f"generated{parent:08d}",
                "postedAt": f"2025-{1 + n // 28 // 24 % 12:02d}-{1 + n // 24 % 28:02d}T{n % 24:02d}:00:00.000Z",
                "pageUrl": f"https://www.lesswrong.com/posts/generated/thread?commentId=generated{n:08d}",
                "deleted": False,
                "retracted": False,
                "user": {"displayName": f"Commenter {n % 97}"},
                "contents": {"html": paragraphs},
            }
        )
    return {"data": {"comments": {"results": comments}}}


def import_thread(folder: Path, answer: dict[str, Any]) -> None:
    """The answer saved under sources/ and imported as a draft, as `make import` does."""
    name = FORUM_THREAD.rsplit("/", 1)[-1]
    (folder / "sources" / f"{name}.json").write_text(json.dumps(answer), encoding="utf-8")
    thread = read_thread(answer)
    page = import_forum.draft(name, thread, import_forum.plan(thread))
    (folder / "docs" / f"{FORUM_THREAD}.md").write_text(page, encoding="utf-8")


def make_site(folder: Path, size: Size, before: str | None = None) -> None:
    """The project, grown to `size`, with `annotated.yml` and `plain.yml` beside it; with `before`
    (a commit), also `before.yml`: the same site annotated by the hook as it was at that commit."""
    for name in COPY:
        (shutil.copytree if (ROOT / name).is_dir() else shutil.copy)(ROOT / name, folder / name)
    made = vocabulary(size.terms)
    for i, (name, alias) in enumerate(made):
        (folder / "annotations" / "terms" / f"generated-{i:05}.yml").write_text(
            f"term: {name}\naliases: [{alias}]\ndefinition: The generated term number {i}.\n"
            f"sources:\n  - title: Generated source {i}\n    url: https://example.org/{i}\n",
            encoding="utf-8",
        )
    thread = (ROOT / "docs" / f"{THREAD}.md").read_text(encoding="utf-8")
    rnd = random.Random(size.copies)
    for n in range(size.copies):
        used = rnd.sample(made, min(20, len(made)))
        mentions = ", ".join(name if i % 2 else alias for i, (name, alias) in enumerate(used))
        body = thread.replace("# Which alignment agendas are on track?", f"# Copy {n}", 1)
        if mentions:
            body += f"\n\nThis copy also mentions {mentions}.\n"
        (folder / "docs" / "discussions" / f"copy-{n:03}.md").write_text(body, encoding="utf-8")
    if size.comments:
        import_thread(folder, forum_answer(size.comments))
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    (folder / "annotated.yml").write_text(config, encoding="utf-8")
    # Without the hook, nothing stands in for `discussions/`: the same navigation, written out, in
    # the hook's order (the copies share the thread's title, so by path).
    pages = [f"{THREAD}.md", *(f"discussions/copy-{n:03}.md" for n in range(size.copies))]
    pages += [f"{FORUM_THREAD}.md"] if size.comments else []
    written = "  - Discussions:\n" + "".join(f"      - {page}\n" for page in pages)
    plain = config.replace("  - Discussions: discussions/\n", written)
    plain = plain.replace("hooks:\n  - hooks/annotate.py\n", f"hooks:\n  - hooks/{PLAIN_HOOK.name}\n")
    shutil.copy(PLAIN_HOOK, folder / "hooks" / PLAIN_HOOK.name)
    plain = plain.replace("docs_dir: docs\n", "docs_dir: plain-docs\n")
    shutil.copytree(folder / "docs", folder / "plain-docs")
    for page in pages:
        path = folder / "plain-docs" / page
        path.write_text(plain_markdown(path.read_text(encoding="utf-8")), encoding="utf-8")
    (folder / "plain.yml").write_text(plain, encoding="utf-8")
    if before:
        _extract(before, folder / "before")
        earlier = config.replace("  - hooks/annotate.py\n", "  - before/hooks/annotate.py\n")
        earlier = earlier.replace("custom_dir: overrides", "custom_dir: before/overrides")
        (folder / "before.yml").write_text(earlier, encoding="utf-8")
    # MkDocs and Material run from bytecode pip compiled at install; Python keeps the hook's after
    # its first build, unless PYTHONDONTWRITEBYTECODE is set (as on the machine that measured
    # docs/about/performance.md), which would charge every annotated build for compiling it.
    compileall.compile_dir(folder / "hooks", quiet=1)


def _extract(commit: str, into: Path) -> None:
    """The hook and the theme overrides as they were at `commit`, read from this clone's history.
    MkDocs runs a hook with its own folder first on the import path, so the old hook imports its
    own modules, not today's."""
    done = subprocess.run(
        ["git", "-C", str(ROOT), "archive", "--format=tar", commit, "hooks", "overrides"], capture_output=True
    )
    if done.returncode != 0:
        problem = done.stderr.decode(errors="replace").strip().splitlines()[-1:] or ["git failed"]
        raise SystemExit(
            f"benchmark: cannot read the hook at {commit} ({problem[0]}). "
            "Fix: fetch the full history (git fetch --unshallow), or name another commit with BEFORE=…"
        )
    with tarfile.open(fileobj=io.BytesIO(done.stdout)) as archive:
        archive.extractall(into, filter="data")


@dataclass
class Build:
    cpu: float
    rss_mb: float


ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


def build_command(folder: Path, variant: str) -> list[str]:
    """One build of `variant` (plain or annotated) into site/<variant>, in a fresh process."""
    return [sys.executable, "-c", CHILD, str(folder / f"{variant}.yml"), str(folder / "site" / variant)]


def run(folder: Path, variant: str) -> Build:
    done = subprocess.run(
        build_command(folder, variant), cwd=folder, env=ENV, capture_output=True, text=True, timeout=3600
    )
    if done.returncode != 0:
        raise RuntimeError(f"{variant} build failed:\n{done.stderr[-3000:]}")
    return Build(**json.loads(done.stdout.strip().splitlines()[-1]))


def callgrind(*options: str) -> list[str]:
    """The start of a command that runs the rest under valgrind's callgrind with `options`."""
    valgrind = shutil.which("valgrind")
    if valgrind is None:
        raise SystemExit("the benchmark counts instructions with valgrind: install it (Debian: apt install valgrind)")
    return [valgrind, "--tool=callgrind", "--callgrind-out-file=/dev/null", *options]


def collected(process: subprocess.Popen[str], what: str) -> int:
    """The instructions callgrind counted in a finished `process` (see `callgrind`)."""
    _, errors = process.communicate(timeout=7200)
    found = re.search(r"Collected : (\d+)", errors)
    if process.returncode != 0 or found is None:
        raise RuntimeError(f"{what} under valgrind failed:\n{errors[-3000:]}")
    return int(found.group(1))


COUNTED_ENV = {**ENV, "PYTHONHASHSEED": "0"}  # sets and dicts of strings iterate alike on every run


def instructions(folder: Path, variants: list[str]) -> dict[str, int]:
    """The instructions each variant's build executes, counted by valgrind's callgrind, all at
    once (sharing the cores changes no count). Unlike CPU time, which moves by a fifth from run to
    run on a shared machine, the count is the same on every run whatever else the machine is doing."""
    started = {
        variant: subprocess.Popen(
            [*callgrind(), *build_command(folder, variant)],
            cwd=folder,
            env=COUNTED_ENV,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        for variant in variants
    }
    return {variant: collected(process, f"{variant} build") for variant, process in started.items()}


def weight(site: Path, page: str) -> dict[str, int]:
    """Gzipped bytes a reader downloads to open `page`: its HTML, its CSS and JS, the search index."""
    html = (site / page / "index.html").read_text(encoding="utf-8")
    linked = re.findall(r'<(?:script src|link rel="stylesheet" href)="([^"]+)"', html)
    files = {"HTML": site / page / "index.html", "search index": site / "search" / "search_index.json"}
    for url in linked:
        path = (site / page / url.split("?")[0]).resolve()
        if path.is_file():
            files[path.relative_to(site.resolve()).as_posix()] = path
    return {name: len(gzip.compress(path.read_bytes(), 6)) for name, path in files.items()}


def discussion_html(site: Path) -> dict[str, int]:
    """Gzipped bytes of each discussion's HTML, by its folder: what a reader's first round trip carries."""
    pages = sorted((site / "discussions").glob("*/index.html"))
    return {page.parent.name: len(gzip.compress(page.read_bytes(), 6)) for page in pages}


def measure(size: Size, rounds: int, count: bool, before: str | None = None) -> dict[str, Any]:
    """`size` built `rounds` times each way, in alternation: without hooks, annotated, and (with
    `before`, a commit) annotated by the hook as it was at that commit."""
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        make_site(folder, size, before)
        variants = ["plain", "annotated", *(["before"] if before else [])]
        builds: dict[str, list[Build]] = {variant: [] for variant in variants}
        for _ in range(rounds):
            for variant, done in builds.items():
                done.append(run(folder, variant))
        weights = {variant: weight(folder / "site" / variant, THREAD) for variant in ("plain", "annotated")}
        html = {variant: discussion_html(folder / "site" / variant) for variant in ("plain", "annotated")}
        counted = instructions(folder, variants) if count and size.counted else None
    cpu = {v: statistics.median(b.cpu for b in runs) for v, runs in builds.items()}
    rss = {v: statistics.median(b.rss_mb for b in runs) for v, runs in builds.items()}
    ratios = [a.cpu / p.cpu for p, a in zip(builds["plain"], builds["annotated"], strict=True)]
    spread = (min(ratios), max(ratios))
    return {
        "size": size,
        "cpu": cpu,
        "rss": rss,
        "weights": weights,
        "html": html,
        "spread": spread,
        "instructions": counted,
    }


def per_page(small: dict[str, Any], large: dict[str, Any], added: int) -> str:
    """What the hook adds to each discussion page beyond the first: the difference between two
    sizes that differ only in thread copies, less the same difference without hooks. Counted in
    instructions where both sizes were (CPU time per page is within this machine's noise)."""
    if small["instructions"] and large["instructions"]:
        plain = (large["instructions"]["plain"] - small["instructions"]["plain"]) / added
        extra = (large["instructions"]["annotated"] - small["instructions"]["annotated"]) / added - plain
        return (
            f"Overhead per discussion page: {extra / 1e6:.0f} million instructions, {extra / plain:.0%} of the "
            f"{plain / 1e6:.0f} million a page costs without hooks (what the hook adds to each of the {added} "
            "pages added, counted by valgrind)."
        )
    extra = (large["cpu"]["annotated"] - small["cpu"]["annotated"]) - (large["cpu"]["plain"] - small["cpu"]["plain"])
    return (
        f"Overhead per discussion page: {1000 * extra / added:.1f} ms of CPU (what the hook adds to "
        f"each of the {added} pages added, beyond what MkDocs and Material spend on them)."
    )


def kb(size: int) -> str:
    return f"{size / 1024:.1f} KB"


def report(
    rows: list[dict[str, Any]],
    rounds: int,
    reload: tuple[float, float] | None,
    paints: dict[str, Any],
    before: str | None = None,
) -> str:
    """The figures as Markdown: the totals, then what they mean per page and per term; with `before`
    (the commit whose hook was built too), the same ratios for that hook."""
    lines = [
        "| site | discussion pages | terms | CPU s without hooks | CPU s annotated | annotated / without "
        "| peak memory without | peak memory annotated | annotated / without |",
        "|---" * 9 + "|",
    ]
    for row in rows:
        size, cpu, rss, (low, high) = row["size"], row["cpu"], row["rss"], row["spread"]
        terms = len(list((ROOT / "annotations" / "terms").glob("*.yml"))) + size.terms
        pages = size.copies + 1 + (1 if size.comments else 0)
        lines.append(
            f"| {size.name} | {pages} | {terms:,} | {cpu['plain']:.2f} | {cpu['annotated']:.2f} | "
            f"{cpu['annotated'] / cpu['plain']:.2f}× ({low:.2f}–{high:.2f}) | {rss['plain']:.0f} MB | "
            f"{rss['annotated']:.0f} MB | "
            f"{rss['annotated'] / rss['plain']:.2f}× |"
        )
    figures = [
        f"Medians of {rounds} alternating rounds, CPU time of each whole build process; in brackets, the "
        "lowest and highest ratio of a round's two builds (this machine's noise)."
    ]
    if not any(row["instructions"] for row in rows):
        figures.append("Instructions: not counted (run with --instructions, which needs valgrind).")
    for row in rows:
        if row["instructions"]:
            plain, annotated = row["instructions"]["plain"], row["instructions"]["annotated"]
            earlier = row["instructions"].get("before")
            figures.append(
                f"Instructions at {row['size'].name} (valgrind's callgrind, the same on every run): "
                f"{annotated / 1e9:.2f} billion annotated against {plain / 1e9:.2f} billion without hooks, "
                f"{annotated / plain:.2f}×"
                + (f"; the hook at {before}: {earlier / 1e9:.2f} billion, {earlier / plain:.2f}×." if earlier else ".")
            )
    for row in (row for row in rows if "before" in row["cpu"]) if before else ():
        cpu, rss = row["cpu"], row["rss"]
        figures.append(
            f"Before, the hook at {before}, at {row['size'].name}: {cpu['before']:.2f} CPU s, "
            f"{cpu['before'] / cpu['plain']:.2f}× without hooks (now {cpu['annotated'] / cpu['plain']:.2f}×); "
            f"peak memory {rss['before']:.0f} MB (now {rss['annotated']:.0f} MB)."
        )
    copied = {row["size"].copies: row for row in rows if not row["size"].terms and not row["size"].comments}
    if len(copied) > 1:
        figures.append(per_page(copied[min(copied)], copied[max(copied)], max(copied) - min(copied)))
    for row in rows:
        if row["size"].terms:
            cost = 1000 * (row["cpu"]["annotated"] - row["cpu"]["plain"]) / row["size"].terms
            figures.append(
                f"Cost per glossary term at {row['size'].name}: {cost:.2f} ms (all of annotation's CPU "
                "time, divided by the generated terms)."
            )
    first = rows[0]["weights"]
    plain, annotated = sum(first["plain"].values()), sum(first["annotated"].values())
    split = ", ".join(f"{name} {kb(size)}" for name, size in sorted(first["annotated"].items(), key=lambda i: -i[1]))
    figures.append(
        f"What a reader downloads to open the thread (gzipped): {kb(annotated)} annotated against "
        f"{kb(plain)} without hooks, {annotated / plain:.2f}×. Annotated: {split}."
    )
    pages = rows[0]["html"]
    each = "; ".join(
        f"{name} {size:,} bytes annotated against {pages['plain'][name]:,} without hooks, "
        f"{size / pages['plain'][name]:.2f}×"
        for name, size in pages["annotated"].items()
        if name in pages["plain"]
    )
    figures.append(f"Each discussion's HTML at {rows[0]['size'].name} (gzipped, level 6): {each}.")
    figures.append(reader_paint.report(paints))
    if reload:
        figures.append(
            f"`mkdocs serve`, annotation edit to page served: {reload[0]:.2f} s (a page edit: {reload[1]:.2f} s)."
        )
    return "\n".join(lines) + "\n\n" + "\n".join(f"- {figure}" for figure in figures)


def write_page(text: str) -> None:
    page = ROOT / "docs" / "about" / "performance.md"
    start, end = "<!-- benchmark:start -->", "<!-- benchmark:end -->"
    measured = f"{start}\n\n{text}\n\nMeasured with `make bench` on a 2-core machine.\n\n{end}"
    page.write_text(
        re.sub(f"{start}.*?{end}", lambda _: measured, page.read_text(encoding="utf-8"), flags=re.S), encoding="utf-8"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="tiny sizes, one round, no serve: a smoke test")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument(
        "--instructions", action="store_true", help="also count instructions under valgrind (minutes; make bench)"
    )
    parser.add_argument("--before", metavar="COMMIT", help="also build each size with the hook as it was at COMMIT")
    args = parser.parse_args()
    sizes, rounds = (QUICK, 1) if args.quick else (FULL, args.rounds)
    rows = []
    for size in sizes:
        # The hook at BEFORE predates forum imports: an imported thread's markup is not its to read.
        rows.append(measure(size, rounds, args.instructions, None if size.comments else args.before))
        print(f"measured: {size.name}", flush=True)
    reload = None if args.quick else serve_reload.measure(7)
    paints = reader_paint.measure(rounds)
    text = report(rows, rounds, reload, paints, args.before)
    print(text)
    if not args.quick:
        write_page(text)


if __name__ == "__main__":
    main()
