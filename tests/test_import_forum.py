"""`make import` of a forum's own data: each format becomes a draft that builds with --strict and
shows the forum's thread (every comment once, its author, date, address and place in the reply
tree, quotes linked, deleted comments in place, nothing hostile run), and a changed word in one
comment fails the build naming the page, the line, the comment and its id in the source."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from bs4 import Tag

import import_forum
from annotation_engine.read import forums
from conftest import build_site, project_copy, soup
from test_import import run_import

pytestmark = pytest.mark.build

FIXTURES = Path(__file__).parent / "fixtures" / "forums"


@pytest.fixture(scope="module")
def imported(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """A project copy with each fixture imported (as `lw`, `discourse`, `hn`) and built: its folder, the log."""
    root = tmp_path_factory.mktemp("forums")
    config = project_copy(root / "project", second_discussion=False)
    for name, fixture in (("lw", "forummagnum"), ("discourse", "discourse"), ("hn", "hackernews")):
        done = run_import(root / "project", str(FIXTURES / f"{fixture}.json"), name)
        assert done.returncode == 0, done.stderr
    built = build_site(config, root / "site")
    assert built.ok, built.log
    return root, built.log


def articles(root: Path, name: str) -> list:
    html = (root / "site" / "discussions" / name / "index.html").read_text(encoding="utf-8")
    return soup(html).select("article.comment")


def meta(article) -> str:
    return " ".join(article.select_one(".comment-meta").get_text(" ", strip=True).split())


def test_the_data_is_saved_unchanged_beside_the_draft(imported):
    root, _ = imported
    for name, fixture in (("lw", "forummagnum"), ("discourse", "discourse"), ("hn", "hackernews")):
        saved = root / "project" / "sources" / f"{name}.json"
        assert saved.read_bytes() == (FIXTURES / f"{fixture}.json").read_bytes()


def test_every_comment_shows_its_author_date_address_and_place(imported):
    root, _ = imported
    found = articles(root, "lw")
    assert [a.select_one(".comment__title").get_text().removesuffix("¶") for a in found] == [
        "Comment 1 · Ada Example",
        "Comment 2 · Brook Sample",
        "Comment 3 · Cal Placeholder",
        "Comment 4 · unnamed",
        "Comment 5 · Dee Instance",
    ]
    assert meta(found[1]).startswith("posted 2 March 2025 · edited 3 March 2025")
    time = found[1].select_one("a.comment__source time")
    assert time["datetime"] == "2025-03-02T11:40:12.000Z"
    assert found[1].select_one("a.comment__source")["href"].endswith("?commentId=c1AaBbCcDdEeFfGg1")
    assert meta(found[2]).startswith("posted 2 March 2025 · in reply to comment 2")
    assert [a["data-depth"] for a in found] == ["0", "0", "1", "1", "2"]


def test_deleted_and_retracted_comments_keep_their_place_and_say_so(imported):
    root, _ = imported
    found = articles(root, "lw")
    assert "comment--deleted" in found[3]["class"]
    assert found[3].select_one(".comment-status").get_text().startswith("Deleted on the forum")
    assert "comment--retracted" in found[4]["class"] and "in reply to comment 4" in meta(found[4])
    hn = articles(root, "hn")
    assert hn[3].select_one(".comment-status") is not None and "in reply to comment 4" in meta(hn[4])


def test_a_discourse_quote_is_a_quote_of_the_post_it_names(imported):
    root, _ = imported
    found = articles(root, "discourse")
    quote = found[1].select_one("blockquote.comment-quote")
    assert quote["data-quotes"] == "comment-1"
    assert quote.select_one(".quote-source a")["href"] == "#comment-1"
    assert "Erin Query:" not in found[1].get_text()  # the forum's label of the quote, not words


def test_nothing_hostile_runs_and_images_are_links(imported):
    root, _ = imported
    page = (root / "site" / "discussions" / "lw" / "index.html").read_text(encoding="utf-8")
    article = soup(page).select_one("article.md-content__inner")
    assert "pwned" not in str(article) and not article.select("[onmouseover]")
    assert not article.select("img")
    assert article.find("a", href="https://example.org/plot.png").get_text() == "a plot of agreement"


def test_a_changed_word_fails_naming_the_page_line_comment_and_source_id(tmp_path, imported):
    root, _ = imported
    config = project_copy(tmp_path / "project", second_discussion=False)
    for name in ("lw.json",):
        (tmp_path / "project" / "sources" / name).write_bytes((root / "project" / "sources" / name).read_bytes())
    page = (root / "project" / "docs" / "discussions" / "lw.md").read_text(encoding="utf-8")
    changed = page.replace("coming back to interpretability.", "coming back to probing.")
    (tmp_path / "project" / "docs" / "discussions" / "lw.md").write_text(changed, encoding="utf-8")
    built = build_site(config, tmp_path / "site")
    assert not built.ok
    line = next(n for n, text in enumerate(changed.splitlines(), 1) if "coming back to probing." in text)
    assert (
        f"docs/discussions/lw.md:{line}: comment comment-3 says “…coming back to probing.”, which is not in the "
        "source: its comment c2HhIiJjKkLlMmNn2 (sources/lw.json) has “…coming back to interpretability.”."
    ) in built.log


def test_a_reply_to_a_comment_the_data_lacks_is_reported_and_answers_none():
    data = json.loads((FIXTURES / "forummagnum.json").read_text(encoding="utf-8"))
    comments = data["data"]["comments"]["results"]
    comments[1]["parentCommentId"] = "notInThisCopy1234"
    thread = forums.read_thread(data)
    imported = import_forum.plan(thread)
    orphan = next(w for w in imported.written if w.source_id == "c2HhIiJjKkLlMmNn2")
    assert orphan.reply_to == "" and imported.orphans == [thread.comments[-1]]
    summary = import_forum.import_summary("thread.json", "t", thread, imported)
    assert (
        "  comment c2HhIiJjKkLlMmNn2 by Cal Placeholder answers notInThisCopy1234, which this data does not hold: "
        "shown as answering none (“The hard case is when both reporters agree…”)"
    ) in summary.splitlines()


def test_a_source_no_format_reads_fails_the_build_naming_it(tmp_path, imported):
    root, _ = imported
    config = project_copy(tmp_path / "project", second_discussion=False)
    page = (root / "project" / "docs" / "discussions" / "lw.md").read_text(encoding="utf-8")
    (tmp_path / "project" / "docs" / "discussions" / "lw.md").write_text(page, encoding="utf-8")
    (tmp_path / "project" / "sources" / "lw.json").write_text('{"kettles": []}', encoding="utf-8")
    built = build_site(config, tmp_path / "site")
    assert not built.ok
    assert (
        "docs/discussions/lw.md:4: the source sources/lw.json cannot be read as a forum's data: this JSON is in no "
        "format the importer reads. Fix: give the JSON a forum's API answers"
    ) in built.log


# -- From the thread's address: one request to the forum's API, answered here by 127.0.0.1 --------------


@pytest.fixture(scope="module")
def forum_api_server():
    """A server on 127.0.0.1 that answers as the forums' APIs do, with the fixtures; it keeps what was asked."""
    answers = {
        ("POST", "/graphql"): (FIXTURES / "forummagnum.json").read_bytes(),
        ("GET", "/t/5151.json"): (FIXTURES / "discourse.json").read_bytes(),
        ("GET", "/api/v1/items/80000001"): (FIXTURES / "hackernews.json").read_bytes(),
    }
    asked: list[tuple[str, str, bytes]] = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            self.answer("GET", b"")

        def do_POST(self) -> None:
            self.answer("POST", self.rfile.read(int(self.headers.get("Content-Length", "0"))))

        def answer(self, method: str, body: bytes) -> None:
            asked.append((method, self.path, body))
            found = answers.get((method, self.path.split("?")[0]))
            self.send_response(200 if found else 404)
            self.send_header("Content-Type", "application/json")
            self.end_headers()
            self.wfile.write(found or b'{"errors": ["not found"]}')

        def log_message(self, *arguments: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}", asked
    server.shutdown()


