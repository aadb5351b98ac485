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


def template(term_ids: list[str], directory_urls: bool = True) -> str:
    """The template as a page two folders deep sees it, links resolved."""
    renderer = Renderer(MarkdownConfig(), Matcher(TERMS.values()), entry)
    definitions = {t.id: renderer.definition(t.definition, t.id) for t in TERMS.values()}
    html = Popovers(TERMS, definitions, entry).template(term_ids)
    if directory_urls:
        return resolve(html, lambda src: "../../" + src.removesuffix(".md") + "/")
    return resolve(html, lambda src: "./" + src.removesuffix(".md") + ".html")


def test_template_holds_the_terms_used_and_every_term_reachable_from_them():
    html = template(["elk"])
    assert [p for p in ("elk", "debate", "rlct", "unused") if f'data-popover="{p}"' in html] == [
        "elk",
        "debate",
        "rlct",
    ]
    assert "site:" not in html


def test_links_are_relative_to_the_page_and_terms_inside_are_term_links():
    html = template(["elk"])
    assert '<a class="term" data-term="debate" href="../../glossary/debate/">debate</a>' in html
    assert 'See also: <a class="term" data-term="rlct" href="../../glossary/rlct/">RLCT</a>' in html
    assert '<a href="../../glossary/elk/">Full entry' in html
    assert html.count(" id=") == 1  # the template's own: popovers are copied into the page, ids would repeat


def test_a_term_never_links_to_itself_and_text_is_escaped():
    html = template(["debate"], directory_urls=False)
    body = html.split('data-popover="elk"')[0]
    assert 'data-term="debate"' not in body.split('data-popover="debate"')[1]
    assert 'href="./glossary/elk.html"' in html
    assert "Paper &lt;b&gt;" in html and "A &amp; B, 2020" in html and "?a=1&amp;b=2" in html


def test_no_terms_no_template():
    assert template([]) == ""
