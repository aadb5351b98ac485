"""The project's own site, built with --strict into a temporary folder."""

import collections
import gzip
import hashlib
import json
import re

import pytest

from conftest import (
    POSTMORTEM,
    POSTMORTEM_SOURCE,
    REPO,
    ROOT,
    SECOND,
    Built,
    build_site,
    entry,
    entry_page,
    entry_url,
    soup,
)

pytestmark = pytest.mark.build  # whole-site builds

TERMS = ["elk", "rlct", "debate", "interp", "prosaic-alignment", "scalable-oversight", "model-organisms", "goodhart"]
REPLIES = {
    "comment-2": "comment-1",
    "comment-3": "comment-2",
    "comment-4": "comment-3",
    "comment-5": "comment-3",
    "comment-6": "comment-2",
}


def article(built: Built, path: str):
    """A page's article as the reader reads it: without the list of its terms and the popover store."""
    node = soup(built.html(path)).select_one("article")
    for added in node.select(".terms-on-page, #glossary-popovers"):
        added.decompose()
    return node


def mentions_of(section, page: str):
    """The part of an entry's "Mentioned in" list that is about one discussion."""
    title = section.select_one(f'.term-mentions strong a[href$="{page}/"]')
    assert title is not None, f"no mentions of {page}"
    group = soup("<div></div>").div
    for node in title.find_parent("p").find_next_siblings():
        if node.name == "p":
            break
        group.append(node.__copy__())
    return group


def visible_text(node) -> str:
    """The text as read, without the notes and note numbers set into it."""
    for added in node.select(".sidenote, .note-ref"):
        added.decompose()
    return re.sub(r"\s+", " ", node.get_text())


def comments(page) -> dict[str, object]:
    return {article["data-comment"]: article for article in page.select("article.comment")}


def test_six_addressable_comments_with_permalinks(shared_site):
    found = comments(article(shared_site, POSTMORTEM))
    assert list(found) == [f"comment-{n}" for n in range(1, 7)]
    for comment_id, comment in found.items():
        title = comment.select_one(".comment__title")
        assert title["id"] == comment_id and title.get_text().startswith(f"Comment {comment_id[-1]} · commenter ")
        assert comment.select_one(".comment-meta a.comment__permalink")["href"] == f"#{comment_id}"
        # The site's navigation (title, meta line) is the comment's header, apart from its words.
        header = comment.find(True)
        assert header.name == "header" and [child["class"][0] for child in header.find_all(True, recursive=False)] == [
            "comment__title",
            "comment-meta",
        ]
        assert not comment.select(":scope > :is(h2, h3, h4, h5, h6, .comment-meta)")


def test_replies_link_to_their_parent_and_sit_under_it(shared_site):
    found = comments(article(shared_site, POSTMORTEM))
    for child, parent in REPLIES.items():
        meta = found[child].select_one(".comment-meta")
        assert meta.get_text().startswith(f"in reply to comment {parent[-1]}"), child
        assert meta.select_one("a.comment-ref")["href"] == f"#{parent}"
    assert "reply" not in found["comment-1"].select_one(".comment-meta").get_text()
    depths = {comment_id: int(comment["data-depth"]) for comment_id, comment in found.items()}
    assert depths == {"comment-1": 0, "comment-2": 1, "comment-3": 2, "comment-4": 3, "comment-5": 3, "comment-6": 2}
    levels = {comment_id: comment.select_one(".comment__title").name for comment_id, comment in found.items()}
    assert levels == {f"comment-{n}": f"h{2 + depths[f'comment-{n}']}" for n in range(1, 7)}  # screen readers too


def test_the_table_of_contents_outlines_the_reply_tree(shared_site):
    nav = soup(shared_site.html(POSTMORTEM)).select_one("nav.md-nav--primary")
    link = nav.select_one('a[href="#comment-4"]')
    chain = [href for li in link.find_parents("li") if (href := li.find("a")["href"]).startswith("#comment-")]
    assert chain == ["#comment-4", "#comment-3", "#comment-2", "#comment-1"]  # nested by depth


