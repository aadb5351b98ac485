"""Term links leave a discussion's HTML before search reads it and come back when it is written."""

import re

import markdown
import pytest

from annotation_engine import Engine, Problem
from annotation_engine.model import Note
from annotation_engine.page.anchor import Anchoring
from annotation_engine.page.link import Linking, PageContext
from annotation_engine.page.match import Matcher
from annotation_engine.page.page_pass import AnnotationExtension
from annotation_engine.site.lift import lift, restore
from factories import PAGE, note, term, term_yaml, write_annotations

pytestmark = pytest.mark.unit

TERMS = [term("elk", "ELK"), term("q-and-a", "Q&A"), term("rlct", "RLCT")]
TEXT = """\
## Comment 1

ELK and Q&A, then ELK again; calculating RLCTs is hard.
<a class="term" data-term="elk" href="#x" id="written-by-hand">ELK</a> by hand.

## Comment 2

ELK once more, and `ELK` in code.
"""


def href(term_id: str) -> str:
    return f"site:glossary/{term_id}.md"


def convert(text: str, *notes: Note) -> tuple[str, Linking]:
    linking = Linking(Matcher(TERMS), href)
    linking.page = PageContext(PAGE)
    anchoring = Anchoring({PAGE: list(notes)}, {n.id: "<span>Body.</span>" for n in notes}, print, PAGE)
    md = markdown.Markdown(extensions=[AnnotationExtension(linking=linking, anchoring=anchoring)])
    return md.convert(text), linking


def words(html: str) -> str:
    return re.sub(r"<[^>]+>", "", html)


def test_lifting_keeps_the_words_and_takes_out_only_the_linker_s_tags():
    html, linking = convert(TEXT)
    lifted = lift(html, linking.occurrences, href)
    assert words(lifted.html) == words(html)
    assert lifted.html.count('class="term"') == 1  # the one written by hand stays
    assert len(lifted.places) == 4 * len(linking.occurrences)


def test_restoring_gives_back_the_html_the_linker_wrote():
    html, linking = convert(TEXT)
    assert restore(lift(html, linking.occurrences, href), href) == html


def test_a_note_s_highlight_inside_a_term_stays_and_the_rest_come_back():
    quote = note("n", "LCTs is hard")
    html, linking = convert(TEXT, quote)
    assert '<mark class="note-anchor"' in html
    assert restore(lift(html, linking.occurrences, href), href) == html


def test_a_tag_written_by_hand_with_one_of_the_linker_s_ids_stays_as_written():
    html, linking = convert('See <a class="term" data-term="elk" href="#x" id="mention-elk-1">the moose</a> and ELK.')
    assert 'id="mention-elk-1">the moose</a>' in html  # the linker cannot see ids in raw HTML
    assert restore(lift(html, linking.occurrences, href), href) == html


def test_a_page_without_terms_is_left_as_it_is():
    html, linking = convert("No jargon here.")
    lifted = lift(html, linking.occurrences, href)
    assert lifted.html is html and not lifted.places


def test_a_page_changed_after_annotation_is_reported_not_left_without_links(tmp_path):
    problems: list[Problem] = []
    engine = Engine(write_annotations(tmp_path, {"terms/elk.yml": term_yaml("ELK")}), problems.append)
    page = PAGE
    assert engine.generated_pages({page: lambda: "# Talk\n\nELK is a problem.\n"})  # the glossary's pages
    md = engine.markdown.converter(*engine.markdown_extensions())
    engine.begin_page(page)
    content = engine.end_page(page, md.convert("ELK is a problem.\n"))
    assert 'class="term"' not in content
    written = engine.finish_page(
        page, f"<main>{content}</main>", content, lambda src: "../" + src, store_url="s.html"
    ).html
    assert '<a class="term" data-term="elk"' in written and not problems
    engine.begin_page(page)
    changed = engine.end_page(page, md.reset().convert("ELK is a problem.\n")) + "<p>Added by a plugin.</p>"
    engine.finish_page(page, f"<main>{changed}</main>", changed, lambda src: "../" + src, store_url="s.html")
    assert [problem.path for problem in problems] == [f"docs/{page}"]
    assert "changed after the annotations hook" in problems[0].message


def test_a_tag_whose_attributes_another_tool_reordered_stays_in_the_html_as_it_is():
    html, linking = convert("ELK is a problem.")
    reordered = html.replace('class="term" data-term="elk"', 'data-term="elk" class="term"')
    lifted = lift(reordered, linking.occurrences, href)
    assert lifted.html == reordered and not lifted.places  # kept, links and all: nothing is lost
