"""A forum's own data read as a thread (annotation_engine/read/forums): each format's shape, the
reply tree in thread order, deleted and retracted comments, quotes, and HTML that must not run.

The fixtures in tests/fixtures/forums/ are written in each format's real shape (its fields as its
API returns them) with made-up people and words."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from annotation_engine.read import forums
from annotation_engine.read.forums.body import Quoted, clean, paragraphs, split_quotes
from annotation_engine.read.forums.thread import DELETED, RETRACTED, Post, in_thread_order

pytestmark = pytest.mark.unit

FIXTURES = Path(__file__).parent / "fixtures" / "forums"


def thread(name: str) -> forums.Thread:
    return forums.read_thread(json.loads((FIXTURES / f"{name}.json").read_text(encoding="utf-8")))


def test_forummagnum_answer_is_read_with_its_post_authors_dates_and_tree():
    read = thread("forummagnum")
    assert (read.format, read.site) == ("forummagnum", "LessWrong")
    assert read.title == "How would we notice a model hiding what it knows?"
    assert read.opening is not None and read.opening.author == "Ada Example"
    assert [(c.id[:2], c.parent[:2], c.author) for c in read.comments] == [
        ("c1", "", "Brook Sample"),
        ("c2", "c1", "Cal Placeholder"),
        ("c3", "c1", ""),
        ("c4", "c3", "Dee Instance"),
    ]
    first = read.comments[0]
    assert first.posted == "2025-03-02T11:40:12.000Z" and first.edited == "2025-03-03T08:00:00.000Z"
    assert first.url.endswith("?commentId=c1AaBbCcDdEeFfGg1")
    assert [c.state for c in read.comments] == ["", "", DELETED, RETRACTED]
    assert read.comments[2].html == ""  # a deleted comment's words are not the forum's to show


@pytest.mark.parametrize(
    "shape",
    [
        lambda comments, post: {"data": {"comments": {"results": comments}}},
        lambda comments, post: comments,
        lambda comments, post: {"post": post, "comments": comments},
    ],
)
def test_forummagnum_comments_are_found_wherever_the_answer_holds_them(shape):
    data = json.loads((FIXTURES / "forummagnum.json").read_text(encoding="utf-8"))["data"]
    read = forums.read_thread(shape(data["comments"]["results"], data["post"]["result"]))
    assert len(read.comments) == 4 and read.format == "forummagnum"


def test_discourse_topic_opens_with_its_first_post_and_quotes_name_the_post_they_quote():
    read = thread("discourse")
    assert read.format == "discourse" and read.title == "Does debate help when the judge is weaker?"
    assert read.opening is not None and read.opening.author == "Erin Query"
    assert [(c.id, c.parent, c.author) for c in read.comments] == [
        ("70002", "", "finn"),  # a reply to the topic's first post answers no comment
        ("70003", "70002", "Gus Trial"),
        ("70004", "70002", "Hana Draft"),
    ]
    assert read.comments[0].edited == "2025-06-10T10:00:00.000Z"  # version 2
    assert read.comments[1].state == DELETED and read.comments[1].html == ""  # the forum's "(post deleted…)"
    parts = forums.thread_parts(read)[read.comments[0].id]
    assert isinstance(parts[0], Quoted) and parts[0].post == "70001"
    assert paragraphs(parts[0].html) == ["does the honest side win more often?"]  # not "Erin Query:"
    assert paragraphs(parts[1]) == [
        "In the small experiments I have seen, yes, but only when the judge can check a quoted passage."
    ]


def test_hacker_news_item_keeps_deleted_comments_in_place_and_orders_replies_by_date():
    read = thread("hackernews")
    assert read.format == "hackernews" and read.site == "Hacker News"
    assert read.title.startswith("Ask HN") and read.opening is not None and read.opening.author == "ivy_k"
    assert read.link == ""  # an Ask HN has words, no link
    assert [(c.id, c.parent, c.author, c.state) for c in read.comments] == [
        ("80000011", "", "lee", ""),  # posted before jun's, though listed after it
        ("80000010", "", "jun", ""),
        ("80000020", "80000010", "", DELETED),
        ("80000030", "80000020", "kit", ""),
    ]
    assert read.comments[1].url == "https://news.ycombinator.com/item?id=80000010"
    assert paragraphs(read.comments[1].html) == [
        "> Benchmarks?",
        "Not on their own. A model can learn what a benchmark rewards.",
        "See https://example.org/goodhart",
    ]


def test_a_post_that_answers_what_the_data_lacks_or_a_loop_of_replies_still_appears_once():
    posts = [
        Post("a", "b", "x", "2025-01-02", ""),
        Post("b", "a", "y", "2025-01-01", ""),  # a and b answer each other
        Post("c", "gone", "z", "2025-01-03", ""),
        Post("d", "c", "w", "2025-01-04", ""),
    ]
    assert [post.id for post in in_thread_order(posts)] == ["c", "d", "b", "a"]


def test_hostile_html_is_made_safe_and_what_it_hid_is_not_read():
    html = (
        '<p>Kept <a href="javascript:alert(1)" onclick="x()">link</a><script>window.pwned = 1</script>'
        '<img src="https://example.org/a.png" onerror="x()" alt="a chart"><iframe src="https://evil"></iframe>'
        '<style>p { display: none }</style> words, <a href="/t/elsewhere/9">a forum link</a>'
        '<img src="/user_avatar/x.png" alt="">.</p>'
    )
    safe = clean(html)
    for hostile in ("script", "onclick", "onerror", "javascript:", "iframe", "style", "pwned"):
        assert hostile not in safe
    assert paragraphs(safe) == ["Kept linka chart words, a forum link."]
    assert "/t/elsewhere" not in safe and "/user_avatar" not in safe  # relative to the forum: nowhere here


def test_a_quote_of_another_post_is_taken_out_with_its_words_only():
    html = clean(
        '<p>Before.</p><aside class="quote" data-post="7"><div class="title">Someone:</div>'
        "<blockquote><p>Their words.</p><p>More.</p></blockquote></aside><p>After.</p>"
    )
    parts = split_quotes(html, lambda tag, attrs: "post-7" if tag == "aside" else None)
    assert [paragraphs(part.html if isinstance(part, Quoted) else part) for part in parts] == [
        ["Before."],
        ["Their words.", "More."],
        ["After."],
    ]
    assert isinstance(parts[1], Quoted) and parts[1].post == "post-7"


@pytest.mark.parametrize(
    ("data", "name", "message"),
    [
        ({"kettles": []}, "", "this JSON is in no format the importer reads."),
        ({"data": {"comments": {"results": []}}}, "", "this JSON is in no format the importer reads."),
        ({"kettles": []}, "discourse", "this JSON is not in the format discourse."),
        ({"kettles": []}, "reddit", "no format is named 'reddit'."),
        (
            [{"_id": "a", "postedAt": "2025-01-01T00:00:00Z"}, {"_id": "a", "postedAt": "2025-01-02T00:00:00Z"}],
            "",
            "the id a is given to two comments.",
        ),
    ],
)
def test_data_no_format_can_use_is_refused_saying_why(data, name, message):
    with pytest.raises(forums.UnreadableError) as refused:
        forums.read_thread(data, name)
    assert refused.value.message == message and refused.value.fix


def test_each_comment_is_proven_by_its_own_paragraphs():
    read = thread("forummagnum")
    found = forums.paragraphs_by_post(read)
    assert found["c3OoPpQqRrSsTtUu3"] == []  # deleted
    assert found["c2HhIiJjKkLlMmNn2"][0] == "The hard case is when both reporters agree on every example we can check."
    assert found["c4VvWwXxYyZzAaBb4"] == ["I no longer think this reply holds up.Hover text."]


def test_a_discourse_quote_of_another_topic_stays_as_written():
    data = json.loads((FIXTURES / "discourse.json").read_text(encoding="utf-8"))
    reply = data["post_stream"]["posts"][1]
    reply["cooked"] = reply["cooked"].replace('data-topic="5151"', 'data-topic="9999"')
    read = forums.read_thread(data)
    parts = forums.thread_parts(read)[read.comments[0].id]
    assert not any(isinstance(part, Quoted) for part in parts)
    assert paragraphs(parts[0])[:2] == ["Erin Query:", "does the honest side win more often?"]  # no avatar


def test_a_discourse_topic_that_holds_only_its_first_posts_is_refused():
    data = json.loads((FIXTURES / "discourse.json").read_text(encoding="utf-8"))
    data["post_stream"]["stream"] += [70005, 70006]
    with pytest.raises(forums.UnreadableError) as refused:
        forums.read_thread(data)
    assert refused.value.message.startswith("the topic's JSON holds 4 of its 6 posts")


def test_a_comment_stamped_edited_as_it_was_posted_is_not_edited():
    data = json.loads((FIXTURES / "forummagnum.json").read_text(encoding="utf-8"))
    comment = data["data"]["comments"]["results"][1]
    comment["postedAt"], comment["lastEditedAt"] = "2025-03-02T12:05:00.000Z", "2025-03-02T12:05:00.004Z"
    assert forums.read_thread(data).comments[1].edited == ""


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('{"data": {"comments": ', "this JSON is broken at line 1, column 23"),
        ("[" * 100_000 + "]" * 100_000, "this JSON nests deeper than Python's reader goes"),
    ],
)
def test_broken_json_is_refused_not_read_as_a_scrape(text, message):
    with pytest.raises(forums.UnreadableError) as refused:
        forums.parse(text)
    assert refused.value.message.startswith(message)


def test_json_after_a_byte_order_mark_is_json():
    assert forums.parse('\ufeff{"data": {}}') == {"data": {}}


@pytest.mark.parametrize(
    "href",
    ["https://x.org/a)<script>alert(1)</script>", "https://x.org/a&#10;&#10;<script>alert(1)</script>"],
)
def test_an_address_cannot_break_out_of_its_link(href):
    safe = clean(f'<p><a href="{href}">t</a></p>')
    assert "<script" not in safe and "(" not in safe.split('href="')[1].split('"')[0]


def test_an_equation_keeps_its_words_as_its_tex():
    data = json.loads((FIXTURES / "forummagnum.json").read_text(encoding="utf-8"))
    data["data"]["comments"]["results"][0]["contents"]["html"] = (
        '<p>Let <mjx-container class="MathJax" aria-label="L(\\theta) &lt; 1" role="math">'
        '<mjx-math><mjx-mi class="mjx-i"></mjx-mi></mjx-math></mjx-container> be the loss.</p>'
    )
    read = forums.read_thread(data)
    assert forums.paragraphs_by_post(read)[read.comments[0].id] == ["Let L(\\theta) < 1 be the loss."]


def test_a_hacker_news_link_story_keeps_the_address_it_is_about():
    data = json.loads((FIXTURES / "hackernews.json").read_text(encoding="utf-8"))
    data["url"], data["text"] = "https://example.org/a-paper", None
    assert forums.read_thread(data).link == "https://example.org/a-paper"


def test_a_link_preview_the_forum_made_is_the_link_its_author_wrote():
    html = (
        "<p>Have a look:</p>"
        '<aside class="onebox allowlistedgeneric" data-onebox-src="https://example.org/paper">'
        '<header class="source"><a href="https://example.org/paper">example.org</a></header>'
        '<article class="onebox-body"><h3><a href="https://example.org/paper">A Paper</a></h3>'
        "<p>What the linked page says of itself.</p></article></aside>"
    )
    assert paragraphs(clean(html)) == ["Have a look:", "https://example.org/paper"]


def test_discourse_small_actions_and_whispers_are_left_out_and_named():
    data = json.loads((FIXTURES / "discourse.json").read_text(encoding="utf-8"))
    posts = data["post_stream"]["posts"]
    closed = {**posts[1], "id": 70005, "post_number": 5, "post_type": 3, "cooked": "", "action_code": "closed.enabled"}
    whisper = {**posts[1], "id": 70006, "post_number": 6, "post_type": 4, "cooked": "<p>Staff only: check this.</p>"}
    answer = {**posts[1], "id": 70007, "post_number": 7, "reply_to_post_number": 6, "cooked": "<p>Done.</p>"}
    posts += [closed, whisper, answer]
    data["post_stream"]["stream"] += [70005, 70006, 70007]
    read = forums.read_thread(data)
    assert [c.id for c in read.comments] == ["70002", "70003", "70004", "70007"]
    assert read.comments[-1].parent == "#6"  # it answers a post the thread does not hold: the importer says so
    assert read.left_out == (
        ("70005", "a small action (an event of the forum, such as closing the topic), not a post"),
        ("70006", "a whisper, seen only by the forum's staff: not to be published"),
    )
    assert "Staff only" not in json.dumps([c.html for c in read.posts])


def test_a_discourse_post_hidden_after_flags_keeps_its_place_without_its_words():
    data = json.loads((FIXTURES / "discourse.json").read_text(encoding="utf-8"))
    data["post_stream"]["posts"][3]["hidden"] = True  # its words may still be in data a moderator saved
    read = forums.read_thread(data)
    hidden = next(c for c in read.comments if c.id == "70004")
    assert hidden.state == "hidden" and hidden.html == "" and hidden.parent == "70002"
    assert forums.paragraphs_by_post(read)["70004"] == []


def test_a_discourse_topic_longer_than_one_answer_can_hold_is_refused_saying_so():
    data = json.loads((FIXTURES / "discourse.json").read_text(encoding="utf-8"))
    data["post_stream"]["stream"] += list(range(80000, 81000))
    with pytest.raises(forums.UnreadableError) as refused:
        forums.read_thread(data)
    assert refused.value.message == "the topic's JSON holds 4 of its 1004 posts (Discourse sends 20 at a time)."
    assert refused.value.fix.startswith("none yet: Discourse sends at most 1,000 posts of a topic in one answer")


def test_a_comment_without_a_date_comes_after_its_dated_siblings():
    data = json.loads((FIXTURES / "hackernews.json").read_text(encoding="utf-8"))
    lee = next(child for child in data["children"] if child["id"] == 80000011)
    lee["created_at"] = None  # a deleted item, as some answers give it
    read = forums.read_thread(data)
    assert [c.id for c in read.comments if c.parent == ""] == ["80000010", "80000011"]
