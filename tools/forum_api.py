"""The project's only network access: at import time, one request to a forum's public API for a
thread, given the thread's address. Never at build time: the answer is saved unchanged under
sources/, and everything after reads the file.

- LessWrong, the Alignment Forum, the EA Forum (`/posts/<id>/<slug>`): their GraphQL endpoint,
  asked for the post and all its comments in one query (ForumMagnum's `post` and `comments` with
  the `postCommentsOld` view; field names from its `CommentsList` fragment).
- Hacker News (`news.ycombinator.com/item?id=<id>`): the Algolia API's item, the whole tree.
- A Discourse forum (any other host, `/t/<slug>/<id>`): the topic's JSON with all its posts
  (`?print=true`, up to 1,000).

`IMPORT_API_ROOT`, if set, is asked in place of every API's `scheme://host`: the tests serve
recorded answers from 127.0.0.1 that way, and nothing in them reaches the internet.
"""

from __future__ import annotations

import json
import os
import urllib.error
import urllib.request
from dataclasses import dataclass
from urllib.parse import parse_qs, urlsplit

from annotation_engine.model import RefusedInputError

FORUM_MAGNUM = {"www.lesswrong.com", "lesswrong.com", "www.alignmentforum.org", "alignmentforum.org"}
FORUM_MAGNUM |= {"forum.effectivealtruism.org"}
HACKER_NEWS = {"news.ycombinator.com"}
TIMEOUT = 60  # seconds: a thread of thousands of comments is one large answer

QUERY = """query Thread($postId: String) {
  post(selector: {_id: $postId}) {
    result { _id title slug pageUrl postedAt user { displayName } contents { html } }
  }
  comments(selector: {postCommentsOld: {postId: $postId}}, limit: 10000) {
    results {
      _id postId parentCommentId postedAt lastEditedAt deleted retracted pageUrl
      user { displayName } contents { html }
    }
  }
}"""


class FetchError(RefusedInputError):
    """What went wrong asking the forum."""


@dataclass(frozen=True)
class Request:
    url: str
    body: bytes | None = None  # a POST's JSON, or None for a GET
    format: str = ""  # the format the answer is in


def is_address(source: str) -> bool:
    return source.startswith(("https://", "http://"))


def request_for(address: str) -> Request:
    """The API request that answers with the thread at `address`."""
    parts = urlsplit(address)
    host, path = parts.netloc.lower(), [step for step in parts.path.split("/") if step]
    if host in FORUM_MAGNUM and len(path) >= 2 and path[0] == "posts":
        body = json.dumps({"query": QUERY, "variables": {"postId": path[1]}}).encode()
        return Request(_api(f"https://{host}/graphql"), body, "forummagnum")
    if host in HACKER_NEWS and path == ["item"] and parse_qs(parts.query).get("id", [""])[0].isdigit():
        item = parse_qs(parts.query)["id"][0]
        return Request(_api(f"https://hn.algolia.com/api/v1/items/{item}"), None, "hackernews")
    numbers = [step for step in path[1:3] if step.isdigit()]
    if host and path[:1] == ["t"] and numbers:
        return Request(_api(f"{parts.scheme}://{host}/t/{numbers[0]}.json?print=true"), None, "discourse")
    raise FetchError(
        f"{address} is no thread address the importer knows.",
        "give a LessWrong, Alignment Forum or EA Forum post (…/posts/<id>/<slug>), a Hacker News item "
        "(…/item?id=<id>) or a Discourse topic (…/t/<slug>/<id>), or the JSON saved from its API",
    )


def _api(url: str) -> str:
    root = os.environ.get("IMPORT_API_ROOT", "")
    if not root:
        return url
    parts = urlsplit(url)
    return root.rstrip("/") + parts.path + (f"?{parts.query}" if parts.query else "")


def fetch(request: Request, address: str) -> bytes:
    """The API's answer, as it came."""
    headers = {"Accept": "application/json", "User-Agent": "annotated-discussions make import"}
    if request.body is not None:
        headers["Content-Type"] = "application/json"
    asked = urllib.request.Request(request.url, data=request.body, headers=headers)
    try:
        with urllib.request.urlopen(asked, timeout=TIMEOUT) as answer:
            data: bytes = answer.read()
            return data
    except urllib.error.HTTPError as error:
        raise FetchError(
            f"{address}: the forum's API ({request.url}) answered {error.code} {error.reason}.",
            "check the address in a browser; if the thread is there, save its JSON by hand and import the file",
        ) from None
    except (urllib.error.URLError, TimeoutError, OSError) as error:
        reason = getattr(error, "reason", error)
        raise FetchError(
            f"{address}: the forum's API ({request.url}) could not be reached ({reason}).",
            "check the connection and try again, or import a saved JSON file",
        ) from None