def test_quotes_are_block_quotes_linked_both_ways(shared_site):
    page = article(shared_site, POSTMORTEM)
    quotes = page.select("blockquote.comment-quote")
    assert [q["data-quotes"] for q in quotes] == ["comment-3", "comment-2"]
    assert [q.select_one(".quote-source a.comment-ref")["href"] for q in quotes] == ["#comment-3", "#comment-2"]
    assert quotes[0].get_text().strip().startswith("All four of those")
    assert quotes[1].get_text().strip().startswith("scalable oversight (using humans")
    for quoted in ("comment-3", "comment-2"):
        meta = comments(page)[quoted].select_one(".comment-meta")
        assert "quoted in comment 5" in meta.get_text()
        assert meta.find("a", href="#comment-5") is not None


def test_the_four_agendas_are_a_list(shared_site):
    items = comments(article(shared_site, POSTMORTEM))["comment-2"].select("ul > li")
    assert [li.strong.get_text() for li in items] == [
        "model organisms",
        "science of generalization",
        "goodhart robustness",
        "scalable oversight",
    ]


def test_the_later_edit_is_marked(shared_site):
    box = comments(article(shared_site, POSTMORTEM))["comment-3"].select_one(".comment-edit")
    assert box.select_one(".admonition-title").get_text() == "Later edit by commenter C"
    assert "EDIT-TO-ADD: Actually" in box.get_text()


def test_header_names_the_source_and_says_the_words_are_quoted(shared_site):
    box = article(shared_site, POSTMORTEM).select_one("details.info")  # folded behind its summary
    assert box.find(
        "a",
        href="https://www.lesswrong.com/posts/nwpyhyagpPYDn4dAW/"
        "the-field-of-ai-alignment-a-postmortem-and-what-to-do-about",
    )
    assert "quoted unchanged" in box.get_text()
    assert box.select("a.term") == []


@pytest.mark.parametrize("term_id", TERMS)
def test_each_term_links_to_an_entry_that_links_back_to_every_occurrence(shared_site, term_id):
    links = article(shared_site, POSTMORTEM).select(f".term[data-term={term_id}][id]")  # a link, or a later use
    assert links and links[0].name == "a", f"{term_id} is not linked in the thread"
    assert {a["href"] for a in links if a.name == "a"} == {f"../../{entry_url(term_id)}"}
    group = mentions_of(entry(shared_site, term_id), POSTMORTEM)
    backlinks = [a["href"] for a in group.select("li > a")]
    assert backlinks == [f"../../{POSTMORTEM}/#{a['id']}" for a in links]
    snippets = [mark.get_text() for mark in group.select("mark")]
    assert snippets == [a.get_text() for a in links]


def test_entries_show_definition_sources_and_see_also(shared_site):
    section = entry(shared_site, "elk")
    assert section.h2.get_text().startswith("ELK")
    assert section.select_one(".term-sources a")["href"].startswith("https://")
    assert [a["href"] for a in section.select(".term-see-also a")] == [
        "../s/#scalable-oversight",
        "../d/#debate",
        "../i/#interp",
    ]
    description = soup(shared_site.html(entry_page("elk"))).find("meta", attrs={"name": "description"})["content"]
    assert "ELK" in description


def test_every_old_entry_address_redirects_to_the_entry(shared_site):
    for term in (ROOT / "annotations" / "terms").glob("*.yml"):
        stub = soup(shared_site.html(f"glossary/{term.stem}"))
        target = f"../{entry_url(term.stem).removeprefix('glossary/')}"
        assert stub.find("meta", attrs={"http-equiv": "refresh"})["content"] == f"0; url={target}"
        assert stub.find("link", rel="canonical")["href"] == target


def test_terms_inside_definitions_link_to_their_entries(shared_site):
    section = entry(shared_site, "debate")
    hrefs = {a["href"] for a in section.select(".term-definition a.term, .term-details a.term")}
    assert hrefs and all(h.startswith("../") and "/#" in h for h in hrefs)
    assert not any(h.endswith("#debate") for h in hrefs)


def test_glossary_index_lists_every_term_a_to_z(shared_site):
    index = article(shared_site, "glossary")
    names = [a.get_text() for a in index.select(".glossary-index li > a:first-child")]
    assert len(names) == len(list((ROOT / "annotations" / "terms").glob("*.yml")))
    assert names == sorted(names, key=str.casefold)
    assert index.select("a.term") == []