def import_address(project: Path, root: str, *arguments: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(project / "tools" / "import_discussion.py"), *arguments],
        cwd=project,
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONIOENCODING": "utf-8", "IMPORT_API_ROOT": root},
    )


LW_ADDRESS = "https://www.lesswrong.com/posts/pQ7rSt2uVw9xYz3Ab/how-would-we-notice-a-model-hiding-what-it-knows"


def test_an_address_is_asked_of_the_forums_api_once_and_the_answer_saved_unchanged(tmp_path, forum_api_server):
    root, asked = forum_api_server
    project = tmp_path / "project"
    config = project_copy(project, second_discussion=False)
    addresses = {
        "lw": LW_ADDRESS,
        "hn": "https://news.ycombinator.com/item?id=80000001",
        "topic": "https://forum.example.org/t/does-debate-help-when-the-judge-is-weaker/5151",
    }
    for name, address in addresses.items():
        done = import_address(project, root, address, name)
        assert done.returncode == 0, done.stderr
    assert [(method, path.split("?")[0]) for method, path, _ in asked[-3:]] == [
        ("POST", "/graphql"),
        ("GET", "/api/v1/items/80000001"),
        ("GET", "/t/5151.json"),
    ]
    assert json.loads(asked[-3][2])["variables"] == {"postId": "pQ7rSt2uVw9xYz3Ab"}
    assert (project / "sources" / "lw.json").read_bytes() == (FIXTURES / "forummagnum.json").read_bytes()
    built = build_site(config, tmp_path / "site")
    assert built.ok, built.log
    topic = articles(tmp_path, "topic")
    source = topic[1].select_one("a.comment__source")
    assert source["href"] == "https://forum.example.org/t/does-debate-help-when-the-judge-is-weaker/5151/2"


