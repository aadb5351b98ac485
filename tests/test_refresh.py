"""`make import` for a discussion imported before: the grown thread's new comments put in place,
the page's own edits kept, words changed on the forum held back until accepted, comments deleted
on the forum kept as quoted and still proven, in a copy of the project, built with --strict."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

from annotation_engine.read import comments
from conftest import build_site, project_copy, soup
from test_import import run_import

pytestmark = pytest.mark.build

FIXTURE = Path(__file__).parent / "fixtures" / "forums" / "forummagnum.json"
PAGE = Path("docs/discussions/lw.md")
REPLY_ID, TOP_ID = "c5NewReplyAaBbCc5", "c6NewTopLevelDdE6"
FIRST_ID, ANSWERED_ID, DROPPED_ID = "c1AaBbCcDdEeFfGg1", "c2HhIiJjKkLlMmNn2", "c4VvWwXxYyZzAaBb4"
OWN_EDIT = "A paragraph the maintainer wrote in the About box."


def original() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(FIXTURE.read_text(encoding="utf-8"))
    return data


def grown(*, edit: bool = False, drop: bool = False) -> dict[str, Any]:
    """The fixture's thread later: a reply to its second comment and a new top-level comment;
    with `edit`, its first comment's words changed; with `drop`, its last reply gone."""
    data = original()
    found = data["data"]["comments"]["results"]
    reply = copy.deepcopy(found[1])
    reply.update(
        _id=REPLY_ID,
        parentCommentId=ANSWERED_ID,
        postedAt="2025-03-05T09:00:00.000Z",
        lastEditedAt=None,
        pageUrl=f"https://www.lesswrong.com/posts/pQ7rSt2uVw9xYz3Ab/x?commentId={REPLY_ID}",
        user={"displayName": "Eve Newcomer", "slug": "eve-newcomer"},
        contents={"html": "<p>A new reply about the hard case.</p>"},
    )
    top = copy.deepcopy(reply)
    top.update(
        _id=TOP_ID,
        parentCommentId=None,
        postedAt="2025-03-06T09:00:00.000Z",
        pageUrl=f"https://www.lesswrong.com/posts/pQ7rSt2uVw9xYz3Ab/x?commentId={TOP_ID}",
        contents={"html": "<p>A new comment on the post itself.</p>"},
    )
    found += [reply, top]
    if edit:
        first = found[0]["contents"]
        first["html"] = first["html"].replace("every example we can check", "every example we could check")
    if drop:
        found[:] = [c for c in found if c["_id"] != DROPPED_ID]
    return data


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A project copy with the fixture imported as `lw`, and the maintainer's own edits to the page."""
    root = tmp_path / "project"
    project_copy(root, second_discussion=False)
    done = run_import(root, str(FIXTURE), "lw")
    assert done.returncode == 0, done.stderr
    page = root / PAGE
    text = page.read_text(encoding="utf-8").replace("---\n\n", "---\n\n<!-- the maintainer's comment -->\n\n", 1)
    text = text.replace("    The comments are their authors'", f"    {OWN_EDIT}\n\n    The comments are their authors'")
    page.write_text(text, encoding="utf-8")
    return root


def refresh(root: Path, data: dict[str, Any], *arguments: str) -> str:
    answer = root.parent / "answer.json"
    answer.write_text(json.dumps(data), encoding="utf-8")
    done = run_import(root, str(answer), "lw", *arguments)
    assert done.returncode == 0, done.stderr
    return done.stdout


def page_comments(root: Path) -> list[comments.Written]:
    return comments.written(comments.scan(str(PAGE), (root / PAGE).read_text(encoding="utf-8"), 1, print))


