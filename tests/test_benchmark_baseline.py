"""The benchmark's build without hooks shows the same discussions: each comment as a Material site
without the hook writes it (benchmarks/site_build.py), not its markup printed as text."""

import re

import pytest

from conftest import ROOT
from site_build import QUICK, Size, plain_markdown, report

pytestmark = pytest.mark.unit
DISCUSSIONS = sorted((ROOT / "docs" / "discussions").glob("*.md"))
MARKUP = re.compile(r"^(/{3,4}( (comment|quote|edit) \| .*)?|    [a-z_]+: .*)$")


@pytest.mark.parametrize("page", DISCUSSIONS, ids=lambda page: page.stem)
def test_each_comment_is_a_heading_with_its_id_and_every_line_of_words_stays(page):
    markdown = page.read_text(encoding="utf-8")
    plain = plain_markdown(markdown)
    ids = re.findall(r"^    id: (\S+)$", markdown, re.M)
    assert re.findall(r"^#{2,6} Comment \d+ · .+ \{#([\w-]+)\}$", plain, re.M) == ids
    assert not re.search(r"^/{3,}", plain, re.M)
    for reply_to in re.findall(r"^    reply_to: (\S+)$", markdown, re.M):
        assert re.search(rf"^in reply to \[comment \d+\]\(#{reply_to}\)$", plain, re.M)
    words = [line for line in markdown.split("\n") if line.strip() and not MARKUP.match(line)]
    kept = {line.removeprefix("> ").strip() for line in plain.split("\n")}
    assert [line for line in words if line.strip() not in kept] == []


def _row(size: Size, instructions: dict[str, float] | None, before: bool = False) -> dict:
    """One size's measurements as `report` takes them; with `before`, the hook at BEFORE's too."""
    weights = {"HTML": 1000, "search index": 1000}
    return {
        "size": size,
        "cpu": {"plain": 1.0, "annotated": 1.3} | ({"before": 1.5} if before else {}),
        "rss": {"plain": 100.0, "annotated": 120.0} | ({"before": 130.0} if before else {}),
        "weights": {"plain": weights, "annotated": weights},
        "html": {"plain": {"a-thread": 9000}, "annotated": {"a-thread": 12000}},
        "spread": (1.2, 1.4),
        "instructions": instructions,
    }


def _report(rows: list[dict], before: str | None = None) -> str:
    paints = {"rounds": 1, "medians": {v: {"fcp": 1000, "lcp": 1200} for v in ("plain", "annotated")}}
    paints["spread"] = {"fcp": (0, 0), "lcp": (0, 0)}
    return report(rows, 1, None, paints, before=before)


def test_counted_instructions_are_reported_as_a_ratio():
    """`make bench` counts instructions (--instructions, under valgrind): the report gives both and the ratio."""
    text = _report([_row(size, {"plain": 10e9, "annotated": 13e9} if size.counted else None) for size in QUICK])
    assert (
        "Instructions at the site (valgrind's callgrind, the same on every run): "
        "13.00 billion annotated against 10.00 billion without hooks, 1.30×." in text
    )
    assert "not counted" not in text
    assert (
        "Each discussion's HTML at the site (gzipped, level 6): a-thread 12,000 bytes annotated against 9,000 " in text
    )


def test_the_hook_before_a_change_is_reported_beside_todays():
    """`make bench` also builds each size with the hook at BEFORE: its ratios are reported beside today's."""
    counted = {"plain": 10e9, "annotated": 13e9, "before": 15e9}
    text = _report([_row(size, counted if size.counted else None, before=True) for size in QUICK], before="abc1234")
    assert (
        "13.00 billion annotated against 10.00 billion without hooks, 1.30×; the hook at abc1234: 15.00 billion, 1.50×."
        in text
    )
    assert (
        "Before, the hook at abc1234, at the site: 1.50 CPU s, 1.50× without hooks (now 1.30×); "
        "peak memory 130 MB (now 120 MB)." in text
    )


def test_the_overhead_per_page_compares_sizes_that_differ_only_in_thread_copies():
    """The forum thread's size also has no copies: it must not stand in for the site alone."""
    counts = {  # size's name: (instructions without hooks, annotated)
        "the site": (3e9, 4e9),
        "the site + 100 thread copies": (13e9, 19e9),
        "the site + a forum thread of 2,000 comments": (17e9, 30e9),
    }
    sizes = [Size(name, 100 if "copies" in name else 0, 0, True, 2_000 if "forum" in name else 0) for name in counts]
    text = _report([_row(size, dict(zip(("plain", "annotated"), counts[size.name], strict=True))) for size in sizes])
    assert (
        "Overhead per discussion page: 50 million instructions, 50% of the 100 million a page costs without hooks"
        in text
    )