def test_home_page_lists_the_discussions(shared_site):
    home = article(shared_site, "")
    assert home.find("a", href=f"{POSTMORTEM}/").get_text() == "Which alignment agendas are on track? A comment thread"
    listed = [a["href"] for a in home.select(".discussion-list a")]
    assert listed.index(f"{SECOND}/") < listed.index(f"{POSTMORTEM}/")  # newest first: the fixture is dated 2030
    second = home.find("a", href=f"{SECOND}/").find_parent("li").get_text()
    assert "This page exists only in the tests" in second  # no description: its first paragraph


def test_the_navigation_lists_every_discussion_in_the_home_pages_order(shared_site):
    nav = soup(shared_site.html("")).select_one("nav.md-nav--primary > ul")
    section = nav.find_all("li", recursive=False)[1]
    listed = [a["href"] for a in section.select(":scope > nav > ul > li > a")]
    home = [a["href"] for a in article(shared_site, "").select(".discussion-list a")]
    assert listed == home and {f"{SECOND}/", f"{POSTMORTEM}/"} <= set(listed)


def test_pages_load_nothing_from_other_hosts(shared_site):
    loads = "script[src], img[src], link[rel~=stylesheet], link[rel~=preload], link[rel~=icon], link[rel~=preconnect]"
    for path in ["", POSTMORTEM, "glossary", "glossary/e"]:
        page = soup(shared_site.html(path))
        urls = [tag.get("src") or tag.get("href") for tag in page.select(loads)]
        assert urls and not [u for u in urls if re.match(r"(https?:)?//", u)], path


def test_every_script_and_style_the_site_adds_stays_within_12_kb_gzipped(shared_site):
    """Everything the hook adds (every file under assets/annotations/, whatever its name, so a new
    one counts at once), the site's own CSS inside it: what every reader downloads on top of Material."""
    site = shared_site.site
    assets = sorted(path for path in (site / "assets" / "annotations").rglob("*") if path.is_file())
    assert not (site / "assets" / "site.css").exists(), "the site's stylesheet ships inside the bundle"
    sizes = {path.relative_to(site).as_posix(): len(gzip.compress(path.read_bytes(), 9)) for path in assets}
    assert sum(sizes.values()) <= 12 * 1024, f"{sum(sizes.values())} bytes gzipped: {sizes}"


def test_the_threads_html_comes_whole_in_the_first_round_trip(tmp_path):
    """TCP's first window holds about 14,600 bytes, response headers included: a page over it costs
    a reader on a slow connection one more round trip before the first paint (the Performance page
    has the measurements). What the page need not show at once (each note after its opening, the
    terms list, the notes' sources) comes in its popovers file after that paint. Measured as
    `make bench` measures it: the site as `make build` builds it (a deploy adds Material's
    repository link and edit button, about 700 bytes more), gzip at level 6."""
    built = build_site(ROOT / "mkdocs.yml", tmp_path / "site")
    assert built.ok, built.log
    size = len(gzip.compress((built.site / POSTMORTEM / "index.html").read_bytes(), 6))
    assert size <= 12_500, (
        f"The thread's HTML is {size:,} bytes gzipped, over 12,500. Fix: shorten what the page holds at "
        "once, such as the opening sentences of its notes (at least 160 characters each; CONTRIBUTING, "
        "'Add a note'), or move what the reader need not see first into the popovers file (parts.py)."
    )


def test_each_page_loads_one_script_and_one_stylesheet_of_the_projects_named_by_their_content(shared_site):
    """Material's own files aside, a page links one stylesheet and one script, minified, each with a
    hash of its content in its name, so a host may let browsers keep them for a year."""
    for path in ["", POSTMORTEM, "glossary", "glossary/e"]:
        page = soup(shared_site.html(path))
        urls = [tag.get("href") for tag in page.select("link[rel~=stylesheet]")]
        urls += [tag.get("src") for tag in page.select("script[src]")]
        ours = [url for url in urls if not re.search(r"(^|/)assets/(stylesheets|javascripts)/", url)]  # Material's
        assert [url.rsplit(".", 1)[-1] for url in ours] == ["css", "js"], (path, urls)
        for url in ours:
            file = (shared_site.site / path / url).resolve()
            digest = re.fullmatch(r"annotations\.([0-9a-f]{10})\.min\.(?:js|css)", file.name)
            assert digest and hashlib.sha256(file.read_bytes()).hexdigest().startswith(digest.group(1)), url
            text = file.read_text(encoding="utf-8")  # no indented line: oxc keeps comments, nothing else
            assert not re.search(r"^[ \t]+\S", text, re.M) and text.count("\n") < 40, f"{url} is not minified"


