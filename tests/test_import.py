"""`make import`: a scrape becomes sources/<slug>.txt and a draft docs/discussions/<slug>.md that
builds with --strict, in a copy of the project, run as the Makefile runs it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from annotation_engine.read.scrape import merge, read_scrape, split_copies
from conftest import POSTMORTEM_SOURCE, ROOT, project_copy, soup
from test_scrape import draft_words, norm

pytestmark = pytest.mark.build

LOSSY = ROOT / "tests" / "fixtures" / "lossy-scrape.txt"
# The made-up thread, once: copy 1 lost the fifth paragraph but one, copy 2 the fourth.
LOSSY_THREAD = [
    "Has anyone tried running the evals on a smaller model first, before the full sweep?",
    "Yes, and the results were noisy. The *main* problem was the `seed` handling: every run used seed_0 & the same "
    "prompts.",
    "- one thing that helped: fixing the seed per task, not per run",
    "1. Run the baseline. 2. Change one thing. 3. Run it again. That is the whole method, and it is slower than it "
    "sounds.",
    "# of tasks that changed: about 12 out of 40, which is > 25% [see the appendix].",
    "The *main* problem was the `seed` handling: every run used seed_0 & the same prompts.",
    "> 25% is a lot. Did the <details> of the prompts change too, or only the seeds?",
    "Only the seeds. I will post the diff {tomorrow}, with a <table> of every run.",
]
ABOUT = '??? info no-annotate "About this draft"'


def run_import(cwd: Path, *arguments: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(cwd / "tools" / "import_discussion.py"), *arguments],
        cwd=cwd,
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONIOENCODING": "utf-8"},
    )


def imported(root: Path, source: Path, name: str) -> tuple[Path, subprocess.CompletedProcess[str]]:
    project = root / "project"
    project_copy(project, second_discussion=False)
    done = run_import(project, str(source), name)
    assert done.returncode == 0, done.stderr
    return project, done


@pytest.fixture(scope="module")
def thread(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, subprocess.CompletedProcess[str]]:
    """The project with the real thread's scrape imported as `thread`."""
    return imported(tmp_path_factory.mktemp("thread"), POSTMORTEM_SOURCE, "thread")


@pytest.fixture(scope="module")
def lossy(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, subprocess.CompletedProcess[str]]:
    """The project with the made-up lossy scrape imported as `lossy-thread`."""
    return imported(tmp_path_factory.mktemp("lossy"), LOSSY, "lossy-thread")


def page(project: Path, name: str) -> str:
    return (project / "docs" / "discussions" / f"{name}.md").read_text(encoding="utf-8")


def test_the_real_scrape_is_copied_unchanged_and_drafted(thread):
    project, _ = thread
    assert (project / "sources" / "thread.txt").read_bytes() == POSTMORTEM_SOURCE.read_bytes()
    draft = page(project, "thread")
    assert draft.startswith(
        '---\ntitle: "TODO: a title for thread"\nsource: sources/thread.txt\n'
        'basis: "quoted for commentary; copyright stays with the authors"\n---\n\n# TODO: a title for thread\n'
    )
    # The page's paragraphs, in order: the thread once, as the source check will merge it.
    words = draft_words(draft)
    merged = merge(split_copies(read_scrape(POSTMORTEM_SOURCE.read_text(encoding="utf-8"))))
    assert [text for comment in words for _, text in comment] == [p.text for p in merged]
    assert [quoted for comment in words for quoted, _ in comment if quoted] == ["comment-8", "comment-7"]
    assert "/// comment | commenter A\n    id: comment-1\n\nIf you’re thinking mainly about interp" in draft
    assert "reply_to" not in draft.split("/// comment", 1)[1]  # no replies guessed


def test_the_about_box_says_what_was_guessed(thread):
    project, _ = thread
    draft = page(project, "thread")
    assert draft.count(ABOUT) == 1 and draft.index(ABOUT) < draft.index("/// comment")
    about = draft[draft.index(ABOUT) : draft.index("/// comment")]
    assert all(line.startswith("    ") for line in about.splitlines()[1:] if line)  # all of it in the box
    for said in [
        "The scrape holds the thread twice (lines 1–17 and 18–33)",
        "merged into 18 paragraphs, every one once and in order",
        "Lines 12 and 14 are only in copy 1; line 31 only in copy 2",
        "does not mark where one comment ends",
        "“commenter A” to “commenter P” are neutral labels",
        "no reply links",
        "line 12 quotes comment 8; line 14 quotes comment 7",
        "quoted for commentary; copyright stays with the authors",
    ]:
        assert said in about, said


