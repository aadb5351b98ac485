"""Notes in whole-site builds: every note file is on its page, or the build fails saying why."""

from pathlib import Path

import markdown
import pytest
import yaml
from bs4 import BeautifulSoup

from annotation_engine.engine import NOTE_OPENING
from conftest import POSTMORTEM, ROOT, build_site, project_copy, soup, write_site
from factories import TERM_DEBATE, TERM_ELK

pytestmark = pytest.mark.build  # whole-site builds

NOTES = sorted((ROOT / "annotations" / "notes").glob("*.yml"))


def test_the_thread_has_at_least_eight_notes():
    assert len(NOTES) >= 8


@pytest.mark.parametrize("path", NOTES, ids=lambda p: p.stem)
def test_every_note_file_is_a_sidenote_on_the_thread(real_site, path: Path):
    page = soup(real_site.html(POSTMORTEM))
    note = page.select_one(f"#note-{path.stem}")
    assert note is not None and "sidenote" in note["class"]
    assert page.select(f'mark.note-anchor[data-note="{path.stem}"]')
    assert page.select_one(f"#note-ref-{path.stem} a")["href"] == f"#note-{path.stem}"


def _words(text: str) -> str:
    return "".join(text.split())  # a note's paragraphs are blocks on the page, with no space between


@pytest.mark.parametrize("path", NOTES, ids=lambda p: p.stem)
def test_the_page_holds_each_notes_opening_and_its_popovers_file_the_rest(real_site, path: Path):
    """A wide screen shows a note's first lines at once: the page holds its opening sentences, the
    popovers file the rest, and once the file has come the note reads as written."""
    rendered = BeautifulSoup(markdown.markdown(yaml.safe_load(path.read_text(encoding="utf-8"))["body"]), "html.parser")
    first = " ".join(rendered.p.get_text().split())
    page = soup((real_site.site / POSTMORTEM / "index.html").read_text(encoding="utf-8"))
    shown = page.select_one(f"#note-{path.stem} .sidenote__body")
    for twin in shown.select("[data-part]"):  # "…" where more is to come; nothing, for a sources line
        assert twin.get_text() in (" …", "")
        twin.decompose()
    opening = " ".join(shown.get_text().split())
    assert first.startswith(opening) and opening[-1] in ".?!…”’)"
    assert opening == first or len(opening) >= NOTE_OPENING
    whole = soup(real_site.html(POSTMORTEM)).select_one(f"#note-{path.stem} .sidenote__body")
    for sources in whole.select(".sidenote__sources"):
        sources.decompose()
    assert _words(whole.get_text()) == _words(rendered.get_text())


DOCS = {"index.md": "# Home\n", "discussions/one.md": "# One\n\nWe need about 10x more time.\n"}
NOTE = "page: {page}\nquote: {quote}\nkind: context\ntitle: T\nbody: B\n"


@pytest.mark.parametrize(
    "page, quote, message",
    [
        (
            "discussions/one.md",
            "20x more time",
            "annotations/notes/n.yml:2: the quote matches nothing on discussions/one.md.",
        ),
        (
            "discussions/ones.md",
            "10x more time",
            "annotations/notes/n.yml:1: 'page' names discussions/ones.md, "
            "which is not a page of the site. Did you mean 'discussions/one.md'?",
        ),
    ],
)
def test_a_note_that_cannot_be_placed_fails_the_strict_build(tmp_path, page, quote, message):
    config = write_site(tmp_path, DOCS, {"elk.yml": TERM_ELK, "debate.yml": TERM_DEBATE})
    (tmp_path / "annotations" / "notes").mkdir()
    (tmp_path / "annotations" / "notes" / "n.yml").write_text(NOTE.format(page=page, quote=quote))
    built = build_site(config, tmp_path / "site")
    assert not built.ok
    assert message in built.log


TYPED = """\
page: discussions/alignment-postmortem-comments.md
quote: "{quote}"
kind: context
title: As typed
body: A note whose quote was typed, not copied.
"""


def test_a_quote_typed_with_straight_quotes_and_hyphens_anchors_on_the_thread(tmp_path):
    config = project_copy(tmp_path / "project", second_discussion=False)
    typed = "If you're thinking mainly about interp, then I basically agree"  # the page has ’
    (tmp_path / "project" / "annotations" / "notes" / "typed.yml").write_text(TYPED.format(quote=typed))
    built = build_site(config, tmp_path / "site")
    assert built.ok, built.log
    marks = soup(built.html(POSTMORTEM)).select('mark[data-note="typed"]')  # one per piece: "interp" is a link
    assert "".join(m.get_text() for m in marks) == "If you’re thinking mainly about interp, then I basically agree"


def test_a_near_miss_names_the_passage_it_nearly_matches_and_its_line(tmp_path):
    config = project_copy(tmp_path / "project", second_discussion=False)
    near = "If you are thinking mainly about interp"
    (tmp_path / "project" / "annotations" / "notes" / "typed.yml").write_text(TYPED.format(quote=near))
    built = build_site(config, tmp_path / "site")
    assert not built.ok
    source = (tmp_path / "project" / "docs" / f"{POSTMORTEM}.md").read_text(encoding="utf-8").splitlines()
    line = next(n for n, text in enumerate(source, 1) if text.startswith("If you’re thinking mainly about interp"))
    assert (
        "annotations/notes/typed.yml:2: the quote matches nothing on discussions/alignment-postmortem-comments.md. "
        f"Did you mean: “If you’re thinking mainly about interp,” (line {line})?"
    ) in built.log
