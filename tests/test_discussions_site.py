"""Many discussions, one glossary: the project's site with more discussions dropped in, built with --strict."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from conftest import (
    POSTMORTEM,
    REPO,
    SECOND,
    SECOND_USE_OF_ELK,
    Built,
    build_site,
    entry,
    project_copy,
    soup,
)

pytestmark = pytest.mark.build  # whole-site builds


def popover(built: Built, page: str, term_id: str):
    found = soup(built.html(page)).select_one(f'#glossary-popovers [data-popover="{term_id}"]')
    assert found is not None, f"{page} has no popover for {term_id}"
    return found


def nav_discussions(built: Built) -> list[str]:
    nav = soup(built.html("")).select_one("nav.md-nav--primary > ul")
    section = nav.find_all("li", recursive=False)[1]
    return [" ".join(a.get_text().split()) for a in section.select(":scope > nav > ul > li > a")]


def home_discussions(built: Built) -> list[str]:
    return [a.get_text() for a in soup(built.html("")).select("article .discussion-list a")]


@pytest.mark.parametrize(
    "text",
    ["# Only a title\n", "---\ntitle: Only a title\n---\n", "---\ntitle: Only a title\n---\n\nIt mentions ELK.\n"],
    ids=["heading", "front matter", "with text"],
)
def test_a_page_with_nothing_but_a_title_is_a_discussion(tmp_path, text):
    config = project_copy(tmp_path / "project", second_discussion=False)
    (tmp_path / "project" / "docs" / "discussions" / "only-a-title.md").write_text(text, encoding="utf-8")
    built = build_site(config, tmp_path / "site")
    assert built.ok, built.log
    assert "Only a title" in nav_discussions(built)
    assert nav_discussions(built) == home_discussions(built)
    assert soup(built.html("discussions/only-a-title")).select_one("article h1").get_text().startswith("Only a title")


def test_discussions_are_listed_newest_first_then_by_title_in_the_navigation_and_on_the_home_page(tmp_path):
    config = project_copy(tmp_path / "project", second_discussion=False)
    pages = {
        "b-undated.md": "# Beta, undated\n",
        "a-undated.md": "# Alpha, undated\n",
        "old.md": "---\ntitle: Zeta, old\ndate: 2001-05-01\n---\n",
        "new.md": "---\ntitle: Omega, new\ndate: 2031-05-01\n---\n",
    }
    for name, text in pages.items():
        (tmp_path / "project" / "docs" / "discussions" / name).write_text(text, encoding="utf-8")
    built = build_site(config, tmp_path / "site")
    assert built.ok, built.log
    thread = "Which alignment agendas are on track? A comment thread"  # the scrape gives no date
    expected = ["Omega, new", "Zeta, old", "Alpha, undated", "Beta, undated", thread]
    home = home_discussions(built)
    assert [title for title in home if title in expected] == expected  # other discussions may stand between
    assert nav_discussions(built) == home


def test_a_discussion_left_out_of_a_nav_without_the_discussions_folder_fails_with_the_line_to_add(tmp_path):
    config = project_copy(tmp_path / "project", second_discussion=False)
    (tmp_path / "project" / "docs" / f"{SECOND}.md").write_text("# A new discussion\n", encoding="utf-8")
    others = sorted((tmp_path / "project" / "docs" / "discussions").glob("*.md"))
    by_hand = "".join(f"\n      - discussions/{path.name}" for path in others if path.stem != SECOND.split("/")[1])
    listed = f"- Discussions:{by_hand}"  # every discussion by hand, as before, but the new one
    config.write_text(config.read_text(encoding="utf-8").replace("- Discussions: discussions/", listed))
    built = build_site(config, tmp_path / "site")
    assert not built.ok
    assert f"docs/{SECOND}.md: this discussion is not in the nav" in built.log
    assert "Fix: list them all with one entry '- Discussions: discussions/' in mkdocs.yml's nav." in built.log
    (tmp_path / "project" / "docs" / f"{SECOND}.md").unlink()
    assert build_site(config, tmp_path / "site").ok  # every discussion listed by hand is fine too


def test_each_discussion_shows_its_own_use_of_a_shared_term_and_no_other(shared_site):
    thread_elk = popover(shared_site, POSTMORTEM, "elk")
    second_elk = popover(shared_site, SECOND, "elk")
    assert (
        thread_elk.select_one(".glossary-popover__definition").get_text()
        == second_elk.select_one(".glossary-popover__definition").get_text()
    ), "one definition, wherever the term is used"
    thread_use = thread_elk.select_one(".glossary-popover__use")
    assert thread_use.select_one(".glossary-popover__use-label").get_text() == "In this discussion"
    assert "all closely related to ELK" in thread_use.get_text()
    assert SECOND_USE_OF_ELK in second_elk.select_one(".glossary-popover__use").get_text()
    assert "closely related" not in second_elk.get_text()
    assert popover(shared_site, SECOND, "debate").select(".glossary-popover__use") == []  # no use written for it
    # The use comes right after the definition.
    assert thread_use.find_previous_sibling().get("class") == ["glossary-popover__definition"]


def test_the_entry_shows_each_discussions_use_under_its_own_mentions(shared_site):
    section = entry(shared_site, "elk")
    groups = [a["href"] for a in section.select(".term-mentions > p > strong > a")]
    assert groups.index(f"../../{SECOND}/") < groups.index(f"../../{POSTMORTEM}/")  # the site's order
    uses = {p.a["href"]: p.find_next_sibling() for p in section.select(".term-mentions > p") if p.find_next_sibling()}
    second, thread = uses[f"../../{SECOND}/"], uses[f"../../{POSTMORTEM}/"]
    assert second.get("class") == ["term-use"] and thread.get("class") == ["term-use"]
    assert SECOND_USE_OF_ELK in second.get_text() and "all closely related to ELK" in thread.get_text()
    details = section.select_one(".term-details").get_text()
    assert "closely related" not in details


def article(built: Built, page: str):
    """A page's article as the reader reads it: without the list of its terms and the popover store."""
    node = soup(built.html(page)).select_one("article")
    for added in node.select(".terms-on-page, #glossary-popovers"):
        added.decompose()
    return node


