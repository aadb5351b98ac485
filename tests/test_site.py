"""The project's own site, built with --strict into a temporary folder."""

import collections
import difflib
import gzip
import json
import re

import pytest

from conftest import POSTMORTEM, POSTMORTEM_SOURCE, REPO, ROOT, SECOND, Built, entry, entry_page, entry_url, soup

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


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def scrape_copies() -> tuple[list[str], list[str]]:
    """The scrape's two copies of the thread: the second starts where the first line comes back."""
    lines = [_norm(line) for line in POSTMORTEM_SOURCE.read_text(encoding="utf-8").splitlines() if line.strip()]
    second = lines.index(lines[0], 1)
    return lines[:second], lines[second:]


def the_thread_once(first: list[str], second: list[str]) -> list[str]:
    """Merge the two copies into one thread, in order: each lost a few lines the other kept."""
    merged: list[str] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=first, b=second, autojunk=False).get_opcodes():
        merged += first[i1:i2]
        if op in ("insert", "replace"):
            merged += second[j1:j2]
    return merged


HEADING = re.compile(r"Comment (\d) · commenter [A-F]¶?")
META = re.compile(r"(in reply to comment \d · )?permalink")
QUOTE_SOURCE = re.compile(r"Quoting comment (\d)")
EDIT_TITLE = "Later edit by commenter C"
SENTENCE_END = re.compile(r"(?<=[.?!])\s+")


def comment_bodies(page) -> dict[str, list[tuple[str, str]]]:
    """Each comment's paragraphs, list items and quoted lines, as (kind, text), in page order.
    Only the labels this project adds around the words may be anything else; any other text
    in a comment fails here."""
    for added in page.select(".sidenote, .note-ref"):
        added.decompose()
    bodies: dict[str, list[tuple[str, str]]] = {}
    for heading in page.select("h2[id^=comment-]"):
        assert HEADING.fullmatch(_norm(heading.get_text())), heading.get_text()
        body = bodies.setdefault(heading["id"], [])
        for node in heading.find_next_siblings():
            if node.name in {"h2", "section"}:
                break
            if node.name == "div" and "section-notes" in (node.get("class") or []):
                assert not node.get_text(strip=True), node  # only the notes, removed above
            elif node.name == "p" and "comment-meta" in (node.get("class") or []):
                assert META.fullmatch(_norm(node.get_text())), node.get_text()
            elif node.name == "p":
                body.append(("p", _norm(node.get_text())))
            elif node.name in ("ul", "ol"):
                assert [child.name for child in node.find_all(recursive=False)] == ["li"] * len(
                    node.select(":scope > li")
                )
                body += [("li", _norm(li.get_text())) for li in node.select(":scope > li")]
            elif node.name == "blockquote":
                source = node.select(".quote-source")
                assert len(source) == 1 and QUOTE_SOURCE.fullmatch(_norm(source[0].get_text())), node
                quoted = f"comment-{QUOTE_SOURCE.fullmatch(_norm(source[0].get_text()))[1]}"
                parts = [child for child in node.find_all(recursive=False) if child is not source[0]]
                assert [child.name for child in parts] == ["p"] * len(parts), node
                body += [(f"quote:{quoted}", _norm(child.get_text())) for child in parts]
            elif node.name == "div" and "admonition" in node.get("class", []):
                title = node.select_one(":scope > .admonition-title")
                assert _norm(title.get_text()) == EDIT_TITLE
                parts = [child for child in node.find_all(recursive=False) if child is not title]
                assert [child.name for child in parts] == ["p"] * len(parts), node
                body += [("edit", _norm(child.get_text())) for child in parts]
            else:
                raise AssertionError(f"unexpected <{node.name}> in {heading['id']}: {node.get_text()[:60]!r}")
    return bodies


def test_the_comments_on_the_page_are_the_scrape_exactly(shared_site):
    first, second = scrape_copies()
    assert (len(first), len(second)) == (17, 16)  # see sources/README.md
    thread = the_thread_once(first, second)
    assert set(thread) == set(first) | set(second)
    bodies = comment_bodies(article(shared_site, POSTMORTEM))
    assert list(bodies) == [f"comment-{n}" for n in range(1, 7)]
    on_page = [text for body in bodies.values() for _, text in body]
    # Equality, in order: every line of the scrape once, nothing added, nothing dropped.
    assert on_page == thread
    # The only repeats are the passages comment 5 quotes, shown once where written, once quoted.
    repeated = collections.Counter(on_page) - collections.Counter(set(on_page))
    assert list(repeated.elements()) == [line for line in first[9:] if line in first[:9]]
    quotes = [(kind, text) for kind, text in bodies["comment-5"] if kind.startswith("quote:")]
    assert len(quotes) == 2
    for kind, text in quotes:
        quoted = " ".join(line for _, line in bodies[kind.removeprefix("quote:")])
        assert text in quoted, f"{text[:40]!r} is not in {kind}"


def test_every_sentence_of_a_comment_is_in_the_source(shared_site):
    source = _norm(POSTMORTEM_SOURCE.read_text(encoding="utf-8"))
    bodies = comment_bodies(article(shared_site, POSTMORTEM))
    sentences = [s for body in bodies.values() for _, text in body for s in SENTENCE_END.split(text) if s]
    assert len(sentences) >= 30  # the split found sentences, not whole paragraphs
    assert [s for s in sentences if s not in source] == []


