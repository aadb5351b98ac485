import markdown
import pytest

from annotation_engine.collect import html_text
from annotation_engine.glossary import Glossary, discussions_html, fill, marker, md_text, more_html
from annotation_engine.model import PageInfo, Source, Term

AWKWARD = ["a * b _c_ [d](e) <f> & `g` | h # 1. - + ! {i}", "Goodhart’s law", "C++ (a|b)*", "\\\\ back"]


@pytest.mark.parametrize("text", AWKWARD)
def test_md_text_shows_exactly_what_was_written(text):
    html = markdown.markdown(md_text(text))
    assert html_text(html) == text
    assert "<em>" not in html and "<a" not in html and "<code>" not in html


@pytest.mark.parametrize(
    "url", ["https://e.org/a)b", 'https://e.org/?q="x"', "https://e.org/a_(b", "https://e.org/a b"]
)
def test_source_urls_and_titles_are_shown_as_written(url):
    term = Term("tt", "T", "d", (Source("Title *x*", url),), "tt.yml")
    html = more_html(term, Glossary("glossary", {"tt": term}), "", "")
    assert 'href="' + url.replace('"', "&quot;") + '"' in html
    assert ">Title *x*</a>" in html


def test_home_list_is_sorted_and_links_by_reference():
    html = discussions_html([PageInfo("discussions/b.md", "Beta"), PageInfo("discussions/a.md", "Alpha", "d & e")])
    assert html == (
        '<ul class="discussion-list"><li><a href="site:discussions/a.md">Alpha</a>: d &amp; e</li>'
        '<li><a href="site:discussions/b.md">Beta</a></li></ul>'
    )


def test_letter_pages_give_each_term_a_heading_with_its_id_and_markers_for_the_rest():
    terms = {
        t.id: t
        for t in (
            Term("elk", "ELK", "d", (), "elk.yml"),
            Term("ten-x", "10x more time", "d", (), "x.yml"),
            Term("debate", "debate", "d", (), "debate.yml"),
        )
    }
    glossary = Glossary("glossary", terms)
    pages = glossary.markdown({t: "One line." for t in terms})
    assert sorted(pages) == ["glossary/d.md", "glossary/e.md", "glossary/index.md", "glossary/other.md"]
    assert "## ELK {#elk}" in pages["glossary/e.md"] and marker("entry", "elk") in pages["glossary/e.md"]
    assert glossary.entry_ref("ten-x") == "site:glossary/other.md#ten-x"
    assert sorted(glossary.redirects()) == ["glossary/debate.md", "glossary/elk.md", "glossary/ten-x.md"]


def test_fill_replaces_only_the_markers_it_has_handlers_for():
    html = f"<p>a</p>{marker('entry', 'elk')}{marker('index')}"
    assert fill(html, {"entry": lambda arg: f"<b>{arg}</b>"}) == f"<p>a</p><b>elk</b>{marker('index')}"
