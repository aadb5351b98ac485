import markdown
import pytest

from annotation_engine.glossary import Discussion, discussions_markdown, entry_markdown, md_text, md_url
from annotation_engine.mentions import html_text
from annotation_engine.fields import Source
from annotation_engine.terms import Term

AWKWARD = ["a * b _c_ [d](e) <f> & `g` | h # 1. - + ! {i}", "Goodhart’s law", "C++ (a|b)*", "\\\\ back"]


@pytest.mark.parametrize("text", AWKWARD)
def test_md_text_shows_exactly_what_was_written(text):
    html = markdown.markdown(md_text(text))
    assert html_text(html) == text
    assert "<em>" not in html and "<a" not in html and "<code>" not in html


@pytest.mark.parametrize("url", ["https://e.org/a)b", 'https://e.org/?q="x"', "https://e.org/a_(b", "https://e.org/a b"])
def test_source_urls_survive_markdown(url):
    term = Term("t", "T", "d", (Source("Title *x*", url),), "t.yml")
    page = entry_markdown(term, {"t": term}, "<p>d</p>", "")
    html = markdown.markdown(page.split("## Sources", 1)[1], extensions=["md_in_html"])
    assert 'href="' + md_url(url) + '"' in html
    assert ">Title *x*</a>" in html


def test_home_list_is_sorted_and_relative():
    text = discussions_markdown([Discussion("discussions/b.md", "Beta"), Discussion("discussions/a.md", "Alpha", "d")],
                                "index.md")
    assert text == "- [Alpha](discussions/a.md): d\n- [Beta](discussions/b.md)"