@pytest.mark.parametrize(
    ("address", "api", "starts"),
    [
        (LW_ADDRESS, "/elsewhere", "the forum's API ({api}/graphql) answered 404 Not Found."),
        ("https://news.ycombinator.com/item?id=12345", "", "the forum's API ({api}/api/v1/items/12345) answered 404"),
        ("https://example.org/blog/a-post", "", "https://example.org/blog/a-post is no thread address the importer"),
    ],
)
def test_an_address_that_does_not_answer_is_one_line_and_nothing_written(
    tmp_path, forum_api_server, address, api, starts
):
    root, _ = forum_api_server
    project = tmp_path / "project"
    project_copy(project, second_discussion=False)
    done = import_address(project, root + api, address, "x")
    assert done.returncode == 1 and len(done.stderr.splitlines()) == 1, done.stderr
    assert starts.format(api=root + api) in done.stderr
    assert ". Fix: " in done.stderr and "Traceback" not in done.stderr
    assert not (project / "sources" / "x.json").exists()


def test_a_forum_that_cannot_be_reached_is_one_line(tmp_path):
    project = tmp_path / "project"
    project_copy(project, second_discussion=False)
    with socket.socket() as closed:
        closed.bind(("127.0.0.1", 0))
        port = closed.getsockname()[1]
    done = import_address(project, f"http://127.0.0.1:{port}", LW_ADDRESS, "x")
    assert done.returncode == 1 and len(done.stderr.splitlines()) == 1, done.stderr
    assert "could not be reached" in done.stderr and ". Fix: " in done.stderr


def built_from(tmp_path: Path, data: object, name: str) -> None:
    """`data` (a forum's answer) imported as `name` into a project copy, built with --strict into tmp_path/site."""
    (tmp_path / f"{name}.json").write_text(json.dumps(data), encoding="utf-8")
    config = project_copy(tmp_path / "project", second_discussion=False)
    done = run_import(tmp_path / "project", str(tmp_path / f"{name}.json"), name)
    assert done.returncode == 0, done.stderr
    built = build_site(config, tmp_path / "site")
    assert built.ok, built.log


