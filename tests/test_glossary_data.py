"""The glossary as data on built sites: glossary.json says what the pages show, and every glossary
page describes its terms in schema.org JSON-LD."""

from __future__ import annotations

import json
import re
from typing import Any
from urllib.parse import urljoin

import pytest
import yaml
from bs4 import BeautifulSoup, Tag
from jsonschema import Draft202012Validator

from conftest import POSTMORTEM, ROOT, SECOND, Built, build_site, entry, entry_page, entry_url, soup, write_site
from factories import TERM_ELK

pytestmark = pytest.mark.build  # whole-site builds

TERMS = ROOT / "annotations" / "terms"
TERM_IDS = sorted(path.stem for path in TERMS.glob("*.yml"))


def exported(built: Built) -> dict[str, Any]:
    return json.loads((built.site / "glossary.json").read_text(encoding="utf-8"))


def by_id(built: Built) -> dict[str, dict[str, Any]]:
    return {t["id"]: t for t in exported(built)["terms"]}


def listed(value: Any) -> list[Any]:
    """A term file's field that may be one item or a list, as a list."""
    return [] if value is None else value if isinstance(value, list) else [value]


def with_hrefs_from(fragment: Tag, page: str) -> str:
    """The fragment's HTML with every link made relative to the site's root from `page`'s URL."""
    for link in fragment.select("a[href]"):
        link["href"] = urljoin(page, str(link["href"]))
    return fragment.decode_contents()


def test_the_file_lists_every_term_with_its_file_s_fields_and_passes_the_published_schema(real_site):
    data = exported(real_site)
    schema = json.loads((real_site.site / "glossary.schema.json").read_text(encoding="utf-8"))
    assert list(Draft202012Validator(schema).iter_errors(data)) == []
    assert [t["id"] for t in data["terms"]] == TERM_IDS
    for term in data["terms"]:
        written = yaml.safe_load((TERMS / f"{term['id']}.yml").read_text(encoding="utf-8"))
        assert term["name"] == written["term"]
        assert term["aliases"] == listed(written.get("aliases"))
        assert term["former_ids"] == listed(written.get("renamed_from"))
        assert term["sources"] == written["sources"]


def test_each_term_s_address_and_definition_are_those_of_its_entry_and_the_index(real_site):
    index = soup(real_site.html("glossary"))
    lines = {urljoin("glossary/", a["href"]): a.parent.get_text() for a in index.select(".glossary-index li > a")}
    for term_id, term in by_id(real_site).items():
        assert term["url"] == entry_url(term_id)
        assert lines[term["url"]] == f"{term['name']}: {term['definition']}"
        shown = entry(real_site, term_id).select_one(".term-definition")
        data = soup(f"<div>{term['definition_html']}</div>").div
        assert with_hrefs_from(data, "") == with_hrefs_from(shown, entry_page(term_id) + "/")


def test_the_index_links_to_the_data_and_its_schema(real_site):
    index = soup(real_site.html("glossary")).select_one("article")
    for name in ("glossary.json", "glossary.schema.json"):
        link = index.find("a", href=re.compile(re.escape(name) + "$"))
        assert link is not None, f"the index does not link to {name}"
        assert (real_site.site / "glossary" / link["href"]).resolve() == (real_site.site / name).resolve()
    assert "available as data" in index.get_text()


@pytest.mark.parametrize("name", ["glossary.json", "glossary.schema.json"])
def test_a_file_of_the_site_where_the_data_goes_is_reported_not_replaced(tmp_path, name):
    config = write_site(tmp_path, {"index.md": "# Home\n", name: '{"mine": true}\n'}, {"elk.yml": TERM_ELK})
    built = build_site(config, tmp_path / "site")
    assert not built.ok
    assert f"docs/{name}: this path is generated from the annotations" in built.log
    assert (tmp_path / "site" / name).read_text(encoding="utf-8") == '{"mine": true}\n'


def mentioned_in(built: Built, term_id: str) -> dict[str, tuple[str, int]]:
    """An entry's "Mentioned in": each discussion's URL from the site's root → its title, and how
    many uses it lists."""
    groups = entry(built, term_id).select(".term-mentions > p")
    page = entry_page(term_id) + "/"
    return {urljoin(page, p.a["href"]): (p.a.get_text(), len(p.find_next_sibling("ul").select("li"))) for p in groups}


def terms_on_page(built: Built, page: str) -> dict[str, int]:
    """A discussion's "Terms on this page": each term → the uses it counts."""
    items = soup(built.html(page)).select(".terms-on-page li")
    return {li.a["data-term"]: int(li.select_one(".terms-on-page__count").get_text().split()[0]) for li in items}


@pytest.mark.long
def test_every_discussion_that_uses_a_term_is_counted_as_its_entry_and_its_page_count_it(shared_site):
    terms = by_id(shared_site)
    elk = {m["page"] for m in terms["elk"]["mentions"]}
    assert {f"{SECOND}.md", f"{POSTMORTEM}.md"} <= elk  # the two discussions are counted apart
    for term_id, term in terms.items():
        counts = {m["url"]: (m["title"], m["count"]) for m in term["mentions"]}
        assert counts == {url: shown for url, shown in mentioned_in(shared_site, term_id).items() if shown[1]}, term_id
        assert list(counts) == [url for url in mentioned_in(shared_site, term_id) if url in counts]  # the same order
        for mention in term["mentions"]:
            assert mention["url"] == mention["page"].removesuffix(".md") + "/"
            assert terms_on_page(shared_site, mention["url"])[term_id] == mention["count"]


def glossary_pages(built: Built) -> list[str]:
    """The glossary's index and letter pages: not the old per-term addresses, which redirect."""
    pages = sorted(p.parent.relative_to(built.site).as_posix() for p in (built.site / "glossary").rglob("index.html"))
    return [p for p in pages if not soup(built.html(p)).find("meta", attrs={"http-equiv": "refresh"})]


def canonical(page: BeautifulSoup) -> str:
    """A page's absolute address, as its head gives it."""
    return str(page.head.select_one('link[rel="canonical"]')["href"])


def test_every_glossary_page_describes_exactly_the_terms_it_defines(shared_site):
    terms, defined = by_id(shared_site), []
    glossary = canonical(soup(shared_site.html("glossary")))
    for page in glossary_pages(shared_site):
        html = soup(shared_site.html(page))
        scripts = html.head.select('script[type="application/ld+json"]')
        assert len(scripts) == 1, page
        described, address = json.loads(scripts[0].string), canonical(html)
        assert described["@type"] == "DefinedTermSet" and described["name"] == "Glossary"
        assert described["url"] == described["@id"] == glossary
        headings = [h for h in html.select("article h2[id]") if h["id"] in terms]
        assert [t["termCode"] for t in described["hasDefinedTerm"]] == [h["id"] for h in headings], page
        for heading, term in zip(headings, described["hasDefinedTerm"], strict=True):
            assert term["@type"] == "DefinedTerm" and term["inDefinedTermSet"] == described["url"]
            assert term["url"] == urljoin(address, f"#{heading['id']}")
            assert term["name"] == terms[heading["id"]]["name"] == heading.get_text().removesuffix("¶")
            assert term["description"] == terms[heading["id"]]["definition"]
            assert term.get("alternateName", []) == terms[heading["id"]]["aliases"]
        defined += [h["id"] for h in headings]
    assert sorted(defined) == sorted(terms)