def test_a_coinage_is_linked_only_on_the_discussions_it_is_scoped_to(shared_site):
    second = article(shared_site, SECOND)
    assert "spicy claims" in second.get_text() and "spoonfed" in second.get_text()
    assert second.select('[data-term="spicy"], [data-term="spoonfed"]') == []
    assert {a["data-term"] for a in second.select("a.term")} >= {"elk", "debate", "interp"}
    thread = article(shared_site, POSTMORTEM)
    assert thread.select('a.term[data-term="spicy"]') and thread.select('a.term[data-term="spoonfed"]')
    mentions = entry(shared_site, "spicy").select(".term-mentions > p a")
    assert [a["href"] for a in mentions] == [f"../../{POSTMORTEM}/"]


def test_terms_list_and_popovers_of_a_discussion_hold_only_its_terms(shared_site):
    page = soup(shared_site.html(SECOND))
    listed = [a["data-term"] for a in page.select(".terms-on-page a.term")]
    assert listed == ["elk", "debate", "interp"]  # in order of first use; no coinage of another discussion
    first = [div["data-popover"] for div in page.select("#glossary-popovers > [data-popover]:not([data-nested])")]
    assert first == listed  # the rest are nested: reached from these popovers' own links


def rename(project: Path, old: str, new: str, name: str | None = None) -> None:
    """Rename a term's file as a contributor would, keeping its old id in `renamed_from`."""
    terms = project / "annotations" / "terms"
    text = (terms / f"{old}.yml").read_text(encoding="utf-8")
    if name:
        text = re.sub(r"^term: .*$", f"term: {name}", text, count=1, flags=re.MULTILINE)
    (terms / f"{old}.yml").unlink()
    (terms / f"{new}.yml").write_text(text + f"renamed_from: [{old}]\n", encoding="utf-8")


def point_see_also(project: Path, old: str, new: str) -> None:
    for path in (project / "annotations" / "terms").glob("*.yml"):
        text = path.read_text(encoding="utf-8")
        path.write_text(re.sub(rf"(?m)^(see_also: .*)\b{old}\b", rf"\g<1>{new}", text), encoding="utf-8")


def test_a_reference_to_a_former_id_fails_with_the_new_id_as_the_fix(tmp_path):
    config = project_copy(tmp_path / "project", second_discussion=False)
    rename(tmp_path / "project", "elk", "eliciting-latent-knowledge")
    built = build_site(config, tmp_path / "site")
    assert not built.ok
    assert "see_also names 'elk', which was renamed to 'eliciting-latent-knowledge'." in built.log
    assert "Fix: write 'eliciting-latent-knowledge' instead." in built.log


