"""Nothing lost: every build checks each quoted discussion's comments against its source, and
reads its comment markup, failing --strict with the page's line, the sentence and the source's line."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import POSTMORTEM, SECOND, build_site, project_copy

pytestmark = pytest.mark.build  # whole-site builds

PAGE = f"docs/{POSTMORTEM}.md"
SOURCE = "sources/alignment-postmortem-comments.txt"


def page_line(project: Path, words: str, page: str = POSTMORTEM) -> int:
    lines = (project / "docs" / f"{page}.md").read_text(encoding="utf-8").splitlines()
    return next(n for n, line in enumerate(lines, 1) if words in line)


def edited(tmp_path: Path, old: str, new: str, page: str = POSTMORTEM, second: bool = False) -> tuple[Path, str]:
    """The project with one edit to a discussion's Markdown, built with --strict: its folder and log."""
    config = project_copy(tmp_path / "project", second_discussion=second)
    path = tmp_path / "project" / "docs" / f"{page}.md"
    text = path.read_text(encoding="utf-8")
    assert text.count(old) >= 1, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    built = build_site(config, tmp_path / "site")
    assert not built.ok, f"the build passed after replacing {old!r}"
    return tmp_path / "project", built.log


def test_a_changed_word_fails_naming_the_sentence_and_both_lines(tmp_path):
    """The problem shows the words around the change, in the page and in the source."""
    project, log = edited(tmp_path, "I don’t really care to argue", "I don’t much care to argue")
    line = page_line(project, "I don’t much care to argue")
    assert (
        f"{PAGE}:{line}: the comments say “I don’t much care to argue…”, which is not in the "
        f"source: its line 3 ({SOURCE}) has “I don’t really care to argue…”."
    ) in log


def test_a_lost_paragraph_fails_naming_the_sources_line(tmp_path):
    second_question = "2: How is goodhart robustness relevant? Most models today don’t seem to use reward functions"
    project = tmp_path / "lost"
    config = project_copy(project, second_discussion=False)
    path = project / "docs" / f"{POSTMORTEM}.md"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    path.write_text("".join(line for line in lines if not line.startswith(second_question)), encoding="utf-8")
    built = build_site(config, tmp_path / "site")
    assert not built.ok
    line = page_line(project, "1: Can you explain how generalization of NNs relates to ELK?")
    assert (
        f"{PAGE}:{line}: the source's line 17 ({SOURCE}), “2: How is goodhart robustness relevant? Most models…”, "
        "is missing from the comments. It comes after “1: Can you explain how generalization of NNs…”."
    ) in built.log


def test_an_added_sentence_fails_naming_it(tmp_path):
    project, log = edited(
        tmp_path, "Perhaps this will be in a follow-up post.", "Perhaps this will be in a follow-up post. We hope so."
    )
    line = page_line(project, "We hope so.")
    assert f"{PAGE}:{line}: the comments say “We hope so.”, which is not in the source" in log


def test_the_sites_own_words_outside_the_comments_are_not_checked(tmp_path):
    config = project_copy(tmp_path / "project", second_discussion=False)
    path = tmp_path / "project" / "docs" / f"{POSTMORTEM}.md"
    text = path.read_text(encoding="utf-8").replace(
        "/// comment | commenter D", "A line of our own.\n\n/// comment | commenter D"
    )
    path.write_text(text, encoding="utf-8")
    built = build_site(config, tmp_path / "site")
    assert built.ok, built.log


def test_every_quoted_discussion_is_checked_not_only_the_thread(tmp_path):
    _, log = edited(tmp_path, "if the judge can check", "if the judges can check", page=SECOND, second=True)
    assert f"docs/{SECOND}.md:" in log and "“Perhaps, if the judges can check the…”" in log


@pytest.mark.parametrize(
    "old, new, message",
    [
        (
            "    reply_to: comment-3\n\n//// quote",
            "    reply_to: comment-33\n\n//// quote",
            "comment comment-5 replies to 'comment-33', which is not a comment above it. Did you mean 'comment-3'?",
        ),
        ("    id: comment-4\n", "    id: comment-3\n", "the id 'comment-3' is taken (line "),
        ("    id: comment-4\n", "    idd: comment-4\n", "unknown field 'idd' in a comment. Did you mean 'id'?"),
        ("//// quote | comment-3", "//// quote | comment-4", "the quote “All four of those I think are basically"),
        ("//// quote | comment-3", "//// quote | comment-9", "comment comment-5 quotes 'comment-9', which is not a"),
        ("basis: quoted for commentary; copyright stays with the authors\n", "", "does not say on what basis"),
        ("source: sources/alignment-postmortem-comments.txt", "source: sources/missing.txt", "not a file under"),
    ],
    ids=[
        "reply to nothing",
        "duplicate id",
        "unknown option",
        "quote of other words",
        "quote of nothing",
        "no basis",
        "no source",
    ],
)
def test_broken_comment_markup_fails_with_its_line(tmp_path, old, new, message):
    _, log = edited(tmp_path, old, new)
    assert f"{PAGE}:" in log and message in log and "Fix: " in log, log
