"""A site is a collection: adding a discussion is adding one Markdown file."""

import pytest

from annotate_cli import main
from conftest import build_site, entry, soup, write_site
from factories import TERM_DEBATE, TERM_ELK

pytestmark = pytest.mark.build  # whole-site builds

DOCS = {
    "index.md": "# Home\n\n## Discussions\n\n<!-- annotations:discussions -->\n",
    "discussions/first.md": """\
        ---
        title: First thread
        description: "A thread: the first."
        ---

        # First thread

        ## Comment 1 {#comment-1}

        Is ELK solved? Not `ELK` in code.

        ## Comment 2 {#comment-2}

        Try [ELK in a link](#comment-1) or debate.
        """,
    "discussions/second.md": """\
        ---
        title: Second essay
        ---

        # Second essay

        Debate helps with ELK.
        """,
}


def test_two_discussions_share_one_glossary(tmp_path):
    built = build_site(write_site(tmp_path, DOCS, {"elk.yml": TERM_ELK, "debate.yml": TERM_DEBATE}), tmp_path / "site")
    assert built.ok, built.log

    nav = [a.get_text(strip=True) for a in soup(built.html("")).select("nav.md-nav--primary a.md-nav__link")]
    assert "First thread" in nav and "Second essay" in nav

    home = soup(built.html("")).select_one("article")
    assert [a.get_text() for a in home.select("ul a")] == ["First thread", "Second essay"]
    assert "A thread: the first." in home.get_text()

    mentions = entry(built, "elk", tmp_path / "annotations").select_one(".term-mentions")
    assert [a.get_text() for a in mentions.select("p strong a")] == ["First thread", "Second essay"]
    assert [a["href"] for a in mentions.select("li > a")] == [
        "../../discussions/first/#mention-elk-1",
        "../../discussions/second/#mention-elk-1",
    ]
    assert [a.get_text() for a in mentions.select("li > a")] == ["Comment 1", "Second essay"]


def test_code_headings_and_links_stay_unlinked(tmp_path):
    built = build_site(write_site(tmp_path, DOCS, {"elk.yml": TERM_ELK, "debate.yml": TERM_DEBATE}), tmp_path / "site")
    page = soup(built.html("discussions/first")).select_one("article")
    assert [a.get_text() for a in page.select("a.term[id]")] == ["ELK", "debate"]
    assert page.select_one("code").get_text() == "ELK"
    assert page.find("a", href="#comment-1").get_text() == "ELK in a link"
    assert page.select("h1 a.term, h2 a.term") == []


@pytest.mark.parametrize(
    "path, text, message",
    [
        ("glossary/elk.md", "# mine\n", "docs/glossary/elk.md: this path is generated from the annotations"),
        (
            "discussions/third.md",
            "---\ntitle: A: B\n---\n\n# Third\n",
            "docs/discussions/third.md:2: YAML syntax error: mapping values are not allowed",
        ),
        (
            "discussions/third.md",
            "---\nlink_terms: once\n---\n\n# Third\n",
            "docs/discussions/third.md:2: 'link_terms' is 'once'. Fix: write 'link_terms: ' and "
            "one of first-use-per-section, first-use-per-page, every-use, or leave it out.",
        ),
    ],
)
def test_bad_pages_fail_the_strict_build(tmp_path, path, text, message):
    docs = {**DOCS, path: text}
    built = build_site(write_site(tmp_path, docs, {"elk.yml": TERM_ELK, "debate.yml": TERM_DEBATE}), tmp_path / "site")
    assert not built.ok
    assert message in built.log


def test_a_page_can_link_every_use_of_its_terms(tmp_path):
    docs = {**DOCS, "discussions/third.md": "---\nlink_terms: every-use\n---\n\n# Third\n\nELK and ELK.\n"}
    built = build_site(write_site(tmp_path, docs, {"elk.yml": TERM_ELK, "debate.yml": TERM_DEBATE}), tmp_path / "site")
    assert built.ok, built.log
    page = soup(built.html("discussions/third")).select_one("article")
    assert len(page.select("p a.term[href][id]")) == 2


def test_a_site_without_a_repository_shows_no_edit_links(tmp_path):
    built = build_site(write_site(tmp_path, DOCS, {"elk.yml": TERM_ELK, "debate.yml": TERM_DEBATE}), tmp_path / "site")
    assert built.ok, built.log
    assert "term-edit" not in built.html("glossary/e") and 'rel="edit"' not in built.html("discussions/first")


def test_a_discussion_without_sections_lists_its_terms_after_its_title(tmp_path):
    docs = {**DOCS, "discussions/flat.md": "# Flat\n\nELK and debate.\n"}
    built = build_site(write_site(tmp_path, docs, {"elk.yml": TERM_ELK, "debate.yml": TERM_DEBATE}), tmp_path / "site")
    assert built.ok, built.log
    article = soup(built.html("discussions/flat")).select_one("article")
    assert [tag.name for tag in article.find_all(["h1", "nav"])][:2] == ["h1", "nav"]


@pytest.mark.parametrize(
    "edit_uri, link",
    [("edit/main/docs/", "https://e.org/r/edit/main/annotations/terms/elk.yml"), ("?path=/docs/", None)],
)
def test_entries_link_to_their_file_only_where_the_address_is_known(tmp_path, edit_uri, link):
    config = write_site(tmp_path, DOCS, {"elk.yml": TERM_ELK, "debate.yml": TERM_DEBATE})
    built = build_site(config, tmp_path / "site", repo_url="https://e.org/r", edit_uri=edit_uri)
    assert built.ok, built.log
    found = soup(built.html("glossary/e")).select_one(".term-edit a")
    assert (found["href"] if found else None) == link


# Jargon candidates: the command and the build log list the jargon no term covers (both build the site).

CANDIDATE_DOCS = {
    "index.md": "# Home\n",
    "discussions/one.md": "---\ntitle: One\n---\n\n# One\n\nELK and debate, but not RLCT or `XYZ` code.\n",
}


def test_the_command_lists_what_no_term_covers(tmp_path, capsys):
    config = write_site(tmp_path, CANDIDATE_DOCS, {"elk.yml": TERM_ELK, "debate.yml": TERM_DEBATE})
    assert main(["candidates", "-f", str(config)]) == 0
    out = capsys.readouterr().out
    assert "1 candidate terms without an annotation" in out
    assert "RLCT  [acronym, ×1]  discussions/one.md: “…ELK and debate, but not RLCT or" in out
    assert "ELK  [" not in out and "XYZ" not in out


def test_the_build_log_has_a_line_of_jargon_candidates(tmp_path):
    built = build_site(
        write_site(tmp_path, CANDIDATE_DOCS, {"elk.yml": TERM_ELK, "debate.yml": TERM_DEBATE}), tmp_path / "site"
    )
    assert built.ok
    assert "jargon candidates: 1 candidate terms in the discussions have no annotation: RLCT (×1)." in built.log