def test_new_comments_go_in_their_place_and_nothing_else_changes(project):
    before = (project / PAGE).read_text(encoding="utf-8")
    said = refresh(project, grown())
    after = (project / PAGE).read_text(encoding="utf-8")
    found = page_comments(project)
    order = [c.source_id for c in found]
    # The reply comes right after the comment it answers; the new top-level comment comes last.
    assert order.index(REPLY_ID) == order.index(ANSWERED_ID) + 1
    assert order[-1] == TOP_ID
    reply = next(c for c in found if c.source_id == REPLY_ID)
    assert reply.reply_to == next(c.id for c in found if c.source_id == ANSWERED_ID)
    assert reply.author == "Eve Newcomer" and reply.parts == ("A new reply about the hard case.",)
    # Every comment that was there is there, unchanged, with its id; the page's own edits stay.
    for comment in comments.written(comments.scan(str(PAGE), before, 1, print)):
        assert comment in found
    assert len({c.id for c in found}) == len(found)
    assert OWN_EDIT in after and "<!-- the maintainer's comment -->" in after
    assert after.split("/// comment")[0] == before.split("/// comment")[0]
    assert "2 new comments put in place" in said and REPLY_ID in said and TOP_ID in said
    # The newest answer is saved unchanged; the one before is kept beside it.
    assert json.loads((project / "sources" / "lw.json").read_text(encoding="utf-8")) == grown()
    assert (project / "sources" / "lw.earlier-1.json").read_bytes() == FIXTURE.read_bytes()
    built = build_site(project / "mkdocs.yml", project / "site")
    assert built.ok, built.log
    html = (project / "site" / "discussions" / "lw" / "index.html").read_text(encoding="utf-8")
    shown = {a["data-comment"]: a for a in soup(html).select("article.comment")}
    article = shown[reply.id]
    assert article.get("data-reply-to") == reply.reply_to
    assert " ".join(article.select_one(".comment-meta").get_text(" ", strip=True).split()) == (
        "posted 5 March 2025 · in reply to comment 3 · permalink"
    )
    assert "A new reply about the hard case." in article.get_text()
    assert list(shown)[-1] == next(c.id for c in found if c.source_id == TOP_ID)


def test_the_same_answer_again_changes_nothing(project):
    refresh(project, grown())
    page = (project / PAGE).read_bytes()
    said = refresh(project, grown())
    assert (project / PAGE).read_bytes() == page
    assert "0 new comments" in said and "already holds" in said
    assert not (project / "sources" / "lw.earlier-2.json").exists()


def test_words_changed_on_the_forum_fail_the_build_until_accepted(project):
    said = refresh(project, grown(edit=True))
    assert f"{FIRST_ID} by Brook Sample" in said.split("changed on the forum")[1]
    assert "every example we can check" in (project / PAGE).read_text(encoding="utf-8")  # not rewritten
    built = build_site(project / "mkdocs.yml", project / "site")
    assert not built.ok
    assert f"which is not in the source: its comment {FIRST_ID} (sources/lw.json)" in built.log
    assert f"make import SOURCE=sources/lw.json NAME=lw ACCEPT={FIRST_ID}" in built.log
    # Taking the new words, from the answer already saved: that comment alone is rewritten.
    before = page_comments(project)
    done = run_import(project, "sources/lw.json", "lw", "", FIRST_ID)
    assert done.returncode == 0, done.stderr
    assert f"new words taken (ACCEPT):\n  {FIRST_ID}" in done.stdout
    after = page_comments(project)
    assert [c.id for c in after] == [c.id for c in before]
    changed = [(b, a) for b, a in zip(before, after, strict=True) if a != b]
    assert [a.source_id for _, a in changed] == [FIRST_ID]
    assert "every example we could check" in changed[0][1].parts[0]
    assert build_site(project / "mkdocs.yml", project / "site").ok


def test_accept_names_only_comments_whose_words_differ(project):
    refresh(project, grown(edit=True))
    done = run_import(project, "sources/lw.json", "lw", "", f"{ANSWERED_ID},nothing")
    assert done.returncode == 1 and not done.stdout
    assert done.stderr.strip() == (
        f"ACCEPT names {ANSWERED_ID}, nothing, which are no comment of the page whose words differ from the forum's "
        "newest. Fix: name the ids the summary lists under 'changed', or ACCEPT=all."
    )
    done = run_import(project, "sources/lw.json", "lw", "", "all")
    assert done.returncode == 0 and FIRST_ID in done.stdout.split("new words taken")[1]