def test_a_hostile_title_and_address_are_shown_as_text(tmp_path):
    data = json.loads((FIXTURES / "forummagnum.json").read_text(encoding="utf-8"))
    post = data["data"]["post"]["result"]
    post["title"] = "Using <thinking> tags <script>window.pwned = 1</script>"
    post["pageUrl"] += "<img src=x onerror=alert(7)>"
    built_from(tmp_path, data, "hostile")
    page = soup((tmp_path / "site" / "discussions" / "hostile" / "index.html").read_text(encoding="utf-8"))
    assert not page.select("script:-soup-contains('pwned')") and not page.select("[onerror]")
    assert page.select_one("article h1").get_text().startswith("Using <thinking> tags <script>")


def test_a_title_with_markup_fails_the_build(tmp_path):
    config = project_copy(tmp_path / "project", second_discussion=False)
    page = tmp_path / "project" / "docs" / "discussions" / "marked.md"
    page.write_text('---\ntitle: "A <b>bold</b> title"\n---\n\nWords.\n', encoding="utf-8")
    built = build_site(config, tmp_path / "site")
    assert not built.ok
    assert "docs/discussions/marked.md:2: the title holds HTML markup ('A <b>bold</b> title')" in built.log


def test_one_comment_of_the_source_quoted_twice_fails_the_build(tmp_path, imported):
    root, _ = imported
    config = project_copy(tmp_path / "project", second_discussion=False)
    (tmp_path / "project" / "sources" / "lw.json").write_bytes((root / "project" / "sources" / "lw.json").read_bytes())
    page = (root / "project" / "docs" / "discussions" / "lw.md").read_text(encoding="utf-8")
    last = page[page.rindex("/// comment | Dee Instance") :]
    (tmp_path / "project" / "docs" / "discussions" / "lw.md").write_text(
        page + "\n" + last.replace("id: comment-5", "id: comment-6"), encoding="utf-8"
    )
    built = build_site(config, tmp_path / "site")
    assert not built.ok
    assert (
        "comment comment-6 quotes the source's comment c4VvWwXxYyZzAaBb4 again (comment comment-5 does already)."
        in (built.log)
    )


def first_comment_built(tmp_path: Path, html: str) -> Tag:
    """The fixture's first comment with `html` as its body, imported and built: its article."""
    data = json.loads((FIXTURES / "forummagnum.json").read_text(encoding="utf-8"))
    data["data"]["comments"]["results"][0]["contents"]["html"] = html
    built_from(tmp_path, data, "one")
    return articles(tmp_path, "one")[1]


def test_an_equation_and_code_with_angle_brackets_build_and_show_their_words(tmp_path):
    comment = first_comment_built(
        tmp_path,
        '<p>Let <mjx-container class="MathJax" aria-label="L(\\theta) &lt; 1" role="math"><mjx-math>'
        "<mjx-mi></mjx-mi></mjx-math></mjx-container> be the loss, and <code>a &lt; b &amp;&amp; c</code> a test.</p>",
    )
    assert [code.get_text() for code in comment.select("code")] == ["L(\\theta) < 1", "a < b && c"]


def test_a_heading_in_a_post_is_a_bold_paragraph_of_its_comment(tmp_path):
    comment = first_comment_built(tmp_path, "<h2>A heading of the post</h2><p>Its words.</p>")
    assert comment.select_one(":scope > p > strong").get_text() == "A heading of the post"
    assert not comment.select(":scope > h2:not(.comment__title), :scope > h3")


def test_nested_lists_and_a_list_items_second_paragraph_keep_their_structure(tmp_path):
    comment = first_comment_built(
        tmp_path,
        "<ul><li>one<ul><li>inner</li><li>inner two<ol><li>deep</li></ol></li></ul></li>"
        "<li>two<p>second paragraph</p></li></ul>",
    )
    assert [li.get_text(" ", strip=True) for li in comment.select(":scope > ul > li > ul > li")] == [
        "inner",
        "inner two deep",
    ]
    assert comment.select_one(":scope > ul > li > ul > li > ol > li").get_text() == "deep"
    assert [p.get_text() for p in comment.select(":scope > ul > li:nth-of-type(2) > p")] == ["two", "second paragraph"]