def test_the_report_says_what_was_merged_and_what_to_decide(thread):
    _, done = thread
    assert done.stderr == ""
    report = done.stdout
    for said in [
        "copies of the thread found: 2 (lines 1–17 and 18–33)",
        "paragraphs merged: 18, into 16 comments",
        "paragraphs only some copies kept: 3",
        "  line 12, only in copy 1: All four of those I think are basically…",
        "  line 14, only in copy 1: scalable oversight (using humans,",
        "  line 31, only in copy 2: Thanks for the list! I have two questions:",
        "repeats kept as quotes: 2",
        "  line 12, in comment 12, quotes comment 8:",
        "  line 14, in comment 13, quotes comment 7:",
    ]:
        assert said in report, said
    todo = report[report.index("to do in docs/discussions/thread.md:") :]
    for decision in ["title:", "comment boundaries:", "authors:", "replies:", "quotes:", "basis:", "About box:"]:
        assert f"  - {decision}" in todo, decision


def test_a_lossy_scrape_recovers_every_paragraph_once_in_order(lossy):
    project, done = lossy
    assert (project / "sources" / "lossy-thread.txt").read_bytes() == LOSSY.read_bytes()
    words = draft_words(page(project, "lossy-thread"))
    # The Markdown characters in them are escaped: each renders as the scrape's words.
    assert [text for comment in words for _, text in comment] == LOSSY_THREAD
    assert [[quoted for quoted, _ in comment] for comment in words][5] == ["comment-2", None]
    assert "  line 5, only in copy 1: 1. Run the baseline." in done.stdout
    assert "  line 16, only in copy 2: > 25% is a lot." in done.stdout
    assert "  line 7, in comment 6, quotes comment 2:" in done.stdout
    assert "copies of the thread found: 2 (lines 1–8 and 11–17)" in done.stdout


# -- The drafts build, and the build's source check passes them ----------------------------------


def strict_build(project: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(project.parent / "site")],
        cwd=project,
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )


def comments_as_built(project: Path, name: str) -> list[list[tuple[str | None, str]]]:
    """Each comment's words on the built page, as (the id it quotes or None, the text)."""
    html = (project.parent / "site" / "discussions" / name / "index.html").read_text(encoding="utf-8")
    article = soup(html).select_one("article")
    for added in article.select(".sidenote, .note-ref, .comment__title, .comment-meta, .quote-source"):
        added.decompose()
    comments = []
    for comment in article.select("article.comment"):
        words = []
        for paragraph in comment.select("p"):
            quote = paragraph.find_parent("blockquote", class_="comment-quote")
            words.append((quote["data-quotes"] if quote else None, norm(paragraph.get_text())))
        comments.append(words)
    return comments


def test_the_real_scrapes_draft_builds_strict_as_written(thread):
    project, _ = thread
    built = strict_build(project)
    assert built.returncode == 0, built.stderr
    assert comments_as_built(project, "thread") == draft_words(page(project, "thread"))


def test_the_lossy_scrapes_draft_builds_strict_as_written(lossy):
    project, _ = lossy
    built = strict_build(project)
    assert built.returncode == 0, built.stderr
    built_words = comments_as_built(project, "lossy-thread")
    assert [text for comment in built_words for _, text in comment] == LOSSY_THREAD
    assert built_words == draft_words(page(project, "lossy-thread"))


# -- What it refuses, in one line -------------------------------------------------------------------