def test_no_script_holds_up_the_parser_so_the_thread_paints_first(shared_site):
    """Every script a page loads by address is deferred, Material's included: the page is parsed and
    painted before any of them runs, in the order they are listed."""
    for path in ["", POSTMORTEM, "glossary", "glossary/e"]:
        scripts = soup(shared_site.html(path)).select("script[src]")
        assert scripts and [tag["src"] for tag in scripts if not tag.has_attr("defer")] == [], path
        assert "assets/javascripts/bundle." in scripts[0]["src"], "Material's script runs first"


def test_each_page_has_the_popovers_it_can_open_in_a_file_beside_it(shared_site):
    written = (shared_site.site / POSTMORTEM / "index.html").read_text(encoding="utf-8")
    empty = soup(written).select_one("article section#glossary-popovers[hidden]")
    assert empty["data-src"] == "index.popovers.html" and not empty.contents  # the page's own bytes stay few
    thread = soup(shared_site.html(POSTMORTEM)).select_one("article section#glossary-popovers[hidden]")
    embedded = {div["data-popover"] for div in thread.select("[data-popover]")}
    linked = {a["data-term"] for a in article(shared_site, POSTMORTEM).select("a.term")}
    assert linked <= embedded
    inner = {a["data-term"] for a in thread.select("a.term")}
    assert inner <= embedded, "a term inside a popover must be able to open its own"
    assert {a["href"] for a in thread.select("a")} >= {f"../../{entry_url(t)}" for t in linked}
    assert soup(shared_site.html("glossary")).select("#glossary-popovers") == []


def test_popover_text_stays_out_of_the_search_index(shared_site):
    index = json.loads((shared_site.site / "search" / "search_index.json").read_text(encoding="utf-8"))
    thread_text = " ".join(doc["text"] for doc in index["docs"] if doc["location"].startswith(POSTMORTEM))
    assert "basically useless in practice" in thread_text
    definition = "an open alignment problem, posed by the Alignment Research Center in 2021"
    assert "Full entry" not in thread_text
    assert definition not in thread_text
    found = next(doc for doc in index["docs"] if doc["location"] == entry_url("elk"))
    assert definition in found["text"]


def test_search_finds_a_note_by_its_opening_not_by_the_rest_that_waits_in_the_popovers_file(shared_site):
    """What the page holds is searched: a note's opening is, its later words are not (the price
    of a thread page that arrives in one round trip; the Performance page says so)."""
    index = json.loads((shared_site.site / "search" / "search_index.json").read_text(encoding="utf-8"))
    thread_text = " ".join(doc["text"] for doc in index["docs"] if doc["location"].startswith(POSTMORTEM))
    assert "The figure echoes Sturgeon’s law" in thread_text
    assert "Read that way, the commenter" not in thread_text
    assert "Read that way, the commenter" in shared_site.html(POSTMORTEM)


def test_generic_words_stay_plain_where_the_glossary_chose_so(shared_site):
    """'alignment' and 'oversight' alone are everyday words in the thread; only the jargon forms
    ('misaligned', 'scalable oversight', 'deceptive alignment') link, by the terms' chosen forms."""
    page = article(shared_site, POSTMORTEM)
    linked = {a.get_text().lower() for a in page.select("a.term")}
    assert {"misaligned", "scalable oversight", "deceptive alignment", "prosaic alignment"} <= linked
    assert "alignment" not in linked and "oversight" not in linked
    assert "oversight." in visible_text(page).split("some form of ", 1)[1][:12]


@pytest.mark.parametrize(
    "path, title",
    [
        (POSTMORTEM, "Which alignment agendas are on track? A comment thread"),
        ("glossary/e", "Glossary: E"),
        ("glossary", "Glossary"),
    ],
)
def test_pages_carry_a_description_and_link_preview(shared_site, path, title):
    head = soup(shared_site.html(path)).head
    description = head.find("meta", attrs={"name": "description"})["content"]
    assert len(description) > 40
    assert head.find("meta", property="og:title")["content"] == title
    assert head.find("meta", property="og:description")["content"] == description
    assert head.find("meta", property="og:url")["content"].endswith(f"/{path}/".replace("//", "/"))