def test_the_fidelity_checks_fail_on_a_changed_page():
    """The checker itself: an added sentence, an added paragraph or a changed label is caught."""
    page = soup("""<article><h2 id="comment-1">Comment 1 · commenter A</h2>
        <p class="comment-meta">permalink</p><p>Hello there. Added by us.</p>
        <h2 id="comment-2">Comment 2 · commenter B</h2>
        <p class="comment-meta">in reply to comment 1 · permalink</p>
        <div class="admonition note"><p class="admonition-title">Edit by B</p><p>x</p></div></article>""")
    with pytest.raises(AssertionError):
        comment_bodies(page.select_one("article"))
    page = soup("""<article><h2 id="comment-1">Comment 1 · commenter A</h2>
        <p class="comment-meta">permalink</p><p>Hello there. Added by us.</p><h3>Ours</h3></article>""")
    with pytest.raises(AssertionError):
        comment_bodies(page.select_one("article"))
    page = soup("""<article><h2 id="comment-1">Comment 1 · commenter A</h2>
        <p class="comment-meta">permalink</p><p>Hello there. Added by us.</p></article>""")
    assert comment_bodies(page.select_one("article")) == {"comment-1": [("p", "Hello there. Added by us.")]}
    assert SENTENCE_END.split("Hello there. Added by us.") == ["Hello there.", "Added by us."]
    first, second = ["a", "b", "q", "c"], ["a", "b", "c", "d"]
    assert the_thread_once(first, second) == ["a", "b", "q", "c", "d"]


def test_six_addressable_comments_with_permalinks(shared_site):
    page = article(shared_site, POSTMORTEM)
    headings = page.select("h2[id^=comment-]")
    assert [h["id"] for h in headings] == [f"comment-{n}" for n in range(1, 7)]
    for heading in headings:
        meta = heading.find_next_sibling("p")
        assert "comment-meta" in meta["class"]
        assert meta.find("a", string="permalink")["href"] == f"#{heading['id']}"


def test_replies_link_to_their_parent(shared_site):
    page = article(shared_site, POSTMORTEM)
    for child, parent in REPLIES.items():
        meta = page.select_one(f"h2#{child}").find_next_sibling("p")
        assert meta.find("a", href=f"#{parent}") is not None, child
    assert page.select_one("h2#comment-1").find_next_sibling("p").find(string=re.compile("reply")) is None


def test_quotes_are_block_quotes_linked_to_what_they_quote(shared_site):
    quotes = article(shared_site, POSTMORTEM).select("blockquote")
    assert [q.select_one(".quote-source a")["href"] for q in quotes] == ["#comment-3", "#comment-2"]
    assert quotes[0].get_text().strip().startswith("All four of those")
    assert quotes[1].get_text().strip().startswith("scalable oversight (using humans")


def test_the_four_agendas_are_a_list(shared_site):
    items = article(shared_site, POSTMORTEM).select("#comment-2 ~ ul")[0].select("li")
    assert [li.strong.get_text() for li in items] == [
        "model organisms",
        "science of generalization",
        "goodhart robustness",
        "scalable oversight",
    ]


def test_the_later_edit_is_marked(shared_site):
    box = article(shared_site, POSTMORTEM).select_one(".admonition.note")
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
    assert listed == [f"{SECOND}/", f"{POSTMORTEM}/"]  # newest first: the fixture is dated 2030
    described = home.select(".discussion-list li")[0].get_text()
    assert "This page exists only in the tests" in described  # no description: its first paragraph


def test_the_navigation_lists_every_discussion_in_the_home_pages_order(shared_site):
    nav = soup(shared_site.html("")).select_one("nav.md-nav--primary > ul")
    section = nav.find_all("li", recursive=False)[1]
    listed = [a["href"] for a in section.select(":scope > nav > ul > li > a")]
    home = [a["href"] for a in article(shared_site, "").select(".discussion-list a")]
    assert listed == home and len(listed) == 2


def test_pages_load_nothing_from_other_hosts(shared_site):
    loads = "script[src], img[src], link[rel~=stylesheet], link[rel~=preload], link[rel~=icon], link[rel~=preconnect]"
    for path in ["", POSTMORTEM, "glossary", "glossary/e"]:
        page = soup(shared_site.html(path))
        urls = [tag.get("src") or tag.get("href") for tag in page.select(loads)]
        assert urls and not [u for u in urls if re.match(r"(https?:)?//", u)], path


def test_every_script_and_style_the_site_adds_stays_within_9_kb_gzipped(shared_site):
    """Everything the hook adds, and the site's own CSS: what every reader downloads on top of Material."""
    assets = sorted(path for path in (shared_site.site / "assets" / "annotations").rglob("*") if path.is_file())
    assets.append(shared_site.site / "assets" / "site.css")
    sizes = {path.name: len(gzip.compress(path.read_bytes(), 9)) for path in assets}
    assert {"annotations.js", "annotations.css", "sidenotes.js", "site.css"} <= sizes.keys()
    assert sum(sizes.values()) <= 9 * 1024, f"{sum(sizes.values())} bytes gzipped: {sizes}"


def test_each_page_embeds_the_popovers_it_can_open(shared_site):
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
    comments = page.select("h2[id^=comment-]")
    for heading in comments:
        linked = []
        for node in heading.find_next_siblings():
            if node.name == "h2":
                break
            linked += [a["data-term"] for a in node.select("a.term[href]")]
        repeated = [term for term, n in collections.Counter(linked).items() if n > 1]
        assert repeated == [], f"{heading['id']} links {repeated} more than once"
    assert len(comments) == 6 and len(page.select("a.term[href]")) >= 40