@pytest.fixture(scope="module")
def refusing(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A project copy with some files to refuse: a page without its scrape, bad scrapes."""
    project = tmp_path_factory.mktemp("refusing") / "project"
    project_copy(project, second_discussion=False)
    (project / "docs" / "discussions" / "only-page.md").write_text("# Only a page\n", encoding="utf-8")
    (project / "latin-1.txt").write_bytes("A caf\xe9 thread.\nIt goes on.\n".encode("latin-1"))
    (project / "empty.txt").write_text("\n  \n\t\n", encoding="utf-8")
    (project / "sources" / "own-scrape.txt").write_text("A scrape put in place already.\n", encoding="utf-8")
    (project / "other.json").write_text('{"kind": "a list of kettles", "kettles": []}\n', encoding="utf-8")
    (project / "no-comments.json").write_text('{"data": {"comments": {"results": []}}}\n', encoding="utf-8")
    twice = {"_id": "a1", "parentCommentId": None, "postedAt": "2025-01-01T00:00:00.000Z", "contents": {"html": "x"}}
    (project / "twice.json").write_text(json.dumps([twice, twice]), encoding="utf-8")
    return project


SCRAPE = str(LOSSY)


@pytest.mark.parametrize(
    ("arguments", "starts"),
    [
        ((), "make import: SOURCE and NAME not given. Fix: make import SOURCE="),
        (("", "x"), "make import: SOURCE not given. Fix:"),
        ((SCRAPE, ""), "make import: NAME not given. Fix:"),
        ((SCRAPE, "x", "y"), "make import: FORMAT is 'y', which is no format. Fix: name one of forummagnum, discourse"),
        ((SCRAPE, "x", "scrape", "", "z"), "make import: 5 arguments, not 2 to 4. Fix:"),
        ((SCRAPE, "x", "discourse"), f"{SCRAPE}: is not JSON, so not in the format discourse. Fix:"),
        (("other.json", "x"), "other.json: this JSON is in no format the importer reads. Fix: give the JSON a forum's"),
        (("other.json", "x", "hackernews"), "other.json: this JSON is not in the format hackernews. Fix:"),
        (("no-comments.json", "x"), "no-comments.json: this JSON is in no format the importer reads. Fix:"),
        (("twice.json", "x"), "twice.json: the id a1 is given to two comments. Fix:"),
        ((SCRAPE, "Bad Name"), "docs/discussions/Bad Name.md: NAME must be lower-case letters, digits and hyphens"),
        ((SCRAPE, "snake_case"), "docs/discussions/snake_case.md: NAME must be lower-case"),
        ((SCRAPE, "-x"), "docs/discussions/-x.md: NAME must be lower-case"),
        ((SCRAPE, "a/b"), "docs/discussions/a/b.md: NAME must be lower-case"),
        ((SCRAPE, "index"), "docs/discussions/index.md: NAME is the folder's own page"),
        (("no-such-scrape.txt", "x"), "no-such-scrape.txt: no such file. Fix:"),
        (("sources", "x"), "sources: is not a file. Fix:"),
        (("latin-1.txt", "x"), "latin-1.txt: is not UTF-8 text (byte 0xe9 on line 1). Fix: save it as UTF-8"),
        (("empty.txt", "x"), "empty.txt: holds no text. Fix:"),
        (
            (SCRAPE, "alignment-postmortem-comments"),
            "sources/alignment-postmortem-comments.txt: already exists, and make import never overwrites. Fix:",
        ),
        ((SCRAPE, "only-page"), "docs/discussions/only-page.md: already exists, and make import never overwrites."),
        (("sources/own-scrape.txt", "own-scrape"), "sources/own-scrape.txt: is SOURCE itself, where make import would"),
    ],
)
def test_a_problem_is_one_line_and_exit_1_and_nothing_written(refusing, arguments, starts):
    before = sorted(path for folder in ("sources", "docs") for path in (refusing / folder).rglob("*"))
    done = run_import(refusing, *arguments)
    assert (done.returncode, done.stdout) == (1, "")
    assert len(done.stderr.splitlines()) == 1, done.stderr
    assert "Traceback" not in done.stderr and ". Fix: " in done.stderr
    assert done.stderr.startswith(starts), done.stderr
    assert sorted(path for folder in ("sources", "docs") for path in (refusing / folder).rglob("*")) == before


def test_a_bad_name_is_told_one_that_would_do(refusing):
    done = run_import(refusing, SCRAPE, "My Thread_2")
    assert done.stderr.rstrip().endswith(f"Fix: make import SOURCE={SCRAPE} NAME=my-thread-2")


def test_an_existing_page_is_told_how_to_import_again(refusing):
    done = run_import(refusing, SCRAPE, "only-page")
    assert "choose another NAME; or, to import only-page again, delete sources/only-page.txt and " in done.stderr


def test_outside_the_projects_root_it_says_where_to_run(tmp_path, refusing):
    done = subprocess.run(
        [sys.executable, str(refusing / "tools" / "import_discussion.py"), SCRAPE, "x"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 1 and len(done.stderr.splitlines()) == 1
    assert done.stderr.startswith("sources: no such folder here. Fix: run make import from the project's root")


def test_make_import_runs_the_command_with_source_and_name():
    done = subprocess.run(
        ["make", "-n", "import", "SOURCE=some scrape.txt", "NAME=a-thread"], cwd=ROOT, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    assert '.venv/bin/python tools/import_discussion.py "some scrape.txt" "a-thread" "" ""' in done.stdout.splitlines()


def test_make_import_passes_accept_for_a_refresh():
    done = subprocess.run(
        ["make", "-n", "import", "SOURCE=sources/t.json", "NAME=t", "ACCEPT=a1,b2"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    assert '.venv/bin/python tools/import_discussion.py "sources/t.json" "t" "" "a1,b2"' in done.stdout.splitlines()