def test_a_comment_deleted_on_the_forum_stays_as_quoted_and_proven(project):
    before = next(c for c in page_comments(project) if c.source_id == DROPPED_ID)
    said = refresh(project, grown(drop=True))
    assert "deleted or hidden on the forum since: kept on the page as quoted" in said and DROPPED_ID in said
    assert next(c for c in page_comments(project) if c.source_id == DROPPED_ID) == before
    built = build_site(project / "mkdocs.yml", project / "site")
    assert built.ok, built.log
    # Proven against the answer kept before: a changed word in it still fails.
    page = project / PAGE
    page.write_text(page.read_text(encoding="utf-8").replace("no longer think", "still think"), encoding="utf-8")
    built = build_site(project / "mkdocs.yml", project / "site")
    assert not built.ok and f"its comment {DROPPED_ID} (sources/lw.json)" in built.log


def test_an_earlier_answer_that_cannot_be_read_fails_the_build_naming_it(project):
    refresh(project, grown(drop=True))
    (project / "sources" / "lw.earlier-1.json").write_text("{}", encoding="utf-8")
    built = build_site(project / "mkdocs.yml", project / "site")
    assert not built.ok
    assert "the earlier answer kept beside it, lw.earlier-1.json, cannot be read" in built.log


def test_accept_for_a_discussion_not_imported_is_one_line(project):
    done = run_import(project, str(FIXTURE), "another", "", "all")
    assert done.returncode == 1 and not done.stdout
    assert done.stderr.strip() == (
        "docs/discussions/another.md: no such discussion, so ACCEPT has nothing to take new words into. "
        "Fix: import it first, without ACCEPT"
    )
    assert not (project / "sources" / "another.json").exists()


def test_a_page_not_imported_from_a_forum_is_not_refreshed(project):
    (project / "sources" / "lw.json").unlink()
    before = (project / PAGE).read_bytes()
    done = run_import(project, str(FIXTURE), "lw")
    assert done.returncode == 1 and not done.stdout
    assert done.stderr.strip() == (
        "docs/discussions/lw.md: already exists, and was not imported from a forum's data (there is no "
        "sources/lw.json), so make import cannot refresh it. Fix: choose another NAME"
    )
    assert (project / PAGE).read_bytes() == before


def test_an_answer_for_another_thread_or_an_older_one_is_refused(project):
    page, saved = (project / PAGE).read_bytes(), (project / "sources" / "lw.json").read_bytes()
    other = json.loads((FIXTURE.parent / "discourse.json").read_text(encoding="utf-8"))
    (project.parent / "other.json").write_text(json.dumps(other), encoding="utf-8")
    done = run_import(project, str(project.parent / "other.json"), "lw")
    assert done.returncode == 1 and not done.stdout
    assert done.stderr.startswith("this answer is for another thread (discourse 5151) than the one saved (forummagnum")
    refresh(project, grown())
    done = run_import(project, str(FIXTURE), "lw")  # the first answer again, now older than the one saved
    assert done.returncode == 1 and done.stderr.startswith("this answer is older than the one saved:")
    assert (project / "sources" / "lw.earlier-1.json").read_bytes() == saved
    assert (project / PAGE).read_bytes() != page and not (project / "sources" / "lw.earlier-2.json").exists()


def test_a_new_reply_to_a_comment_only_the_page_still_shows_goes_under_it(project):
    data = grown(drop=True)
    late = copy.deepcopy(data["data"]["comments"]["results"][0])
    late.update(_id="c7LateReplyZz7", parentCommentId=DROPPED_ID, postedAt="2025-03-07T09:00:00.000Z")
    late["contents"] = {"html": "<p>A reply to the comment deleted since.</p>"}
    data["data"]["comments"]["results"].append(late)
    said = refresh(project, data)
    found = page_comments(project)
    order = [c.source_id for c in found]
    dropped = next(c for c in found if c.source_id == DROPPED_ID)
    reply = next(c for c in found if c.source_id == "c7LateReplyZz7")
    assert order.index("c7LateReplyZz7") == order.index(DROPPED_ID) + 1 and reply.reply_to == dropped.id
    assert "answers" not in said.split("c7LateReplyZz7")[1].split("\n")[0]  # not reported as outside this copy
    assert build_site(project / "mkdocs.yml", project / "site").ok


def test_a_page_with_windows_line_endings_keeps_them(project):
    page = project / PAGE
    page.write_bytes(page.read_bytes().replace(b"\n", b"\r\n"))
    refresh(project, grown())
    data = page.read_bytes()
    assert b"A new reply about the hard case.\r\n" in data and b"\n" not in data.replace(b"\r\n", b"")