def test_a_hidden_post_shows_why_and_left_out_posts_are_named(tmp_path):
    data = json.loads((FIXTURES / "discourse.json").read_text(encoding="utf-8"))
    posts = data["post_stream"]["posts"]
    posts[3]["hidden"] = True
    posts.append({**posts[1], "id": 70006, "post_number": 6, "post_type": 4, "cooked": "<p>Staff only.</p>"})
    posts.append({**posts[1], "id": 70007, "post_number": 7, "reply_to_post_number": 6, "cooked": "<p>Done.</p>"})
    data["post_stream"]["stream"] += [70006, 70007]
    (tmp_path / "topic.json").write_text(json.dumps(data), encoding="utf-8")
    config = project_copy(tmp_path / "project", second_discussion=False)
    done = run_import(tmp_path / "project", str(tmp_path / "topic.json"), "topic")
    assert done.returncode == 0, done.stderr
    assert "  left out: post 70006, a whisper, seen only by the forum's staff: not to be published" in done.stdout
    assert "deleted: 1, hidden after flags: 1 (kept in place, with no words)" in done.stdout
    assert "  comment 70007 by finn answers #6, which this data does not hold: shown as answering none" in done.stdout
    built = build_site(config, tmp_path / "site")
    assert built.ok, built.log
    hidden = articles(tmp_path, "topic")[-2]
    assert "comment--hidden" in hidden["class"]
    assert hidden.select_one(".comment-status").get_text() == (
        "Hidden on the forum after its readers flagged it: its words are not shown here. It keeps its place for its "
        "replies."
    )
    assert "Staff only" not in (tmp_path / "site" / "discussions" / "topic" / "index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("html", "shown", "structure"),
    [
        (
            "<table><tr><td>debate</td><td>0.5 | 0.6</td></tr><tr><td>baseline</td><td>0.4</td></tr></table>"
            "<p>After the table.</p>",
            ["debate", "0.5 | 0.6", "baseline", "0.4", "After the table."],
            "table td",
        ),
        (
            "<table><tr><td><p>First line.</p><p>Second line.</p></td><td>x</td></tr></table>",
            ["First line. Second line.", "x"],
            "table td",
        ),
        (
            "<p>E = mc<sup>2</sup> and H<sub>2</sub>O.</p>",
            ["E = mc2 and H2O."],
            "sup, sub",
        ),
        (
            '<p><a href="https://example.org/big.png"><img src="https://example.org/small.png" alt="a chart"></a>'
            " above.</p>",
            ["a chart above."],
            "a[href='https://example.org/big.png']",
        ),
        (
            "<pre><code>first line\n```\nnot the end\n</code></pre><p>After the code.</p>",
            ["first line\n```\nnot the end", "After the code."],
            "pre code",
        ),
        (
            "<dl><dt>Reporter</dt><dd>The head that answers.</dd></dl><details><summary>More</summary>"
            "<p>Folded words.</p></details>",
            ["Reporter", "The head that answers.", "More", "Folded words."],
            "strong",
        ),
    ],
    ids=[
        "table",
        "cell-of-two-paragraphs",
        "sup-sub",
        "image-in-link",
        "code-with-a-fence-line",
        "definitions-and-details",
    ],
)
def test_structures_keep_their_words_apart_and_their_shape(tmp_path, html, shown, structure):
    comment = first_comment_built(tmp_path, html)
    blocks = comment.select("p:not(.comment-meta), td, pre")
    words = [block.get_text() if block.name == "pre" else " ".join(block.get_text().split()) for block in blocks]
    assert [w.strip("\n") for w in words if w] == shown
    assert comment.select(structure)
    assert not comment.select("a a")