def test_the_sitemap_lists_the_page_of_every_entry(shared_site):
    sitemap = (shared_site.site / "sitemap.xml").read_text(encoding="utf-8")
    for term in (ROOT / "annotations" / "terms").glob("*.yml"):
        assert f"/{entry_page(term.stem)}/</loc>" in sitemap


def test_search_finds_each_thing_where_it_lives(shared_site):
    """Thread sentences only on the thread; an entry by its name and definition; no mention
    snippets, popovers, sources or generated lists anywhere."""
    docs = json.loads((shared_site.site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    for doc in docs:
        doc["text"] = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", doc["text"]))  # search keeps a few tags
    for line in POSTMORTEM_SOURCE.read_text(encoding="utf-8").splitlines():
        words = " ".join(line.split()[:8])
        if len(words) > 30:
            places = {doc["location"].split("#")[0] for doc in docs if words in doc["text"]}
            assert places == {f"{POSTMORTEM}/"}, words
    entry_doc = next(doc for doc in docs if doc["location"] == entry_url("rlct"))
    assert entry_doc["title"] == "RLCT" and "real log canonical threshold" in entry_doc["text"]
    everything = " ".join(doc["text"] for doc in docs)
    for generated in ("Comment 6 · commenter F: 1: Can you", "Full entry", "Watanabe, 2009", "No discussion on this"):
        assert generated not in everything, generated


def test_each_entry_links_to_its_file_in_the_repository(shared_site):
    edit = entry(shared_site, "elk").select_one(".term-edit a")
    assert edit is not None and edit.get_text() == "Edit this term"
    assert edit["href"] == f"{REPO}/edit/main/annotations/terms/elk.yml"
    thread = soup(shared_site.html(POSTMORTEM))
    assert thread.select_one("a[rel=edit]")["href"] == f"{REPO}/edit/main/docs/{POSTMORTEM}.md"
    source = thread.select_one("a.md-source")
    assert source["href"] == REPO and not source.has_attr("data-md-component")  # no request for repository facts
    assert soup(shared_site.html(entry_page("elk"))).select("a[rel=edit]") == []  # generated: nothing to edit


def test_pages_for_maintainers_sit_under_about_after_the_readers_pages(shared_site):
    nav = soup(shared_site.html("")).select_one("nav.md-nav--primary > ul")
    top = [" ".join(item.find(["a", "label"]).get_text().split()) for item in nav.find_all("li", recursive=False)]
    assert top == ["Home", "Discussions", "Glossary", "About"]
    about = nav.find_all("li", recursive=False)[-1]
    assert [a.get_text(strip=True) for a in about.select("a")] == ["Contributing", "Performance"]


def test_the_thread_links_each_term_once_per_comment(shared_site):
    page = article(shared_site, POSTMORTEM)
    for comment_id, comment in comments(page).items():
        linked = [a["data-term"] for a in comment.select("a.term[href]")]
        repeated = [term for term, n in collections.Counter(linked).items() if n > 1]
        assert repeated == [], f"{comment_id} links {repeated} more than once"
    assert len(comments(page)) == 6 and len(page.select("a.term[href]")) >= 40


def test_a_long_use_shows_its_first_sentence_in_the_popover_and_the_whole_on_the_entry(shared_site):
    used = (ROOT / "annotations" / "terms" / "goodhart-robustness.yml").read_text(encoding="utf-8")
    first, rest = "The name is one commenter’s label for an item", "the captured thread contains no answer"
    assert first in " ".join(used.split()) and rest in " ".join(used.split())
    page = soup(shared_site.html(POSTMORTEM))
    popover = page.select_one("[data-popover='goodhart-robustness'] .glossary-popover__use")
    shown = " ".join(popover.get_text().split())
    assert first in shown and rest not in shown
    more = page.select_one("[data-popover='goodhart-robustness'] .glossary-popover__more a")
    assert more.get_text() == "Full entry, with the rest of this"
    assert rest in " ".join(entry(shared_site, "goodhart-robustness").get_text().split())