def test_without_renamed_from_a_renamed_file_gets_a_did_you_mean(tmp_path):
    config = project_copy(tmp_path / "project", second_discussion=False)
    terms = tmp_path / "project" / "annotations" / "terms"
    shutil.move(terms / "elk.yml", terms / "eliciting-latent-knowledge.yml")
    built = build_site(config, tmp_path / "site")
    assert not built.ok
    assert "see_also names 'elk', which is not a term id. Did you mean 'eliciting-latent-knowledge'?" in built.log


@pytest.fixture(scope="module")
def renamed_site(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """The project with two terms renamed: ELK keeps its name and letter page; debate becomes
    'AI safety via debate', whose entry moves from the D page to the A page."""
    root = tmp_path_factory.mktemp("renamed")
    config = project_copy(root / "project", second_discussion=False)
    rename(root / "project", "elk", "eliciting-latent-knowledge")
    rename(root / "project", "debate", "ai-safety-via-debate", name="AI safety via debate")
    point_see_also(root / "project", "elk", "eliciting-latent-knowledge")
    point_see_also(root / "project", "debate", "ai-safety-via-debate")
    debate = root / "project" / "annotations" / "terms" / "ai-safety-via-debate.yml"
    debate.write_text(debate.read_text(encoding="utf-8").replace("  - AI safety via debate\n", "  - debate\n", 1))
    built = build_site(config, root / "site", repo_url=REPO, edit_uri="edit/main/docs/")
    assert built.ok, built.log
    return built


def test_a_renamed_terms_old_page_leads_to_its_entry(renamed_site):
    for old, target in [("elk", "../e/#eliciting-latent-knowledge"), ("debate", "../a/#ai-safety-via-debate")]:
        stub = soup(renamed_site.html(f"glossary/{old}"))
        assert stub.find("meta", attrs={"http-equiv": "refresh"})["content"] == f"0; url={target}"
    new = soup(renamed_site.html("glossary/eliciting-latent-knowledge"))
    assert new.find("link", rel="canonical")["href"] == "../e/#eliciting-latent-knowledge"


def test_a_renamed_terms_old_fragment_lands_on_its_entry(renamed_site):
    letter_e = soup(renamed_site.html("glossary/e"))
    target = letter_e.select_one("article #elk")
    assert target is not None and target.find_next_sibling().get("id") == "eliciting-latent-knowledge"
    letter_d = soup(renamed_site.html("glossary/d"))
    moved = letter_d.select_one("article p#debate.glossary-moved")
    assert moved is not None and moved.a["href"] == "../a/#ai-safety-via-debate"
    assert letter_d.select("h2#debate") == []


def test_the_thread_links_a_renamed_term_to_its_new_entry(renamed_site):
    thread = soup(renamed_site.html(POSTMORTEM))
    link = thread.select_one('article a.term[data-term="eliciting-latent-knowledge"]')
    assert link is not None and link["href"] == "../../glossary/e/#eliciting-latent-knowledge"


def test_a_use_s_preview_is_cut_between_sentences_never_inside_emphasis(tmp_path):
    """A popover shows a long use's opening sentences, cut in the rendered use: emphasis (here with
    underscores) opened in one sentence and closed in the next is kept whole, never shown as its
    markup or cut in two."""
    config = project_copy(tmp_path / "project", second_discussion=False)
    elk = tmp_path / "project" / "annotations" / "terms" / "elk.yml"
    use = (
        "In the thread, _the second comment lists four agendas and treats this problem as one of them, "
        "among several others. The third comment_ answers that none of them is on track. A later edit "
        "comes back to the question once more."
    )
    lines, kept, skipping = elk.read_text(encoding="utf-8").splitlines(), [], False
    for line in lines:  # the thread's use, folded over indented lines, replaced by this one
        if line.startswith(f"  {POSTMORTEM}.md:"):
            kept.append(f"  {POSTMORTEM}.md: {use}")
            skipping = True
        elif not (skipping and line.startswith("    ")):
            kept.append(line)
            skipping = False
    elk.write_text("\n".join(kept) + "\n", encoding="utf-8")
    built = build_site(config, tmp_path / "site")
    assert built.ok, built.log
    use = popover(built, POSTMORTEM, "elk").select_one(".glossary-popover__use")
    shown = use.get_text()
    assert "_" not in shown and shown.endswith("none of them is on track.") and "once more." not in shown
    assert use.select_one("em").get_text().endswith("The third comment")
