import re

from annotation_engine.match import Matcher
from annotation_engine.model import Source, Term
from annotation_engine.popovers import Popovers
from annotation_engine.refs import resolve
from annotation_engine.render import MarkdownConfig, Renderer

SOURCE = (Source("Paper <b>", "https://example.org/?a=1&b=2", "A & B", 2020),)
TERMS = {
    "elk": Term(
        "elk", "ELK", "Getting a model to report what it knows, unlike *debate*.", SOURCE, "elk.yml", see_also=("rlct",)
    ),
    "debate": Term("debate", "debate", "Two models argue; ELK is related.", SOURCE, "debate.yml"),
    "rlct": Term("rlct", "RLCT", "A complexity measure.", SOURCE, "rlct.yml"),
    "unused": Term("unused", "unused term", "Never reached.", SOURCE, "unused.yml"),
}


def entry(term_id: str) -> str:
    return f"site:glossary/{term_id}.md"


def popovers() -> Popovers:
    renderer = Renderer(MarkdownConfig(), Matcher(TERMS.values()), entry)
    definitions = {t.id: renderer.definition(t.definition, t.id) for t in TERMS.values()}
    return Popovers(TERMS, definitions, entry)


def store(term_ids: list[str], directory_urls: bool = True, printable: bool = True) -> str:
    """The page's store of popovers as a page two folders deep sees it, links resolved."""
    html = popovers().store(term_ids, printable)
    if directory_urls:
        return resolve(html, lambda src: "../../" + src.removesuffix(".md") + "/")
    return resolve(html, lambda src: "./" + src.removesuffix(".md") + ".html")


def test_the_store_holds_the_terms_used_in_order_then_every_term_reachable_from_them():
    html = store(["rlct", "elk"])
    assert re.findall(r'data-popover="([^"]+)"( data-nested)?', html) == [
        ("rlct", ""),
        ("elk", ""),
        ("debate", " data-nested"),
    ]
    assert "site:" not in html


def test_the_store_is_hidden_and_prints_as_the_terms_used_on_a_discussion():
    printed = store(["elk"])
    assert printed.startswith('<section id="glossary-popovers" class="terms-used" hidden>')
    assert '<h2 class="terms-used__title">Terms used on this page</h2>' in printed
    assert 'data-print="no"' in store(["elk"], printable=False)


def test_terms_on_the_page_are_listed_in_order_of_first_use_with_their_counts():
    html = resolve(popovers().terms_list({"rlct": 1, "elk": 3}), lambda src: "../../" + src.removesuffix(".md") + "/")
    items = re.findall(
        r'<li><a class="term" data-term="(\w+)" href="([^"]+)">([^<]+)</a> <span[^>]*>([^<]+)</span>', html
    )
    assert items == [("rlct", "../../glossary/rlct/", "RLCT", "1 use"), ("elk", "../../glossary/elk/", "ELK", "3 uses")]
    assert "<summary>Terms on this page (2)</summary>" in html
    assert popovers().terms_list({}) == ""


def test_links_are_relative_to_the_page_and_terms_inside_are_term_links():
    html = store(["elk"])
    assert '<a class="term" data-term="debate" href="../../glossary/debate/">debate</a>' in html
    assert 'See also: <a class="term" data-term="rlct" href="../../glossary/rlct/">RLCT</a>' in html
    assert '<a href="../../glossary/elk/">Full entry' in html
    assert html.count(" id=") == 1  # the store's own: popovers are copied into the page, ids would repeat


def test_a_term_never_links_to_itself_and_text_is_escaped():
    html = store(["debate"], directory_urls=False)
    body = html.split('data-popover="elk"')[0]
    assert 'data-term="debate"' not in body.split('data-popover="debate"')[1]
    assert 'href="./glossary/elk.html"' in html
    assert "Paper &lt;b&gt;" in html and "A &amp; B, 2020" in html and "?a=1&amp;b=2" in html


def test_no_terms_no_store():
    assert store([]) == ""


def test_a_definition_links_each_term_once():
    renderer = Renderer(MarkdownConfig(), Matcher(TERMS.values()), entry)
    html, linked = renderer.definition("Unlike ELK, and ELK again.", "debate")
    assert html.count('<a class="term" data-term="elk"') == 1
    assert '<span class="term">ELK</span>' in html and linked == {"elk"}  # later: plain text
